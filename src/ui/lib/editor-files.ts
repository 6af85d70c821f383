/**
 * The editor's files: the seed's Kubernetes files (src/sim/k8s-files.ts) in ~/myproject/k8s/, kept in the
 * simulation's fs and in localStorage across reloads.
 */
import { K8S_DIR, K8S_FILES } from '../../sim/k8s-files';

export interface EditorFile {
  name: string;
  path: string;
  language: 'yaml' | 'json';
  content: string;
}

export const FILE_ORDER = ['backend-deployment.yaml', 'graphite.yaml', 'patch.json'];
export const EDITOR_STORAGE_KEY = 'mp.editor.files.v1';

export function languageOf(name: string): 'yaml' | 'json' {
  return name.endsWith('.json') ? 'json' : 'yaml';
}

export function defaultFiles(): EditorFile[] {
  return FILE_ORDER.map((name) => {
    const path = `${K8S_DIR}/${name}`;
    return { name, path, language: languageOf(name), content: K8S_FILES[path] ?? '' };
  });
}

/** Saved contents override the defaults, file by file; junk in storage is ignored. */
export function loadFiles(storage: Pick<Storage, 'getItem'> | undefined, key = EDITOR_STORAGE_KEY): EditorFile[] {
  const files = defaultFiles();
  try {
    const raw = storage?.getItem(key);
    if (!raw) return files;
    const saved = JSON.parse(raw) as unknown;
    if (!saved || typeof saved !== 'object') return files;
    for (const f of files) {
      const c = (saved as Record<string, unknown>)[f.name];
      if (typeof c === 'string') f.content = c;
    }
  } catch {
    /* corrupt storage: defaults */
  }
  return files;
}

export function saveFiles(storage: Pick<Storage, 'setItem'> | undefined, files: EditorFile[], key = EDITOR_STORAGE_KEY): void {
  try {
    storage?.setItem(key, JSON.stringify(Object.fromEntries(files.map((f) => [f.name, f.content]))));
  } catch {
    /* quota: not persisted */
  }
}

/** The terminal command the Apply button runs (relative to the learner's project dir is not assumed). */
export function applyCommand(f: EditorFile): string {
  return f.language === 'json' ? `kubectl patch deployment backend --patch-file ${f.path}` : `kubectl apply -f ${f.path}`;
}

/** Where the files live in the simulation (the worker's fs.read / fs.write). */
export interface EditorFs {
  read(path: string): Promise<string | null>;
  write(path: string, content: string): Promise<void>;
}

interface FsClient {
  call(method: 'fs.read', params: { path: string }): Promise<{ content: string | null }>;
  call(method: 'fs.write', params: { path: string; content: string }): Promise<null>;
}

export function editorFsFromClient(client: unknown): EditorFs {
  const c = client as FsClient;
  return {
    read: async (path) => (await c.call('fs.read', { path })).content,
    write: async (path, content) => {
      await c.call('fs.write', { path, content });
    },
  };
}

/**
 * After a reload the simulation is a fresh world with the default files: put back the ones the learner edited
 * (saved here in localStorage), at page start, before the editor is ever opened. Returns the paths written.
 */
export async function restoreEditedFiles(
  storage: Pick<Storage, 'getItem'> | undefined,
  fs: EditorFs,
  key = EDITOR_STORAGE_KEY,
): Promise<string[]> {
  const defaults = new Map(defaultFiles().map((f) => [f.path, f.content]));
  const written: string[] = [];
  for (const f of loadFiles(storage, key)) {
    if (f.content === defaults.get(f.path)) continue;
    try {
      await fs.write(f.path, f.content);
      written.push(f.path);
    } catch (e) {
      console.warn('editor: could not restore', f.path, e);
    }
  }
  return written;
}

/** The editor's saved files become `files` (path → content) where given, defaults elsewhere (a share link's state). */
export function replaceSavedFiles(
  storage: Pick<Storage, 'setItem'> | undefined,
  files: Record<string, string>,
  key = EDITOR_STORAGE_KEY,
): void {
  saveFiles(
    storage,
    defaultFiles().map((f) => ({ ...f, content: files[f.path] ?? f.content })),
    key,
  );
}
