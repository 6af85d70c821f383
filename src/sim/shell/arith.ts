/**
 * $(( ... )) arithmetic: integers, + - * / % **, comparisons, && || !, ?:, parentheses, variables (by name or
 * $name, already expanded by the caller) and the assignments = += -= *= /= ++ --. Errors use bash's wording:
 * "division by 0 (error token is ...)", "syntax error: operand expected (error token is ...)".
 */
export class ArithError {
  constructor(readonly message: string) {}
}

type Vars = { get(name: string): string | undefined; set(name: string, v: string): void };

export function evalArith(expr: string, vars: Vars): number | ArithError {
  const toks = expr.match(/\s+|[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F]+|[0-9]+|\*\*|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%]=|[-+*/%()<>!~?:=&|^,]|./g) ?? [];
  const t = toks.filter((x) => !/^\s+$/.test(x));
  let k = 0;
  const fail = (msg: string): never => {
    throw new ArithError(`${expr.trim()}: ${msg} (error token is "${t.slice(k).join(' ') || expr.trim()}")`);
  };
  const num = (name: string): number => {
    const v = vars.get(name);
    if (v === undefined || v.trim() === '') return 0;
    const r = evalArith(v, vars);
    return r instanceof ArithError ? 0 : r;
  };
  const isName = (s: string | undefined) => !!s && /^[A-Za-z_]/.test(s);

  const primary = (): number => {
    const x = t[k];
    if (x === undefined) fail('syntax error: operand expected');
    if (x === '(') {
      k++;
      const v = comma();
      if (t[k] !== ')') fail("missing `)'");
      k++;
      return v;
    }
    if (x === '-' || x === '+' || x === '!' || x === '~') {
      k++;
      const v = unary();
      return x === '-' ? -v : x === '+' ? v : x === '!' ? Number(!v) : ~v;
    }
    if (x === '++' || x === '--') {
      k++;
      const n = t[k++];
      if (!isName(n)) fail('syntax error: operand expected');
      const v = num(n!) + (x === '++' ? 1 : -1);
      vars.set(n!, String(v));
      return v;
    }
    if (/^0[xX]/.test(x)) {
      k++;
      return parseInt(x, 16);
    }
    if (/^[0-9]+$/.test(x)) {
      k++;
      return x.length > 1 && x.startsWith('0') ? parseInt(x, 8) || 0 : Number(x);
    }
    if (isName(x)) {
      k++;
      const op = t[k];
      if (op === '=' || op === '+=' || op === '-=' || op === '*=' || op === '/=' || op === '%=') {
        k++;
        const rhs = assign();
        const cur = num(x);
        const v = op === '=' ? rhs : op === '+=' ? cur + rhs : op === '-=' ? cur - rhs : op === '*=' ? cur * rhs : rhs === 0 ? fail('division by 0') : op === '/=' ? Math.trunc(cur / rhs) : cur % rhs;
        vars.set(x, String(v));
        return v;
      }
      if (op === '++' || op === '--') {
        k++;
        const cur = num(x);
        vars.set(x, String(cur + (op === '++' ? 1 : -1)));
        return cur;
      }
      return num(x);
    }
    return fail('syntax error: operand expected');
  };
  const unary = primary;
  const bin = (next: () => number, ops: string[], apply: (op: string, a: number, b: number) => number) => (): number => {
    let a = next();
    while (t[k] !== undefined && ops.includes(t[k])) {
      const op = t[k++];
      a = apply(op, a, next());
    }
    return a;
  };
  const pow = (): number => {
    const a = unary();
    if (t[k] === '**') {
      k++;
      return Math.pow(a, pow());
    }
    return a;
  };
  const mul = bin(pow, ['*', '/', '%'], (op, a, b) => {
    if (op !== '*' && b === 0) fail('division by 0');
    return op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
  });
  const add = bin(mul, ['+', '-'], (op, a, b) => (op === '+' ? a + b : a - b));
  const shift = bin(add, ['<<', '>>'], (op, a, b) => (op === '<<' ? a << b : a >> b));
  const rel = bin(shift, ['<', '>', '<=', '>='], (op, a, b) => Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b));
  const eq = bin(rel, ['==', '!='], (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const band = bin(eq, ['&'], (_o, a, b) => a & b);
  const bxor = bin(band, ['^'], (_o, a, b) => a ^ b);
  const bor = bin(bxor, ['|'], (_o, a, b) => a | b);
  const land = bin(bor, ['&&'], (_o, a, b) => Number(!!a && !!b));
  const lor = bin(land, ['||'], (_o, a, b) => Number(!!a || !!b));
  const cond = (): number => {
    const c = lor();
    if (t[k] === '?') {
      k++;
      const a = assign();
      if (t[k] !== ':') fail("expected `:'");
      k++;
      const b = assign();
      return c ? a : b;
    }
    return c;
  };
  const assign = cond;
  const comma = bin(assign, [','], (_o, _a, b) => b);
  try {
    if (t.length === 0) return 0;
    const v = comma();
    if (k < t.length) fail('syntax error in expression');
    return Number.isFinite(v) ? Math.trunc(v) : 0;
  } catch (e) {
    if (e instanceof ArithError) return e;
    return new ArithError(`${expr}: ${String(e)}`);
  }
}
