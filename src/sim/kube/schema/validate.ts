// API-server style checks of a manifest against the generated Kubernetes schemas:
//  1. decoding — wrong JSON types (encoding/json's "cannot unmarshal" text) and unknown fields
//     (strict decoding, kubectl --validate=strict, the default since 1.25);
//  2. validation — required fields (OpenAPI `required`), metadata.name, and for Deployment/ReplicaSet
//     the selector rules of pkg/apis/apps/validation (ValidateDeploymentSpec, ValidatePodTemplateSpecForReplicaSet).
import { definitions, deref, refName, k8sSchemaIndex, type JsonSchema } from './data';
import { knownKind, noMatchesMessage } from './kinds';

export interface FieldError {
  path: string;
  message: string;
  /** 'decode': the object cannot be read at all; 'invalid': it decodes but fails validation; 'kind': unknown kind */
  type?: 'decode' | 'invalid' | 'kind';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateObject(obj: unknown): FieldError[] {
  try {
    return validateUnsafe(obj);
  } catch (e) {
    return [{ path: '', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, type: 'decode' }];
  }
}

function validateUnsafe(obj: unknown): FieldError[] {
  if (!isMap(obj)) return [{ path: '', message: `json: cannot unmarshal ${jsonType(obj)} into Go value of type map[string]interface {}`, type: 'decode' }];
  const apiVersion = obj.apiVersion;
  const kind = obj.kind;
  if (typeof kind !== 'string' || kind === '') return [{ path: 'kind', message: `Object 'Kind' is missing in '${JSON.stringify(obj)}'`, type: 'decode' }];
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    return [{ path: 'apiVersion', message: `Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`, type: 'decode' }];
  }
  if (knownKind(apiVersion, kind) !== 'ok') return [{ path: '', message: noMatchesMessage(apiVersion, kind), type: 'kind' }];
  const entry = k8sSchemaIndex.find((k) => k.apiVersion === apiVersion && k.kind === kind)!;
  const root = definitions[entry.schemaId];

  const decode: FieldError[] = [];
  walk(obj, root, entry.schemaId.split('.').pop()!, '', [], decode);
  if (decode.length) return decode;

  const invalid: FieldError[] = [];
  required(obj, root, '', invalid);
  const md = obj.metadata as Record<string, unknown> | undefined;
  if (!md?.name && !md?.generateName && !invalid.some((e) => e.path === 'metadata.name')) {
    invalid.unshift({ path: 'metadata.name', message: 'Required value: name or generateName is required', type: 'invalid' });
  }
  if (kind === 'Deployment' || kind === 'ReplicaSet') selectorRules(obj, kind.toLowerCase(), invalid);
  return invalid;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Go type of a schema as encoding/json names it in errors. */
function goType(s: JsonSchema | undefined): string {
  if (!s) return 'interface {}';
  const r = refName(s);
  if (r) {
    const t = definitions[r];
    if (t?.format === 'int-or-string') return 'intstr.IntOrString';
    const parts = r.split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  if (s.format === 'int-or-string') return 'intstr.IntOrString';
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'array':
      return `[]${goType(s.items)}`;
    case 'object':
      return typeof s.additionalProperties === 'object' ? `map[string]${goType(s.additionalProperties)}` : 'map[string]interface {}';
    default:
      return 'string';
  }
}

function accepts(s: JsonSchema, v: unknown): boolean {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : [];
  if (types.length === 0) return true;
  return types.some((t) => {
    switch (t) {
      case 'string':
        return typeof v === 'string';
      case 'integer':
        return typeof v === 'number' && Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      case 'boolean':
        return typeof v === 'boolean';
      case 'array':
        return Array.isArray(v);
      case 'object':
        return isMap(v);
      default:
        return true;
    }
  });
}

// encoding/json's UnmarshalTypeError names the innermost struct and the field's full path from the root
// without indices ("Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort");
// the API server's paths carry indices ("spec.template.spec.containers[0].ports[0].containerPort").
function walk(v: unknown, schema: JsonSchema | undefined, struct: string, path: string, goPath: string[], out: FieldError[]): void {
  const s = deref(schema);
  if (!s || v === null) return; // null decodes as the zero value
  if (!accepts(s, v)) {
    const field = goPath.length ? `Go struct field ${struct}.${goPath.join('.')}` : 'Go value';
    out.push({ path, message: `json: cannot unmarshal ${jsonType(v)} into ${field} of type ${goType(schema)}`, type: 'decode' });
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(item, s.items, struct, `${path}[${i}]`, goPath, out));
    return;
  }
  if (!isMap(v)) return;
  const here = refName(schema)?.split('.').pop() ?? struct;
  if (s.properties) {
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      const cs = s.properties[k];
      if (!cs) {
        if (s.additionalProperties === false) out.push({ path: p, message: `unknown field "${p}"`, type: 'decode' });
        continue;
      }
      walk(child, cs, here, p, [...goPath, k], out);
    }
  } else if (typeof s.additionalProperties === 'object') {
    for (const [k, child] of Object.entries(v)) walk(child, s.additionalProperties, here, path ? `${path}.${k}` : k, goPath, out);
  }
}

function required(v: unknown, schema: JsonSchema | undefined, path: string, out: FieldError[]): void {
  const s = deref(schema);
  if (!s) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => required(item, s.items, `${path}[${i}]`, out));
    return;
  }
  if (!isMap(v) || !s.properties) return;
  for (const r of s.required ?? []) {
    const val = v[r];
    if (val === undefined || val === null || val === '' || (Array.isArray(val) && val.length === 0)) {
      out.push({ path: path ? `${path}.${r}` : r, message: 'Required value', type: 'invalid' });
    }
  }
  for (const [k, child] of Object.entries(v)) if (s.properties[k]) required(child, s.properties[k], path ? `${path}.${k}` : k, out);
}

// %#v of a Go map[string]string, as field.Invalid prints it.
function goMapLiteral(m: unknown): string {
  if (!isMap(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`;
}

function selectorRules(obj: Record<string, unknown>, kindLower: string, out: FieldError[]): void {
  const spec = isMap(obj.spec) ? obj.spec : {};
  const selector = spec.selector;
  const template = isMap(spec.template) ? spec.template : {};
  const labels = isMap(template.metadata) ? (template.metadata as Record<string, unknown>).labels : undefined;
  let matches: boolean;
  if (selector === undefined || selector === null) {
    if (!out.some((e) => e.path === 'spec.selector')) out.push({ path: 'spec.selector', message: 'Required value', type: 'invalid' });
    matches = false; // labels.Nothing() matches no labels
  } else {
    const sel = selector as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
    const n = Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length;
    if (n === 0) {
      out.push({ path: 'spec.selector', message: `Invalid value: ${JSON.stringify(selector)}: empty selector is invalid for ${kindLower}`, type: 'invalid' });
      return; // an empty selector matches everything: no template check
    }
    matches = selectorMatches(sel, isMap(labels) ? (labels as Record<string, string>) : {});
  }
  if (!matches) {
    out.push({
      path: 'spec.template.metadata.labels',
      message: `Invalid value: ${goMapLiteral(labels)}: \`selector\` does not match template \`labels\``,
      type: 'invalid',
    });
  }
}

export function selectorMatches(
  sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] },
  labels: Record<string, string>,
): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * The text kubectl prints for these errors (after "Error from server (...): error when creating ...: "):
 * decode errors → `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "x"`,
 * validation errors → `The Deployment "app" is invalid: spec.selector: Required value`.
 */
export function formatErrors(obj: unknown, errors: FieldError[]): string {
  if (errors.length === 0) return '';
  const o = isMap(obj) ? obj : {};
  const kind = String(o.kind ?? '');
  const version = String(o.apiVersion ?? '').split('/').pop();
  const name = isMap(o.metadata) ? String((o.metadata as Record<string, unknown>).name ?? '') : '';
  if (errors[0].type === 'kind') return errors[0].message;
  if (errors[0].type === 'decode') {
    const unknown = errors.filter((e) => e.message.startsWith('unknown field'));
    const typeErr = errors.find((e) => !e.message.startsWith('unknown field'));
    if (typeErr) return `${kind} in version "${version}" cannot be handled as a ${kind}: ${typeErr.message}`;
    return `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.map((e) => e.message).join(', ')}`;
  }
  const lines = errors.map((e) => `${e.path}: ${e.message}`);
  return lines.length === 1 ? `The ${kind} "${name}" is invalid: ${lines[0]}` : `The ${kind} "${name}" is invalid: \n${lines.map((l) => `* ${l}`).join('\n')}`;
}
