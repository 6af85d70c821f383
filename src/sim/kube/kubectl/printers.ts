/**
 * The columns of `kubectl get` for each kind, as the API server's table convertor prints them
 * (kubernetes pkg/printers/internalversion/printers.go: printPod, printDeployment, printReplicaSet, printService,
 * printConfigMap, printSecret, printNamespace, printNode, printEndpoints).
 */
import type { Cluster } from '../cluster/cluster';
import type { KObj } from '../cluster/types';
import { age } from './format';
import type { ResourceKind } from './resources';
import { endpointsOf } from '../cluster/network';

export interface Columns {
  header: string[];
  row: (o: KObj) => string[];
}

function containersAndImages(spec: KObj | undefined): [string, string] {
  const cs: KObj[] = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

function selectorString(sel: KObj | undefined): string {
  if (!sel) return '<none>';
  const ml = sel.matchLabels ?? (sel.matchExpressions ? {} : sel);
  const parts = Object.keys(ml).sort().map((k) => `${k}=${ml[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push('!' + e.key);
  }
  return parts.length ? parts.join(',') : '<none>';
}

export function labelsString(l: Record<string, string> | undefined): string {
  const ks = Object.keys(l ?? {}).sort();
  return ks.length ? ks.map((k) => `${k}=${l![k]}`).join(',') : '<none>';
}

/** printPod's STATUS: the reason of the first waiting/terminated container, Terminating, or the phase. */
export function podStatus(p: KObj): string {
  let reason: string = p.status?.reason ?? p.status?.phase ?? 'Pending';
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
    else if (cs.state?.terminated) reason = cs.state.terminated.signal ? `Signal:${cs.state.terminated.signal}` : `ExitCode:${cs.state.terminated.exitCode}`;
  }
  if (p.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function podReady(p: KObj): string {
  const cs: KObj[] = p.status?.containerStatuses ?? [];
  const total = (p.spec?.containers ?? []).length;
  return `${cs.filter((c) => c.ready).length}/${total}`;
}

function podRestarts(p: KObj, now: number): string {
  const cs: KObj[] = p.status?.containerStatuses ?? [];
  const n = cs.reduce((a, c) => a + (c.restartCount ?? 0), 0);
  const last = cs
    .map((c) => c.lastState?.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
  return n && last ? `${n} (${age(last, now)} ago)` : String(n);
}

function servicePorts(s: KObj): string {
  const ports: KObj[] = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}

function externalIp(s: KObj): string {
  const ext: string[] = s.spec?.externalIPs ?? [];
  if (s.spec?.type === 'LoadBalancer') return ext.length ? ext.join(',') : '<pending>';
  if (s.spec?.type === 'ExternalName') return s.spec.externalName;
  return ext.length ? ext.join(',') : '<none>';
}

export function columns(c: Cluster, kind: ResourceKind, wide: boolean): Columns {
  const now = c.now();
  const ageOf = (o: KObj) => age(o.metadata.creationTimestamp, now);
  switch (kind) {
    case 'Pod':
      return {
        header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
        row: (p) => [
          p.metadata.name,
          podReady(p),
          podStatus(p),
          podRestarts(p, now),
          ageOf(p),
          ...(wide ? [p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>', '<none>', '<none>'] : []),
        ],
      };
    case 'Deployment':
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (d) => [
          d.metadata.name,
          `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
          String(d.status?.updatedReplicas ?? 0),
          String(d.status?.availableReplicas ?? 0),
          ageOf(d),
          ...(wide ? [...containersAndImages(d.spec?.template?.spec), selectorString(d.spec?.selector)] : []),
        ],
      };
    case 'ReplicaSet':
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (r) => [
          r.metadata.name,
          String(r.spec?.replicas ?? 0),
          String(r.status?.replicas ?? 0),
          String(r.status?.readyReplicas ?? 0),
          ageOf(r),
          ...(wide ? [...containersAndImages(r.spec?.template?.spec), selectorString(r.spec?.selector)] : []),
        ],
      };
    case 'Service':
      return {
        header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
        row: (s) => [
          s.metadata.name,
          s.spec?.type ?? 'ClusterIP',
          s.spec?.clusterIP ?? '<none>',
          externalIp(s),
          servicePorts(s),
          ageOf(s),
          ...(wide ? [s.spec?.selector ? labelsString(s.spec.selector) : '<none>'] : []),
        ],
      };
    case 'ConfigMap':
      return { header: ['NAME', 'DATA', 'AGE'], row: (m) => [m.metadata.name, String(Object.keys(m.data ?? {}).length + Object.keys(m.binaryData ?? {}).length), ageOf(m)] };
    case 'Secret':
      return { header: ['NAME', 'TYPE', 'DATA', 'AGE'], row: (s) => [s.metadata.name, s.type ?? 'Opaque', String(Object.keys(s.data ?? {}).length), ageOf(s)] };
    case 'Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (n) => [n.metadata.name, n.status?.phase ?? 'Active', ageOf(n)] };
    case 'Node':
      return {
        header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
        row: (n) => {
          const roles = Object.keys(n.metadata.labels ?? {})
            .filter((k) => k.startsWith('node-role.kubernetes.io/'))
            .map((k) => k.slice('node-role.kubernetes.io/'.length))
            .sort();
          const ready = (n.status?.conditions ?? []).find((x: KObj) => x.type === 'Ready')?.status === 'True';
          const info = n.status?.nodeInfo ?? {};
          return [
            n.metadata.name,
            ready ? 'Ready' : 'NotReady',
            roles.length ? roles.join(',') : '<none>',
            ageOf(n),
            info.kubeletVersion ?? '',
            ...(wide
              ? [
                  (n.status?.addresses ?? []).find((a: KObj) => a.type === 'InternalIP')?.address ?? '<none>',
                  '<none>',
                  info.osImage ?? '',
                  info.kernelVersion ?? '',
                  info.containerRuntimeVersion ?? '',
                ]
              : []),
          ];
        },
      };
    case 'Endpoints':
      return {
        header: ['NAME', 'ENDPOINTS', 'AGE'],
        row: (s) => {
          const eps = s.metadata.name === 'kubernetes' && s.metadata.namespace === 'default' ? [`${c.nodeIP}:8443`] : endpointsOf(c, s);
          const shown = eps.slice(0, 3).join(',') + (eps.length > 3 ? ` + ${eps.length - 3} more...` : '');
          return [s.metadata.name, eps.length ? shown : '<none>', ageOf(s)];
        },
      };
  }
}
