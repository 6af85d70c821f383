/**
 * The Graphite target grammar, hand-written after graphite-web's pyparsing grammar
 * (graphite-project/graphite-web webapp/graphite/render/grammar_unsafe.py):
 *
 *   target     := expression ( '|' call )*            piped calls take the left side as first argument
 *   expression := call | pathExpression
 *   call       := funcname '(' [ arg (',' arg)* ] [ ',' kwarg (',' kwarg)* ] ')'
 *   arg        := boolean | number | none | string | inf | expression
 *   kwarg      := argname '=' arg
 *   number     := -?\d+ | -?\d+.\d+ | either with e-?\d+   (only when followed by ',' or ')' or the end)
 *   path       := elements joined by '.', an element being metric chars (printables minus (){},.'"\|),
 *                 `{a,b}` alternatives and `\x` escapes
 *
 * Unlike pyparsing's parseString (which ignores trailing text), text after a complete target is an error,
 * because here a person is typing and should be told. Errors carry the 1-based column.
 */

export type Expr =
  | { kind: 'path'; path: string; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; kwargs: Record<string, Expr>; pos: number; raw: string }
  | { kind: 'number'; value: number; raw: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'bool'; value: boolean; pos: number }
  | { kind: 'none'; pos: number }
  | { kind: 'inf'; pos: number };

export interface ParseError {
  error: string;
  column: number;
}

class Fail {
  constructor(
    readonly pos: number,
    readonly msg: string,
  ) {}
}

const SYMBOLS = `(){},.'"\\|`;
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
/** pyparsing `printables` minus graphite's symbols (no spaces, no control characters). */
const isMetricChar = (c: string | undefined): boolean =>
  c !== undefined && c > ' ' && c !== '\x7f' && !SYMBOLS.includes(c);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE]-?\d+)?/;

function describe(c: string | undefined): string {
  return c === undefined ? 'end of input' : `'${c}'`;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (isSpace(this.s[this.i])) this.i++;
  }

  fail(what: string, at = this.i): never {
    throw new Fail(at, `expected ${what}${at < this.s.length ? ` but found ${describe(this.s[at])}` : ''}`);
  }

  target(): Expr {
    this.ws();
    if (this.i >= this.s.length) this.fail('a metric path or function call');
    let e = this.expression();
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '|') break;
      this.i++;
      this.ws();
      const at = this.i;
      const call = this.expression();
      if (call.kind !== 'call') throw new Fail(at, `expected a function call after '|'`);
      call.args.unshift(e);
      e = call;
    }
    this.ws();
    if (this.i < this.s.length) {
      const c = this.s[this.i];
      throw new Fail(
        this.i,
        c === ')' ? `unexpected ')': no '(' is open here` : `unexpected ${describe(c)} after the end of the expression`,
      );
    }
    return e;
  }

  /** True when, after optional whitespace, the next character is one of `chars` or the end. */
  followedByEnd(j: number, chars: string): boolean {
    while (isSpace(this.s[j])) j++;
    return j >= this.s.length || chars.includes(this.s[j]);
  }

  expression(): Expr {
    this.ws();
    const start = this.i;
    const id = IDENT.exec(this.s.slice(this.i));
    if (id) {
      let j = this.i + id[0].length;
      while (isSpace(this.s[j])) j++;
      if (this.s[j] === '(') {
        this.i = j + 1;
        return this.call(id[0], start);
      }
    }
    return this.path();
  }

  call(name: string, start: number): Expr {
    const args: Expr[] = [];
    const kwargs: Record<string, Expr> = {};
    this.ws();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name, args, kwargs, pos: start, raw: this.s.slice(start, this.i) };
    }
    for (;;) {
      this.ws();
      const argStart = this.i;
      const kw = /^([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(this.s.slice(this.i));
      if (kw) {
        this.i += kw[0].length;
        if (kw[1] in kwargs) throw new Fail(argStart, `keyword argument '${kw[1]}' given twice`);
        kwargs[kw[1]] = this.arg();
      } else {
        const a = this.arg();
        if (Object.keys(kwargs).length) throw new Fail(argStart, 'positional argument after keyword argument');
        args.push(a);
      }
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ')') {
        this.i++;
        return { kind: 'call', name, args, kwargs, pos: start, raw: this.s.slice(start, this.i) };
      }
      if (c === undefined) this.fail("')'");
      this.fail("',' or ')'");
    }
  }

  arg(): Expr {
    this.ws();
    const start = this.i;
    const rest = this.s.slice(this.i);
    const c = this.s[this.i];
    if (c === undefined) this.fail('an argument');
    if (c === ')' || c === ',') this.fail('an argument');
    if (c === '"' || c === "'") return this.string();
    const num = NUMBER.exec(rest);
    if (num && this.followedByEnd(this.i + num[0].length, ',)')) {
      this.i += num[0].length;
      return { kind: 'number', value: Number(num[0]), raw: num[0], pos: start };
    }
    const kw = /^(true|false|none|inf)\b/i.exec(rest);
    if (kw && this.followedByEnd(this.i + kw[0].length, ',)')) {
      this.i += kw[0].length;
      const w = kw[1].toLowerCase();
      if (w === 'none') return { kind: 'none', pos: start };
      if (w === 'inf') return { kind: 'inf', pos: start };
      return { kind: 'bool', value: w === 'true', pos: start };
    }
    return this.expression();
  }

  string(): Expr {
    const start = this.i;
    const q = this.s[this.i++];
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== q) {
      // pyparsing quotedString allows backslash escapes; graphite strips only the quotes.
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) out += this.s[this.i++];
      out += this.s[this.i++];
    }
    if (this.i >= this.s.length) throw new Fail(this.s.length, `expected ${q} to close the string opened at column ${start + 1}`);
    this.i++;
    return { kind: 'string', value: out, pos: start };
  }

  path(): Expr {
    const start = this.i;
    let out = '';
    for (;;) {
      // one path element
      const elemStart = this.i;
      for (;;) {
        const c = this.s[this.i];
        if (c === '\\') {
          const n = this.s[this.i + 1];
          if (n === undefined || !(SYMBOLS.includes(n) || n === '=')) this.fail('an escaped symbol after \\', this.i + 1);
          out += c + n;
          this.i += 2;
        } else if (c === '{') {
          const open = this.i;
          out += c;
          this.i++;
          for (;;) {
            const d = this.s[this.i];
            if (d === '}') {
              out += d;
              this.i++;
              break;
            }
            if (d === ',' || isMetricChar(d)) {
              out += d;
              this.i++;
            } else if (d === '\\' && this.s[this.i + 1] !== undefined) {
              out += d + this.s[this.i + 1];
              this.i += 2;
            } else if (d === undefined) throw new Fail(this.i, `expected '}' to close the '{' at column ${open + 1}`);
            else this.fail("'}'");
          }
        } else if (isMetricChar(c)) {
          out += c;
          this.i++;
        } else break;
      }
      if (this.i === elemStart) {
        if (this.i === start) this.fail('a metric path or function call');
        this.fail('a path node after \'.\'');
      }
      if (this.s[this.i] === '.') {
        out += '.';
        this.i++;
        continue;
      }
      break;
    }
    return { kind: 'path', path: out, pos: start };
  }
}

export function parseTarget(target: string): Expr | ParseError {
  if (typeof target !== 'string') return { error: 'column 1: the target must be a string', column: 1 };
  const p = new Parser(target);
  try {
    return p.target();
  } catch (e) {
    if (e instanceof Fail) return { error: `column ${e.pos + 1}: ${e.msg}`, column: e.pos + 1 };
    return { error: `column 1: ${(e as Error).message}`, column: 1 };
  }
}

export function isParseError(x: unknown): x is ParseError {
  return !!x && typeof x === 'object' && 'error' in x && 'column' in x;
}

/** The first metric path inside an expression (graphite-web functions._getFirstPathExpression). */
export function firstPathExpression(e: Expr): string | null {
  let cur: Expr | undefined = e;
  while (cur) {
    if (cur.kind === 'path') return cur.path;
    if (cur.kind === 'call') cur = cur.args[0];
    else return null;
  }
  return null;
}
