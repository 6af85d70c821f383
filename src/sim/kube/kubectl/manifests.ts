/** Reading manifests for `apply/create/delete -f`: files, directories, `-` (stdin), several `---` documents, Lists. */
import { parseAllDocuments } from 'yaml';
import { resolvePath, type SimFs } from '../../fs';
import type { KObj } from '../cluster/types';

export interface Manifest {
  /** As kubectl names the source in messages: the path as typed, or "STDIN". */
  source: string;
  obj: KObj;
}

export type ReadResult = { manifests: Manifest[]; errors: string[] };

function parseDocs(text: string, source: string): { objs: KObj[]; error?: string } {
  const docs = parseAllDocuments(text);
  const objs: KObj[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const e = d.errors[0];
    if (e) {
      const line = e.linePos?.[0]?.line;
      const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { objs, error: `error parsing ${source}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${msg}` };
    }
    const v = d.toJS();
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v))
      return { objs, error: `error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false` };
    if (v.kind === 'List' && Array.isArray(v.items)) objs.push(...v.items);
    else objs.push(v);
  }
  return { objs };
}

export function readManifests(fs: SimFs, cwd: string, files: string[], stdin: string | null, recursive = false): ReadResult {
  const out: ReadResult = { manifests: [], errors: [] };
  for (const f of files) {
    if (f === '-') {
      if (stdin === null) {
        out.errors.push('error: no objects passed to apply');
        continue;
      }
      const r = parseDocs(stdin, 'STDIN');
      if (r.error) out.errors.push('error: ' + r.error);
      for (const o of r.objs) out.manifests.push({ source: 'STDIN', obj: o });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      out.errors.push(`error: unable to read URL "${f}", server reported dial tcp: lookup ${f.split('/')[2]}: no such host`);
      continue;
    }
    const path = resolvePath(cwd, f);
    const text = fs.read(path);
    if (text === null && fs.isDir(path)) {
      const walk = (dir: string): string[] =>
        fs.list(dir).flatMap((e) => (e.endsWith('/') ? (recursive ? walk(dir + '/' + e.slice(0, -1)) : []) : /\.(ya?ml|json)$/.test(e) ? [dir + '/' + e] : []));
      for (const p of walk(path)) {
        const shown = f.replace(/\/$/, '') + p.slice(path.length);
        const r = parseDocs(fs.read(p) ?? '', shown);
        if (r.error) out.errors.push('error: ' + r.error);
        for (const o of r.objs) out.manifests.push({ source: shown, obj: o });
      }
      continue;
    }
    if (text === null) {
      out.errors.push(`error: the path "${f}" does not exist`);
      continue;
    }
    const r = parseDocs(text, f);
    if (r.error) out.errors.push('error: ' + r.error);
    for (const o of r.objs) out.manifests.push({ source: f, obj: o });
  }
  return out;
}
