import { describe, expect, it } from 'vitest';
import { createStore } from './store';
import { parseRetentionDef, parseStorageSchemas } from './schema';

const T0 = 1_767_268_800; // 2026-01-01T12:00:00Z, a multiple of 600

describe('schemas from the graphite-statsd image (docker-graphite-statsd conf/opt/graphite/conf)', () => {
  it('whisper.parseRetentionDef: units and plain numbers', () => {
    expect(parseRetentionDef('10s:6h')).toEqual({ secondsPerPoint: 10, points: 2160 });
    expect(parseRetentionDef('1m:6d')).toEqual({ secondsPerPoint: 60, points: 8640 });
    expect(parseRetentionDef('10m:1800d')).toEqual({ secondsPerPoint: 600, points: 259200 });
    expect(parseRetentionDef('60:1440')).toEqual({ secondsPerPoint: 60, points: 1440 });
    expect(parseRetentionDef('10x:1d')).toHaveProperty('error');
    expect(parseRetentionDef('10s')).toHaveProperty('error');
  });

  it('storage-schemas.conf: stats.* gets default_1min_for_1day, carbon.* gets [carbon]', () => {
    const s = createStore();
    s.ingest([
      { path: 'stats.counters.foo.count', value: 1, timestamp: T0 },
      { path: 'carbon.agents.a.cpuUsage', value: 1, timestamp: T0 },
    ]);
    expect(s.info('stats.counters.foo.count')!.retentions).toEqual([
      { secondsPerPoint: 10, points: 2160 },
      { secondsPerPoint: 60, points: 8640 },
      { secondsPerPoint: 600, points: 259200 },
    ]);
    expect(s.info('stats.counters.foo.count')!.schema).toBe('default_1min_for_1day');
    expect(s.info('carbon.agents.a.cpuUsage')!.schema).toBe('carbon');
  });

  it('storage-aggregation.conf: .count/.sum summed, .lower min, .upper(_N) max, stats_counts summed, else average', () => {
    const s = createStore();
    const paths = [
      'stats.counters.a.count',
      'stats.timers.t.sum',
      'stats.timers.t.lower',
      'stats.timers.t.upper',
      'stats.timers.t.upper_90',
      'stats.timers.t.sum_90', // `\.sum$` does not match: average, as the image configures it
      'stats_counts.legacy',
      'stats.counters.a.rate',
    ];
    s.ingest(paths.map((path) => ({ path, value: 1, timestamp: T0 })));
    const got = paths.map((p) => [s.info(p)!.aggregationMethod, s.info(p)!.xFilesFactor]);
    expect(got).toEqual([
      ['sum', 0],
      ['sum', 0],
      ['min', 0.1],
      ['max', 0.1],
      ['max', 0.1],
      ['average', 0.3],
      ['sum', 0],
      ['average', 0.3],
    ]);
  });

  it('a bad storage-schemas.conf is reported and the image defaults are used', () => {
    expect(parseStorageSchemas('[x]\npattern = .*\nretentions = 7s:1h,10s:1d')).toHaveProperty('error');
    const s = createStore({ schemas: '[x]\npattern = (\nretentions = 10s:1h' });
    expect(s.configError).toMatch(/invalid pattern/);
    s.ingest([{ path: 'a.b', value: 1, timestamp: T0 }]);
    expect(s.info('a.b')!.schema).toBe('default_1min_for_1day');
  });
});

describe('whisper writes and reads (graphite-project/whisper whisper.py)', () => {
  it('__archive_update_many aligns timestamps to the step (timestamp - timestamp % step); the last write wins', () => {
    const s = createStore();
    s.ingest([
      { path: 'a.b', value: 1, timestamp: T0 + 3 },
      { path: 'a.b', value: 2, timestamp: T0 + 7 },
    ]);
    // file_fetch/__archive_fetch: fromInterval = from - from % step + step, until likewise.
    const r = s.fetch('a.b', T0 - 10, T0 + 10)!;
    expect(r).toEqual({ start: T0, end: T0 + 10, step: 10, values: [2] });
  });

  it('fetch returns None where no point was written, and null for unknown series', () => {
    const s = createStore();
    s.ingest([
      { path: 'a.b', value: 5, timestamp: T0 },
      { path: 'a.b', value: 7, timestamp: T0 + 30 },
    ]);
    expect(s.fetch('a.b', T0 - 10, T0 + 30)!.values).toEqual([5, null, null, 7]);
    expect(s.fetch('no.such', T0, T0 + 30)).toBeNull();
  });

  it('__propagate rolls 10s points up into 1m with the series aggregation method', () => {
    let now = T0 + 60;
    const s = createStore({ now: () => now });
    const minute = [1, 2, 3, 4, 5, 6];
    s.ingest(
      minute.flatMap((v, i) => [
        { path: 'stats.counters.c.count', value: v, timestamp: T0 + i * 10 },
        { path: 'stats.counters.c.rate', value: v, timestamp: T0 + i * 10 },
        { path: 'stats.timers.t.upper', value: v, timestamp: T0 + i * 10 },
        { path: 'stats.timers.t.lower', value: v, timestamp: T0 + i * 10 },
      ]),
    );
    now = T0 + 7 * 3600;
    // 7 h ago is beyond the 10s:6h archive, so file_fetch picks the 1m archive.
    const read = (p: string) => s.fetch(p, T0 - 60, T0)!;
    expect(read('stats.counters.c.count')).toEqual({ start: T0, end: T0 + 60, step: 60, values: [21] });
    expect(read('stats.counters.c.rate').values).toEqual([3.5]);
    expect(read('stats.timers.t.upper').values).toEqual([6]);
    expect(read('stats.timers.t.lower').values).toEqual([1]);
    // and on into the 10m archive when the range is older than 6 days
    const old = s.fetch('stats.counters.c.count', T0 + 7 * 3600 - 7 * 86400, T0 + 600)!;
    expect(old.step).toBe(600);
    expect(old.values.filter((v) => v !== null)).toEqual([21]);
  });

  it("xFilesFactor: too few known points leave the lower archive's point None", () => {
    let now = T0 + 60;
    const s = createStore({ now: () => now });
    // one point of six known = 0.17: below default_average's 0.3, above lower's 0.1, count's 0
    s.ingest(['stats.gauges.g', 'stats.timers.t.lower', 'stats.counters.c.count'].map((path) => ({ path, value: 4, timestamp: T0 })));
    now = T0 + 7 * 3600;
    expect(s.fetch('stats.gauges.g', T0 - 60, T0)!.values).toEqual([null]);
    expect(s.fetch('stats.timers.t.lower', T0 - 60, T0)!.values).toEqual([4]);
    expect(s.fetch('stats.counters.c.count', T0 - 60, T0)!.values).toEqual([4]);
  });

  it('ring buffer: a slot overwritten by a later lap reads as None, like whisper', () => {
    const s = createStore({ schemas: '[tiny]\npattern = .*\nretentions = 10s:1min,1min:1h' });
    // t = 0..50 fill all six slots; then t = 100, 110 reuse the slots of 40 and 50.
    s.ingest([0, 10, 20, 30, 40, 50].map((d) => ({ path: 'x', value: d, timestamp: T0 + d })));
    s.ingest([100, 110].map((d) => ({ path: 'x', value: d, timestamp: T0 + d })));
    const r = s.fetch('x', T0 + 50, T0 + 110)!;
    expect(r.start).toBe(T0 + 60);
    expect(r.values).toEqual([null, null, null, null, 100, 110]);
  });

  it('file_update_many writes a point older than the first retention straight into the archive that covers it', () => {
    const s = createStore({ now: () => T0 + 7 * 3600 });
    s.ingest([{ path: 'stats.gauges.g', value: 4, timestamp: T0 + 10 }]);
    // No roll-up and no xFilesFactor: the 1m archive gets the value itself, aligned to the minute.
    expect(s.fetch('stats.gauges.g', T0 - 60, T0)!.values).toEqual([4]);
  });

  it('file_update_many drops points older than the longest retention and points from the future', () => {
    const s = createStore({ schemas: '[tiny]\npattern = .*\nretentions = 10s:1min', now: () => T0 });
    s.ingest([
      { path: 'x', value: 1, timestamp: T0 - 3600 },
      { path: 'x', value: 2, timestamp: T0 + 3600 },
      { path: 'x', value: 3, timestamp: T0 },
    ]);
    expect(s.dropped().count).toBe(2);
    expect(s.fetch('x', T0 - 20, T0)!.values).toEqual([null, 3]);
  });

  it('ingest(points, atSec) writes at carbon\'s clock of that moment, not the store\'s now', () => {
    // metrics.ts flushBackend: statsd stamps a flush Math.round(now / 1000), up to half a second ahead of the clock.
    const s = createStore({ schemas: '[tiny]\npattern = .*\nretentions = 10s:1min', now: () => T0 });
    s.ingest([{ path: 'x', value: 1, timestamp: T0 + 1 }], T0 + 1);
    expect(s.dropped().count).toBe(0);
    s.ingest([{ path: 'x', value: 2, timestamp: T0 + 1 }]);
    expect(s.dropped().count).toBe(1);
  });

  it('bad points are counted, never thrown', () => {
    const s = createStore();
    expect(() =>
      s.ingest([
        { path: 'a', value: NaN, timestamp: T0 },
        { path: '', value: 1, timestamp: T0 },
        null as never,
        { path: 'a', value: 1, timestamp: 'x' as never },
      ]),
    ).not.toThrow();
    expect(s.dropped().count).toBe(4);
    expect(s.paths()).toEqual([]);
    expect(() => s.ingest(undefined as never)).not.toThrow();
  });

  it('memory stays bounded: hours of 10 s flushes allocate at most the archive size', () => {
    const s = createStore({ schemas: '[t]\npattern = .*\nretentions = 10s:1h,1m:1d' });
    for (let i = 0; i < 12 * 360; i++) s.ingest([{ path: 'x', value: i, timestamp: T0 + i * 10 }]); // 12 h
    const r = s.fetch('x', T0 + 12 * 3600 - 600, T0 + 12 * 3600)!;
    expect(r.step).toBe(10);
    expect(r.values.at(-1)).toBe(12 * 360 - 1);
    // 10s:1h holds 360 points: anything older reads from the 1m archive
    expect(s.fetch('x', T0 + 12 * 3600 - 3700, T0 + 12 * 3600)!.step).toBe(60);
    expect(s.memory().slots).toBeLessThanOrEqual(360 + 1440);
  });

  it('clear() forgets every series', () => {
    const s = createStore();
    s.ingest([{ path: 'a.b', value: 1, timestamp: T0 }]);
    s.clear();
    expect(s.paths()).toEqual([]);
    expect(s.find('*')).toEqual([]);
  });
});

describe('/metrics/find (graphite-web metrics/views.py find_view, tree_json)', () => {
  const s = createStore();
  s.ingest(
    ['stats.counters.web.count', 'stats.counters.web.rate', 'stats.counters.api.count', 'stats.gauges.temp', 'stats_counts.web', 'stats.timers.t.upper_90'].map(
      (path) => ({ path, value: 1, timestamp: T0 }),
    ),
  );

  it('children of `stats.*`: branches, sorted by name', () => {
    expect(s.find('stats.*')).toEqual([
      { path: 'stats.counters', text: 'counters', leaf: false },
      { path: 'stats.gauges', text: 'gauges', leaf: false },
      { path: 'stats.timers', text: 'timers', leaf: false },
    ]);
  });

  it('leaves are marked leaf, branches come before leaves', () => {
    expect(s.find('stats.gauges.*')).toEqual([{ path: 'stats.gauges.temp', text: 'temp', leaf: true }]);
    expect(s.find('*').map((n) => n.text)).toEqual(['stats', 'stats_counts']);
    expect(s.find('stats.counters.web.*')).toEqual([
      { path: 'stats.counters.web.count', text: 'count', leaf: true },
      { path: 'stats.counters.web.rate', text: 'rate', leaf: true },
    ]);
  });

  it('wildcards: {a,b}, [a-z], [0-9], * inside a node; one entry per name with the query prefix', () => {
    expect(s.find('stats.counters.{web,api}').map((n) => n.path)).toEqual(['stats.counters.api', 'stats.counters.web']);
    expect(s.find('stats.counters.[a-b]*').map((n) => n.text)).toEqual(['api']);
    expect(s.find('stats.timers.t.upper_[0-9][0-9]').map((n) => n.text)).toEqual(['upper_90']);
    expect(s.find('stats.timers.t.upper_[!9]*')).toEqual([]);
    expect(s.find('stats.counters.*.count')).toEqual([{ path: 'stats.counters.*.count', text: 'count', leaf: true }]);
    expect(s.find('stats.c*')).toEqual([{ path: 'stats.counters', text: 'counters', leaf: false }]);
  });

  it('exact paths and misses', () => {
    expect(s.find('stats.gauges.temp')).toEqual([{ path: 'stats.gauges.temp', text: 'temp', leaf: true }]);
    expect(s.find('stats.nope.*')).toEqual([]);
    expect(s.find('')).toEqual([]);
  });

  it('paths() lists every leaf series', () => {
    expect(s.paths()).toEqual([
      'stats.counters.api.count',
      'stats.counters.web.count',
      'stats.counters.web.rate',
      'stats.gauges.temp',
      'stats.timers.t.upper_90',
      'stats_counts.web',
    ]);
    expect(s.expand('stats.counters.*.count')).toEqual(['stats.counters.api.count', 'stats.counters.web.count']);
  });
});
