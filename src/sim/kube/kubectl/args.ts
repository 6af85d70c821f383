/** kubectl's flag parsing (spf13/pflag): `-n ns`, `-nns`, `--namespace=ns`, `-it`, `--` ends flags. */

export interface ParsedArgs {
  pos: string[];
  flags: Map<string, string[]>;
  /** Words after `--` (exec's command), or null. */
  rest: string[] | null;
  error?: string;
}

const SHORT: Record<string, string> = {
  n: 'namespace',
  o: 'output',
  l: 'selector',
  f: 'filename',
  p: 'patch',
  c: 'container',
  A: 'all-namespaces',
  w: 'watch',
  i: 'stdin',
  t: 'tty',
  R: 'recursive',
  k: 'kustomize',
  h: 'help',
};

const VALUE = new Set([
  'namespace',
  'output',
  'selector',
  'filename',
  'patch',
  'patch-file',
  'type',
  'container',
  'tail',
  'replicas',
  'context',
  'to-revision',
  'revision',
  'dry-run',
  'timeout',
  'grace-period',
  'address',
  'image',
  'port',
  'from-literal',
  'sort-by',
  'field-selector',
  'kubeconfig',
  'since',
  'cluster',
  'user',
  'validate',
  'kustomize',
  'label-columns',
  'api-version',
]);

/** Flags whose value is optional (`--dry-run` alone means client for old kubectl; `--validate` alone is strict). */
const OPTIONAL_VALUE: Record<string, string> = { 'dry-run': 'unchanged', validate: 'strict', watch: 'true', wait: 'true' };

export function parseArgs(argv: string[], opts: { boolShort?: Record<string, string> } = {}): ParsedArgs {
  const short = { ...SHORT, ...(opts.boolShort ?? {}) };
  const out: ParsedArgs = { pos: [], flags: new Map(), rest: null };
  const add = (k: string, v: string) => {
    const list = out.flags.get(k) ?? [];
    list.push(v);
    out.flags.set(k, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (eq !== -1) add(name, a.slice(eq + 1));
      else if (VALUE.has(name) && !(name in OPTIONAL_VALUE)) {
        if (i + 1 >= argv.length) {
          out.error = `flag needs an argument: --${name}`;
          return out;
        }
        add(name, argv[++i]!);
      } else add(name, OPTIONAL_VALUE[name] ?? 'true');
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      // a cluster of short flags; a value flag takes the rest of the word or the next word
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const name = short[ch];
        if (!name) {
          out.error = `unknown shorthand flag: '${ch}' in ${a}`;
          return out;
        }
        if (VALUE.has(name) && !(opts.boolShort && ch in opts.boolShort)) {
          let v = a.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (!v) {
            if (i + 1 >= argv.length) {
              out.error = `flag needs an argument: '${ch}' in -${ch}`;
              return out;
            }
            v = argv[++i]!;
          }
          add(name, v);
          break;
        }
        add(name, 'true');
      }
    } else out.pos.push(a);
  }
  return out;
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function flagAll(p: ParsedArgs, name: string): string[] {
  return p.flags.get(name) ?? [];
}

export function boolFlag(p: ParsedArgs, name: string): boolean {
  const v = flag(p, name);
  return v !== undefined && v !== 'false';
}
