/**
 * Our own deeper checks on a YAML buffer, as editor markers: the kube schema module's knownKind (e.g.
 * extensions/v1beta1 Deployment was removed in Kubernetes 1.16) and validateObject's field errors, each placed
 * on the YAML node its path names. Pure: no monaco here, so it runs in Node tests.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';

export interface Marker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface KubeChecks {
  validateObject(obj: unknown): { path: string; message: string }[];
  knownKind(apiVersion: string, kind: string): string;
  /** Where a removed kind is served today (schema module's CURRENT_VERSION), for the hint. */
  CURRENT_VERSION?: Record<string, string>;
}

/** "spec.template.spec.containers[0].image" → ['spec','template','spec','containers',0,'image'] */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.replace(/^\./, '').matchAll(/([^.[\]]+)|\[(\d+)\]|\[['"]?([^\]'"]+)['"]?\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push((m[1] ?? m[3])!);
  }
  return out;
}

/** The source range of the deepest node along `path` (the key, for a map entry), or null. */
function locate(root: unknown, path: (string | number)[]): [number, number] | null {
  let node = root as YamlNode | null;
  let best: [number, number] | null = node && (node as { range?: number[] }).range ? [node.range![0], node.range![1]] : null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) best = [pair.key.range[0], pair.key.range[1]];
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      if (item.range) best = [item.range[0], Math.min(item.range[1], item.range[0] + 1)];
      node = item;
    } else break;
  }
  return best;
}

export function kubeMarkers(text: string, checks: KubeChecks | null): Marker[] {
  const markers: Marker[] = [];
  try {
    const lc = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lc });
    if (!Array.isArray(docs)) return markers;
    const mark = (range: [number, number] | null, message: string, severity: Marker['severity'] = 'error') => {
      const [a, b] = range ?? [0, 1];
      const s = lc.linePos(a);
      const e = lc.linePos(Math.max(b, a + 1));
      markers.push({ startLineNumber: s.line, startColumn: s.col, endLineNumber: e.line, endColumn: e.col, message, severity });
    };
    for (const doc of docs) {
      if (doc.errors.length || !doc.contents) continue; // syntax errors: monaco-yaml underlines those
      const obj = doc.toJS() as Record<string, unknown> | null;
      if (!obj || typeof obj !== 'object' || !checks) continue;
      const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
      const kind = typeof obj.kind === 'string' ? obj.kind : '';
      let status = 'ok';
      try {
        status = checks.knownKind(apiVersion, kind);
      } catch {
        status = 'ok';
      }
      if (status !== 'ok') {
        const now = checks.CURRENT_VERSION?.[kind];
        let msg = `no matches for kind "${kind}" in version "${apiVersion}"`;
        if (status === 'removed') {
          msg += `: ${apiVersion} stopped being served in Kubernetes 1.16`;
          if (now) msg += `; use apiVersion: ${now}`;
          if (now === 'apps/v1') msg += ' (it requires spec.selector, matching the pod template labels)';
        }
        mark(locate(doc.contents, ['apiVersion']), msg);
        continue;
      }
      let errs: { path: string; message: string }[] = [];
      try {
        errs = checks.validateObject(obj) ?? [];
      } catch (e) {
        errs = [{ path: '', message: `validation failed: ${(e as Error).message}` }];
      }
      for (const err of errs) {
        const where = locate(doc.contents, splitPath(err.path ?? ''));
        const text = !err.path || err.message.includes(err.path) ? err.message : `${err.path}: ${err.message}`;
        mark(where, text);
      }
    }
  } catch {
    /* never throw out of the editor's validation */
  }
  return markers;
}
