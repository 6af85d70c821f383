/**
 * One JSON schema for every Kubernetes YAML file: the generated OpenAPI definitions (src/sim/kube/schema/
 * k8s-schemas.json, from Kubernetes' swagger.json) and an if/then per known apiVersion+kind, so each `---`
 * document is checked against its own kind's schema (monaco-yaml applies one schema per file).
 */
export interface SchemaFile {
  kinds: { apiVersion: string; kind: string; schemaId: string }[];
  definitions: Record<string, unknown>;
}

export function combinedKubeSchema(file: SchemaFile): Record<string, unknown> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    type: 'object',
    definitions: file.definitions,
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', description: 'API group/version of the object, e.g. apps/v1.', enum: uniq(file.kinds.map((k) => k.apiVersion)) },
      kind: { type: 'string', description: 'The kind of object.', enum: uniq(file.kinds.map((k) => k.kind)) },
    },
    allOf: file.kinds.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.schemaId}` },
    })),
  };
}
