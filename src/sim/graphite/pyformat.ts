/**
 * Python's text forms that graphite-web's answers are made of: repr(float), json.dumps (default separators,
 * ensure_ascii, indent) and csv.writer(dialect='excel') rows — so a simulated answer reads byte for byte like
 * the real one (`3.0`, not `3`; `1e-05`; `None`).
 */

/** repr(float) (CPython float_repr: shortest round-trip digits; exponent form below 1e-4 or from 1e16). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e') as [string, string];
  const exp = parseInt(expStr, 10);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? '-' + out : out;
}

/** A float as json.dumps writes it (NaN / Infinity are not JSON, but Python writes them anyway). */
export function pyJsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pyFloatRepr(x);
}

/** json.dumps string with ensure_ascii (everything outside ' '..'~' escaped, lowercase hex). */
export function pyJsonString(s: string, ensureAscii = true): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) {
      if (c > 0xffff) {
        const hi = 0xd800 + ((c - 0x10000) >> 10), lo = 0xdc00 + ((c - 0x10000) & 0x3ff);
        out += `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** Python values for pyJsonDumps: a JS number is an int when tagged so, a float otherwise. */
export class PyInt {
  constructor(readonly value: number) {}
}
export type PyJson = null | boolean | number | PyInt | string | PyJson[] | { [k: string]: PyJson };

/** json.dumps(value, ensure_ascii, indent): separators ', ' / ': ', or ',' / ': ' when indented. */
export function pyJsonDumps(v: PyJson, opts: { indent?: number; ensureAscii?: boolean } = {}): string {
  const ind = opts.indent;
  const ea = opts.ensureAscii ?? true;
  const go = (x: PyJson, level: number): string => {
    if (x === null) return 'null';
    if (x === true) return 'true';
    if (x === false) return 'false';
    if (x instanceof PyInt) return String(Math.trunc(x.value));
    if (typeof x === 'number') return pyJsonFloat(x);
    if (typeof x === 'string') return pyJsonString(x, ea);
    const entries: string[] = Array.isArray(x)
      ? x.map((e) => go(e, level + 1))
      : Object.entries(x).map(([k, e]) => `${pyJsonString(k, ea)}: ${go(e, level + 1)}`);
    const [open, close] = Array.isArray(x) ? ['[', ']'] : ['{', '}'];
    if (!entries.length) return open + close;
    if (ind === undefined) return open + entries.join(', ') + close;
    const pad = '\n' + ' '.repeat(ind * (level + 1));
    return open + pad + entries.join(',' + pad) + '\n' + ' '.repeat(ind * level) + close;
  };
  return go(v, 0);
}

/** One csv.writer(dialect='excel') row: QUOTE_MINIMAL, '"' doubled, '\r\n' line ending; None → ''. */
export function csvRow(fields: (string | number | null)[]): string {
  return (
    fields
      .map((f) => {
        const s = f === null ? '' : typeof f === 'number' ? pyFloatRepr(f) : f;
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}
