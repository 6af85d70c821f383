/**
 * Semantic validation the API server does after decoding (kubernetes pkg/apis/apps/validation,
 * pkg/apis/core/validation), with its field paths and texts. Structural checks (unknown fields, types,
 * required fields of the OpenAPI schema) come from the schema module.
 */
import { selectorMatches, type KObj } from './types';

export interface FieldErr {
  path: string;
  message: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Go's %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`. */
export function goMap(m: Record<string, string> | undefined): string {
  if (!m) return 'map[string]string(nil)';
  const parts = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`);
  return `map[string]string{${parts.join(', ')}}`;
}

function nameErrors(obj: KObj, label: boolean): FieldErr[] {
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '')
    return [{ path: 'metadata.name', message: 'Required value: name or generateName is required' }];
  const re = label ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (!re.test(name) || name.length > (label ? 63 : 253)) {
    const what = label
      ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
      : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    return [{ path: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: ${what}` }];
  }
  return [];
}

function podSpecErrors(spec: KObj | undefined, base: string): FieldErr[] {
  const errs: FieldErr[] = [];
  const cs = spec?.containers;
  if (!Array.isArray(cs) || cs.length === 0) {
    errs.push({ path: `${base}.containers`, message: 'Required value' });
    return errs;
  }
  const seen = new Set<string>();
  cs.forEach((c: KObj, i: number) => {
    const p = `${base}.containers[${i}]`;
    if (!c?.name) errs.push({ path: `${p}.name`, message: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name))
      errs.push({
        path: `${p}.name`,
        message: `Invalid value: ${JSON.stringify(c.name)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      });
    else if (seen.has(c.name)) errs.push({ path: `${p}.name`, message: `Duplicate value: ${JSON.stringify(c.name)}` });
    if (c?.name) seen.add(c.name);
    if (!c?.image) errs.push({ path: `${p}.image`, message: 'Required value' });
    const envNames = new Set<string>();
    (Array.isArray(c?.env) ? c.env : []).forEach((e: KObj, j: number) => {
      if (!e?.name) errs.push({ path: `${p}.env[${j}].name`, message: 'Required value' });
      else envNames.add(e.name);
    });
    (Array.isArray(c?.ports) ? c.ports : []).forEach((pt: KObj, j: number) => {
      const n = pt?.containerPort;
      if (typeof n === 'number' && (n < 1 || n > 65535))
        errs.push({ path: `${p}.ports[${j}].containerPort`, message: `Invalid value: ${n}: must be between 1 and 65535, inclusive` });
    });
  });
  return errs;
}

export function validateSemantics(obj: KObj, usedNodePorts: Set<number>): FieldErr[] {
  const errs: FieldErr[] = [];
  errs.push(...nameErrors(obj, obj.kind === 'Namespace' || obj.kind === 'Service'));
  const spec = obj.spec;
  if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') {
    const sel = spec?.selector;
    const labels = spec?.template?.metadata?.labels;
    if (!sel || (!sel.matchLabels && !sel.matchExpressions)) {
      errs.push({ path: 'spec.selector', message: 'Required value' });
      errs.push({
        path: 'spec.template.metadata.labels',
        message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
      });
    } else if (!selectorMatches(sel, labels)) {
      errs.push({
        path: 'spec.template.metadata.labels',
        message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
      });
    }
    if (typeof spec?.replicas === 'number' && spec.replicas < 0)
      errs.push({ path: 'spec.replicas', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
    errs.push(...podSpecErrors(spec?.template?.spec, 'spec.template.spec'));
  } else if (obj.kind === 'Pod') {
    errs.push(...podSpecErrors(spec, 'spec'));
  } else if (obj.kind === 'Service') {
    const ports = spec?.ports;
    const type = spec?.type ?? 'ClusterIP';
    if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
      errs.push({
        path: 'spec.type',
        message: `Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
      });
    if (!Array.isArray(ports) || ports.length === 0) {
      if (type !== 'ExternalName') errs.push({ path: 'spec.ports', message: 'Required value' });
    } else {
      ports.forEach((p: KObj, i: number) => {
        const base = `spec.ports[${i}]`;
        if (ports.length > 1 && !p?.name) errs.push({ path: `${base}.name`, message: 'Required value' });
        if (typeof p?.port !== 'number' || p.port < 1 || p.port > 65535)
          errs.push({ path: `${base}.port`, message: `Invalid value: ${p?.port ?? 0}: must be between 1 and 65535, inclusive` });
        if (p?.nodePort !== undefined) {
          if (type === 'ClusterIP')
            errs.push({ path: `${base}.nodePort`, message: `Forbidden: may not be used when \`type\` is 'ClusterIP'` });
          else if (typeof p.nodePort !== 'number' || p.nodePort < 30000 || p.nodePort > 32767)
            errs.push({
              path: `${base}.nodePort`,
              message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
            });
          else if (usedNodePorts.has(p.nodePort))
            errs.push({ path: `${base}.nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` });
        }
      });
    }
  }
  return errs;
}

/** The API server's 422 text: `The Deployment "x" is invalid: a: b` or a `* ` list for several. */
export function invalidMessage(kind: string, name: string, errs: FieldErr[]): string {
  const lines = errs.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  if (lines.length === 1) return `The ${kind} "${name}" is invalid: ${lines[0]}`;
  return `The ${kind} "${name}" is invalid: \n${lines.map((l) => '* ' + l).join('\n')}`;
}
