/**
 * pickle.dumps(obj, protocol=-1) for the values graphite-web pickles (lists, dicts, str, int, float, None), as
 * Python 3.8+'s C pickler writes them: protocol 5 header, one FRAME, MEMOIZE after every container and str,
 * BINGET for a str object seen before. Output is a byte string (one char per byte).
 *
 * Python memoizes by object identity; graphite-web's dict keys and 'average' are interned literals (so they
 * repeat as BINGET), while series names come from different objects. `shared` says which strings to memoize
 * by value.
 */
export type PickleValue = null | boolean | number | { int: number } | string | PickleValue[] | { [k: string]: PickleValue };

const byte = (n: number) => String.fromCharCode(n & 0xff);
const le = (n: number, size: number) => {
  let s = '';
  for (let i = 0; i < size; i++) s += byte(Math.floor(n / 2 ** (8 * i)));
  return s;
};
function utf8(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join('');
}

export function pickleDumps(v: PickleValue, shared: Set<string> = new Set()): string {
  const memo = new Map<string, number>();
  let count = 0;
  const memoize = () => {
    count++;
    return '\x94';
  };
  const go = (x: PickleValue): string => {
    if (x === null) return 'N';
    if (x === true) return '\x88';
    if (x === false) return '\x89';
    if (typeof x === 'number') {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setFloat64(0, x, false);
      let s = 'G';
      for (let i = 0; i < 8; i++) s += byte(buf.getUint8(i));
      return s;
    }
    if (typeof x === 'string') {
      const seen = memo.get(x);
      if (seen !== undefined) return seen < 256 ? 'h' + byte(seen) : 'j' + le(seen, 4);
      const b = utf8(x);
      const head = b.length < 256 ? '\x8c' + byte(b.length) : 'X' + le(b.length, 4);
      if (shared.has(x)) memo.set(x, count);
      return head + b + memoize();
    }
    if (Array.isArray(x)) {
      let s = ']' + memoize();
      // batched in 1000s: one item → APPEND, more → MARK … APPENDS
      for (let i = 0; i < x.length; i += 1000) {
        const chunk = x.slice(i, i + 1000);
        s += chunk.length === 1 ? go(chunk[0]!) + 'a' : '(' + chunk.map(go).join('') + 'e';
      }
      return s;
    }
    if ('int' in x && typeof x.int === 'number' && Object.keys(x).length === 1) {
      const n = x.int;
      if (n >= 0 && n < 256) return 'K' + byte(n);
      if (n >= 0 && n < 65536) return 'M' + le(n, 2);
      if (n >= -(2 ** 31) && n < 2 ** 31) return 'J' + le(n >>> 0, 4);
      // LONG1: little-endian two's complement, as few bytes as needed
      const bytes: number[] = [];
      let b = BigInt(n);
      for (;;) {
        bytes.push(Number(b & 0xffn));
        b >>= 8n;
        const last = bytes[bytes.length - 1]!;
        if ((b === 0n && !(last & 0x80)) || (b === -1n && last & 0x80)) break;
      }
      return '\x8a' + byte(bytes.length) + bytes.map(byte).join('');
    }
    const entries = Object.entries(x as Record<string, PickleValue>);
    let s = '}' + memoize();
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      const body = chunk.map(([k, e]) => go(k) + go(e)).join('');
      s += chunk.length === 1 ? body + 's' : '(' + body + 'u';
    }
    return s;
  };
  const body = go(v) + '.';
  // FRAME (opcode 0x95, 8-byte length) around everything after PROTO when it is at least 4 bytes
  return '\x80\x05' + (body.length >= 4 ? '\x95' + le(body.length, 8) : '') + body;
}
