/**
 * The manifest generator's pure core: a small form → apps/v1 manifests for the Flask app (Deployment + Service)
 * and for graphite+statsd (graphiteapp/graphite-statsd Deployment + Service), the gunicorn command line the
 * container runs, and the `kubectl patch` command with the strategic-merge patch kubectl would compute
 * (`$setElementOrder/<list>` directives, as apimachinery's CreateTwoWayMergePatch emits them).
 *
 * Nothing here throws out of the public API: `generate` returns `{ errors }` for bad input.
 */
import { stringify } from 'yaml';
import { deepEqual, sortKeysDeep } from '../../sim/kube/cluster/types';

export type PrefixMode = 'podName' | 'fixed';
export type ServiceType = 'NodePort' | 'ClusterIP';

export interface ManifestForm {
  appName: string;
  image: string;
  containerPort: number;
  workers: number;
  replicas: number;
  namespace: string;
  /** Where gunicorn sends statsd lines: a host (port 8125 implied) or host:port. */
  statsdHost: string;
  /** 'podName': the pod's own name through the downward API and $(MY_POD_NAME); 'fixed': `fixedPrefix`. */
  prefixMode: PrefixMode;
  fixedPrefix: string;
  serviceType: ServiceType;
  /** The WSGI app gunicorn loads. */
  module: string;
}

export const DEFAULT_FORM: ManifestForm = {
  appName: 'backend',
  image: 'myproject/backend:1.0',
  containerPort: 8000,
  workers: 2,
  replicas: 2,
  namespace: 'default',
  statsdHost: 'graphite',
  prefixMode: 'podName',
  fixedPrefix: 'backend',
  serviceType: 'NodePort',
  module: 'app:app',
};

export interface FieldError {
  field: keyof ManifestForm;
  message: string;
}

export interface GeneratedFile {
  name: string;
  content: string;
}

export interface Generated {
  errors: FieldError[];
  /** Parsed objects (Deployment, Service), app first then graphite. */
  objects: Record<string, unknown>[];
  files: GeneratedFile[];
  /** argv of the app container (command + args) and the same as one shell line. */
  gunicornArgv: string[];
  gunicornLine: string;
  /** The strategic merge patch switching the running Deployment to the form's prefix mode, and its kubectl line. */
  patch: Record<string, unknown> | null;
  patchCommand: string;
}

/** graphiteapp/graphite-statsd's ports (graphite-project/docker-graphite-statsd README / Dockerfile EXPOSE). */
export const GRAPHITE_PORTS = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'statsd', containerPort: 8125, protocol: 'UDP' },
  { name: 'statsd-admin', containerPort: 8126, protocol: 'TCP' },
  { name: 'carbon', containerPort: 2003, protocol: 'TCP' },
] as const;

/** Pinned tag (as the seed's graphite.yaml), so the pull policy is IfNotPresent and the image does not drift. */
export const GRAPHITE_IMAGE = 'graphiteapp/graphite-statsd:1.1.10-5';
export const POD_NAME_ENV = 'MY_POD_NAME';

// Kubernetes' validation patterns (k8s.io/apimachinery/pkg/util/validation/validation.go).
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/; // Service names
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/; // Namespace names
// Docker reference grammar, simplified: [registry/]path[:tag][@digest], lower-case path components.
const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const HOSTNAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i;
// statsd keys: gunicorn joins prefix + '.' + name; statsd sanitises spaces, '/' and other chars, so keep it simple.
const PREFIX = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const WSGI_APP = /^[A-Za-z_][\w.]*(:[A-Za-z_][\w.()'",= -]*)?$/;

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

export function validateForm(f: Partial<ManifestForm> | null | undefined): FieldError[] {
  const e: FieldError[] = [];
  if (!f || typeof f !== 'object') return [{ field: 'appName', message: 'no form values given' }];
  const str = (k: keyof ManifestForm) => (typeof f[k] === 'string' ? (f[k] as string) : '');
  const name = str('appName');
  if (!name) e.push({ field: 'appName', message: 'app name is required' });
  else if (name.length > 63 || !DNS1035_LABEL.test(name))
    e.push({
      field: 'appName',
      message: `"${name}" is not a valid name: lower-case letters, digits and '-', starting with a letter, at most 63 characters (RFC 1035 label)`,
    });
  if (name === 'graphite') e.push({ field: 'appName', message: '"graphite" is the name of the graphite+statsd Deployment; pick another' });
  const image = str('image');
  if (!image) e.push({ field: 'image', message: 'image is required' });
  else if (!IMAGE_REF.test(image)) e.push({ field: 'image', message: `"${image}" is not a valid image reference (e.g. myproject/backend:1.0)` });
  if (!isInt(f.containerPort, 1, 65535)) e.push({ field: 'containerPort', message: 'container port must be a whole number from 1 to 65535' });
  if (!isInt(f.workers, 1, 64)) e.push({ field: 'workers', message: 'gunicorn workers must be a whole number from 1 to 64' });
  if (!isInt(f.replicas, 0, 100)) e.push({ field: 'replicas', message: 'replicas must be a whole number from 0 to 100' });
  const ns = str('namespace');
  if (!ns || ns.length > 63 || !DNS1123_LABEL.test(ns))
    e.push({ field: 'namespace', message: `namespace "${ns}" must be a lower-case RFC 1123 label (e.g. default)` });
  const sh = str('statsdHost');
  const m = /^([^:]+)(?::(\d+))?$/.exec(sh);
  if (!m || !HOSTNAME.test(m[1]!) || (m[2] !== undefined && !isInt(Number(m[2]), 1, 65535)))
    e.push({ field: 'statsdHost', message: `statsd host "${sh}" must be a host name, optionally with :port (e.g. graphite or graphite:8125)` });
  if (f.prefixMode !== 'podName' && f.prefixMode !== 'fixed') e.push({ field: 'prefixMode', message: 'prefix must come from the pod name or be a fixed string' });
  if (f.prefixMode === 'fixed' && !PREFIX.test(str('fixedPrefix')))
    e.push({ field: 'fixedPrefix', message: 'a fixed prefix needs letters, digits, "_", "-" or "." (e.g. backend)' });
  if (f.serviceType !== 'NodePort' && f.serviceType !== 'ClusterIP') e.push({ field: 'serviceType', message: 'service type must be NodePort or ClusterIP' });
  if (!WSGI_APP.test(str('module'))) e.push({ field: 'module', message: 'the WSGI app must look like module:variable (e.g. app:app)' });
  return e;
}

/** host:port for --statsd-host (gunicorn defaults to port 8125 when missing, we always spell it out). */
function statsdAddress(f: ManifestForm): string {
  return f.statsdHost.includes(':') ? f.statsdHost : `${f.statsdHost}:8125`;
}

/**
 * The app container's argv. gunicorn's options as its settings define them (benoitc/gunicorn gunicorn/config.py:
 * --bind, --workers, --statsd-host, --statsd-prefix). `$(MY_POD_NAME)` is expanded by the kubelet (Kubernetes'
 * $(VAR) expansion in args), not by a shell.
 */
export function gunicornArgv(f: ManifestForm): string[] {
  const prefix = f.prefixMode === 'podName' ? `$(${POD_NAME_ENV})` : f.fixedPrefix;
  return [
    'gunicorn',
    `--bind=0.0.0.0:${f.containerPort}`,
    `--workers=${f.workers}`,
    `--statsd-host=${statsdAddress(f)}`,
    `--statsd-prefix=${prefix}`,
    f.module,
  ];
}

/** POSIX shell quoting: bare when safe, else single quotes with ' → '\''. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function labels(f: ManifestForm) {
  return { app: f.appName };
}

function ns(f: ManifestForm): { namespace?: string } {
  return f.namespace === 'default' ? {} : { namespace: f.namespace };
}

export function appDeployment(f: ManifestForm): Record<string, unknown> {
  const argv = gunicornArgv(f);
  const container: Record<string, unknown> = {
    name: f.appName,
    image: f.image,
    command: [argv[0]],
    args: argv.slice(1),
    ports: [{ name: 'http', containerPort: f.containerPort, protocol: 'TCP' }],
  };
  if (f.prefixMode === 'podName') {
    // Downward API: the pod's own name, e.g. backend-7d9c6b5f4-x2x7k, as the statsd prefix.
    container.env = [{ name: POD_NAME_ENV, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: f.appName, ...ns(f), labels: labels(f) },
    spec: {
      replicas: f.replicas,
      selector: { matchLabels: labels(f) },
      template: {
        metadata: { labels: labels(f) },
        spec: { containers: [container] },
      },
    },
  };
}

export function appService(f: ManifestForm): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: f.appName, ...ns(f), labels: labels(f) },
    spec: {
      type: f.serviceType,
      selector: labels(f),
      ports: [{ name: 'http', port: 80, targetPort: f.containerPort, protocol: 'TCP' }],
    },
  };
}

export function graphiteDeployment(f: ManifestForm): Record<string, unknown> {
  const l = { app: 'graphite' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'graphite', ...ns(f), labels: l },
    spec: {
      replicas: 1,
      selector: { matchLabels: l },
      template: {
        metadata: { labels: l },
        spec: {
          containers: [{ name: 'graphite-statsd', image: GRAPHITE_IMAGE, ports: GRAPHITE_PORTS.map((p) => ({ ...p })) }],
        },
      },
    },
  };
}

export function graphiteService(f: ManifestForm): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'graphite', ...ns(f), labels: { app: 'graphite' } },
    spec: {
      type: f.serviceType,
      selector: { app: 'graphite' },
      // A multi-port Service needs a name on every port; statsd is UDP.
      ports: GRAPHITE_PORTS.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort, protocol: p.protocol })),
    },
  };
}

// ---- strategic merge patch, two-way diff -------------------------------------------------------------------

/**
 * patchMergeKey of the lists that have patchStrategy "merge" in a Deployment
 * (kubernetes/api core/v1/types.go struct tags: containers/initContainers/volumes/env by name,
 * container ports by containerPort, volumeMounts by mountPath). Every other list is replaced whole.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  tolerations: 'key',
  hostAliases: 'ip',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys sorted at every level, as Go's encoding/json marshals maps (so kubectl's patches print this way). */
export const sortKeys = sortKeysDeep;

/**
 * Two-way strategic merge patch original → modified, as apimachinery's strategicpatch.CreateTwoWayMergePatch
 * computes it (diffMaps / diffLists with DiffOptions{SetElementOrder: true}): removed keys become null, merge-key
 * lists list only changed/added elements (with their merge key) plus `$setElementOrder/<key>` holding the merge
 * keys of the whole modified list in order, deleted elements as `{$patch: delete, key}`, other lists replaced.
 */
export function twoWayPatch(original: Obj, modified: Obj): Obj {
  const patch: Obj = {};
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  for (const [k, mv] of Object.entries(modified)) {
    const ov = original[k];
    if (!(k in original)) {
      patch[k] = mv;
    } else if (isObj(ov) && isObj(mv)) {
      const d = twoWayPatch(ov, mv);
      if (Object.keys(d).length) patch[k] = d;
    } else if (Array.isArray(ov) && Array.isArray(mv) && MERGE_KEYS[k] && [...ov, ...mv].every(isObj)) {
      const key = MERGE_KEYS[k]!;
      const list: Obj[] = [];
      for (const m of mv as Obj[]) {
        const o = (ov as Obj[]).find((x) => deepEqual(x[key], m[key]));
        if (!o) list.push(m);
        else {
          const d = twoWayPatch(o, m);
          if (Object.keys(d).length) list.push({ ...d, [key]: m[key] });
        }
      }
      for (const o of ov as Obj[]) {
        if (!(mv as Obj[]).some((m) => deepEqual(m[key], o[key]))) list.push({ $patch: 'delete', [key]: o[key] });
      }
      if (list.length) {
        patch[k] = list;
        patch[`$setElementOrder/${k}`] = (mv as Obj[]).map((m) => ({ [key]: m[key] }));
      }
    } else if (!deepEqual(ov, mv)) {
      patch[k] = mv;
    }
  }
  return patch;
}

function otherMode(f: ManifestForm): ManifestForm {
  return f.prefixMode === 'podName'
    ? { ...f, prefixMode: 'fixed', fixedPrefix: f.fixedPrefix && PREFIX.test(f.fixedPrefix) ? f.fixedPrefix : f.appName }
    : { ...f, prefixMode: 'podName' };
}

/** `kubectl patch deployment NAME [-n NS] --patch '<json>'` (keys sorted as kubectl prints them). */
export function patchCommandLine(name: string, namespace: string, patch: Obj): string {
  const nsArg = namespace && namespace !== 'default' ? ` -n ${shellQuote(namespace)}` : '';
  return `kubectl patch deployment ${shellQuote(name)}${nsArg} --patch ${shellQuote(JSON.stringify(sortKeys(patch)))}`;
}

export function toYaml(docs: unknown[]): string {
  // No &anchors/*aliases for objects used twice (labels, selector): kubectl users expect plain YAML.
  return docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

const EMPTY: Omit<Generated, 'errors'> = { objects: [], files: [], gunicornArgv: [], gunicornLine: '', patch: null, patchCommand: '' };

/**
 * Everything the generator shows. The patch moves a Deployment running with the *other* prefix mode to this
 * form's mode (e.g. from `--statsd-prefix=backend` to the pod's name through MY_POD_NAME), which is the change the
 * "patch a live deployment" lesson makes.
 */
export function generate(input: Partial<ManifestForm> | null | undefined): Generated {
  try {
    const errors = validateForm(input);
    if (errors.length) return { errors, ...EMPTY };
    const f = { ...DEFAULT_FORM, ...input } as ManifestForm;
    const app = [appDeployment(f), appService(f)];
    const graphite = [graphiteDeployment(f), graphiteService(f)];
    const argv = gunicornArgv(f);
    const patch = twoWayPatch(appDeployment(otherMode(f)), app[0]!);
    return {
      errors: [],
      objects: [...app, ...graphite],
      files: [
        { name: `${f.appName}-deployment.yaml`, content: toYaml(app) },
        { name: 'graphite.yaml', content: toYaml(graphite) },
        { name: 'patch.json', content: JSON.stringify(sortKeys(patch), null, 2) + '\n' },
      ],
      gunicornArgv: argv,
      gunicornLine: argv.map(shellQuote).join(' '),
      patch,
      patchCommand: patchCommandLine(f.appName, f.namespace, patch),
    };
  } catch (err) {
    return { errors: [{ field: 'appName', message: `could not generate: ${(err as Error).message}` }], ...EMPTY };
  }
}
