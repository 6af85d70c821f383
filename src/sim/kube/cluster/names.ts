/**
 * Names Kubernetes generates: the pod-template-hash of a ReplicaSet and the 5-character pod suffix.
 *
 * - `computeHash`: kubernetes pkg/controller/controller_utils.go `ComputeHash` hashes the pod template with FNV-32a
 *   (hashutil.DeepHashObject, a spew dump of the Go struct), appends the collision count as 8 little-endian bytes
 *   when set, and encodes the decimal Sum32 with apimachinery pkg/util/rand `SafeEncodeString`. We cannot reproduce
 *   Go's spew dump, so we hash the template's canonical JSON (sorted keys) instead — deterministic, same shape.
 * - `SafeEncodeString` maps each character c of the decimal string to alphanums[c % 27].
 * - Pod names come from generateName `<rs>-` + rand.String(5) over the same alphabet
 *   (apiserver's names.SimpleNameGenerator, apimachinery pkg/util/rand `String`).
 */
import { mulberry32 } from '../../random';

/** apimachinery pkg/util/rand: "We omit vowels from the set of available characters to reduce the chances of bad words". */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so that equal templates hash equally whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return (
    '{' +
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k]))
      .join(',') +
    '}'
  );
}

/** FNV-1a, 32 bit (Go hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** Seeded randomness (mulberry32) so that pod names are reproducible in tests and lessons. */
export class NameRandom {
  readonly next: () => number;
  constructor(seed = 0x5eed) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** rand.String(n): n characters from ALPHANUMS. */
  string(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += ALPHANUMS[this.int(ALPHANUMS.length)];
    return out;
  }
}
