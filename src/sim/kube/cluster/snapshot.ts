/** A plain, serialisable view of the cluster for lesson checks and the UI (no live objects). */
import type { Cluster } from './cluster';
import type { KObj } from './types';
import { endpointsOf } from './network';
import { podStatus } from '../kubectl/printers';

export interface PodSnapshot {
  name: string;
  namespace: string;
  phase: string;
  /** What `kubectl get pods` shows in STATUS (Running, ContainerCreating, Terminating, CrashLoopBackOff ...). */
  status: string;
  ready: boolean;
  ip: string | null;
  labels: Record<string, string>;
  owner: string | null;
  /** The first container's resolved environment (as `kubectl exec POD -- env` shows it, without PATH/HOME). */
  env: Record<string, string>;
  containers: { name: string; image: string; env: Record<string, string> }[];
}

export interface ClusterSnapshot {
  deployments: {
    name: string;
    namespace: string;
    replicas: number;
    ready: number;
    updated: number;
    available: number;
    revision: number;
    images: string[];
    env: Record<string, { name: string; value?: string; valueFrom?: unknown }[]>;
    rolledOut: boolean;
  }[];
  replicaSets: { name: string; namespace: string; owner: string | null; desired: number; ready: number; revision: number; hash: string | null }[];
  pods: PodSnapshot[];
  services: {
    name: string;
    namespace: string;
    type: string;
    clusterIP: string | null;
    ports: { name: string | null; port: number; targetPort: number | string; nodePort: number | null; protocol: string }[];
    endpoints: string[];
  }[];
  configMaps: { name: string; namespace: string; data: Record<string, string> }[];
  namespaces: string[];
}

export function snapshotCluster(c: Cluster): ClusterSnapshot {
  const ready = (p: KObj) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((x: KObj) => x.type === 'Ready' && x.status === 'True');
  const pods: PodSnapshot[] = c
    .rawList('Pod')
    .filter((p) => p.metadata.namespace !== 'kube-system')
    .map((p) => {
      const containers = (p.spec?.containers ?? []).map((ct: KObj) => {
        const env: Record<string, string> = {};
        if (c.runtime.isRunning(p)) for (const e of c.runtime.containerEnvironment(p, ct)) if (e.name !== 'PATH' && e.name !== 'HOME') env[e.name] = e.value;
        return { name: ct.name, image: ct.image, env };
      });
      return {
        name: p.metadata.name,
        namespace: p.metadata.namespace,
        phase: p.status?.phase ?? 'Pending',
        status: podStatus(p),
        ready: ready(p),
        ip: p.status?.podIP ?? null,
        labels: { ...(p.metadata.labels ?? {}) },
        owner: p.metadata.ownerReferences?.[0]?.name ?? null,
        env: containers[0]?.env ?? {},
        containers,
      };
    });
  return {
    deployments: c.rawList('Deployment').map((d) => {
      const want = d.spec?.replicas ?? 1;
      const st = d.status ?? {};
      const env: Record<string, { name: string; value?: string; valueFrom?: unknown }[]> = {};
      for (const ct of d.spec?.template?.spec?.containers ?? []) env[ct.name] = JSON.parse(JSON.stringify(ct.env ?? []));
      return {
        name: d.metadata.name,
        namespace: d.metadata.namespace,
        replicas: want,
        ready: st.readyReplicas ?? 0,
        updated: st.updatedReplicas ?? 0,
        available: st.availableReplicas ?? 0,
        revision: parseInt(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0', 10),
        images: (d.spec?.template?.spec?.containers ?? []).map((x: KObj) => x.image),
        env,
        rolledOut: (st.updatedReplicas ?? 0) === want && (st.replicas ?? 0) === want && (st.availableReplicas ?? 0) === want,
      };
    }),
    replicaSets: c.rawList('ReplicaSet').map((r) => ({
      name: r.metadata.name,
      namespace: r.metadata.namespace,
      owner: r.metadata.ownerReferences?.[0]?.name ?? null,
      desired: r.spec?.replicas ?? 0,
      ready: r.status?.readyReplicas ?? 0,
      revision: parseInt(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0', 10),
      hash: r.metadata.labels?.['pod-template-hash'] ?? null,
    })),
    pods,
    services: c.rawList('Service').map((s) => ({
      name: s.metadata.name,
      namespace: s.metadata.namespace,
      type: s.spec?.type ?? 'ClusterIP',
      clusterIP: s.spec?.clusterIP ?? null,
      ports: (s.spec?.ports ?? []).map((p: KObj) => ({ name: p.name ?? null, port: p.port, targetPort: p.targetPort ?? p.port, nodePort: p.nodePort ?? null, protocol: p.protocol ?? 'TCP' })),
      endpoints: endpointsOf(c, s),
    })),
    configMaps: c.rawList('ConfigMap').map((m) => ({ name: m.metadata.name, namespace: m.metadata.namespace, data: { ...(m.data ?? {}) } })),
    namespaces: c.rawList('Namespace').map((n) => n.metadata.name),
  };
}
