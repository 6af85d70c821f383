/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): text with `{...}` actions, `.field`, `['key']`,
 * `[n]`, `[start:end]`, `[*]`, `..field` (recursive), `[?(@.a.b=="x")]` filters, `{range ...}{end}`,
 * `{"\n"}` string literals, `{.a} {.b}` several fields. Several results of one action print space-separated.
 */

type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'all' }
  | { t: 'recursive'; name: string }
  | { t: 'filter'; path: Step[]; op: string | null; value: unknown };

type Node =
  | { t: 'text'; s: string }
  | { t: 'path'; steps: Step[]; root: boolean }
  | { t: 'range'; steps: Step[]; body: Node[] }
  | { t: 'lit'; s: string };

export class JsonPathError extends Error {}

function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  let s = src.trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s.startsWith('@')) s = s.slice(1);
  while (i < s.length) {
    const ch = s[i]!;
    if (s.startsWith('..', i)) {
      i += 2;
      const m = s.slice(i).match(/^[\w-]+/);
      if (!m) throw new JsonPathError(`unrecognized character in action: ${s.slice(i)}`);
      steps.push({ t: 'recursive', name: m[0] });
      i += m[0].length;
    } else if (ch === '.') {
      i++;
      let name = '';
      while (i < s.length && !'.[ '.includes(s[i]!)) {
        if (s[i] === '\\' && i + 1 < s.length) {
          name += s[i + 1];
          i += 2;
        } else name += s[i++];
      }
      if (name === '*') steps.push({ t: 'all' });
      else if (name) steps.push({ t: 'field', name });
    } else if (ch === '[') {
      const close = matchBracket(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ t: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: parseInt(inner, 10) });
      else if (/^-?\d*:-?\d*$/.test(inner)) {
        const [a, b] = inner.split(':');
        steps.push({ t: 'slice', start: a ? parseInt(a, 10) : undefined, end: b ? parseInt(b, 10) : undefined });
      } else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ t: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const expr = inner.slice(2, -1).trim();
        const m = expr.match(/^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/);
        if (m) {
          let v: unknown = m[3]!.trim();
          if (/^["'].*["']$/.test(v as string)) v = (v as string).slice(1, -1);
          else if (/^-?\d+(\.\d+)?$/.test(v as string)) v = Number(v);
          steps.push({ t: 'filter', path: parsePath(m[1]!), op: m[2]!, value: v });
        } else steps.push({ t: 'filter', path: parsePath(expr), op: null, value: null });
      } else throw new JsonPathError(`invalid array index ${inner}`);
    } else if (ch === ' ') i++;
    else throw new JsonPathError(`unrecognized character in action: U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`);
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let q: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unterminated array');
}

function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: { body: Node[] }[] = [{ body: root }];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open === -1) {
      stack[stack.length - 1]!.body.push({ t: 'text', s: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.body.push({ t: 'text', s: tpl.slice(i, open) });
    let close = open + 1;
    let q: string | null = null;
    for (; close < tpl.length; close++) {
      const c = tpl[close]!;
      if (q) {
        if (c === '\\') close++;
        else if (c === q) q = null;
      } else if (c === '"' || c === "'") q = c;
      else if (c === '}') break;
    }
    if (close >= tpl.length) throw new JsonPathError('unclosed action');
    const action = tpl.slice(open + 1, close).trim();
    i = close + 1;
    const top = stack[stack.length - 1]!;
    if (action.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parsePath(action.slice(6)), body: [] };
      top.body.push(node);
      stack.push({ body: (node as { body: Node[] }).body });
    } else if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (/^".*"$|^'.*'$/.test(action)) {
      top.body.push({ t: 'lit', s: action.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"') });
    } else {
      for (const part of splitActions(action)) top.body.push({ t: 'path', steps: parsePath(part), root: part.startsWith('$') });
    }
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function splitActions(action: string): string[] {
  // `{.a .b}` is not valid in kubectl; `{.a}{.b}` is. Keep one path per action, but tolerate `,` unions.
  return action.split(/,(?![^[]*\])/).map((x) => x.trim()).filter(Boolean);
}

function evalSteps(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (st.t === 'field') {
        if (v && typeof v === 'object' && !Array.isArray(v) && st.name in (v as object)) next.push((v as Record<string, unknown>)[st.name]);
        else if (v && typeof v === 'object' && !Array.isArray(v)) throw new JsonPathError(`${st.name} is not found`);
      } else if (st.t === 'index') {
        if (Array.isArray(v)) {
          const i = st.i < 0 ? v.length + st.i : st.i;
          if (i < 0 || i >= v.length) throw new JsonPathError(`array index out of bounds: index ${st.i}, length ${v.length}`);
          next.push(v[i]);
        }
      } else if (st.t === 'slice') {
        if (Array.isArray(v)) next.push(...v.slice(st.start, st.end));
      } else if (st.t === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (st.t === 'recursive') {
        const walk = (x: unknown) => {
          if (Array.isArray(x)) x.forEach(walk);
          else if (x && typeof x === 'object') {
            for (const [k, y] of Object.entries(x)) {
              if (k === st.name) next.push(y);
              walk(y);
            }
          }
        };
        walk(v);
      } else if (st.t === 'filter') {
        const items = Array.isArray(v) ? v : [v];
        for (const it of items) {
          let got: unknown[];
          try {
            got = evalSteps([it], st.path);
          } catch {
            got = [];
          }
          if (st.op === null ? got.length > 0 : got.some((g) => compare(g, st.op!, st.value))) next.push(it);
        }
      }
    }
    cur = next;
  }
  return cur;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return String(a) === String(b);
    case '!=':
      return String(a) !== String(b);
    case '<':
      return Number(a) < Number(b);
    case '>':
      return Number(a) > Number(b);
    case '<=':
      return Number(a) <= Number(b);
    default:
      return Number(a) >= Number(b);
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function run(nodes: Node[], data: unknown, rootData: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'lit') out += n.s;
    else if (n.t === 'path') out += evalSteps([n.root ? rootData : data], n.steps).map(show).join(' ');
    else for (const item of evalSteps([data], n.steps).flatMap((x) => (Array.isArray(x) ? x : [x]))) out += run(n.body, item, rootData);
  }
  return out;
}

/** Execute a kubectl `-o jsonpath=` template; errors read as kubectl's. */
export function jsonpath(template: string, data: unknown): { out: string } | { error: string } {
  try {
    const nodes = parseTemplate(template);
    return { out: run(nodes, data, data) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
