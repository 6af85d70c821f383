/**
 * Word expansion in bash's order: tilde, parameter, command substitution and arithmetic, then field splitting
 * of unquoted expansion results on IFS whitespace, then pathname expansion (globs) against the host's files.
 */
import type { Script, Word, WordPart } from './ast';
import { evalArith, ArithError } from './arith';
import type { SimFs } from '../fs';
import { resolvePath } from '../fs';

export class ExpandError {
  constructor(readonly message: string) {}
}

export interface ExpandHost {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** Run a command substitution; returns its stdout. */
  substitute(script: Script): Promise<string>;
  home: string;
  fs: SimFs;
  cwd: string;
}

interface Seg {
  text: string;
  glob: boolean;
}

/** Expand words to fields (split + glob), as for a command's arguments or `for` items. */
export async function expandWords(words: Word[], h: ExpandHost): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWord(w, h)));
  return out;
}

export async function expandWord(w: Word, h: ExpandHost): Promise<string[]> {
  const fields: Seg[][] = [];
  let cur: Seg[] = [];
  let curQuoted = false;
  const end = () => {
    if (cur.length && (curQuoted || cur.some((s) => s.text !== ''))) fields.push(cur);
    cur = [];
    curQuoted = false;
  };
  for (const p of w.parts) {
    if (p.k === 'lit') {
      cur.push({ text: p.v, glob: !p.quoted });
      if (p.quoted) curQuoted = true;
    } else if (p.k === 'tilde') {
      cur.push({ text: p.user ? `/home/${p.user}` : h.home, glob: false });
      curQuoted = true;
    } else if (p.k === 'dq') {
      cur.push({ text: await expandQuoted(p.parts, h), glob: false });
      curQuoted = true;
    } else {
      const v = await expandPart(p, h);
      if (p.k === 'param' && p.quoted) {
        cur.push({ text: v, glob: false });
        curQuoted = true;
        continue;
      }
      // Unquoted expansion: split on IFS whitespace.
      const pieces = v.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) end();
        if (piece) cur.push({ text: piece, glob: true });
      });
    }
  }
  end();
  const result: string[] = [];
  for (const f of fields) result.push(...glob(f, h));
  return result;
}

/** Expand without splitting or globbing: assignments, redirection targets, "..." and heredoc bodies. */
export async function expandQuoted(parts: WordPart[], h: ExpandHost): Promise<string> {
  let s = '';
  for (const p of parts) {
    if (p.k === 'lit') s += p.v;
    else if (p.k === 'tilde') s += p.user ? `/home/${p.user}` : h.home;
    else if (p.k === 'dq') s += await expandQuoted(p.parts, h);
    else s += await expandPart(p, h);
  }
  return s;
}

async function expandPart(p: WordPart, h: ExpandHost): Promise<string> {
  switch (p.k) {
    case 'lit':
      return p.v;
    case 'tilde':
      return h.home;
    case 'dq':
      return expandQuoted(p.parts, h);
    case 'bad':
      throw new ExpandError(`${p.text}: bad substitution`);
    case 'cmd':
      if (!p.script) return '';
      return (await h.substitute(p.script)).replace(/\n+$/, '');
    case 'arith': {
      const expr = await expandArithText(p.expr, h);
      const r = evalArith(expr, { get: (n) => h.getVar(n), set: (n, v) => h.setVar(n, v) });
      if (r instanceof ArithError) throw new ExpandError(r.message);
      return String(r);
    }
    case 'param':
      return expandParam(p, h);
  }
}

async function expandArithText(expr: string, h: ExpandHost): Promise<string> {
  return expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!])\}?/g, (_m, n: string) => h.getVar(n) ?? '');
}

async function expandParam(p: Extract<WordPart, { k: 'param' }>, h: ExpandHost): Promise<string> {
  const v = h.getVar(p.name);
  if (p.length) return String((v ?? '').length);
  if (!p.op) return v ?? '';
  const arg = async () => expandQuoted(p.arg ?? [], h);
  const colon = p.op.startsWith(':');
  const missing = v === undefined || (colon && v === '');
  switch (p.op) {
    case ':-':
    case '-':
      return missing ? arg() : v!;
    case ':=':
    case '=': {
      if (!missing) return v!;
      const a = await arg();
      h.setVar(p.name, a);
      return a;
    }
    case ':+':
    case '+':
      return missing ? '' : arg();
    case ':?':
    case '?': {
      if (!missing) return v!;
      const a = await arg();
      throw new ExpandError(`${p.name}: ${a || 'parameter null or not set'}`);
    }
    default: {
      // # ## % %%: remove the shortest/longest matching prefix/suffix (a glob pattern).
      const val = v ?? '';
      const re = globToRegex(await arg());
      const longest = p.op.length === 2;
      if (p.op.startsWith('#')) {
        const ks = [...Array(val.length + 1).keys()];
        for (const k of longest ? ks.reverse() : ks) if (re.test(val.slice(0, k))) return val.slice(k);
      } else {
        const ks = [...Array(val.length + 1).keys()].reverse();
        for (const k of longest ? ks.reverse() : ks) if (re.test(val.slice(k))) return val.slice(0, k);
      }
      return val;
    }
  }
}

export function globToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += '[' + cls.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$', 's');
}

/** Pathname expansion: only unquoted *, ? and [ are special; no match leaves the word as it is (bash default). */
function glob(field: Seg[], h: ExpandHost): string[] {
  const text = field.map((s) => s.text).join('');
  if (!field.some((s) => s.glob && /[*?[]/.test(s.text))) return [text];
  // Escape the quoted segments so their * and ? stay literal.
  const pattern = field.map((s) => (s.glob ? s.text : s.text.replace(/[*?[\]]/g, '[$&]'))).join('');
  const abs = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  let bases: string[] = [abs ? '/' : ''];
  for (const comp of comps) {
    if (comp === '') continue;
    const next: string[] = [];
    for (const b of bases) {
      if (!/[*?[]/.test(comp)) {
        next.push(b + (b && !b.endsWith('/') ? '/' : '') + comp.replace(/\[(.)\]/g, '$1'));
        continue;
      }
      const dir = resolvePath(h.cwd, b || '.');
      const re = globToRegex(comp);
      for (const e of h.fs.list(dir)) {
        const name = e.replace(/\/$/, '');
        if (name.startsWith('.') && !comp.startsWith('.')) continue;
        if (re.test(name)) next.push(b + (b && !b.endsWith('/') ? '/' : '') + name);
      }
    }
    bases = next;
  }
  const hits = bases.filter((b) => h.fs.exists(resolvePath(h.cwd, b))).sort();
  return hits.length ? hits : [text];
}
