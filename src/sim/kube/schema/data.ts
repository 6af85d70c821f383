// The generated schema data (scripts/gen-k8s-schemas.mjs, Kubernetes v1.35.0 OpenAPI) and typed access to it.
import file from './k8s-schemas.json';

export interface JsonSchema {
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  $ref?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

export const definitions = file.definitions as unknown as Record<string, JsonSchema>;
export const kubernetesVersion: string = file.kubernetesVersion;
export const k8sSchemaIndex: { apiVersion: string; kind: string; schemaId: string }[] = file.kinds;

/** Follows a `$ref` (one level; definitions never point at bare refs). */
export function deref(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s?.$ref) return s;
  return definitions[s.$ref.replace('#/definitions/', '')];
}

export const refName = (s: JsonSchema | undefined): string | undefined => s?.$ref?.replace('#/definitions/', '');
