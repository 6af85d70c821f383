/** Kubernetes objects are kept as plain JSON, exactly as the API server would return them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KObj = Record<string, any>;

export type KindName = 'Namespace' | 'Deployment' | 'ReplicaSet' | 'Pod' | 'Service' | 'ConfigMap' | 'Secret' | 'Node' | 'Endpoints';

export const NAMESPACED: Record<KindName, boolean> = {
  Namespace: false,
  Node: false,
  Deployment: true,
  ReplicaSet: true,
  Pod: true,
  Service: true,
  ConfigMap: true,
  Secret: true,
  Endpoints: true,
};

/** The apiVersion the server serves each kind in. */
export const API_VERSION: Record<KindName, string> = {
  Namespace: 'v1',
  Node: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Endpoints: 'v1',
};

export function isKind(k: unknown): k is KindName {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(NAMESPACED, k);
}

/** An API error as the server reports it: kubectl prints `Error from server (<reason>): <message>`. */
export interface ApiError {
  reason: 'NotFound' | 'AlreadyExists' | 'BadRequest' | 'Invalid' | 'Conflict' | 'MethodNotAllowed' | 'Forbidden';
  message: string;
}

export function isApiError(x: unknown): x is ApiError {
  return !!x && typeof x === 'object' && 'reason' in x && 'message' in x && !('metadata' in x);
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
}

/** Keys sorted at every level (undefined values dropped), as Go's encoding/json marshals maps. */
export function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeysDeep(o[k])]),
    );
  }
  return v;
}

/** `app=backend,tier=web` → labels match. Supports k=v, k==v, k!=v, k, !k (kubectl -l). */
export function parseSelector(s: string): ((labels: Record<string, string>) => boolean) | string {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const tests: ((l: Record<string, string>) => boolean)[] = [];
  for (const p of parts) {
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([\w./-]+)\s*!=\s*([\w.-]*)$/))) {
      const [, k, v] = m;
      tests.push((l) => l[k!] !== v);
    } else if ((m = p.match(/^([\w./-]+)\s*==?\s*([\w.-]*)$/))) {
      const [, k, v] = m;
      tests.push((l) => l[k!] === v);
    } else if ((m = p.match(/^([\w./-]+)\s+in\s+\(([^)]*)\)$/))) {
      const k = m[1]!;
      const vs = m[2]!.split(',').map((x) => x.trim());
      tests.push((l) => l[k] !== undefined && vs.includes(l[k]!));
    } else if ((m = p.match(/^!([\w./-]+)$/))) {
      const k = m[1]!;
      tests.push((l) => !(k in l));
    } else if ((m = p.match(/^([\w./-]+)$/))) {
      const k = m[1]!;
      tests.push((l) => k in l);
    } else {
      return `unable to parse requirement: found '${p}', expected: '=', '!=', '==', 'in', notin'`;
    }
  }
  return (l) => tests.every((t) => t(l ?? {}));
}

/** A Deployment/ReplicaSet/Service selector (matchLabels + matchExpressions, or a plain map for Services). */
export function selectorMatches(sel: KObj | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  const ml: Record<string, string> = sel.matchLabels ?? (sel.matchExpressions ? {} : sel);
  for (const [k, v] of Object.entries(ml)) if (l[k] !== v) return false;
  for (const e of (sel.matchExpressions ?? []) as KObj[]) {
    const has = e.key in l;
    const vals: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(l[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(l[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Plural resource name with its group, as API errors print it (`deployments.apps "x" not found`). */
export const RESOURCE: Record<KindName, string> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Endpoints: 'endpoints',
};

/** kubectl's `kind.group/name` form (`deployment.apps/backend`, `service/graphite`). */
export function kindRef(kind: KindName, name: string): string {
  const group = API_VERSION[kind].includes('/') ? '.' + API_VERSION[kind].split('/')[0] : '';
  return `${kind.toLowerCase()}${group}/${name}`;
}
