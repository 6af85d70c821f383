// A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
// envFrom first (with prefix), then env in order; only literal `value`s are $(VAR)-expanded, against the
// variables defined so far and the service variables; valueFrom results are taken verbatim.
import { expand, mappingFuncFor } from './expand';
import { parseQuantity, quantityMilliValue, quantityValue, ceilDiv, type Rational } from './quantity';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string | number };
    configMapKeyRef?: { name?: string; key: string; optional?: boolean };
    secretKeyRef?: { name?: string; key: string; optional?: boolean };
  };
}
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}
type Quantities = Record<string, string | number>;
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  resources?: { limits?: Quantities; requests?: Quantities };
}
export interface Pod {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { nodeName?: string; serviceAccountName?: string; containers?: Container[]; initContainers?: Container[] };
  status?: { podIP?: string; podIPs?: { ip: string }[]; hostIP?: string; hostIPs?: { ip: string }[] };
}
export interface EnvLookups {
  /** ConfigMap name → data (in the pod's namespace) */
  configMaps?: Record<string, Record<string, string>>;
  /** Secret name → decoded data (in the pod's namespace) */
  secrets?: Record<string, Record<string, string>>;
  /** The node the pod runs on; `allocatable` stands in for unset limits, as the kubelet does. */
  node?: { name?: string; ip?: string; allocatable?: Quantities };
  /** Service link variables (FOO_SERVICE_HOST …), added after the container's own. */
  serviceEnv?: Record<string, string>;
}
export interface EnvResult {
  env: Record<string, string>;
  /** Why the kubelet would refuse to start the container (CreateContainerConfigError), one per problem. */
  errors: string[];
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function resolveEnvDetailed(container: Container, pod: Pod, lookups: EnvLookups = {}): EnvResult {
  const env: Record<string, string> = {};
  const errors: string[] = [];
  const ns = pod?.metadata?.namespace ?? 'default';
  const serviceEnv = lookups.serviceEnv ?? {};
  if (!container || typeof container !== 'object') return { env, errors: ['container is missing'] };

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    const [ref, kind, store] = from.configMapRef
      ? [from.configMapRef, 'configmap', lookups.configMaps]
      : from.secretRef
        ? [from.secretRef, 'secret', lookups.secrets]
        : [null, '', undefined];
    if (!ref) continue;
    const data = store?.[ref.name ?? ''];
    if (!data) {
      if (!ref.optional) errors.push(`${kind} "${ref.name ?? ''}" not found`);
      continue;
    }
    for (const [k, v] of Object.entries(data)) {
      const name = prefix + k;
      if (!ENV_NAME.test(name)) continue; // the kubelet skips invalid names (and records an event)
      env[name] = v;
    }
  }

  const mapping = mappingFuncFor(env, serviceEnv);
  for (const ev of container.env ?? []) {
    if (!ev || typeof ev.name !== 'string') continue;
    let value: string | null = ev.value ?? '';
    if (value !== '') {
      value = expand(value, mapping);
    } else if (ev.valueFrom) {
      value = valueFrom(ev, container, pod, ns, lookups, errors);
      if (value === null) continue;
    }
    env[ev.name] = value;
  }
  for (const [k, v] of Object.entries(serviceEnv)) if (!(k in env)) env[k] = v;
  return { env, errors };
}

/** The container's final environment, name → value (unresolvable references are left out; see resolveEnvDetailed). */
export function resolveEnv(container: Container, pod: Pod, lookups?: EnvLookups): Record<string, string> {
  return resolveEnvDetailed(container, pod, lookups).env;
}

function valueFrom(ev: EnvVar, container: Container, pod: Pod, ns: string, l: EnvLookups, errors: string[]): string | null {
  const vf = ev.valueFrom!;
  if (vf.fieldRef) {
    const r = podFieldSelectorRuntimeValue(vf.fieldRef.fieldPath, pod, l);
    if (r.error) {
      errors.push(r.error);
      return null;
    }
    return r.value;
  }
  if (vf.resourceFieldRef) {
    const target =
      vf.resourceFieldRef.containerName
        ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === vf.resourceFieldRef!.containerName)
        : container;
    const r = containerResourceValue(vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor, target ?? container, l);
    if (r.error) {
      errors.push(r.error);
      return null;
    }
    return r.value;
  }
  for (const [ref, kind, label, store] of [
    [vf.configMapKeyRef, 'configmap', 'ConfigMap', l.configMaps],
    [vf.secretKeyRef, 'secret', 'Secret', l.secrets],
  ] as const) {
    if (!ref) continue;
    const data = store?.[ref.name ?? ''];
    if (!data) {
      if (!ref.optional) errors.push(`${kind} "${ref.name ?? ''}" not found`);
      return null;
    }
    if (!(ref.key in data)) {
      if (!ref.optional) errors.push(`couldn't find key ${ref.key} in ${label} ${ns}/${ref.name ?? ''}`);
      return null;
    }
    return data[ref.key];
  }
  return '';
}

// podFieldSelectorRuntimeValue + fieldpath.ExtractFieldPathAsString, limited to what the API server
// accepts in an env fieldRef (validation.validEnvDownwardAPIFieldPathExpressions).
function podFieldSelectorRuntimeValue(path: string, pod: Pod, l: EnvLookups): { value: string; error?: string } {
  const md = pod.metadata ?? {};
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path ?? '');
  if (sub) return { value: (sub[1] === 'labels' ? md.labels : md.annotations)?.[sub[2]] ?? '' };
  const podIPs = (pod.status?.podIPs ?? []).map((p) => p.ip);
  if (podIPs.length === 0 && pod.status?.podIP) podIPs.push(pod.status.podIP);
  const hostIPs = (pod.status?.hostIPs ?? []).map((p) => p.ip);
  if (hostIPs.length === 0) {
    const h = pod.status?.hostIP ?? l.node?.ip;
    if (h) hostIPs.push(h);
  }
  switch (path) {
    case 'metadata.name':
      return { value: md.name ?? '' };
    case 'metadata.namespace':
      return { value: md.namespace ?? '' };
    case 'metadata.uid':
      return { value: md.uid ?? '' };
    case 'spec.nodeName':
      return { value: pod.spec?.nodeName ?? l.node?.name ?? '' };
    case 'spec.serviceAccountName':
      return { value: pod.spec?.serviceAccountName ?? '' };
    case 'status.hostIP':
      return { value: hostIPs[0] ?? '' };
    case 'status.hostIPs':
      return { value: hostIPs.join(',') };
    case 'status.podIP':
      return { value: podIPs[0] ?? '' };
    case 'status.podIPs':
      return { value: podIPs.join(',') };
    default:
      return { value: '', error: `unsupported fieldPath: ${path}` };
  }
}

// pkg/api/v1/resource ExtractContainerResourceValue: cpu in units of divisor.MilliValue(), others in
// divisor.Value(), always rounded up; an unset limit falls back to the node's allocatable.
function containerResourceValue(resource: string, divisorIn: unknown, c: Container, l: EnvLookups): { value: string; error?: string } {
  let divisor = divisorIn === undefined || divisorIn === '' ? parseQuantity('1') : parseQuantity(divisorIn);
  if (divisor && divisor.num === 0n) divisor = parseQuantity('1');
  if (!divisor) return { value: '', error: `invalid divisor: ${String(divisorIn)}` };
  const m = /^(limits|requests)\.(.+)$/.exec(resource ?? '');
  const supported = m && (['cpu', 'memory', 'ephemeral-storage'].includes(m[2]) || m[2].startsWith('hugepages-'));
  if (!m || !supported) return { value: '', error: `unsupported container resource : ${resource}` };
  const [, which, name] = m;
  let raw = c.resources?.[which as 'limits' | 'requests']?.[name];
  if (raw === undefined && which === 'limits') raw = l.node?.allocatable?.[name];
  const q: Rational | null = raw === undefined ? { num: 0n, den: 1n } : parseQuantity(raw);
  if (!q) return { value: '', error: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` };
  if (name === 'cpu') return { value: ceilDiv(quantityMilliValue(q), quantityMilliValue(divisor)).toString() };
  return { value: ceilDiv(quantityValue(q), quantityValue(divisor)).toString() };
}

/** kubecontainer.ExpandContainerCommandAndArgs: $(VAR) in command and args, against the final env. */
export function resolveCommand(container: Container, env: Record<string, string>): { command: string[]; args: string[] } {
  const mapping = mappingFuncFor(env ?? {});
  const list = (v: unknown) => (Array.isArray(v) ? v.map((s) => expand(String(s), mapping)) : []);
  return { command: list(container?.command), args: list(container?.args) };
}
