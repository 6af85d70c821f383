/**
 * The statsd line protocol, parsed exactly as the reference daemon's UDP packet handler does
 * (statsd/statsd stats.js `handlePacket`, identical in v0.9.0 and v0.10.2) with its validity rules from
 * lib/helpers.js `is_valid_packet` — but without split()/regex per line, so it runs several times faster.
 *
 * Per datagram:  split on "\n"; empty lines are skipped (not counted).
 * Per line:      metrics_received++; `line.split('|#')` → bits[0] is the body, bits[1] (if non-empty) the
 *                DogStatsD tags, split on ','; each tag gets its first ';' → '_' and first ':' → '=' and is appended
 *                to the key as `key;tag1;tag2` (so `|#env:prod` becomes `key;env=prod`); the key is what comes before
 *                the first ':' of the body; every further ':'-separated bit is one `value|type[|@rate]` sample.
 * Per bit:       `bit.split('|')` → [value, type, rate?, ...ignored]; invalid bits are bad lines (bad_lines_seen++),
 *                the other bits of the line and the following lines still count.
 *
 * How it is fast (bench/statsd.bench.ts): a datagram that arrives as bytes is scanned as bytes (parseDatagram →
 * fastLineBytes), and only a line that needs the general path is decoded; a line of a common shape (one
 * `value|c|ms|g|s` bit, optional `|@rate`, optional `|#tags`, plain decimal numbers) is parsed in one pass that also
 * hashes its raw key, which finds the aggregator's KeyEntry — key sanitised once, cells of its counter/timer/set held
 * — without creating a string. Everything else, and every datagram given as text, goes through parseLine/parseBit,
 * the general path, which follows stats.js step by step. Both give the same result for every input
 * (reference.test.ts compares with stats.js, fastpath.test.ts bytes with text).
 */

/** Receives what the parser finds. The aggregator implements it. */
export interface LineSink {
  /** A non-empty line was seen (statsd.metrics_received). */
  line(): void;
  counter(key: string, value: number, sampleRate: number): void;
  timer(key: string, value: number, sampleRate: number): void;
  gauge(key: string, value: number, signed: boolean): void;
  set(key: string, member: string): void;
  /** `counted` false only where the reference would not count it (it crashes instead; see sample rates). */
  bad(lineNo: number, line: string, reason: string, counted: boolean): void;
}

import type { Aggregator } from './aggregator';

const COLON = 58;
const PIPE = 124;
const NL = 10;

/** Characters stats.js `sanitizeKeyName` keeps: [a-zA-Z_\-0-9\.;=]. */
const KEEP = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  KEEP[c] = /[a-zA-Z_\-0-9.;=]/.test(ch) ? 1 : 0;
}

/** stats.js sanitizeKeyName: whitespace runs → '_', '/' → '-', then drop anything not in [a-zA-Z_\-0-9.;=]. */
export function sanitizeKeyName(key: string): string {
  return key
    .replace(/\s+/g, '_')
    .replace(/\//g, '-')
    .replace(/[^a-zA-Z_\-0-9.;=]/g, '');
}

export function needsSanitizing(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || KEEP[c] === 0) return true;
  }
  return false;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `Number(text.slice(s, e))` with lib/helpers.js isNumber's rule that the empty string is not a number (NaN here).
 * Fast path for plain decimals with ≤15 digits: an integer mantissa < 2^53 divided by an exact power of ten is
 * correctly rounded, i.e. bit-identical to Number(); anything else (exponents, hex, whitespace, Infinity…) goes
 * through Number() itself.
 */
export function parseNumber(text: string, s: number, e: number): number {
  if (s >= e) return NaN;
  let i = s;
  let c = text.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) {
      frac = 0;
    } else {
      break;
    }
  }
  if (i === e && digits > 0 && digits <= 15) {
    const v = frac > 0 ? mant / POW10[frac] : mant;
    return neg ? -v : v;
  }
  return Number(text.slice(s, e));
}

/** Decode one datagram as node's Buffer#toString() (UTF-8, U+FFFD for bad bytes) would, with an ASCII fast path. */
const decoder = typeof TextDecoder !== 'undefined' ? new TextDecoder('utf-8') : null;
type NodeBufferCtor = {
  from(ab: ArrayBufferLike, off: number, len: number): { toString(enc: string): string };
  isBuffer(x: unknown): boolean;
};
const NodeBuffer = (globalThis as { Buffer?: NodeBufferCtor }).Buffer;
export function decodeDatagram(data: string | Uint8Array): string {
  if (typeof data === 'string') return data;
  if (!(data instanceof Uint8Array)) return String(data ?? '');
  // Under Node (tests, bench) decode natively — what the reference's msg.toString() does; a Buffer (what dgram
  // delivers) directly, any other Uint8Array through a zero-copy Buffer view.
  if (NodeBuffer) {
    if (NodeBuffer.isBuffer(data)) return (data as unknown as { toString(): string }).toString();
    return NodeBuffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  }
  const n = data.length;
  if (n <= 4096) {
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (data[i] >= 128) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, data as unknown as number[]);
  }
  return decoder ? decoder.decode(data) : String.fromCharCode.apply(null, Array.from(data));
}

function show(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** DogStatsD tags as stats.js appends them to the key: `;` + tags with first ';'→'_' and first ':'→'=', joined by ';'. */
export function tagSuffix(tagPart: string): string {
  return (
    ';' +
    tagPart
      .split(',')
      .map((t) => t.replace(';', '_').replace(':', '='))
      .join(';')
  );
}

/**
 * Parse one datagram's text into the aggregator, every line through parseLine (the general, reference-equivalent
 * path). Never throws. Datagrams given as text (tests; the network delivers bytes) take this path.
 */
function parsePacket(text: string, agg: Aggregator): void {
  const len = text.length;
  let lineNo = 0;
  let ls = 0;
  let nextTag = -2; // first '|#' at or after ls; -2 = not searched yet, -1 = none
  while (ls < len) {
    lineNo++;
    let le = text.indexOf('\n', ls);
    if (le < 0) le = len;
    if (le === ls) {
      ls++; // empty line: skipped, not counted
      continue;
    }
    if (nextTag !== -1 && nextTag < ls) nextTag = text.indexOf('|#', ls);
    parseLine(text, ls, le, lineNo, agg, agg.sanitize, nextTag);
    ls = le + 1;
  }
}

/**
 * One datagram as node's dgram hands it over (bytes) or as text. Bytes go through fastLineBytes line by line without
 * being decoded; a line it does not handle is decoded on its own and parsed by parseLine, and the next line is tried
 * on the fast path again. Decoding line by line gives the same text as decoding the datagram whole: '\n' (0x0A) is
 * never part of a UTF-8 sequence, and a sequence cut short by it becomes U+FFFD either way.
 */
export function parseDatagram(data: string | Uint8Array, agg: Aggregator): void {
  if (typeof data === 'string' || !(data instanceof Uint8Array)) {
    parsePacket(decodeDatagram(data), agg);
    return;
  }
  const len = data.length;
  let lineNo = 0;
  let ls = 0;
  while (ls < len) {
    lineNo++;
    if (data[ls] === NL) {
      ls++; // empty line: skipped, not counted
      continue;
    }
    let end = fastLineBytes(data, ls, len, agg);
    if (end < 0) {
      end = data.indexOf(NL, ls);
      if (end < 0) end = len;
      const line = decodeDatagram(data.subarray(ls, end));
      parseLine(line, 0, line.length, lineNo, agg, agg.sanitize, line.indexOf('|#'));
    }
    ls = end + 1;
  }
}

/**
 * The fast path for one line of a datagram's bytes starting at ls, before (and mostly instead of) decoding it:
 * returns the index of its end ('\n' or len) after applying it, or -1 (nothing applied) when the line is not one of
 * the simple shapes (`key:value|c`, `|c|@rate`, `|ms`, `|ms|@rate`, `|g`, `|s`, each optionally followed by
 * `|#tags`, with a plain decimal value) or has a byte >= 0x80. The result is exactly what parseLine would do: values
 * and sample rates are plain decimals of at most 15 digits, for which mantissa / 10^k is bit-identical to Number()
 * (see parseNumber), and is_valid_packet accepts them. The key (and tags) text is hashed while scanning, which finds
 * the aggregator's KeyEntry without creating a string.
 */
function fastLineBytes(data: Uint8Array, ls: number, len: number, agg: Aggregator): number {
  // key: up to the first ':' (no '|' — that might be a '|#' tag section — and no end of line before it)
  let h = 0;
  let i = ls;
  let c = 0;
  for (; i < len; i++) {
    c = data[i];
    if (c === COLON) break;
    if (c === PIPE || c === NL || c >= 128) return -1;
    h = (Math.imul(h, 31) + c) | 0;
  }
  if (i >= len || i === ls) return -1;
  const colon = i;

  // value: up to the first '|'; numeric if [+-]?digits[.digits]
  const vs = ++i;
  let neg = false;
  if (i < len) {
    c = data[i];
    if (c === 45 || c === 43) {
      neg = c === 45;
      i++;
    }
  }
  let mant = 0;
  let digits = 0;
  let frac = -1;
  let numeric = true;
  for (; i < len; i++) {
    c = data[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === PIPE) break;
    else if (c === 46 && frac < 0) frac = 0;
    else if (c === COLON || c === NL || c >= 128) return -1;
    else numeric = false;
  }
  if (i + 1 >= len) return -1;
  const p1 = i;

  // type: exactly c, ms, g or s
  c = data[++i];
  let type: number; // 1 s, 2 g, 3 ms, 4 c
  if (c === 99) type = 4;
  else if (c === 109) {
    if (++i >= len || data[i] !== 115) return -1;
    type = 3;
  } else if (c === 103) type = 2;
  else if (c === 115) type = 1;
  else return -1;
  i++;

  // then optionally (counters and timers) '|@' and a plain decimal rate, optionally '|#' and DogStatsD tags (no
  // '|' in them), then the end of the line. The tags text is hashed on from the key: the entry is per (key, tags).
  let sampleRate = 1;
  let ts = 0;
  let te = 0;
  if (i < len) {
    c = data[i];
    if (c === PIPE && i + 1 < len && data[i + 1] === 64) {
      if (type < 3) return -1;
      i += 2;
      let rm = 0;
      let rd = 0;
      let rf = -1;
      c = NL;
      for (; i < len; i++) {
        c = data[i];
        if (c >= 48 && c <= 57) {
          rm = rm * 10 + (c - 48);
          rd++;
          if (rf >= 0) rf++;
        } else if (c === 46 && rf < 0) rf = 0;
        else if (c === NL || c === PIPE) break;
        else return -1;
      }
      if (rd === 0 || rd > 15) return -1;
      sampleRate = rf > 0 ? rm / POW10[rf] : rm;
      if (i >= len) c = NL;
    }
    if (c === PIPE) {
      if (i + 1 >= len || data[i + 1] !== 35) return -1;
      i += 2;
      ts = i;
      for (; i < len; i++) {
        c = data[i];
        if (c === NL) break;
        if (c === PIPE || c >= 128) return -1;
        h = (Math.imul(h, 31) + c) | 0;
      }
      te = i;
    } else if (c !== NL) return -1;
  }

  if (type === 1) {
    agg.line();
    // stats.js inserts fields[0] || '0'
    agg.setE(agg.keyTable.getBytes(data, ls, colon, ts, te, h), p1 > vs ? agg.members.get(data, vs, p1) : '0');
    return i;
  }
  if (!numeric || digits === 0 || digits > 15) return -1;
  let value = frac > 0 ? mant / POW10[frac] : mant;
  if (neg) {
    if (type === 3) return -1; // negative timer: a bad line (-0 would be fine, but let parseLine decide)
    value = -value;
  }
  agg.line();
  const e = agg.keyTable.getBytes(data, ls, colon, ts, te, h);
  if (type === 4) agg.counterE(e, value, sampleRate);
  else if (type === 3) agg.timerE(e, value, sampleRate);
  else {
    const c0 = data[vs];
    agg.gauge(e.key, value, c0 === 45 || c0 === 43);
  }
  return i;
}

function parseLine(
  text: string,
  ls: number,
  le: number,
  lineNo: number,
  sink: LineSink,
  sanitize: boolean,
  tagAt: number,
): void {
  sink.line();
  // bits = line.split('|#'): the body ends at the first '|#'; bits[1] (up to a second '|#') holds the tags.
  let bodyEnd = le;
  let tags = '';
  if (tagAt >= 0 && tagAt < le) {
    bodyEnd = tagAt;
    let tagEnd = text.indexOf('|#', tagAt + 2);
    if (tagEnd < 0 || tagEnd > le) tagEnd = le;
    if (tagEnd > tagAt + 2) tags = tagSuffix(text.slice(tagAt + 2, tagEnd));
  }

  // key = bits[0].split(':').shift()
  // One pass finds the ':' and whether the key needs sanitizing.
  let colon = -1;
  let dirty = false;
  for (let i = ls; i < bodyEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) {
      colon = i;
      break;
    }
    if (c >= 128 || KEEP[c] === 0) dirty = true;
  }
  const keyEnd = colon < 0 ? bodyEnd : colon;
  let key: string;
  if (tags) {
    key = text.slice(ls, keyEnd) + tags;
    if (sanitize && (dirty || needsSanitizing(tags))) key = sanitizeKeyName(key);
  } else {
    key = text.slice(ls, keyEnd);
    if (sanitize && dirty) key = sanitizeKeyName(key);
  }

  if (colon < 0) {
    // stats.js pushes "1" as the only bit; "1".split('|') has no type → is_valid_packet false.
    sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: '${show(text.slice(ls, bodyEnd))}' has no ':' — expected key:value|type (e.g. foo:1|c)`, true);
    return;
  }

  let bs = colon + 1;
  for (;;) {
    let p1 = -1;
    let p2 = -1;
    let p3 = -1;
    let i = bs;
    for (; i < bodyEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) break;
      if (c === PIPE) {
        if (p1 < 0) p1 = i;
        else if (p2 < 0) p2 = i;
        else if (p3 < 0) p3 = i;
      }
    }
    parseBit(text, ls, le, bs, i, p1, p2, p3, key, lineNo, sink);
    if (i >= bodyEnd) break;
    bs = i + 1;
  }
}

/** One `value|type[|@rate]` bit: lib/helpers.js is_valid_packet, then stats.js's per-type aggregation. */
function parseBit(
  text: string,
  ls: number,
  le: number,
  bs: number,
  be: number,
  p1: number,
  p2: number,
  p3: number,
  key: string,
  lineNo: number,
  sink: LineSink,
): void {
  if (p1 < 0) {
    sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: '${show(text.slice(bs, be))}' has no type — expected value|type, e.g. 1|c, 320|ms, 42|g, user7|s`, true);
    return;
  }
  const typeEnd = p2 < 0 ? be : p2;
  const tlen = typeEnd - p1 - 1;
  // raw type as is_valid_packet switches on it (untrimmed): 0=other, 1='s', 2='g', 3='ms', 4='c'
  let raw = 0;
  if (tlen === 1) {
    const c = text.charCodeAt(p1 + 1);
    raw = c === 115 ? 1 : c === 103 ? 2 : c === 99 ? 4 : 0;
  } else if (tlen === 2 && text.charCodeAt(p1 + 1) === 109 && text.charCodeAt(p1 + 2) === 115) {
    raw = 3;
  }

  let sampleRate = 1;
  if (p2 >= 0) {
    // helpers.js isValidSampleRate: length > 1, '@', then isNumber(rest) and rest[0] != '-'.
    const rs = p2 + 1;
    const re = p3 < 0 ? be : p3;
    const rest = re - rs > 1 && text.charCodeAt(rs) === 64 ? parseNumber(text, rs + 1, re) : NaN;
    if (Number.isNaN(rest) || text.charCodeAt(rs + 1) === 45) {
      sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: sample rate '${show(text.slice(rs, re))}' is not valid — expected @ and a positive number, e.g. @0.1`, true);
      return;
    }
    // stats.js: Number(fields[2].match(/^@([\d\.]+)/)[1]) — only the leading digits and dots count, so '@5e-1' is 5.
    let j = rs + 1;
    while (j < re) {
      const c = text.charCodeAt(j);
      if ((c >= 48 && c <= 57) || c === 46) j++;
      else break;
    }
    if (j === rs + 1) {
      // e.g. '@+1', '@ 1', '@Infinity': valid to is_valid_packet, but the regex match is null and stats.js throws
      // a TypeError out of its UDP handler (the daemon dies). We cannot crash; the bit is reported and dropped.
      sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: sample rate '${show(text.slice(rs, re))}' must start with a digit — the reference statsd crashes on it (TypeError)`, false);
      return;
    }
    sampleRate = Number(text.slice(rs + 1, j));
  }

  if (raw === 1) {
    // 's': always valid; stats.js inserts fields[0] || '0'.
    sink.set(key, p1 > bs ? text.slice(bs, p1) : '0');
    return;
  }
  const value = parseNumber(text, bs, p1);
  if (Number.isNaN(value)) {
    sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: value '${show(text.slice(bs, p1))}' is not a number`, true);
    return;
  }
  if (raw === 3) {
    if (!(value >= 0)) {
      sink.bad(lineNo, text.slice(ls, le), `line ${lineNo}: timer value '${show(text.slice(bs, p1))}' is negative`, true);
      return;
    }
    sink.timer(key, value, sampleRate);
    return;
  }
  if (raw === 2) {
    const c0 = text.charCodeAt(bs);
    sink.gauge(key, value, c0 === 45 || c0 === 43);
    return;
  }
  if (raw === 4) {
    sink.counter(key, value, sampleRate);
    return;
  }
  // Any other type passed is_valid_packet's default branch (value must be a number). stats.js then switches on
  // fields[1].trim(): 'ms', 'g', 's' — and everything else, including 'h' and '', is a counter.
  const t = text.slice(p1 + 1, typeEnd).trim();
  if (t === 'ms') sink.timer(key, value, sampleRate);
  else if (t === 'g') {
    const c0 = text.charCodeAt(bs);
    sink.gauge(key, value, c0 === 45 || c0 === 43);
  } else if (t === 's') sink.set(key, text.slice(bs, p1));
  else sink.counter(key, value, sampleRate);
}
