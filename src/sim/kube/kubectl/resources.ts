/** Resource type names kubectl accepts (as `kubectl api-resources` lists them) → kind. */
import type { KindName } from '../cluster/types';

export type ResourceKind = KindName;

const ALIASES: [ResourceKind, string[]][] = [
  ['Pod', ['pods', 'pod', 'po']],
  ['Deployment', ['deployments', 'deployment', 'deploy', 'deployments.apps', 'deployment.apps']],
  ['ReplicaSet', ['replicasets', 'replicaset', 'rs', 'replicasets.apps', 'replicaset.apps']],
  ['Service', ['services', 'service', 'svc']],
  ['ConfigMap', ['configmaps', 'configmap', 'cm']],
  ['Secret', ['secrets', 'secret']],
  ['Namespace', ['namespaces', 'namespace', 'ns']],
  ['Node', ['nodes', 'node', 'no']],
  ['Endpoints', ['endpoints', 'ep']],
];

const BY_NAME = new Map<string, ResourceKind>();
for (const [k, names] of ALIASES) for (const n of names) BY_NAME.set(n, k);

export function resourceKind(name: string): ResourceKind | null {
  return BY_NAME.get(name.toLowerCase()) ?? null;
}

/** Names offered by completion (the plural and short forms). */
export const RESOURCE_NAMES = ALIASES.flatMap(([, n]) => [n[0]!, ...n.filter((x) => x.length <= 6 && !x.includes('.'))]);

/** `kubectl get all` lists these, in this order. */
export const ALL_KINDS: ResourceKind[] = ['Pod', 'Service', 'Deployment', 'ReplicaSet'];

/** The `kind.group` prefix kubectl prints for `-o name` and in `get` with several types. */
export function kindPrefix(kind: ResourceKind): string {
  return kind === 'Deployment' || kind === 'ReplicaSet' ? `${kind.toLowerCase()}.apps` : kind.toLowerCase();
}
