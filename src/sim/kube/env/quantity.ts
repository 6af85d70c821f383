// resource.Quantity parsing (k8s.io/apimachinery/pkg/api/resource/quantity.go suffixes) as an exact
// rational, so that Value()/MilliValue() round up exactly as Kubernetes does (no float error).

export interface Rational {
  num: bigint;
  den: bigint;
}

const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Parses "500m", "1.5", "128Mi", "1e3"; returns null for anything Kubernetes would reject. */
export function parseQuantity(q: unknown): Rational | null {
  const s = typeof q === 'number' ? String(q) : typeof q === 'string' ? q.trim() : null;
  if (s === null) return null;
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(s);
  if (!m) return null;
  const [, sign, digits, suffix] = m;
  const [int, frac = ''] = digits.split('.');
  let num = BigInt((int || '0') + frac);
  let den = 10n ** BigInt(frac.length);
  if (sign === '-') num = -num;
  if (suffix in decimal) {
    const e = decimal[suffix];
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else if (suffix in binary) {
    num *= 2n ** BigInt(binary[suffix]);
  } else {
    const em = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (!em) return null;
    const e = Number(em[1]);
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  return { num, den };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** Quantity.Value(): rounded up to an integer. */
export const quantityValue = (r: Rational): bigint => ceilDiv(r.num, r.den);
/** Quantity.MilliValue(): value × 1000 rounded up. */
export const quantityMilliValue = (r: Rational): bigint => ceilDiv(r.num * 1000n, r.den);
export { ceilDiv };
