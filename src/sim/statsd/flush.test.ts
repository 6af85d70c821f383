import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStatsd, type StatsdInput } from './index';

// Timing metrics (processing_time, calculationtime, flush_time) are Date.now() differences, as in the reference;
// freezing Date makes them 0 and the whole output deterministic.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

function run(packets: string[], config: StatsdInput = {}, flushAt = 10_000) {
  const s = createStatsd(config);
  for (const p of packets) s.handlePacket(p, 1000);
  const out = s.flush(flushAt);
  const map = new Map(out.map((m) => [m.path, m.value]));
  return { s, out, map };
}

const NEW = { graphite: { legacyNamespace: false } };

describe('config (exampleConfig.js keys, stats.js + backends/graphite.js defaults)', () => {
  it('defaults: flushInterval 10000, percentThreshold [90], deletes off, keyNameSanitize on, legacyNamespace true (graphite.js init; the graphite-statsd image leaves it unset)', () => {
    const { config } = createStatsd();
    expect(config).toMatchObject({
      flushInterval: 10000, percentThreshold: [90], deleteIdleStats: false, deleteCounters: false, deleteGauges: false,
      deleteTimers: false, deleteSets: false, histogram: [], keyNameSanitize: true, prefixStats: 'statsd', flush_counts: true,
      graphite: { legacyNamespace: true, globalPrefix: 'stats', prefixCounter: 'counters', prefixTimer: 'timers', prefixGauge: 'gauges', prefixSet: 'sets' },
    });
    expect(config.graphite.globalSuffix).toBeUndefined();
  });
  it('stats.js: a single percentThreshold is listified; deleteIdleStats turns on every deleteX not set explicitly', () => {
    const { config } = createStatsd({ percentThreshold: 95, deleteIdleStats: true, deleteGauges: false });
    expect(config.percentThreshold).toEqual([95]);
    expect(config).toMatchObject({ deleteCounters: true, deleteTimers: true, deleteSets: true, deleteGauges: false });
  });
});

describe('flush, legacyNamespace:false (backends/graphite.js flush_stats)', () => {
  it('graphite.js: counters → stats.counters.<k>.rate (value / (flushInterval/1000)) and .count', () => {
    const { map, out } = run(['foo:1|c', 'foo:4|c'], NEW);
    expect(map.get('stats.counters.foo.rate')).toBe(0.5);
    expect(map.get('stats.counters.foo.count')).toBe(5);
    expect(out.every((m) => m.timestamp === 10)).toBe(true); // Math.round(ms / 1000)
  });
  it('graphite.js: gauges → stats.gauges.<k>; sets → stats.sets.<k>.count', () => {
    const { map } = run(['mem:512|g', 'u:a|s', 'u:b|s', 'u:a|s'], NEW);
    expect(map.get('stats.gauges.mem')).toBe(512);
    expect(map.get('stats.sets.u.count')).toBe(2);
  });
  it('process_metrics.js: timer fields for [100, 200, ..., 1000] with the default 90th percentile', () => {
    const vals = [500, 100, 900, 300, 700, 200, 1000, 400, 800, 600];
    const { out } = run([vals.map((v) => `t:${v}|ms`).join('\n')], NEW);
    const t = out.filter((m) => m.path.startsWith('stats.timers.t.'));
    const mean = 550;
    const std = Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / 10);
    expect(t.map((m) => [m.path.slice('stats.timers.t.'.length), m.value])).toEqual([
      ['count_90', 9], ['mean_90', 500], ['upper_90', 900], ['sum_90', 4500], ['sum_squares_90', 2850000],
      ['std', std], ['upper', 1000], ['lower', 100], ['count', 10], ['count_ps', 1], ['sum', 5500],
      ['sum_squares', 3850000], ['mean', 550], ['median', 550],
    ]);
  });
  it('process_metrics.js: several thresholds, decimal ones named with "_", negative ones as "top" with lower_', () => {
    const vals = Array.from({ length: 20 }, (_, i) => i + 1);
    const { map } = run([vals.map((v) => `t:${v}|ms`).join('\n')], { ...NEW, percentThreshold: [50, 99.5, -10] });
    expect(map.get('stats.timers.t.upper_50')).toBe(10);
    expect(map.get('stats.timers.t.count_99_5')).toBe(20);
    expect(map.get('stats.timers.t.lower_top10')).toBe(19); // top 2 of 20
    expect(map.get('stats.timers.t.sum_top10')).toBe(39);
    expect(map.get('stats.timers.t.mean_top10')).toBe(19.5);
  });
  it('process_metrics.js: a threshold that rounds to 0 values is skipped; a single value fills every threshold with it', () => {
    const few = run(['t:5|ms\nt:7|ms'], { ...NEW, percentThreshold: [10] }).map;
    expect(few.has('stats.timers.t.upper_10')).toBe(false);
    const one = run(['t:5|ms'], { ...NEW, percentThreshold: [10] }).map;
    expect(one.get('stats.timers.t.upper_10')).toBe(5);
    expect(one.get('stats.timers.t.count_10')).toBe(1);
  });
  it('process_metrics.js: median of an even count is the mean of the middle two', () => {
    expect(run(['m:1|ms\nm:2|ms\nm:10|ms\nm:20|ms'], NEW).map.get('stats.timers.m.median')).toBe(6);
  });
  it('process_metrics.js: histogram bins are non-inclusive upper limits, first matching rule wins, values above the last bin are dropped', () => {
    const histogram = [
      { metric: 'skip', bins: [] },
      { metric: 'req', bins: [10, 100, 0.5, 'inf'] },
    ];
    const { map } = run(['req:5|ms\nreq:10|ms\nreq:50|ms\nreq:500|ms\nskip.req:5|ms'], { ...NEW, histogram });
    expect(map.get('stats.timers.req.histogram.bin_10')).toBe(1);
    expect(map.get('stats.timers.req.histogram.bin_100')).toBe(2);
    expect(map.get('stats.timers.req.histogram.bin_0_5')).toBe(0);
    expect(map.get('stats.timers.req.histogram.bin_inf')).toBe(1);
    expect([...map.keys()].some((p) => p.startsWith('stats.timers.skip.req.histogram'))).toBe(false);
    const capped = run(['r:5|ms\nr:500|ms'], { ...NEW, histogram: [{ metric: 'r', bins: [100] }] }).map;
    expect(capped.get('stats.timers.r.histogram.bin_100')).toBe(1);
  });
  it('process_metrics.js filter_timer_metrics: calculatedTimerMetrics keeps only listed names (_percent for thresholds)', () => {
    const { out } = run(['t:1|ms\nt:2|ms'], { ...NEW, calculatedTimerMetrics: ['count', 'upper_percent'] });
    expect(out.filter((m) => m.path.startsWith('stats.timers.t.')).map((m) => m.path)).toEqual([
      'stats.timers.t.upper_90', 'stats.timers.t.count',
    ]);
  });
  it('graphite.js init: globalPrefix/prefixCounter/prefixGauge/globalSuffix; an empty prefix is left out', () => {
    const { map } = run(['c:1|c', 'g:2|g'], { graphite: { legacyNamespace: false, globalPrefix: 'app', prefixCounter: '', prefixGauge: 'gg', globalSuffix: 'host1' } });
    expect(map.get('app.c.rate.host1')).toBe(0.1);
    expect(map.get('app.gg.g.host1')).toBe(2);
    expect(map.get('app.statsd.numStats.host1')).toBe(5);
  });
  it('exampleConfig.js flush_counts:false drops the .count of counters', () => {
    const { map } = run(['c:1|c'], { ...NEW, flush_counts: false });
    expect(map.has('stats.counters.c.count')).toBe(false);
    expect(map.get('stats.counters.c.rate')).toBe(0.1);
  });
});

describe('flush, legacyNamespace:true (the default)', () => {
  it('graphite.js legacy: counters → stats.<k> (rate) and stats_counts.<k>; timers/gauges/sets under stats.timers|gauges|sets', () => {
    const { map } = run(['foo:3|c', 'lat:20|ms', 'mem:7|g', 'u:x|s']);
    expect(map.get('stats.foo')).toBeCloseTo(0.3, 12);
    expect(map.get('stats_counts.foo')).toBe(3);
    expect(map.get('stats.timers.lat.mean')).toBe(20);
    expect(map.get('stats.gauges.mem')).toBe(7);
    expect(map.get('stats.sets.u.count')).toBe(1);
    expect(map.has('stats.counters.foo.rate')).toBe(false);
  });
  it('graphite.js legacy: ignores globalPrefix and the per-type prefixes', () => {
    const { map } = run(['foo:1|c'], { graphite: { globalPrefix: 'x', prefixCounter: 'y' } });
    expect(map.get('stats.foo')).toBe(0.1);
  });
});

describe("statsd's own metrics (stats.js counters + gauges, process_metrics statsd_metrics, graphite.js graphiteStats)", () => {
  it('stats.js: packets_received / metrics_received / bad_lines_seen are counters flushed like any other', () => {
    const { map } = run(['a:1|c\nb:x|c', 'c:1|c'], NEW);
    expect(map.get('stats.counters.statsd.packets_received.count')).toBe(2);
    expect(map.get('stats.counters.statsd.metrics_received.count')).toBe(3);
    expect(map.get('stats.counters.statsd.bad_lines_seen.count')).toBe(1);
    expect(map.get('stats.counters.statsd.bad_lines_seen.rate')).toBe(0.1);
  });
  it('graphite.js: numStats, graphiteStats.calculationtime and processing_time; legacy numStats is "statsd.numStats" (no stats. prefix)', () => {
    const n = run(['a:1|c'], NEW).map;
    expect(n.get('stats.statsd.numStats')).toBe(4); // 3 internal counters + a
    expect(n.get('stats.statsd.graphiteStats.calculationtime')).toBe(0);
    expect(n.get('stats.statsd.processing_time')).toBe(0);
    const l = run(['a:1|c']).map;
    expect(l.get('statsd.numStats')).toBe(4);
    expect(l.has('stats.statsd.graphiteStats.calculationtime')).toBe(true);
    expect(l.has('stats.statsd.processing_time')).toBe(true);
  });
  it('stats.js: statsd.timestamp_lag gauge from the second flush on (ts - previous ts - flushInterval/1000)', () => {
    const s = createStatsd(NEW);
    expect(s.flush(10_000).some((m) => m.path === 'stats.gauges.statsd.timestamp_lag')).toBe(false);
    expect(s.flush(22_000).find((m) => m.path === 'stats.gauges.statsd.timestamp_lag')?.value).toBe(2);
  });
  it('graphite.js post_stats: graphiteStats report the previous send (last_flush = startup first, flush_length = bytes of the last payload)', () => {
    const s = createStatsd(NEW);
    s.handlePacket('a:1|c', 3000);
    const first = s.flush(10_000);
    const g1 = new Map(first.map((m) => [m.path, m.value]));
    expect(g1.get('stats.statsd.graphiteStats.last_flush')).toBe(3);
    expect(g1.get('stats.statsd.graphiteStats.flush_length')).toBe(0);
    expect(g1.get('stats.statsd.graphiteStats.last_exception')).toBe(0);
    const text = first.map((m) => `${m.path} ${m.value} ${m.timestamp}`).join('\n') + '\n';
    const g2 = new Map(s.flush(20_000).map((m) => [m.path, m.value]));
    expect(g2.get('stats.statsd.graphiteStats.last_flush')).toBe(10);
    expect(g2.get('stats.statsd.graphiteStats.flush_length')).toBe(text.length);
  });
  it('stats.js prefixStats renames the internal metrics', () => {
    const { map } = run(['a:1|c'], { ...NEW, prefixStats: 'sd' });
    expect(map.get('stats.counters.sd.packets_received.count')).toBe(1);
    expect(map.get('stats.sd.numStats')).toBe(4);
  });
});

describe('after a flush (stats.js clear_metrics)', () => {
  it('default: counters are reset to 0 and still sent, timers send count/count_ps 0, sets 0, gauges keep their last value', () => {
    const s = createStatsd(NEW);
    s.handlePacket('c:5|c\nt:3|ms\nu:a|s\ng:9|g', 0);
    s.flush(10_000);
    const m = new Map(s.flush(20_000).map((x) => [x.path, x.value]));
    expect(m.get('stats.counters.c.count')).toBe(0);
    expect(m.get('stats.counters.c.rate')).toBe(0);
    expect(m.get('stats.timers.t.count')).toBe(0);
    expect(m.get('stats.timers.t.count_ps')).toBe(0);
    expect(m.has('stats.timers.t.mean')).toBe(false);
    expect(m.get('stats.sets.u.count')).toBe(0);
    expect(m.get('stats.gauges.g')).toBe(9);
  });
  it('deleteIdleStats: idle counters, timers, sets and gauges are not sent; the internal counters stay at 0', () => {
    const s = createStatsd({ ...NEW, deleteIdleStats: true });
    s.handlePacket('c:5|c\nt:3|ms\nu:a|s\ng:9|g', 0);
    s.flush(10_000);
    const paths = s.flush(20_000).map((x) => x.path);
    expect(paths.filter((p) => /\.(c|t|u|g)(\.|$)/.test(p))).toEqual([]);
    expect(paths).toContain('stats.counters.statsd.packets_received.count');
  });
  it('stats.js deleteCounters keeps (at 0) any counter whose name contains packets_received/metrics_received/bad_lines_seen', () => {
    const s = createStatsd({ ...NEW, deleteCounters: true });
    s.handlePacket('app.bad_lines_seen:1|c\nother:1|c', 0);
    s.flush(10_000);
    const m = new Map(s.flush(20_000).map((x) => [x.path, x.value]));
    expect(m.get('stats.counters.app.bad_lines_seen.count')).toBe(0);
    expect(m.has('stats.counters.other.count')).toBe(false);
  });
  it('stats.js deleteGauges + gaugesMaxTTL: a gauge survives gaugesMaxTTL idle flushes; the timestamp_lag gauge has no TTL', () => {
    const s = createStatsd({ ...NEW, deleteGauges: true, gaugesMaxTTL: 2 });
    s.handlePacket('g:1|g', 0);
    const has = (out: { path: string }[]) => out.some((x) => x.path === 'stats.gauges.g');
    expect(has(s.flush(10_000))).toBe(true);
    expect(has(s.flush(20_000))).toBe(true);
    const third = s.flush(30_000);
    expect(has(third)).toBe(false);
    expect(third.some((x) => x.path === 'stats.gauges.statsd.timestamp_lag')).toBe(true);
  });
  it('counters() and reset()', () => {
    const s = createStatsd();
    s.handlePacket('a:1|c\nb', 0);
    s.flush(10_000);
    expect(s.counters()).toMatchObject({ packetsReceived: 1, metricsReceived: 2, badLinesSeen: 1, lastFlush: 10_000 });
    s.reset();
    expect(s.counters()).toEqual({ packetsReceived: 0, metricsReceived: 0, badLinesSeen: 0, lastFlush: null, badLines: [] });
    expect(s.current().counters).toEqual({ 'statsd.bad_lines_seen': 0, 'statsd.packets_received': 0, 'statsd.metrics_received': 0 });
  });
});
