/**
 * echo and printf, as bash's builtins (bash: builtins/echo.def, builtins/printf.def): echo's -n -e -E only when
 * the whole argument is made of those letters; printf reuses its format until the arguments are used up.
 */
import type { CompletionRequest, ProgramSpec } from '../program';
import { knownMetricKeys } from '../../metrics';

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\' };

/** Backslash escapes of `echo -e` / printf %b. Returns the text and whether \c stopped output. */
export function unescape(s: string, printfStyle = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === 'c') return { text: out, stop: true };
    if (ESC[n] !== undefined) {
      out += ESC[n];
      i++;
      continue;
    }
    if (printfStyle && n === '"') {
      out += '"';
      i++;
      continue;
    }
    if (n === '0' || (printfStyle && /[0-7]/.test(n))) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + (n === '0' && !printfStyle ? 2 : 1)));
      const digits = m ? m[0] : '';
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += (n === '0' && !printfStyle ? 1 : 0) + digits.length;
      continue;
    }
    if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += 1 + m[0].length;
        continue;
      }
    }
    out += '\\' + n;
    i++;
  }
  return { text: out, stop: false };
}

/** Tab completes metric names statsd has seen, so `echo "demo.gu<Tab>` finishes the name for an nc line. */
function completeMetricName(req: CompletionRequest): string[] {
  if (req.word.includes(':') || req.word.startsWith('-')) return [];
  return knownMetricKeys(req.world).filter((k) => k.startsWith(req.word));
}

export const echo: ProgramSpec = {
  name: 'echo',
  complete: completeMetricName,
  summary: 'print its arguments, separated by spaces, then a newline',
  examples: ['echo hello', 'echo "deploys:1|c"', 'echo -n no-newline', 'echo -e "a\\tb"'],
  man: `echo [-neE] [arg ...]
  Print the arguments separated by single spaces, followed by a newline.
  -n   do not print the trailing newline
  -e   interpret backslash escapes (\\n newline, \\t tab, \\\\ backslash, \\c stop)
  -E   do not interpret escapes (the default)
  Quote arguments that hold | ; & < > or spaces: echo "foo:1|c" sends the text foo:1|c,
  while echo foo:1|c would pipe echo's output into a command called c.`,
  run(ctx) {
    let newline = true;
    let escapes = false;
    let i = 1;
    for (; i < ctx.argv.length; i++) {
      const a = ctx.argv[i];
      if (!/^-[neE]+$/.test(a)) break;
      for (const f of a.slice(1)) {
        if (f === 'n') newline = false;
        else if (f === 'e') escapes = true;
        else escapes = false;
      }
    }
    let text = ctx.argv.slice(i).join(' ');
    if (escapes) {
      const u = unescape(text);
      text = u.text;
      if (u.stop) newline = false;
    }
    ctx.out(text + (newline ? '\n' : ''));
    return 0;
  },
};

function numArg(a: string | undefined, err: (m: string) => void): number {
  if (a === undefined || a === '') return 0;
  if (/^['"]/.test(a)) return a.length > 1 ? a.codePointAt(1)! : 0;
  const t = a.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^[-+]?[0-9]+$/.test(t)) return Number(t);
  const lead = /^[-+]?[0-9]+/.exec(t);
  err(`bash: printf: ${a}: invalid number\n`);
  return lead ? Number(lead[0]) : 0;
}

function floatArg(a: string | undefined, err: (m: string) => void): number {
  if (a === undefined || a === '') return 0;
  const n = Number(a.trim());
  if (Number.isFinite(n)) return n;
  err(`bash: printf: ${a}: invalid number\n`);
  return parseFloat(a) || 0;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

export function formatPrintf(fmt: string, args: string[], err: (m: string) => void): { text: string; bad: boolean } {
  let out = '';
  let k = 0;
  let bad = false;
  const e = (m: string) => {
    bad = true;
    err(m);
  };
  const spec = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([hlLqjzt]*)([diouxXfFeEgGcsbq%])/y;
  do {
    let consumed = false;
    for (let i = 0; i < fmt.length; ) {
      const c = fmt[i];
      if (c === '\\') {
        const u = unescape(fmt.slice(i, i + 5), true);
        // find how many chars the escape used
        let used = 2;
        if (/^\\[0-7]/.test(fmt.slice(i))) used = 1 + /^[0-7]{1,3}/.exec(fmt.slice(i + 1))![0].length;
        else if (/^\\x[0-9a-fA-F]/.test(fmt.slice(i))) used = 2 + /^[0-9a-fA-F]{1,2}/.exec(fmt.slice(i + 2))![0].length;
        out += unescape(fmt.slice(i, i + used), true).text;
        void u;
        i += used;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      spec.lastIndex = i;
      const m = spec.exec(fmt);
      if (!m) {
        e(`bash: printf: \`${fmt[i + 1] ?? ''}': invalid format character\n`);
        return { text: out, bad: true };
      }
      i = spec.lastIndex;
      const [, flags, w, p, , conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const next = () => {
        consumed = true;
        return args[k++];
      };
      const width = w === '*' ? numArg(next(), e) : w ? Number(w) : 0;
      const prec = p === undefined ? undefined : p === '*' ? numArg(next(), e) : Number(p || '0');
      const left = flags.includes('-') || width < 0;
      const zero = flags.includes('0') && !left;
      const aw = Math.abs(width);
      const a = next();
      let s: string;
      switch (conv) {
        case 's':
          s = a ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          out += pad(s, aw, left, false);
          break;
        case 'b': {
          const u = unescape(a ?? '', true);
          out += pad(u.text, aw, left, false);
          if (u.stop) return { text: out, bad };
          break;
        }
        case 'q':
          s = a ?? '';
          out += pad(/^[A-Za-z0-9_./:=@%+,-]*$/.test(s) && s ? s : `'${s.replace(/'/g, "'\\''")}'`, aw, left, false);
          break;
        case 'c':
          out += pad((a ?? '').slice(0, 1), aw, left, false);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(numArg(a, e));
          s = String(Math.abs(n));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          out += pad(s, aw, left, zero && prec === undefined);
          break;
        }
        case 'x':
        case 'X':
        case 'o': {
          const n = Math.trunc(numArg(a, e));
          s = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          out += pad(s, aw, left, zero);
          break;
        }
        default: {
          const n = floatArg(a, e);
          const pr = prec ?? 6;
          if (conv === 'f' || conv === 'F') s = n.toFixed(pr);
          else if (conv === 'e' || conv === 'E') {
            s = n.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2');
            if (conv === 'E') s = s.toUpperCase();
          } else {
            s = String(Number(n.toPrecision(pr || 1)));
            if (conv === 'G') s = s.toUpperCase();
          }
          if (n >= 0 && flags.includes('+')) s = '+' + s;
          out += pad(s, aw, left, zero);
        }
      }
    }
    if (!consumed) break;
  } while (k < args.length);
  return { text: out, bad };
}

export const printf: ProgramSpec = {
  name: 'printf',
  complete: completeMetricName,
  summary: 'print text with a format (%s %d %f %x ...), reusing the format for extra arguments',
  examples: ["printf 'gauge:%d|g\\n' 42", "printf '%s\\n' a b c", "printf '%5.2f\\n' 3.14159"],
  man: `printf FORMAT [ARGUMENT ...]
  Print the arguments under the control of FORMAT, like C printf. No newline is added: write \\n.
  %s string   %d integer   %f float   %x hex   %c char   %b string with backslash escapes   %% a percent sign
  Width and precision: %5s, %-5s (left), %05d (zero padded), %.2f.
  The format is reused while arguments remain: printf '%s\\n' a b c prints three lines.`,
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      ctx.err('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const r = formatPrintf(args[0], args.slice(1), ctx.err);
    ctx.out(r.text);
    return r.bad ? 1 : 0;
  },
};
