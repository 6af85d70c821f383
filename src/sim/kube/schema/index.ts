// Public API: Kubernetes schemas (generated from Kubernetes' OpenAPI by scripts/gen-k8s-schemas.mjs) for
// validation, the editor (monaco-yaml) and `kubectl explain`.
import { definitions, k8sSchemaIndex, kubernetesVersion, type JsonSchema } from './data';

export { k8sSchemaIndex, kubernetesVersion };
export { knownKind, noMatchesMessage, CURRENT_VERSION } from './kinds';
export { validateObject, formatErrors, selectorMatches, type FieldError } from './validate';
export { explain } from './explain';

/** A self-contained JSON schema (draft-07) for one kind, with apiVersion/kind pinned, for monaco-yaml. */
export function jsonSchemaFor(apiVersion: string, kind: string): object | null {
  const entry = k8sSchemaIndex.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!entry) return null;
  const root = definitions[entry.schemaId] as JsonSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...root,
    properties: {
      ...root.properties,
      apiVersion: { ...root.properties?.apiVersion, enum: [apiVersion] },
      kind: { ...root.properties?.kind, enum: [kind] },
    },
    required: [...new Set([...(root.required ?? []), 'apiVersion', 'kind'])],
    definitions,
  };
}
