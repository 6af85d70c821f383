/**
 * One JSON schema for every Kubernetes YAML file: the generated OpenAPI definitions (src/sim/kube/schema/
 * k8s-schemas.json, from Kubernetes' swagger.json) and an if/then per known apiVersion+kind, so each `---`
 * document is checked against its own kind's schema (monaco-yaml applies one schema per file).
 */
export interface SchemaFile {
  kinds: { apiVersion: string; kind: string; schemaId: string }[];
  definitions: Record<string, unknown>;
}

/**
 * Enums Kubernetes declares with `+enum` on string types (kubernetes/api core/v1/types.go: ServiceType,
 * Protocol, PullPolicy, RestartPolicy, DNSPolicy, ServiceExternalTrafficPolicy, ServiceAffinity,
 * TerminationMessagePolicy; apps/v1/types.go: DeploymentStrategyType). The swagger-derived schema file
 * only names them in descriptions; adding them gives completion of values and an error for typos.
 */
export const ENUMS: Record<string, Record<string, string[]>> = {
  'core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    sessionAffinity: ['ClientIP', 'None'],
  },
  'core.v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core.v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core.v1.Container': {
    imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  },
  'core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  },
  'apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
};

/** Definitions with ENUMS added where the definition and property exist (the input is not modified). */
export function withEnums(definitions: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...definitions };
  for (const [def, props] of Object.entries(ENUMS)) {
    const d = out[def] as { properties?: Record<string, Record<string, unknown>> } | undefined;
    if (!d?.properties) continue;
    const properties = { ...d.properties };
    for (const [prop, values] of Object.entries(props)) {
      if (properties[prop]) properties[prop] = { ...properties[prop], enum: values };
    }
    out[def] = { ...d, properties };
  }
  return out;
}

export function combinedKubeSchema(file: SchemaFile): Record<string, unknown> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    type: 'object',
    definitions: withEnums(file.definitions),
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
