import { describe, it, expect } from 'vitest';
import { ALPHANUMS, computeHash, fnv32a, safeEncodeString, canonicalJson } from '../../cluster/names';

describe('generated names (kubernetes controller_utils.go ComputeHash, apimachinery util/rand)', () => {
  it('FNV-1a 32 matches the published test vectors (Go hash/fnv)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv32a(enc(''))).toBe(0x811c9dc5);
    expect(fnv32a(enc('a'))).toBe(0xe40c292c);
    expect(fnv32a(enc('foobar'))).toBe(0xbf9cf968);
  });

  it('SafeEncodeString maps each character to alphanums[c % 27]', () => {
    // '0' is 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'
    expect(safeEncodeString('0')).toBe('4');
    expect(safeEncodeString('9')).toBe('f');
    expect(ALPHANUMS).toHaveLength(27);
  });

  it('hash is deterministic, key-order independent, and changes with the template or the collision count', () => {
    const t1 = { metadata: { labels: { app: 'backend' } }, spec: { containers: [{ name: 'b', image: 'x:1' }] } };
    const t2 = { spec: { containers: [{ image: 'x:1', name: 'b' }] }, metadata: { labels: { app: 'backend' } } };
    expect(canonicalJson(t1)).toBe(canonicalJson(t2));
    expect(computeHash(t1)).toBe(computeHash(t2));
    expect(computeHash(t1)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash({ ...t1, spec: { containers: [{ name: 'b', image: 'x:2' }] } })).not.toBe(computeHash(t1));
    expect(computeHash(t1, 1)).not.toBe(computeHash(t1));
  });
});
