/**
 * Server-side defaulting, as the API server fills in fields the manifest left out
 * (kubernetes pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go).
 */
import type { KObj } from './types';

export function imagePullPolicy(image: string): string {
  // core/v1 defaults.go SetDefaults_Container: Always for ":latest" or no tag, else IfNotPresent.
  const last = image.split('/').pop() ?? image;
  const tag = last.includes('@') ? 'digest' : last.includes(':') ? last.split(':').pop() : '';
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: KObj): void {
  if (!c || typeof c !== 'object') return;
  if (typeof c.image === 'string' && !c.imagePullPolicy) c.imagePullPolicy = imagePullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (Array.isArray(c.ports)) for (const p of c.ports) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  if (Array.isArray(c.env))
    for (const e of c.env) {
      const f = e?.valueFrom?.fieldRef;
      if (f && typeof f === 'object') f.apiVersion ??= 'v1';
    }
}

export function defaultPodSpec(spec: KObj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  if (Array.isArray(spec.containers)) spec.containers.forEach(defaultContainer);
  if (Array.isArray(spec.initContainers)) spec.initContainers.forEach(defaultContainer);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

export function applyDefaults(obj: KObj): void {
  const spec = obj.spec;
  switch (obj.kind) {
    case 'Deployment':
      if (!spec || typeof spec !== 'object') return;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      if ((spec.strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
        spec.strategy.type = 'RollingUpdate';
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      spec.template ??= {};
      spec.template.metadata ??= {};
      spec.template.metadata.creationTimestamp ??= null;
      defaultPodSpec(spec.template.spec);
      return;
    case 'ReplicaSet':
      if (spec?.template) defaultPodSpec(spec.template.spec);
      return;
    case 'Pod':
      defaultPodSpec(spec);
      if (spec && typeof spec === 'object') {
        spec.serviceAccountName ??= 'default';
        spec.serviceAccount ??= spec.serviceAccountName;
        spec.enableServiceLinks ??= true;
        spec.preemptionPolicy ??= 'PreemptLowerPriority';
        spec.priority ??= 0;
      }
      return;
    case 'Service':
      if (!spec || typeof spec !== 'object') return;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.internalTrafficPolicy ??= 'Cluster';
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
      if (Array.isArray(spec.ports))
        for (const p of spec.ports) {
          if (!p || typeof p !== 'object') continue;
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
        }
      return;
    case 'Secret':
      obj.type ??= 'Opaque';
      return;
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
      return;
  }
}

/** "25%" of n, rounded up (surge) or down (unavailable), as intstr.GetScaledValueFromIntOrPercent. */
export function scaled(v: unknown, n: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (parseInt(v, 10) * n) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}
