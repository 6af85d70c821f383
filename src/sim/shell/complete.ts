/**
 * Tab completion: command names in command position, `$VAR` names, file names, and otherwise the program's
 * own ProgramSpec.complete (flags, metric names, Kubernetes objects), falling back to file names as bash does.
 */
import type { Shell } from './interpreter';
import { BUILTINS } from './builtins';
import { resolvePath } from '../fs';

const SEPARATORS = new Set(['|', '||', '&&', ';', '&', '(', '`', '$(']);

export function completeLine(sh: Shell, line: string, cursor: number): { start: number; candidates: string[] } {
  const c = Math.max(0, Math.min(cursor, line.length));
  const before = line.slice(0, c);
  // Split the text before the cursor into words, honouring quotes roughly.
  const words: { text: string; start: number }[] = [];
  let cur = '';
  let start = 0;
  let quote: string | null = null;
  let lastSepIndex = -1;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      if (!cur) start = i;
      quote = ch;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '|' || ch === ';' || ch === '&' || ch === '(') {
      if (cur) words.push({ text: cur, start });
      cur = '';
      if (ch !== ' ' && ch !== '\t') {
        words.push({ text: ch, start: i });
        lastSepIndex = words.length - 1;
      }
      start = i + 1;
      continue;
    }
    if (!cur) start = i;
    cur += ch;
  }
  const word = cur;
  const wordStart = cur ? start : c;
  // A word that opened a quote keeps it when replaced: `echo "de<Tab>` → `echo "demo.gunicorn.requests`.
  const opener = cur && (before[wordStart] === '"' || before[wordStart] === "'") ? before[wordStart]! : '';
  const requote = (r: { start: number; candidates: string[] }) =>
    opener ? { start: r.start, candidates: r.candidates.map((x) => opener + x) } : r;
  const argvWords = words.slice(lastSepIndex + 1).map((w) => w.text).filter((t) => !SEPARATORS.has(t));
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

  if (word.startsWith('$')) {
    const prefix = word.slice(1).replace(/^\{/, '');
    const brace = word.startsWith('${') ? '${' : '$';
    return { start: wordStart, candidates: sorted([...sh.state.vars.keys()].filter((n) => n.startsWith(prefix)).map((n) => brace + n + (brace === '${' ? '}' : ''))) };
  }
  const inCommandPosition = argvWords.length === 0 || argvWords.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (inCommandPosition && !word.includes('/')) {
    const names = [...sh.world.programs.names(), ...Object.keys(BUILTINS), ...sh.state.funcs.keys()];
    return { start: wordStart, candidates: sorted(names.filter((n) => n.startsWith(word))) };
  }
  const cmd = argvWords[0];
  if (!inCommandPosition && cmd) {
    if (cmd === 'man' || cmd === 'which' || cmd === 'type' || cmd === 'help') {
      const names = [...sh.world.programs.names(), ...(cmd === 'type' ? Object.keys(BUILTINS) : [])];
      return { start: wordStart, candidates: sorted(names.filter((n) => n.startsWith(word))) };
    }
    const spec = sh.world.programs.get(cmd);
    if (spec?.complete) {
      let own: string[] = [];
      try {
        own = spec.complete({ argv: argvWords, word, world: sh.world, host: sh.host, cwd: sh.state.cwd }) ?? [];
      } catch {
        own = [];
      }
      if (own.length) return requote({ start: wordStart, candidates: sorted(own.filter((x) => x.startsWith(word))) });
    }
    if (cmd === 'cd') return { start: wordStart, candidates: fileCandidates(sh, word, true) };
  }
  return requote({ start: wordStart, candidates: fileCandidates(sh, word, false) });
}

function fileCandidates(sh: Shell, word: string, dirsOnly: boolean): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : word.slice(0, slash + 1);
  const namePart = word.slice(slash + 1);
  const dir = resolvePath(sh.state.cwd, dirPart || '.', sh.home);
  return sh.fs
    .list(dir)
    .filter((e) => e.startsWith(namePart) && (!e.startsWith('.') || namePart.startsWith('.')))
    .filter((e) => !dirsOnly || e.endsWith('/'))
    .map((e) => dirPart + e)
    .sort();
}
