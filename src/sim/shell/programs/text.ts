/** cat, head, tail, wc, grep, seq: coreutils/grep behaviour and messages (GNU coreutils 9, grep 3). */
import type { ProgramContext, ProgramSpec } from '../program';
import { lines, parseCount, readOperand, waitForTerminal } from './io';
import { resolvePath } from '../../fs';

/** Collect the inputs of a filter: file operands, or stdin. Returns null when it must wait for the terminal. */
function inputs(ctx: ProgramContext, files: string[], prog: string, style: 'plain' | 'open' = 'plain'): { list: { name: string; text: string }[]; failed: boolean } | null {
  if (files.length === 0) {
    if (ctx.stdin === null) return null;
    return { list: [{ name: '-', text: ctx.stdin }], failed: false };
  }
  const list: { name: string; text: string }[] = [];
  let failed = false;
  for (const f of files) {
    const t = readOperand(ctx, f, prog, style);
    if (t === null) failed = true;
    else list.push({ name: f, text: t });
  }
  return { list, failed };
}

function badOption(ctx: ProgramContext, prog: string, opt: string): number {
  ctx.err(opt.startsWith('--') ? `${prog}: unrecognized option '${opt}'\n` : `${prog}: invalid option -- '${opt.slice(1, 2)}'\n`);
  ctx.err(`Try '${prog} --help' for more information.\n`);
  return prog === 'grep' ? 2 : 1;
}

export const cat: ProgramSpec = {
  name: 'cat',
  summary: 'print files (or standard input) to the terminal',
  examples: ['cat app.py', 'cat -n deployment.yaml', 'cat <<EOF > notes.txt'],
  man: `cat [-n] [-E] [FILE ...]
  Concatenate FILEs (or standard input, or - ) to standard output.
  -n   number all output lines
  -E   show $ at the end of each line
  cat <<EOF ... EOF prints a here-document; cat > file <<EOF writes one.`,
  async run(ctx) {
    let number = false;
    let ends = false;
    const files: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (a.startsWith('-') && a !== '-') {
        for (const f of a.slice(1)) {
          if (f === 'n') number = true;
          else if (f === 'E') ends = true;
          else if (f !== 'u') return badOption(ctx, 'cat', '-' + f);
        }
      } else files.push(a);
    }
    const ins = inputs(ctx, files, 'cat');
    if (!ins) return waitForTerminal(ctx);
    let n = 0;
    for (const { text } of ins.list) {
      if (!number && !ends) {
        ctx.out(text);
        continue;
      }
      const parts = text.split('\n');
      const trailing = text.endsWith('\n');
      if (trailing) parts.pop();
      ctx.out(parts.map((l, i) => (number ? `${String(++n).padStart(6)}\t` : '') + l + (ends && (i < parts.length - 1 || trailing) ? '$' : '')).join('\n') + (trailing ? '\n' : ''));
    }
    return ins.failed ? 1 : 0;
  },
};

function headTail(which: 'head' | 'tail'): ProgramSpec['run'] {
  return async (ctx) => {
    let count = 10;
    let fromStart = false;
    let bytes = false;
    let follow = false;
    let quiet = false;
    const files: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const m = /^-(n|c)(.*)$/.exec(a);
      if (m) {
        const v = m[2] || args[++i];
        const c = parseCount(v);
        if (c === null) {
          ctx.err(`${which}: invalid number of ${m[1] === 'n' ? 'lines' : 'bytes'}: ‘${v ?? ''}’\n`);
          return 1;
        }
        count = c;
        bytes = m[1] === 'c';
        fromStart = which === 'tail' && !!v?.startsWith('+');
      } else if (/^-[0-9]+$/.test(a)) count = Number(a.slice(1));
      else if (which === 'tail' && /^\+[0-9]+$/.test(a)) {
        count = Number(a.slice(1));
        fromStart = true;
      } else if (which === 'tail' && (a === '-f' || a === '-F' || a === '--follow')) follow = true;
      else if (a === '-q') quiet = true;
      else if (a.startsWith('-') && a !== '-') return badOption(ctx, which, a);
      else files.push(a);
    }
    const ins = inputs(ctx, files, which, 'open');
    if (!ins) return waitForTerminal(ctx);
    const pick = (text: string): string => {
      if (bytes) return which === 'head' ? text.slice(0, count) : fromStart ? text.slice(Math.max(0, count - 1)) : text.slice(Math.max(0, text.length - count));
      const ls = lines(text);
      const sel = which === 'head' ? ls.slice(0, count) : fromStart ? ls.slice(Math.max(0, count - 1)) : count === 0 ? [] : ls.slice(-count);
      if (!sel.length) return '';
      const lastIsLast = which === 'tail' || sel.length === ls.length;
      return sel.join('\n') + (lastIsLast && !text.endsWith('\n') ? '' : '\n');
    };
    ins.list.forEach(({ name, text }, i) => {
      if (ins.list.length > 1 && !quiet) ctx.out(`${i ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
      ctx.out(pick(text));
    });
    if (follow && files.length) {
      // tail -f: print what is appended to the files until Ctrl-C.
      const fs = ctx.world.fs(ctx.host);
      const sizes = new Map(files.map((f) => [resolvePath(ctx.cwd, f), (fs.read(resolvePath(ctx.cwd, f)) ?? '').length]));
      const off = fs.onChange((path, content) => {
        if (!sizes.has(path) || content === null) return;
        const old = sizes.get(path)!;
        if (content.length > old) ctx.out(content.slice(old));
        else if (content.length < old) ctx.err(`tail: ${path.slice(path.lastIndexOf('/') + 1)}: file truncated\n`);
        sizes.set(path, content.length);
      });
      const code = await waitForTerminal(ctx);
      off();
      return code;
    }
    return ins.failed ? 1 : 0;
  };
}

export const head: ProgramSpec = {
  name: 'head',
  summary: 'print the first lines of files or standard input',
  examples: ['head -n 5 app.py', 'seq 100 | head -3'],
  man: `head [-n N] [-c N] [FILE ...]
  Print the first 10 lines of each FILE (or standard input).
  -n N  the first N lines (-N is the same)
  -c N  the first N bytes`,
  run: headTail('head'),
};

export const tail: ProgramSpec = {
  name: 'tail',
  summary: 'print the last lines of files or standard input (-f follows a growing file)',
  examples: ['tail -n 20 access.log', 'tail -f gunicorn.log', 'seq 10 | tail -n +8'],
  man: `tail [-n N] [-n +N] [-f] [FILE ...]
  Print the last 10 lines of each FILE (or standard input).
  -n N   the last N lines;  -n +N  from line N on
  -c N   the last N bytes
  -f     keep printing what is appended to the file, until Ctrl-C`,
  run: headTail('tail'),
};

export const wc: ProgramSpec = {
  name: 'wc',
  summary: 'count lines, words and bytes',
  examples: ['wc -l app.py', 'seq 10 | wc -l'],
  man: `wc [-l] [-w] [-c] [-m] [FILE ...]
  Print newline, word and byte counts for each FILE (and a total line for several).
  -l lines   -w words   -c bytes   -m characters`,
  async run(ctx) {
    const flags = new Set<string>();
    const files: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (a === '--lines') flags.add('l');
      else if (a === '--words') flags.add('w');
      else if (a === '--bytes') flags.add('c');
      else if (a.startsWith('-') && a !== '-') {
        for (const f of a.slice(1)) {
          if (!'lwcm'.includes(f)) return badOption(ctx, 'wc', '-' + f);
          flags.add(f);
        }
      } else files.push(a);
    }
    const ins = inputs(ctx, files, 'wc');
    if (!ins) return waitForTerminal(ctx);
    const order = flags.size ? ['l', 'w', 'm', 'c'].filter((f) => flags.has(f)) : ['l', 'w', 'c'];
    const count = (t: string) => ({
      l: (t.match(/\n/g) ?? []).length,
      w: t.split(/\s+/).filter(Boolean).length,
      c: new TextEncoder().encode(t).length,
      m: [...t].length,
    });
    const rows = ins.list.map((x) => ({ name: x.name, n: count(x.text) as Record<string, number> }));
    if (rows.length > 1) {
      const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0 };
      for (const r of rows) for (const k of Object.keys(total)) total[k] += r.n[k];
      rows.push({ name: 'total', n: total });
    }
    // GNU wc: width 7 when reading standard input, else the digits of the total byte count.
    const onlyStdin = files.length === 0;
    const totalBytes = ins.list.reduce((s, x) => s + new TextEncoder().encode(x.text).length, 0);
    const width = onlyStdin ? (order.length === 1 ? 1 : 7) : Math.max(1, String(totalBytes).length);
    for (const r of rows) {
      const nums = order.map((k) => String(r.n[k]).padStart(width)).join(' ');
      ctx.out(nums + (r.name === '-' && onlyStdin ? '' : ` ${r.name}`) + '\n');
    }
    return ins.failed ? 1 : 0;
  },
};

/** POSIX basic regular expression → JavaScript: \( \) \{ \} \| \+ \? are the operators, bare ones are literal. */
export function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '(){}|+?'.includes(n) ? n : '\\' + n;
    } else if ('(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '[') {
      const close = p.indexOf(']', i + (p[i + 1] === '^' ? 3 : 2));
      if (close === -1) {
        out += '\\[';
        continue;
      }
      out += p.slice(i, close + 1).replace(/\\/g, '\\\\').replace(/\[:(alpha|digit|alnum|space|upper|lower|punct):\]/g, (_m, k: string) => POSIX_CLASSES[k]);
      i = close;
    } else out += c;
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = { alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', space: '\\s', upper: 'A-Z', lower: 'a-z', punct: '!-\\/:-@\\[-`{-~' };

export const grep: ProgramSpec = {
  name: 'grep',
  summary: 'print lines that match a pattern (-i -v -c -n -E -o -w -q -l)',
  examples: ["grep statsd gunicorn.conf.py", "ps | grep gunicorn", "grep -E 'GET|POST' access.log", 'grep -c 200 access.log'],
  man: `grep [OPTIONS] PATTERN [FILE ...]
  Print the lines of FILEs (or standard input) that match PATTERN, a basic regular expression.
  -E  extended regular expression (| + ? ( ) without backslashes)   -F  fixed string
  -i  ignore case   -v  lines that do NOT match   -c  count matching lines   -n  line numbers
  -o  only the matching part   -w  whole words   -q  quiet (exit status only)   -l  file names only
  -e PATTERN  give the pattern explicitly (several allowed)
  Exit status: 0 a line matched, 1 none matched, 2 an error.`,
  async run(ctx) {
    const o = { i: false, v: false, c: false, n: false, E: false, F: false, o: false, w: false, q: false, l: false, h: false, H: false, s: false };
    const patterns: string[] = [];
    const rest: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        rest.push(...args.slice(i + 1));
        break;
      }
      if (a === '-e' || a === '--regexp') {
        if (args[i + 1] === undefined) {
          ctx.err("grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
          return 2;
        }
        patterns.push(args[++i]);
        continue;
      }
      const long: Record<string, keyof typeof o> = { '--ignore-case': 'i', '--invert-match': 'v', '--count': 'c', '--line-number': 'n', '--extended-regexp': 'E', '--fixed-strings': 'F', '--only-matching': 'o', '--word-regexp': 'w', '--quiet': 'q', '--silent': 'q', '--files-with-matches': 'l' };
      if (a.startsWith('--')) {
        if (long[a]) {
          o[long[a]] = true;
          continue;
        }
        return badOption(ctx, 'grep', a);
      }
      if (a.startsWith('-') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (f in o) o[f as keyof typeof o] = true;
          else if (f === 'r' || f === 'R') continue;
          else return badOption(ctx, 'grep', '-' + f);
        }
        continue;
      }
      rest.push(a);
    }
    if (!patterns.length) {
      const p = rest.shift();
      if (p === undefined) {
        ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
        return 2;
      }
      patterns.push(...p.split('\n'));
    }
    let re: RegExp;
    try {
      const src = patterns
        .map((p) => (o.F ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : o.E ? p : breToJs(p)))
        .map((p) => (o.w ? `(?<![\\w])(?:${p})(?![\\w])` : p))
        .join('|');
      re = new RegExp(src, o.i ? 'gi' : 'g');
    } catch {
      ctx.err(`grep: ${o.E ? 'Unmatched ( or \\(' : 'Unmatched \\( or \\)'}\n`);
      return 2;
    }
    const ins = inputs(ctx, rest, 'grep');
    if (!ins) return waitForTerminal(ctx);
    const many = rest.length > 1 ? !o.h : o.H;
    let any = false;
    for (const { name, text } of ins.list) {
      const label = name === '-' ? '(standard input)' : name;
      let count = 0;
      lines(text).forEach((line, idx) => {
        re.lastIndex = 0;
        const hit = re.test(line);
        if (hit === o.v) return;
        count++;
        any = true;
        if (o.q || o.l || o.c) return;
        const prefix = (many ? `${label}:` : '') + (o.n ? `${idx + 1}:` : '');
        if (o.o && !o.v) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0]) ctx.out(prefix + m[0] + '\n');
        } else ctx.out(prefix + line + '\n');
      });
      if (o.q && any) return 0;
      if (o.l && count) ctx.out(label + '\n');
      else if (o.c && !o.q) ctx.out((many ? `${label}:` : '') + count + '\n');
    }
    if (ins.failed && !o.q) return 2;
    return any ? 0 : 1;
  },
};

const SEQ_LIMIT = 100_000;

export const seq: ProgramSpec = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  examples: ['seq 5', 'seq 0 10 100', 'for i in $(seq 3); do echo "hits:1|c"; done'],
  man: `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST
  Print numbers from FIRST (default 1) to LAST, by INCREMENT (default 1), one per line.
  -s SEP  separate them with SEP instead of a newline
  -w      pad with leading zeros to equal width`,
  run(ctx) {
    let sep = '\n';
    let equal = false;
    const nums: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-s') sep = args[++i] ?? '';
      else if (a.startsWith('-s')) sep = a.slice(2);
      else if (a === '-w') equal = true;
      else if (/^-[A-Za-z]/.test(a)) return badOption(ctx, 'seq', a);
      else nums.push(a);
    }
    if (nums.length === 0) {
      ctx.err("seq: missing operand\nTry 'seq --help' for more information.\n");
      return 1;
    }
    if (nums.length > 3) {
      ctx.err(`seq: extra operand ‘${nums[3]}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    for (const n of nums) {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n)) {
        ctx.err(`seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`);
        return 1;
      }
    }
    const [first, inc, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : (nums as [string, string, string]);
    if (Number(inc) === 0) {
      ctx.err(`seq: invalid Zero increment value: ‘${inc}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    const decimals = Math.max(...[first, inc].map((n) => (/\.(\d*)/.exec(n)?.[1].length ?? 0)));
    const f = Number(first);
    const s = Number(inc);
    const l = Number(last);
    const outNums: string[] = [];
    for (let k = 0; ; k++) {
      const v = f + k * s;
      if (s > 0 ? v > l + 1e-9 : v < l - 1e-9) break;
      if (k >= SEQ_LIMIT) {
        ctx.out(outNums.join(sep) + '\n');
        ctx.err(`seq: stopped after ${SEQ_LIMIT} numbers (playground limit)\n`);
        return 1;
      }
      outNums.push(v.toFixed(decimals));
    }
    if (equal) {
      const w = Math.max(...outNums.map((x) => x.replace('-', '').length));
      for (let i = 0; i < outNums.length; i++) {
        const neg = outNums[i].startsWith('-');
        outNums[i] = (neg ? '-' : '') + outNums[i].replace('-', '').padStart(w, '0');
      }
    }
    if (outNums.length) ctx.out(outNums.join(sep) + '\n');
    return 0;
  },
};
