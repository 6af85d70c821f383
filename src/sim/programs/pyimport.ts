/**
 * Python's import of the learner's modules, as gunicorn's util.import_app("module:attr") and
 * `python file.py` do it: module `a.b` is <cwd>/a/b.py (or a/b/__init__.py); `from flask import ...`
 * fails with ModuleNotFoundError until `pip install flask`; `from myproject import app` (wsgi.py) follows
 * the import. Errors carry the traceback frames Python 3.12 prints for them.
 */
import type { World } from '../world';
import { isInstalled } from './pyenv';
import { FlaskApp, parseFlaskApp, type FlaskAppModel } from './flaskapp';

export type ImportResult =
  | { ok: true; app: FlaskAppModel; file: string }
  | { ok: false; kind: 'module'; error: string; frames: string[] } // ModuleNotFoundError etc. (an exception)
  | { ok: false; kind: 'attribute'; error: string }; // gunicorn AppImportError (printed without traceback)

/** importlib frames between import_module and the failing statement (CPython 3.12). */
export const IMPORTLIB_NOT_FOUND = [
  '  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import',
  '  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load',
  '  File "<frozen importlib._bootstrap>", line 1324, in _find_and_load_unlocked',
];
const IMPORTLIB_EXEC = [
  '  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import',
  '  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load',
  '  File "<frozen importlib._bootstrap>", line 1331, in _find_and_load_unlocked',
  '  File "<frozen importlib._bootstrap>", line 935, in _load_unlocked',
  '  File "<frozen importlib._bootstrap_external>", line 995, in exec_module',
  '  File "<frozen importlib._bootstrap>", line 488, in _call_with_frames_removed',
];

export function modulePath(world: World, host: string, dir: string, module: string): string | null {
  const base = `${dir.replace(/\/$/, '')}/${module.split('.').join('/')}`;
  const fs = world.fs(host);
  if (fs.read(base + '.py') !== null) return base + '.py';
  if (fs.read(base + '/__init__.py') !== null) return base + '/__init__.py';
  return null;
}

/** Third-party imports at the top of a file that are not installed → the first failing one. */
export function missingImport(world: World, src: string, host = 'laptop'): { line: number; code: string; name: string } | null {
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+))/.exec(lines[i]!);
    if (!m) continue;
    const top = (m[1] ?? m[2]!).split('.')[0]!;
    const thirdParty = ['flask', 'werkzeug', 'jinja2', 'gunicorn', 'statsd', 'click', 'markupsafe', 'itsdangerous', 'blinker', 'packaging'];
    if (thirdParty.includes(top) && !isInstalled(world, top, host)) return { line: i + 1, code: lines[i]!.trim(), name: top };
    const knownStd = ['time', 'random', 'os', 'sys', 'json', 'logging', 'math', 'datetime', 'socket', 'multiprocessing', 'typing', 're'];
    if (!thirdParty.includes(top) && !knownStd.includes(top)) return null; // local module: checked by the caller
  }
  return null;
}

/** Import `module` (found under `dir`) and get attribute `attr`, following `from X import attr`. */
export function importApp(world: World, host: string, dir: string, module: string, attr: string, depth = 0): ImportResult {
  const file = modulePath(world, host, dir, module);
  if (!file) return { ok: false, kind: 'module', error: `ModuleNotFoundError: No module named '${module}'`, frames: IMPORTLIB_NOT_FOUND };
  const src = world.fs(host).read(file) ?? '';
  const missing = missingImport(world, src, host);
  if (missing) {
    return {
      ok: false, kind: 'module',
      error: `ModuleNotFoundError: No module named '${missing.name}'`,
      frames: [...IMPORTLIB_EXEC, `  File "${file}", line ${missing.line}, in <module>`, `    ${missing.code}`],
    };
  }
  const model = parseFlaskApp(src, file, module);
  if (model && model.appVar === attr) return { ok: true, app: model, file };
  // application = app
  const alias = new RegExp(`^${attr}\\s*=\\s*([A-Za-z_]\\w*)\\s*$`, 'm').exec(src);
  if (model && alias && alias[1] === model.appVar) return { ok: true, app: model, file };
  // from other import app [as attr]
  const imp = new RegExp(`^from\\s+([\\w.]+)\\s+import\\s+(?:.*,\\s*)?([A-Za-z_]\\w*)(?:\\s+as\\s+${attr})?\\b`, 'm');
  for (const line of src.split('\n')) {
    const m = imp.exec(line);
    if (!m) continue;
    const names = line.replace(/^from\s+[\w.]+\s+import\s+/, '').split(',').map((x) => x.trim());
    for (const n of names) {
      const [orig, as] = n.split(/\s+as\s+/);
      if ((as ?? orig) === attr && depth < 5) {
        const r = importApp(world, host, dir, m[1]!, orig!, depth + 1);
        if (!r.ok && r.kind === 'attribute') {
          const lineNo = src.split('\n').indexOf(line) + 1;
          return {
            ok: false, kind: 'module',
            error: `ImportError: cannot import name '${orig}' from '${m[1]}' (${modulePath(world, host, dir, m[1]!)})`,
            frames: [...IMPORTLIB_EXEC, `  File "${file}", line ${lineNo}, in <module>`, `    ${line.trim()}`],
          };
        }
        return r;
      }
    }
  }
  return { ok: false, kind: 'attribute', error: `Failed to find attribute '${attr}' in '${module}'.` };
}

export function instantiate(model: FlaskAppModel, seed?: number): FlaskApp {
  return new FlaskApp(model, seed);
}
