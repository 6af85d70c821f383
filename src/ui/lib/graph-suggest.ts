/**
 * Suggestions for the Graphite target box: metric path children from the tree (as you type `stats.` →
 * `/metrics/find?query=stats.*`) and render function names with their signatures.
 */
import type { FindNode } from './graph-backend';

export interface FunctionSig {
  name: string;
  /** e.g. "aliasByNode(seriesList, *nodes)" */
  signature: string;
}

export interface Suggestion {
  label: string;
  /** Text that replaces [start, end) of the box. */
  insert: string;
  detail: string;
  kind: 'metric' | 'branch' | 'function';
}

export interface SuggestContext {
  kind: 'metric' | 'function' | 'none';
  /** The token under the cursor and its bounds. */
  token: string;
  start: number;
  end: number;
  /** For metrics: the /metrics/find query for the children of the typed path. */
  query?: string;
}

const PATH_CHAR = /[A-Za-z0-9_.*{}[\]\-,:]/;

/** What is being typed at `cursor`: a metric path (contains or starts a dotted path) or a function name. */
export function suggestContext(text: string, cursor: number): SuggestContext {
  let start = cursor;
  // Walk back over path characters; stop at ',' only when it is an argument separator (outside {}).
  let braces = 0;
  while (start > 0) {
    const ch = text[start - 1]!;
    if (ch === '}') braces++;
    else if (ch === '{') {
      if (braces === 0) break;
      braces--;
    } else if (ch === ',' && braces === 0) break;
    if (!PATH_CHAR.test(ch)) break;
    start--;
  }
  let end = cursor;
  while (end < text.length && /[A-Za-z0-9_\-]/.test(text[end]!)) end++;
  const token = text.slice(start, cursor);
  if (!token) return { kind: 'none', token, start, end };
  const next = text.slice(cursor).trimStart()[0];
  if (!token.includes('.') && /^[A-Za-z_]\w*$/.test(token) && next !== '.') {
    // A bare word: a function name, or the first node of a metric path (`stats`).
    return { kind: 'function', token, start, end, query: `${token}*` };
  }
  const lastDot = token.lastIndexOf('.');
  const parent = token.slice(0, lastDot);
  const partial = token.slice(lastDot + 1);
  return { kind: 'metric', token, start, end, query: `${parent}.${partial}*` };
}

export function functionSuggestions(fns: FunctionSig[], ctx: SuggestContext, limit = 12): Suggestion[] {
  if (ctx.kind !== 'function') return [];
  const t = ctx.token.toLowerCase();
  return fns
    .filter((f) => f.name.toLowerCase().startsWith(t) && f.name !== ctx.token)
    .slice(0, limit)
    .map((f) => ({ label: f.name, insert: `${f.name}(`, detail: f.signature, kind: 'function' as const }));
}

/** Turn find results into suggestions that replace the token (branches end with '.', to keep drilling). */
export function metricSuggestions(nodes: FindNode[], ctx: SuggestContext, limit = 30): Suggestion[] {
  if (ctx.kind === 'none') return [];
  const lastDot = ctx.token.lastIndexOf('.');
  const parent = lastDot >= 0 ? ctx.token.slice(0, lastDot + 1) : '';
  return nodes.slice(0, limit).map((n) => ({
    label: n.text,
    insert: parent + n.text + (n.leaf ? '' : '.'),
    detail: n.leaf ? 'metric' : 'branch',
    kind: n.leaf ? ('metric' as const) : ('branch' as const),
  }));
}

export function applySuggestion(text: string, ctx: SuggestContext, s: Suggestion): { text: string; cursor: number } {
  const end = s.kind === 'function' ? ctx.end : ctx.end;
  const out = text.slice(0, ctx.start) + s.insert + text.slice(end);
  return { text: out, cursor: ctx.start + s.insert.length };
}

