/** The cluster as lesson checks see it: objects with labels and a "ready" verdict, and pods with their env. */
import type { World } from '../sim/world';
import { getCluster, type KObj, type KindName } from '../sim/kube';

export interface KubeObjectView {
  name: string;
  labels: Record<string, string>;
  ready: boolean;
  object: KObj;
}

/** Ready as `kubectl rollout status` / `kubectl get` would call it, per kind. */
function isReady(o: KObj): boolean {
  const st = o.status ?? {};
  switch (o.kind) {
    case 'Deployment': {
      const want = o.spec?.replicas ?? 1;
      return (st.updatedReplicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.replicas ?? 0) === want;
    }
    case 'ReplicaSet':
      return (st.readyReplicas ?? 0) === (o.spec?.replicas ?? 0);
    case 'Pod':
      return !o.metadata.deletionTimestamp && (st.conditions ?? []).some((c: KObj) => c.type === 'Ready' && c.status === 'True');
    default:
      return true;
  }
}

export function kubeObjects(world: World, kind: string, namespace: string): KubeObjectView[] {
  const c = getCluster(world);
  return c.list(kind as KindName, namespace).map((o) => ({
    name: o.metadata.name,
    labels: { ...(o.metadata.labels ?? {}) },
    ready: isReady(o),
    object: o,
  }));
}

/** Running, ready pods matching a `k=v[,k=v]` selector, with the first container's resolved env. */
export function podsOf(world: World, selector: string): { name: string; running: boolean; env: Record<string, string> }[] {
  const want = selector.split(',').map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]);
  return getCluster(world)
    .snapshot()
    .pods.filter((p) => want.every(([k, v]) => p.labels[k] === v))
    .map((p) => ({ name: p.name, running: p.ready && p.status === 'Running', env: p.env }));
}
