/**
 * `test` / `[`: POSIX argument-count rules (bash: test.c posixtest) then -a / -o / ! / ( ) for longer
 * expressions. Returns the exit status (0 true, 1 false, 2 error) and bash's error text.
 */
import type { SimFs } from '../fs';
import { resolvePath } from '../fs';

export interface TestEnv {
  fs: SimFs;
  cwd: string;
}

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-a', '-h', '-L']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class TestError {
  constructor(readonly msg: string) {}
}

export function runTest(name: string, argv: string[], env: TestEnv): { code: number; error?: string } {
  let args = argv;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { code: 2, error: `bash: [: missing \`]'` };
    args = args.slice(0, -1);
  }
  try {
    return { code: evaluate(args, env) ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { code: 2, error: `bash: ${name}: ${e.msg}` };
    return { code: 2, error: `bash: ${name}: ${String(e)}` };
  }
}

function int(s: string): number {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
  return Number(t);
}

function unary(op: string, a: string, env: TestEnv): boolean {
  const p = () => resolvePath(env.cwd, a);
  switch (op) {
    case '-z':
      return a.length === 0;
    case '-n':
      return a.length > 0;
    case '-d':
      return a !== '' && env.fs.isDir(p());
    case '-f':
      return a !== '' && env.fs.read(p()) !== null;
    case '-s':
      return (env.fs.read(p()) ?? '').length > 0;
    default:
      return a !== '' && env.fs.exists(p());
  }
}

function binary(op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return int(a) === int(b);
    case '-ne':
      return int(a) !== int(b);
    case '-lt':
      return int(a) < int(b);
    case '-le':
      return int(a) <= int(b);
    case '-gt':
      return int(a) > int(b);
    default:
      return int(a) >= int(b);
  }
}

function evaluate(a: string[], env: TestEnv): boolean {
  switch (a.length) {
    case 0:
      return false;
    case 1:
      return a[0].length > 0;
    case 2:
      if (a[0] === '!') return a[1].length === 0;
      if (UNARY.has(a[0])) return unary(a[0], a[1], env);
      throw new TestError(`${a[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(a[1])) return binary(a[1], a[0], a[2]);
      if (a[1] === '-a' || a[1] === '-o') break;
      if (a[0] === '!') return !evaluate(a.slice(1), env);
      if (a[0] === '(' && a[2] === ')') return a[1].length > 0;
      throw new TestError(`${a[1]}: binary operator expected`);
    case 4:
      if (a[0] === '!') return !evaluate(a.slice(1), env);
      break;
  }
  // General expression: expr -o expr, expr -a expr, ! expr, ( expr ), primaries.
  let k = 0;
  const orExpr = (): boolean => {
    let v = andExpr();
    while (a[k] === '-o') {
      k++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = term();
    while (a[k] === '-a') {
      k++;
      const r = term();
      v = v && r;
    }
    return v;
  };
  const term = (): boolean => {
    const x = a[k];
    if (x === undefined) throw new TestError('argument expected');
    if (x === '!') {
      k++;
      return !term();
    }
    if (x === '(') {
      k++;
      const v = orExpr();
      if (a[k] !== ')') throw new TestError(`\`)' expected`);
      k++;
      return v;
    }
    if (UNARY.has(x) && a[k + 1] !== undefined) {
      k += 2;
      return unary(x, a[k - 1], env);
    }
    if (a[k + 1] !== undefined && BINARY.has(a[k + 1]) && a[k + 2] !== undefined) {
      k += 3;
      return binary(a[k - 2], a[k - 3], a[k - 1]);
    }
    k++;
    return x.length > 0;
  };
  const v = orExpr();
  if (k < a.length) throw new TestError('too many arguments');
  return v;
}
