/**
 * Differential test: the same random datagrams go to our statsd and to the reference statsd's own code
 * (npm `statsd`: stats.js packet handler + flushMetrics, lib/process_metrics.js, backends/graphite.js, loaded by
 * reference-harness.ts), and the graphite text payloads of several consecutive flushes must be identical,
 * line for line and in order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStatsd, type StatsdInput } from './index';
import { loadReferenceStatsd, REFERENCE_VERSION } from './reference-harness';
import { mulberry32 as rng } from '../random';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());


function randomLines(r: () => number, n: number): string[] {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const keys = ['gunicorn.requests', 'gunicorn.request.duration', 'app.hits', 'app.mem', 'users', 'a b/c', 'ün!', 'x.y-z_1',
    'req;env=prod', '7', '42', 'stats', 'h.app.bad_lines_seen', ''];
  const values = ['1', '0', '2.5', '-3', '+4', '100', '0.001', '1e3', '0x1f', ' ', '', 'abc', '-0', '123456789.123456789', '.5', '5.'];
  const types = ['c', 'ms', 'g', 's', 'h', '', ' ms', 'ms ', 'kv', 'C'];
  const rates = ['', '', '', '|@0.5', '|@0.1', '|@1', '|@5e-1', '|@0', '|@abc', '|@-1', '|0.5', '|@', '|@0.25|extra'];
  const tags = ['', '', '', '|#env:prod', '|#a:b,c', '|#', '|#x;y:z,w:1:2', '|#t|#u'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const shape = r();
    if (shape < 0.04) {
      out.push(pick(['', 'garbage', 'k:', 'k:1', ':1|c', 'k::1|c', 'k:1|c:', '\r']));
      continue;
    }
    const bits: string[] = [];
    const nb = r() < 0.85 ? 1 : 2 + Math.floor(r() * 3);
    for (let b = 0; b < nb; b++) bits.push(`${pick(values)}|${pick(types)}${pick(rates)}`);
    // no '\r' after a bare '@' rate: '@\r' passes is_valid_packet, then crashes the reference (see parse.test.ts)
    const line = `${pick(keys)}:${bits.join(':')}${pick(tags)}`;
    out.push(line + (r() < 0.05 && !/\|@$/.test(line) ? '\r' : ''));
  }
  return out;
}

function packets(r: () => number, lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const n = 1 + Math.floor(r() * 6);
    out.push(lines.slice(i, i + n).join('\n') + (r() < 0.2 ? '\n' : ''));
    i += n;
  }
  return out;
}

function compare(config: StatsdInput & Record<string, unknown>, seed: number, rounds = 4): string[][] {
  const flushes: string[][] = [];
  const r = rng(seed);
  // our startup time is the first time we are told (first packet), so start the reference then too
  const ref = loadReferenceStatsd({ ...config, graphiteHost: '127.0.0.1' }, 500);
  const ours = createStatsd(config);
  for (let round = 1; round <= rounds; round++) {
    const t0 = (round - 1) * 10_000;
    // the last round is idle, to compare what is (not) sent for idle series
    const pk = round === rounds ? [] : packets(r, randomLines(r, 400));
    for (const p of pk) {
      ref.setNow(t0 + 500);
      ref.handlePacket(p);
      ours.handlePacket(p, t0 + 500);
    }
    const at = round * 10_000 + Math.floor(r() * 1500);
    vi.setSystemTime(at);
    const expected = ref.flush(at);
    const got = ours.flush(at).map((m) => `${m.path} ${m.value} ${m.timestamp}`);
    if (process.env.STATSD_DIFF && got.join() !== expected.join()) {
      const n = Math.max(got.length, expected.length);
      for (let i = 0; i < n; i++) if (got[i] !== expected[i]) console.log(i, JSON.stringify(got[i]), JSON.stringify(expected[i]));
    }
    expect(got, `flush ${round}`).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    flushes.push(expected);
  }
  return flushes;
}

describe(`same random input as the reference statsd ${REFERENCE_VERSION} (stats.js + process_metrics.js + graphite.js)`, () => {
  it('default config (legacy namespace) — identical graphite payloads over 4 flushes', () => {
    const [first] = compare({}, 1);
    // the random input really exercises every type, tags and bad lines
    for (const re of [/^stats_counts\.app\.hits /, /^stats\.timers\.[^ ]+\.upper_90 /, /^stats\.gauges\.[^ ]+ -?[1-9]/,
      /^stats\.sets\.[^ ]+\.count [1-9]/, /;env=prod /, /^stats_counts\.statsd\.bad_lines_seen [1-9]/]) {
      expect(first.some((l) => re.test(l)), String(re)).toBe(true);
    }
  });
  it('the harness runs the reference files themselves', () => {
    expect(loadReferenceStatsd({}).files).toEqual(expect.arrayContaining(['stats.js', 'lib/helpers.js', 'lib/set.js', 'lib/process_metrics.js', 'backends/graphite.js']));
  });
  it('legacyNamespace:false — identical', () => compare({ graphite: { legacyNamespace: false } }, 2));
  it('several percentiles (incl. decimal and negative) and histograms — identical', () =>
    compare({
      graphite: { legacyNamespace: false },
      percentThreshold: [50, 90, 99.9, -10, -100],
      histogram: [{ metric: 'duration', bins: [0.5, 10, 100, 'inf'] }, { metric: '', bins: [1, 50] }],
    }, 3));
  it('deleteIdleStats — identical', () => compare({ graphite: { legacyNamespace: false }, deleteIdleStats: true }, 4));
  it('deleteGauges with gaugesMaxTTL 2, deleteCounters — identical', () =>
    compare({ graphite: { legacyNamespace: false }, deleteGauges: true, gaugesMaxTTL: 2, deleteCounters: true }, 5, 5));
  it('keyNameSanitize:false, globalSuffix, prefixes, prefixStats, flush_counts:false — identical', () =>
    compare({
      keyNameSanitize: false, prefixStats: 'sd', flush_counts: false, flushInterval: 10000,
      graphite: { legacyNamespace: false, globalPrefix: '', prefixCounter: 'cnt', prefixTimer: '', globalSuffix: 'h1' },
    }, 6));
  it('calculatedTimerMetrics filter — identical', () =>
    compare({ calculatedTimerMetrics: ['count', 'mean_percent', 'histogram', 'median'], histogram: [{ metric: '', bins: [10, 'inf'] }] }, 7));
  it('many seeds, default config', () => {
    for (let seed = 100; seed < 110; seed++) compare({}, seed, 2);
  });
});
