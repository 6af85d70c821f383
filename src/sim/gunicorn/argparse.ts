/**
 * The slice of Python's argparse that gunicorn's command line goes through (gunicorn/config.py
 * Config.parser(): `argparse.ArgumentParser(usage="%(prog)s [OPTIONS] [APP_MODULE]", prog="gunicorn")`).
 *
 * Behaviour copied from CPython 3.11/3.12 argparse and checked against the real parser:
 *  - long options may be abbreviated to a unique prefix (`--statsd-h`), else "ambiguous option: ... could match ...";
 *  - `--opt=value`, `-w3`, `-w=3`; a value that looks like a negative number is accepted (`-w -1`);
 *  - the `args` positional (nargs='*') takes the first run of positionals; later ones and unknown options
 *    are reported together as "unrecognized arguments: ...";
 *  - errors print the usage line and "gunicorn: error: ..." and exit 2.
 */
import { GUNICORN_OPTIONS, type GOption } from './options.generated';

export const USAGE = 'usage: gunicorn [OPTIONS] [APP_MODULE]';

export type ParsedCli =
  | { ok: true; values: Map<string, unknown>; args: string[]; help: boolean; version: boolean }
  | { ok: false; error: string };

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

function flagOwner(flag: string): GOption | undefined {
  return GUNICORN_OPTIONS.find((o) => o.flags.includes(flag));
}

function optionName(o: GOption): string {
  return o.flags.join('/');
}

/** argparse's `type=int` is Python's int(): decimal digits with optional sign and underscores. */
function pyInt(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) return null;
  return parseInt(t.replace(/_/g, ''), 10);
}

function pyFloat(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(t)) return null;
  return parseFloat(t);
}

export function parseCli(argv: string[]): ParsedCli {
  const values = new Map<string, unknown>();
  const extras: string[] = [];
  let args: string[] | null = null;
  let help = false;
  let version = false;
  let i = 0;
  let positionalRun: string[] = [];
  const flushPositionals = () => {
    if (positionalRun.length === 0) return;
    if (args === null) args = positionalRun;
    else extras.push(...positionalRun);
    positionalRun = [];
  };
  const err = (msg: string): ParsedCli => ({ ok: false, error: `${USAGE}\ngunicorn: error: ${msg}` });

  while (i < argv.length) {
    const tok = argv[i]!;
    if (tok === '--') {
      flushPositionals();
      positionalRun = argv.slice(i + 1);
      flushPositionals();
      break;
    }
    const isOption = tok.startsWith('-') && tok !== '-' && !NEGATIVE_NUMBER.test(tok);
    if (!isOption) {
      positionalRun.push(tok);
      i++;
      continue;
    }
    flushPositionals();
    // Resolve which option this token names (argparse _parse_optional).
    let opt: GOption | undefined;
    let flag = tok;
    let explicit: string | null = null;
    if (flagOwner(tok)) {
      opt = flagOwner(tok);
    } else if (tok.includes('=') && flagOwner(tok.slice(0, tok.indexOf('=')))) {
      flag = tok.slice(0, tok.indexOf('='));
      explicit = tok.slice(tok.indexOf('=') + 1);
      opt = flagOwner(flag);
    } else if (tok.startsWith('--')) {
      const name = tok.includes('=') ? tok.slice(0, tok.indexOf('=')) : tok;
      const matches: string[] = [];
      for (const o of GUNICORN_OPTIONS) for (const f of o.flags) if (f.startsWith('--') && f.startsWith(name)) matches.push(f);
      if (matches.length > 1) return err(`ambiguous option: ${tok} could match ${matches.join(', ')}`);
      if (matches.length === 1) {
        flag = matches[0]!;
        opt = flagOwner(flag);
        if (tok.includes('=')) explicit = tok.slice(tok.indexOf('=') + 1);
      }
    } else if (tok.length > 2 && flagOwner(tok.slice(0, 2))) {
      // -w3 : short option with its value attached
      flag = tok.slice(0, 2);
      opt = flagOwner(flag);
      explicit = tok.slice(2);
      if (opt && opt.nargs === 0) explicit = tok.slice(2);
    }
    if (!opt) {
      extras.push(tok);
      i++;
      continue;
    }
    i++;
    switch (opt.action) {
      case '_HelpAction':
        help = true;
        continue;
      case '_VersionAction':
        version = true;
        continue;
      case '_StoreTrueAction':
      case '_StoreConstAction': {
        if (explicit !== null) return err(`argument ${optionName(opt)}: ignored explicit argument '${explicit}'`);
        values.set(opt.dest, opt.action === '_StoreTrueAction' ? true : opt.const);
        continue;
      }
      default: {
        let raw: string;
        if (explicit !== null) raw = explicit;
        else {
          const next = argv[i];
          if (next === undefined || (next.startsWith('-') && next !== '-' && !NEGATIVE_NUMBER.test(next)))
            return err(`argument ${optionName(opt)}: expected one argument`);
          raw = next;
          i++;
        }
        let v: unknown = raw;
        if (opt.type === 'int') {
          const n = pyInt(raw);
          if (n === null) return err(`argument ${optionName(opt)}: invalid int value: '${raw}'`);
          v = n;
        } else if (opt.type === 'float') {
          const n = pyFloat(raw);
          if (n === null) return err(`argument ${optionName(opt)}: invalid float value: '${raw}'`);
          v = n;
        }
        if (opt.action === '_AppendAction') {
          const prev = (values.get(opt.dest) as unknown[] | undefined) ?? [];
          values.set(opt.dest, [...prev, v]);
        } else values.set(opt.dest, v);
      }
    }
  }
  flushPositionals();
  if (help || version) return { ok: true, values, args: args ?? [], help, version };
  if (extras.length) return err(`unrecognized arguments: ${extras.join(' ')}`);
  return { ok: true, values, args: args ?? [], help, version };
}

/** Python's shlex.split (POSIX mode, comments=False), used for GUNICORN_CMD_ARGS. Returns null on "No closing quotation". */
export function shlexSplit(s: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) return null;
      cur += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < s.length && '"\\$`\n'.includes(s[i + 1]!)) {
          cur += s[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (!closed) return null;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= s.length) return null;
      cur += s[i + 1];
      inWord = true;
      i += 2;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
