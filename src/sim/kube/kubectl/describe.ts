/**
 * `kubectl describe`, following k8s.io/kubectl pkg/describe/describe.go (DeploymentDescriber, PodDescriber,
 * ReplicaSetDescriber, ServiceDescriber, ...). Sections are aligned the way its tabwriter
 * (minwidth 0, tabwidth 8, padding 2) aligns consecutive lines that share a column.
 */
import type { Cluster, KEvent } from '../cluster/cluster';
import type { KObj } from '../cluster/types';
import { humanDuration } from './format';
import { labelsString, podStatus } from './printers';
import { endpointsOf } from '../cluster/network';
import { replicaSetsOf, podsOf } from '../cluster/controllers';
import { LAST_APPLIED } from '../cluster/cluster';
import type { ResourceKind } from './resources';

/** Go text/tabwriter semantics: a column is aligned over a run of consecutive lines that have a cell in it. */
export function tabwrite(lines: string[], padding = 2): string {
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[][] = cells.map(() => []);
  const format = (start: number, end: number, col: number) => {
    let i = start;
    while (i < end) {
      if (cells[i]!.length - 1 <= col) {
        i++;
        continue;
      }
      let j = i;
      let w = 0;
      while (j < end && cells[j]!.length - 1 > col) {
        w = Math.max(w, cells[j]![col]!.length + padding);
        j++;
      }
      for (let k = i; k < j; k++) widths[k]![col] = w;
      format(i, j, col + 1);
      i = j;
    }
  };
  format(0, cells.length, 0);
  return cells.map((cs, i) => cs.map((c, k) => (k < cs.length - 1 ? c.padEnd(widths[i]![k]!) : c)).join('')).join('\n') + '\n';
}

/** RFC 1123 with numeric zone, as describe prints times: `Thu, 01 Jan 2026 12:00:00 +0000`. */
export function describeTime(ts: string | undefined): string {
  if (!ts) return '<unset>';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

class W {
  lines: string[] = [];
  line(level: number, ...cells: string[]): void {
    this.lines.push('  '.repeat(level) + cells.join('\t'));
  }
  /** Multi-line values (labels, annotations) continue under the value column. */
  map(level: number, key: string, m: Record<string, string> | undefined, skip: string[] = []): void {
    const ks = Object.keys(m ?? {}).filter((k) => !skip.includes(k)).sort();
    if (!ks.length) return this.line(level, key, '<none>');
    ks.forEach((k, i) => this.line(level, i === 0 ? key : '', `${k}=${m![k]}`));
  }
  annotations(level: number, m: Record<string, string> | undefined): void {
    const ks = Object.keys(m ?? {}).filter((k) => k !== LAST_APPLIED).sort();
    if (!ks.length) return this.line(level, 'Annotations:', '<none>');
    ks.forEach((k, i) => this.line(level, i === 0 ? 'Annotations:' : '', `${k}: ${m![k]}`));
  }
  toString(): string {
    return tabwrite(this.lines);
  }
}

function events(w: W, c: Cluster, list: KEvent[]): void {
  if (!list.length) return w.line(0, 'Events:', '<none>');
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of list) {
    const a = humanDuration(c.now() - e.last);
    const ageText = e.count > 1 ? `${a} (x${e.count} over ${humanDuration(c.now() - e.first)})` : a;
    w.line(1, e.type, e.reason, ageText, e.source, e.message);
  }
}

function envLines(w: W, level: number, container: KObj, pod: KObj | null, resolved: Record<string, string> | null): void {
  const env: KObj[] = container.env ?? [];
  if (!env.length && !(container.envFrom ?? []).length) return w.line(level, 'Environment:', '<none>');
  w.line(level, 'Environment:');
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) w.line(level + 1, `${e.name}:`, String(e.value ?? ''));
    else if (vf.fieldRef)
      w.line(level + 1, `${e.name}:`, `${pod && resolved ? (resolved[e.name] ?? '') + ' ' : ' '}(${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})`);
    else if (vf.resourceFieldRef) w.line(level + 1, `${e.name}:`, `${resolved?.[e.name] ?? ''} (${vf.resourceFieldRef.containerName ?? container.name}:${vf.resourceFieldRef.resource})`);
    else if (vf.configMapKeyRef)
      w.line(level + 1, `${e.name}:`, `<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>`, `Optional: ${!!vf.configMapKeyRef.optional}`);
    else if (vf.secretKeyRef)
      w.line(level + 1, `${e.name}:`, `<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>`, `Optional: ${!!vf.secretKeyRef.optional}`);
  }
  for (const f of container.envFrom ?? []) {
    if (f.configMapRef) w.line(level + 1, `${f.configMapRef.name}`, `ConfigMap`, `Optional: ${!!f.configMapRef.optional}`);
    if (f.secretRef) w.line(level + 1, `${f.secretRef.name}`, `Secret`, `Optional: ${!!f.secretRef.optional}`);
  }
}

function containerLines(w: W, c: Cluster, level: number, ct: KObj, pod: KObj | null): void {
  // describe.go describeContainers: in a pod the name is at LEVEL_1; in a pod template it gets one extra space.
  if (pod) w.line(level, `${ct.name}:`);
  else w.lines.push(' '.repeat(2 * (level - 1) + 1) + `${ct.name}:`);
  const l = pod ? level + 1 : level;
  const st = pod ? (pod.status?.containerStatuses ?? []).find((s: KObj) => s.name === ct.name) : null;
  if (pod) w.line(l, 'Container ID:', st?.containerID ?? '');
  w.line(l, 'Image:', ct.image ?? '');
  if (pod) w.line(l, 'Image ID:', st?.imageID ?? '');
  const ports: KObj[] = ct.ports ?? [];
  if (!ports.length) {
    w.line(l, 'Port:', '<none>');
    w.line(l, 'Host Port:', '<none>');
  } else {
    w.line(l, ports.length > 1 ? 'Ports:' : 'Port:', ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '));
    w.line(l, ports.length > 1 ? 'Host Ports:' : 'Host Port:', ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '));
  }
  for (const [key, list] of [['Command:', ct.command], ['Args:', ct.args]] as const) {
    if (!Array.isArray(list) || !list.length) continue;
    w.line(l, key);
    for (const a of list) for (const part of String(a).split('\n')) w.line(l + 1, part);
  }
  if (pod) {
    if (st?.state?.running) {
      w.line(l, 'State:', 'Running');
      w.line(l + 1, 'Started:', describeTime(st.state.running.startedAt));
    } else if (st?.state?.terminated) {
      w.line(l, 'State:', 'Terminated');
      w.line(l + 1, 'Reason:', st.state.terminated.reason ?? '');
      w.line(l + 1, 'Exit Code:', String(st.state.terminated.exitCode));
    } else {
      w.line(l, 'State:', 'Waiting');
      w.line(l + 1, 'Reason:', st?.state?.waiting?.reason ?? 'ContainerCreating');
    }
    if (st?.lastState?.terminated) {
      w.line(l, 'Last State:', 'Terminated');
      w.line(l + 1, 'Reason:', st.lastState.terminated.reason ?? 'Error');
      w.line(l + 1, 'Exit Code:', String(st.lastState.terminated.exitCode));
    }
    w.line(l, 'Ready:', st?.ready ? 'True' : 'False');
    w.line(l, 'Restart Count:', String(st?.restartCount ?? 0));
  }
  const resolved = pod ? Object.fromEntries(c.runtime.containerEnvironment(pod, ct).map((x) => [x.name, x.value])) : null;
  envLines(w, l, ct, pod, resolved);
  if (pod) w.line(l, 'Mounts:');
  else w.line(l, 'Mounts:', '<none>');
  if (pod) w.line(l + 1, `/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-${pod.metadata.uid.slice(0, 5).replace(/[^a-z0-9]/g, 'x')} (ro)`);
}

function podTemplate(w: W, c: Cluster, t: KObj): void {
  w.line(0, 'Pod Template:');
  w.map(1, 'Labels:', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) {
    const ks = Object.keys(t.metadata.annotations).sort();
    ks.forEach((k, i) => w.line(1, i === 0 ? 'Annotations:' : '', `${k}: ${t.metadata.annotations[k]}`));
  }
  w.line(1, 'Containers:');
  for (const ct of t.spec?.containers ?? []) containerLines(w, c, 2, ct, null);
  w.line(1, 'Volumes:', (t.spec?.volumes ?? []).length ? (t.spec.volumes as KObj[]).map((v) => v.name).join(', ') : '<none>');
  w.line(1, 'Node-Selectors:', '<none>');
  w.line(1, 'Tolerations:', '<none>');
}

function conditionsTable(w: W, conds: KObj[], withReason: boolean): void {
  w.line(0, 'Conditions:');
  w.line(1, 'Type', 'Status', ...(withReason ? ['Reason'] : []));
  w.line(1, '----', '------', ...(withReason ? ['------'] : []));
  for (const x of conds) w.line(1, x.type, withReason ? x.status : x.status + ' ', ...(withReason ? [x.reason ?? ''] : []));
}

export function describe(c: Cluster, kind: ResourceKind, o: KObj): string {
  const w = new W();
  const md = o.metadata;
  w.line(0, 'Name:', md.name);
  if (md.namespace) w.line(0, 'Namespace:', md.namespace);
  switch (kind) {
    case 'Deployment': {
      w.line(0, 'CreationTimestamp:', describeTime(md.creationTimestamp));
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      w.line(0, 'Selector:', labelsString(o.spec.selector?.matchLabels));
      const st = o.status ?? {};
      w.line(0, 'Replicas:', `${o.spec.replicas} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`);
      w.line(0, 'StrategyType:', o.spec.strategy?.type ?? 'RollingUpdate');
      w.line(0, 'MinReadySeconds:', String(o.spec.minReadySeconds ?? 0));
      if (o.spec.strategy?.rollingUpdate)
        w.line(0, 'RollingUpdateStrategy:', `${o.spec.strategy.rollingUpdate.maxUnavailable} max unavailable, ${o.spec.strategy.rollingUpdate.maxSurge} max surge`);
      podTemplate(w, c, o.spec.template);
      conditionsTable(w, st.conditions ?? [], true);
      const rss = replicaSetsOf(c, c.raw('Deployment', md.namespace, md.name) ?? o);
      const rev = (r: KObj) => r.metadata.annotations?.['deployment.kubernetes.io/revision'];
      const newRS = rss.find((r) => rev(r) === md.annotations?.['deployment.kubernetes.io/revision']);
      const old = rss.filter((r) => r !== newRS && (r.spec.replicas > 0 || (r.status?.replicas ?? 0) > 0));
      const fmt = (r: KObj) => `${r.metadata.name} (${r.status?.replicas ?? 0}/${r.spec.replicas} replicas created)`;
      w.line(0, 'OldReplicaSets:', old.length ? old.map(fmt).join(', ') : '<none>');
      w.line(0, 'NewReplicaSet:', newRS ? fmt(newRS) : '<none>');
      break;
    }
    case 'ReplicaSet': {
      w.line(0, 'Selector:', labelsString(o.spec.selector?.matchLabels));
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      const owner = (md.ownerReferences ?? [])[0];
      if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
      w.line(0, 'Replicas:', `${o.status?.replicas ?? 0} current / ${o.spec.replicas} desired`);
      const pods = podsOf(c, c.raw('ReplicaSet', md.namespace, md.name) ?? o);
      const count = (s: string) => pods.filter((p) => p.status?.phase === s).length;
      w.line(0, 'Pods Status:', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
      podTemplate(w, c, o.spec.template);
      break;
    }
    case 'Pod': {
      w.line(0, 'Priority:', String(o.spec.priority ?? 0));
      w.line(0, 'Service Account:', o.spec.serviceAccountName ?? 'default');
      w.line(0, 'Node:', o.spec.nodeName ? `${o.spec.nodeName}/${o.status?.hostIP ?? ''}` : '<none>');
      w.line(0, 'Start Time:', o.status?.startTime ? describeTime(o.status.startTime) : '<unset>');
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      w.line(0, 'Status:', md.deletionTimestamp ? 'Terminating (lasts <invalid>)' : (o.status?.phase ?? 'Pending'));
      if (md.deletionTimestamp) {
        w.line(0, 'Termination Grace Period:', `${md.deletionGracePeriodSeconds ?? 30}s`);
      }
      w.line(0, 'IP:', o.status?.podIP ?? '');
      if (o.status?.podIP) w.line(0, 'IPs:');
      else w.line(0, 'IPs:', '<none>');
      if (o.status?.podIP) w.line(1, 'IP:', o.status.podIP);
      const owner = (md.ownerReferences ?? [])[0];
      if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
      w.line(0, 'Containers:');
      for (const ct of o.spec.containers ?? []) containerLines(w, c, 1, ct, o);
      if ((o.status?.conditions ?? []).length) conditionsTable(w, o.status.conditions, false);
      w.line(0, 'Volumes:');
      w.line(1, `kube-api-access-${md.uid.slice(0, 5).replace(/[^a-z0-9]/g, 'x')}:`);
      w.line(2, 'Type:', 'Projected (a volume that contains injected data from multiple sources)');
      w.line(2, 'TokenExpirationSeconds:', '3607');
      w.line(2, 'ConfigMapName:', 'kube-root-ca.crt');
      w.line(2, 'Optional:', 'false');
      w.line(2, 'DownwardAPI:', 'true');
      w.line(0, 'QoS Class:', o.status?.qosClass ?? 'BestEffort');
      w.line(0, 'Node-Selectors:', '<none>');
      w.line(0, 'Tolerations:', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
      w.line(0, '', 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
      void podStatus;
      break;
    }
    case 'Service': {
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      w.line(0, 'Selector:', o.spec.selector ? labelsString(o.spec.selector) : '<none>');
      w.line(0, 'Type:', o.spec.type);
      w.line(0, 'IP Family Policy:', o.spec.ipFamilyPolicy ?? 'SingleStack');
      w.line(0, 'IP Families:', (o.spec.ipFamilies ?? ['IPv4']).join(','));
      w.line(0, 'IP:', o.spec.clusterIP ?? '<none>');
      w.line(0, 'IPs:', (o.spec.clusterIPs ?? [o.spec.clusterIP]).join(','));
      const eps = endpointsOf(c, o);
      for (const p of o.spec.ports ?? []) {
        const nm = p.name ?? '<unset>';
        w.line(0, 'Port:', nm, `${p.port}/${p.protocol}`);
        w.line(0, 'TargetPort:', `${p.targetPort}/${p.protocol}`);
        if (p.nodePort) w.line(0, 'NodePort:', nm, `${p.nodePort}/${p.protocol}`);
        const mine = c.readyPodsFor(md.namespace, o.spec.selector).map((pod) => `${pod.status.podIP}:${typeof p.targetPort === 'number' ? p.targetPort : p.targetPort}`);
        w.line(0, 'Endpoints:', md.name === 'kubernetes' ? `${c.nodeIP}:8443` : mine.join(',') || '<none>');
      }
      void eps;
      w.line(0, 'Session Affinity:', o.spec.sessionAffinity ?? 'None');
      if (o.spec.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', o.spec.externalTrafficPolicy);
      w.line(0, 'Internal Traffic Policy:', o.spec.internalTrafficPolicy ?? 'Cluster');
      break;
    }
    case 'ConfigMap':
    case 'Secret': {
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      w.lines.push('');
      if (kind === 'Secret') {
        w.line(0, 'Type:', o.type ?? 'Opaque');
        w.lines.push('', 'Data', '====');
        for (const k of Object.keys(o.data ?? {}).sort()) w.line(0, `${k}:`, `${atobLen(o.data[k])} bytes`);
      } else {
        w.lines.push('Data', '====');
        for (const k of Object.keys(o.data ?? {}).sort()) {
          w.lines.push(`${k}:`, '----', String(o.data[k]), '');
        }
        w.lines.push('', 'BinaryData', '====', '');
      }
      break;
    }
    case 'Namespace': {
      w.map(0, 'Labels:', md.labels);
      w.annotations(0, md.annotations);
      w.line(0, 'Status:', o.status?.phase ?? 'Active');
      w.lines.push('');
      w.line(0, 'No resource quota.');
      w.lines.push('');
      w.line(0, 'No LimitRange resource.');
      return w.toString();
    }
    case 'Node': {
      w.line(0, 'Roles:', 'control-plane');
      w.map(0, 'Labels:', md.labels);
      w.line(0, 'CreationTimestamp:', describeTime(md.creationTimestamp));
      w.line(0, 'Addresses:');
      for (const a of o.status?.addresses ?? []) w.line(1, `${a.type}:`, a.address);
      w.line(0, 'PodCIDR:', o.spec?.podCIDR ?? '');
      break;
    }
    case 'Endpoints': {
      w.map(0, 'Labels:', md.labels);
      w.line(0, 'Subsets:');
      w.line(1, 'Addresses:', endpointsOf(c, o).map((e) => e.split(':')[0]).join(',') || '<none>');
      break;
    }
  }
  events(w, c, c.eventsFor(o));
  return w.toString();
}

function atobLen(v: string): number {
  try {
    return atob(v).length;
  } catch {
    return 0;
  }
}
