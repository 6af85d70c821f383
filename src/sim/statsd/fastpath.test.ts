/**
 * The parser's fast path (parse.ts fastLineBytes over a datagram's bytes, the aggregator's
 * KeyTable/MemberTable caches) against the general path: the same datagrams fed as text and as bytes — including
 * non-ASCII and invalid UTF-8 bytes, tags, sample rates and near-miss shapes that must fall back — give the same
 * state, counters, bad lines and flushes; and the bytes path's flushes equal those of stats.js itself, fed the same
 * Buffers (reference.test.ts does that for text).
 */
import { describe, expect, it } from 'vitest';
import { createStatsd, type StatsdInput } from './index';
import { loadReferenceStatsd } from './reference-harness';
import { mulberry32 as rng } from '../random';


function randomLine(r: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  if (r() < 0.15) {
    const parts = ['a', ':', '|', '#', '@', 'c', 'ms', 'g', 's', '1', '.', '-', '+', 'ü', ' ', '/', ';', ',', '\r', ''];
    let s = '';
    for (let i = 0, n = 1 + Math.floor(r() * 8); i < n; i++) s += pick(parts);
    // '|@' then e.g. '+1' or '\r' passes is_valid_packet and then crashes the reference (see parse.test.ts)
    return /@[^\d.\-|:]/.test(s) ? 'a:1|c' : s;
  }
  const key = pick(['a', 'b.c', 'gunicorn.request.duration.k12', 'req;env=prod', 'x y', 'a/b', '7', 'ün', 'statsd.metrics_received', 'k|x', '']);
  const value = pick(['1', '0', '2.5', '-3', '+4', '123.456', '-0', '1.', '.5', 'user7', 'üser', '', '1e3', '12345678901234567', '0x1f', ' 5']);
  const type = pick(['c', 'c', 'ms', 'ms', 'g', 's', 'h', 'm', 'C', 'ms ', '']);
  const rate = pick(['', '', '', '|@0.1', '|@1', '|@', '|@.', '|@1.', '|@0', '|@-1', '|@5e-1', '|@0.1.2', '|x', '|@0.25|z', '|@0.12345678901234567']);
  const tags = pick(['', '', '', '|#env:prod', '|#a;b:c,d', '|#', '|#x|#y', '|#ü:1', '|#route:/api']);
  const more = r() < 0.08 ? `:${pick(['2|c', '3|ms', 'x|s'])}` : '';
  return `${key}:${value}|${type}${rate}${more}${tags}`;
}

function feedBoth(config: StatsdInput, seed: number) {
  const r = rng(seed);
  const text = createStatsd(config);
  const bytes = createStatsd(config);
  const ref = loadReferenceStatsd({ ...config, graphiteHost: '127.0.0.1' }, 100);
  const flushes: [unknown, unknown][] = [];
  const refFlushes: [string[], string[]][] = [];
  const timing = /processing_time|calculationtime|flush_time|flush_length|last_flush|last_exception|timestamp_lag/;
  for (let round = 0; round < 3; round++) {
    for (let p = 0; p < 150; p++) {
      const lines: string[] = [];
      for (let i = 0, n = 1 + Math.floor(r() * 6); i < n; i++) lines.push(randomLine(r));
      const s = lines.join(r() < 0.1 ? '\n\n' : '\n') + (r() < 0.2 ? '\n' : '');
      let b: Uint8Array = Buffer.from(s);
      if (r() < 0.1) {
        // an invalid UTF-8 byte somewhere: both sides must see what Buffer#toString() makes of it
        const arr = [...b];
        arr.splice(Math.floor(r() * (arr.length + 1)), 0, r() < 0.5 ? 0xff : 0xc3);
        b = r() < 0.5 ? Buffer.from(arr) : new Uint8Array(arr);
      }
      text.handlePacket(Buffer.from(b).toString(), round * 10_000 + 100);
      bytes.handlePacket(b, round * 10_000 + 100);
      ref.setNow(round * 10_000 + 100);
      ref.handlePacket(b);
    }
    expect(bytes.current()).toEqual(text.current());
    expect(bytes.counters()).toEqual(text.counters());
    const strip = (ms: { path: string; value: number }[]) =>
      ms.filter((m) => !/processing_time|calculationtime|flush_time|flush_length/.test(m.path)).map((m) => [m.path, Object.is(m.value, -0) ? '-0' : m.value]);
    const fb = bytes.flush((round + 1) * 10_000);
    flushes.push([strip(fb), strip(text.flush((round + 1) * 10_000))]);
    const ours = fb.map((m) => `${m.path} ${m.value} ${m.timestamp}`).filter((l) => !timing.test(l));
    refFlushes.push([ours, ref.flush((round + 1) * 10_000).filter((l) => !timing.test(l))]);
  }
  for (const [b, t] of flushes) expect(b).toEqual(t);
  for (const [o, x] of refFlushes) expect(o).toEqual(x);
}

describe('parser fast paths = general path = stats.js', () => {
  it('datagrams as bytes and as text give the same state, bad lines and flushes (default config)', () => {
    for (const seed of [1, 2, 3]) feedBoth({}, seed);
  });
  it('… with keyNameSanitize off, deleteIdleStats, and deleteGauges with a TTL', () => {
    feedBoth({ keyNameSanitize: false }, 4);
    feedBoth({ deleteIdleStats: true }, 5);
    feedBoth({ deleteGauges: true, gaugesMaxTTL: 3 }, 6);
  });
  it('a key seen through the fast path and then through the general path (and back) is one series', () => {
    const s = createStatsd();
    s.handlePacket(Buffer.from('hits:1|c\nhits:2|c:3|c\nhits:4|c|#\nlat:5|ms\nlat:+6|ms\nu:a|s\nu:a|s|@0.5'), 0);
    s.handlePacket('hits:10|c\nlat:7|ms\nu:b|s', 0);
    const cur = s.current();
    expect(cur.counters.hits).toBe(20);
    expect(cur.timers.lat).toEqual([5, 6, 7]);
    expect(cur.sets.u.sort()).toEqual(['a', 'b']);
  });
});
