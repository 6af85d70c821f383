/**
 * Monaco + monaco-yaml, bundled by Vite (workers via `?worker`, no CDN). Import this module only with a
 * dynamic `import()` so monaco stays out of the initial bundle.
 *
 * monaco-editor is pinned to 0.52: from 0.55 monaco no longer passes `createData` to workers created through
 * MonacoEnvironment, which breaks monaco-yaml 5's worker ("Missing requestHandler or method: doValidation";
 * remcohaszing/monaco-yaml#282, microsoft/monaco-editor#5310).
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker?worker';
import YamlWorker from './editor-yaml.worker?worker';
import { combinedKubeSchema, type SchemaFile } from './editor-schema';
import { kubeMarkers, type KubeChecks } from './editor-validate';
import * as kubeSchema from '../../sim/kube/schema';
import schemaFile from '../../sim/kube/schema/k8s-schemas.json';

// Monaco rejects pending work with a `Canceled` error when a model is switched or disposed (e.g. changing file
// tabs while a hover or validation runs); those rejections are expected and nothing awaits them
// (microsoft/monaco-editor#2382). Swallow only those, so real errors still surface.
globalThis.addEventListener?.('unhandledrejection', (ev: PromiseRejectionEvent) => {
  const r = ev.reason as { name?: string; message?: string } | undefined;
  if (r && (r.name === 'Canceled' || r.message === 'Canceled')) ev.preventDefault();
});

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: [
    {
      uri: 'inmemory://schemas/kubernetes.json',
      fileMatch: ['**/*.yaml', '**/*.yml'],
      schema: combinedKubeSchema(schemaFile as SchemaFile) as never,
    },
  ],
});

// Our deeper markers use the kube schema module's validateObject and knownKind.
const checks: KubeChecks = kubeSchema;

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning };

/** Re-check one YAML model with our own validation; sets markers under the owner 'kube'. */
export function checkModel(model: monaco.editor.ITextModel): void {
  if (model.isDisposed() || model.getLanguageId() !== 'yaml') return;
  const ms = kubeMarkers(model.getValue(), checks);
  monaco.editor.setModelMarkers(
    model,
    'kube',
    ms.map((m) => ({ ...m, severity: SEVERITY[m.severity], source: 'kubernetes' })),
  );
}

export { monaco };
