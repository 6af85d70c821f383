/**
 * A tiny in-memory filesystem, one per host (the laptop, each pod). Paths are absolute after `resolvePath`.
 * The editor's files live here too, so `kubectl apply -f deployment.yaml` reads what the learner edited.
 */
export class SimFs {
  private files = new Map<string, string>();
  private listenersList: ((path: string, content: string | null) => void)[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(initial)) this.files.set(p, c);
  }

  read(path: string): string | null {
    return this.files.get(path) ?? null;
  }

  write(path: string, content: string): void {
    this.files.set(path, content);
    for (const l of this.listenersList) l(path, content);
  }

  remove(path: string): boolean {
    const had = this.files.delete(path);
    if (had) for (const l of this.listenersList) l(path, null);
    return had;
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.isDir(path);
  }

  isDir(path: string): boolean {
    const prefix = path.endsWith('/') ? path : path + '/';
    if (path === '/') return true;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** Entries directly under a directory (names, directories end with '/'). */
  list(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const out = new Set<string>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      out.add(slash === -1 ? rest : rest.slice(0, slash + 1));
    }
    return [...out].sort();
  }

  all(): Record<string, string> {
    return Object.fromEntries(this.files);
  }

  onChange(fn: (path: string, content: string | null) => void): () => void {
    this.listenersList.push(fn);
    return () => {
      this.listenersList = this.listenersList.filter((x) => x !== fn);
    };
  }
}

/** Resolve `p` against `cwd`, handling `.`, `..` and `~` (home is /home/learner). */
export function resolvePath(cwd: string, p: string, home = '/home/learner'): string {
  let path = p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
  if (!path.startsWith('/')) path = (cwd.endsWith('/') ? cwd : cwd + '/') + path;
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}
