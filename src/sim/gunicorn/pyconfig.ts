/**
 * Reads a gunicorn config file (a Python module, e.g. gunicorn.conf.py) the way gunicorn's
 * Application.get_config_from_filename does: run it, keep the module-level names. We evaluate the
 * subset people write in these files: `name = <literal>` with strings, numbers, True/False/None, lists,
 * tuples, dicts, `+ - * //` on ints, and `multiprocessing.cpu_count()` (the simulated laptop has 4 cores).
 * Anything else is reported like Python would report it (NameError / SyntaxError with the line).
 */
export const CPU_COUNT = 4;

export type PyValue = string | number | boolean | null | PyValue[] | { [k: string]: PyValue };

export type PyConfigResult =
  | { ok: true; vars: Record<string, PyValue> }
  | { ok: false; line: number; text: string; error: string };

class Parser {
  i = 0;
  constructor(
    private s: string,
    private vars: Record<string, PyValue>,
  ) {}
  ws(): void {
    while (this.i < this.s.length && /[ \t\n]/.test(this.s[this.i]!)) this.i++;
  }
  peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }
  expr(): PyValue {
    let v = this.term();
    for (;;) {
      const c = this.peek();
      if (c === '+' || c === '-') {
        this.i++;
        const r = this.term();
        if (c === '+' && typeof v === 'string' && typeof r === 'string') v = v + r;
        else if (c === '+' && Array.isArray(v) && Array.isArray(r)) v = [...v, ...r];
        else if (typeof v === 'number' && typeof r === 'number') v = c === '+' ? v + r : v - r;
        else throw new Error(`TypeError: unsupported operand type(s) for ${c}`);
      } else return v;
    }
  }
  term(): PyValue {
    let v = this.atom();
    for (;;) {
      const c = this.peek();
      if (c === '*' || c === '/') {
        const floor = this.s.startsWith('//', this.i);
        this.i += floor ? 2 : 1;
        const r = this.atom();
        if (typeof v !== 'number' || typeof r !== 'number') throw new Error(`TypeError: unsupported operand type(s) for ${c}`);
        if (c === '*') v = v * r;
        else {
          if (r === 0) throw new Error('ZeroDivisionError: division by zero');
          v = floor ? Math.floor(v / r) : v / r;
        }
      } else return v;
    }
  }
  atom(): PyValue {
    const c = this.peek();
    const rest = this.s.slice(this.i);
    if (c === '"' || c === "'") {
      const triple = rest.startsWith(c.repeat(3));
      const q = triple ? c.repeat(3) : c;
      const end = this.s.indexOf(q, this.i + q.length);
      if (end === -1) throw new Error('SyntaxError: unterminated string literal');
      const raw = this.s.slice(this.i + q.length, end);
      this.i = end + q.length;
      return raw.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1');
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      this.i++;
      const items: PyValue[] = [];
      let sawComma = false;
      while (this.peek() !== close) {
        if (this.i >= this.s.length) throw new Error("SyntaxError: '" + c + "' was never closed");
        items.push(this.expr());
        if (this.peek() === ',') {
          this.i++;
          sawComma = true;
        } else break;
      }
      if (this.peek() !== close) throw new Error('SyntaxError: invalid syntax');
      this.i++;
      // (x) is just x; (x,) is a tuple.
      if (c === '(' && items.length === 1 && !sawComma) return items[0]!;
      return items;
    }
    if (c === '{') {
      this.i++;
      const obj: Record<string, PyValue> = {};
      while (this.peek() !== '}') {
        const k = this.expr();
        if (this.peek() !== ':') throw new Error('SyntaxError: invalid syntax');
        this.i++;
        obj[String(k)] = this.expr();
        if (this.peek() === ',') this.i++;
        else break;
      }
      if (this.peek() !== '}') throw new Error("SyntaxError: '{' was never closed");
      this.i++;
      return obj;
    }
    const num = /^-?\d[\d_]*(\.\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return Number(num[0].replace(/_/g, ''));
    }
    const name = /^[A-Za-z_][\w.]*/.exec(rest);
    if (name) {
      this.i += name[0].length;
      const n = name[0];
      if (this.peek() === '(') {
        this.i++;
        if (this.peek() !== ')') throw new Error(`SyntaxError: unsupported call in simulated config: ${n}(...)`);
        this.i++;
        if (n === 'multiprocessing.cpu_count' || n === 'os.cpu_count' || n === 'cpu_count') return CPU_COUNT;
        throw new Error(`NameError: name '${n.split('.')[0]}' is not defined`);
      }
      if (n === 'True') return true;
      if (n === 'False') return false;
      if (n === 'None') return null;
      if (n in this.vars) return this.vars[n]!;
      throw new Error(`NameError: name '${n.split('.')[0]}' is not defined`);
    }
    throw new Error('SyntaxError: invalid syntax');
  }
}

/** Join physical lines into logical ones (open brackets / triple quotes continue a statement). */
function logicalLines(src: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = src.split('\n');
  let buf = '';
  let start = 0;
  let depth = 0;
  for (let n = 0; n < lines.length; n++) {
    let l = lines[n]!;
    // strip comments outside strings (good enough for config files)
    let inStr: string | null = null;
    for (let k = 0; k < l.length; k++) {
      const ch = l[k]!;
      if (inStr) {
        if (ch === inStr) inStr = null;
      } else if (ch === '"' || ch === "'") inStr = ch;
      else if (ch === '#') {
        l = l.slice(0, k);
        break;
      } else if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (!buf) start = n + 1;
    buf += (buf ? '\n' : '') + l;
    if (depth <= 0) {
      if (buf.trim()) out.push({ line: start, text: buf });
      buf = '';
      depth = 0;
    }
  }
  if (buf.trim()) out.push({ line: start, text: buf });
  return out;
}

export function evalPyConfig(src: string): PyConfigResult {
  const vars: Record<string, PyValue> = {};
  for (const { line, text } of logicalLines(src)) {
    const t = text.trim();
    if (/^(import|from)\s/.test(t)) {
      if (/^import\s+(multiprocessing|os|sys)\s*$/.test(t) || /^from\s+multiprocessing\s+import\s+cpu_count\s*$/.test(t)) continue;
      const mod = /^(?:import|from)\s+([\w.]+)/.exec(t)?.[1] ?? '?';
      return { ok: false, line, text: t, error: `ModuleNotFoundError: No module named '${mod}'` };
    }
    if (/^(def|class|if|for|while|with|try)\b/.test(t) || /^\s/.test(text)) continue; // hooks: not evaluated
    const m = /^([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(t);
    if (!m) {
      if (/^[A-Za-z_][\w.]*\(/.test(t)) continue; // a bare call like print(...)
      return { ok: false, line, text: t, error: 'SyntaxError: invalid syntax' };
    }
    try {
      const p = new Parser(m[2]!, vars);
      const v = p.expr();
      p.ws();
      if (p.i < m[2]!.length) throw new Error('SyntaxError: invalid syntax');
      vars[m[1]!] = v;
    } catch (e) {
      return { ok: false, line, text: t, error: (e as Error).message };
    }
  }
  return { ok: true, vars };
}
