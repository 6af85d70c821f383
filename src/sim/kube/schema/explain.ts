// `kubectl explain RESOURCE[.FIELD...]` text, built from the OpenAPI descriptions (layout of kubectl's
// plaintext template, staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl).
import { definitions, deref, refName, k8sSchemaIndex, type JsonSchema } from './data';

const RESOURCE_NAMES: Record<string, string> = {
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  service: 'Service', services: 'Service', svc: 'Service',
  configmap: 'ConfigMap', configmaps: 'ConfigMap', cm: 'ConfigMap',
  secret: 'Secret', secrets: 'Secret',
  namespace: 'Namespace', namespaces: 'Namespace', ns: 'Namespace',
};

/** `<[]Container>`, `<string>`, `<map[string]string>`, `<IntOrString>` … as kubectl explain shows types. */
export function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return 'Object';
  const r = refName(s);
  if (r) {
    const d = definitions[r];
    if (d?.format === 'int-or-string') return 'IntOrString';
    if (r.endsWith('resource.Quantity')) return 'Quantity';
    if (r.endsWith('meta.v1.Time') || r.endsWith('meta.v1.MicroTime')) return 'string';
    return r.split('.').pop()!;
  }
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.format === 'int-or-string') return 'IntOrString';
  if (t === 'array') return `[]${typeLabel(s.items)}`;
  if (t === 'object') return typeof s.additionalProperties === 'object' ? `map[string]${typeLabel(s.additionalProperties)}` : 'Object';
  return t ?? 'Object';
}

function wrap(text: string, indent: number, width = 80): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent + line.length + 1 + word.length > width) {
        lines.push(' '.repeat(indent) + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(' '.repeat(indent) + line);
  }
  return lines;
}

export function explain(path: string): string | null {
  if (typeof path !== 'string' || !path.trim()) return null;
  const [resource, ...fields] = path.trim().split('.');
  const kind = RESOURCE_NAMES[resource.toLowerCase()] ?? k8sSchemaIndex.find((k) => k.kind.toLowerCase() === resource.toLowerCase())?.kind;
  const entry = k8sSchemaIndex.find((k) => k.kind === kind);
  if (!entry) return null;
  const [group, version] = entry.apiVersion.includes('/') ? entry.apiVersion.split('/') : ['', entry.apiVersion];

  let field: JsonSchema = { $ref: `#/definitions/${entry.schemaId}` };
  let fieldName = '';
  let isRequired = false;
  for (const f of fields) {
    let s = deref(field);
    if (s?.type === 'array' || (Array.isArray(s?.type) && s?.type.includes('array'))) s = deref(s?.items);
    const next = s?.properties?.[f];
    if (!next) return null;
    isRequired = (s?.required ?? []).includes(f);
    field = next;
    fieldName = f;
  }
  let target = deref(field);
  if (target?.type === 'array') target = deref(target.items);
  const out: string[] = [];
  if (group) out.push(`GROUP:      ${group}`);
  out.push(`KIND:       ${entry.kind}`, `VERSION:    ${version}`, '');
  if (fieldName) out.push(`FIELD: ${fieldName} <${typeLabel(field)}>${isRequired ? ' -required-' : ''}`, '');
  out.push('DESCRIPTION:');
  const descs = [field.description, field.$ref || field.items?.$ref ? target?.description : undefined].filter(
    (d, i, a): d is string => !!d && a.indexOf(d) === i,
  );
  for (const d of descs.length ? descs : ['<empty>']) out.push(...wrap(d, 4));
  if (target?.properties) {
    out.push('', 'FIELDS:');
    const req = target.required ?? [];
    for (const [k, v] of Object.entries(target.properties).sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${k}\t<${typeLabel(v)}>${req.includes(k) ? ' -required-' : ''}`);
      out.push(...wrap(v.description ?? '<no description>', 4), '');
    }
    if (out[out.length - 1] === '') out.pop();
  }
  return out.join('\n') + '\n';
}
