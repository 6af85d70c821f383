/**
 * Graphite store + render benchmark (`npm run bench`, or BENCH=graphite npm run bench):
 *  - ingest rate: statsd-style flushes (every series once per 10 s) into the image's default schema;
 *  - render: `sumSeries(stats.counters.*.rate)` over 20 series × 4,320 points (12 h at 10 s; the schema
 *    here keeps 10 s points for a day so that range is read at full precision), median of several runs.
 */
import { createStore } from '../src/sim/graphite/store';
import { evaluateTargets } from '../src/sim/graphite/evaluator';

const T0 = 1_767_268_800;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function benchIngest(): void {
  const seriesCount = 1000;
  const flushes = 360; // one simulated hour
  const paths = Array.from({ length: seriesCount }, (_, i) => `stats.counters.c${i}.${i % 2 ? 'rate' : 'count'}`);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const store = createStore();
    const t = performance.now();
    for (let f = 0; f < flushes; f++) {
      const ts = T0 + f * 10;
      store.ingest(paths.map((path, i) => ({ path, value: (i + f) % 17, timestamp: ts })));
    }
    const ms = performance.now() - t;
    runs.push(((seriesCount * flushes) / ms) * 1000);
  }
  console.log(`ingest: ${Math.round(median(runs)).toLocaleString('en')} points/s (median of ${runs.length} runs, ${seriesCount} series × ${flushes} flushes, with 1m/10m roll-up)`);
}

function benchRender(): void {
  const store = createStore({ schemas: '[bench]\npattern = .*\nretentions = 10s:1d,1m:6d' });
  const points = 4320;
  for (let f = 0; f < points; f++) {
    const ts = T0 + f * 10;
    store.ingest(Array.from({ length: 20 }, (_, i) => ({ path: `stats.counters.s${i}.rate`, value: (i * f) % 13, timestamp: ts })));
  }
  const from = T0 - 10;
  const until = T0 + (points - 1) * 10;
  const check = evaluateTargets(store, ['sumSeries(stats.counters.*.rate)'], from, until);
  if (check.error || check.series[0]?.values.length !== points) throw new Error(`unexpected render: ${check.error ?? check.series[0]?.values.length}`);
  const runs: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    evaluateTargets(store, ['sumSeries(stats.counters.*.rate)'], from, until);
    runs.push(performance.now() - t);
  }
  console.log(`render sumSeries(stats.counters.*.rate), 20 series × ${points} points: ${median(runs).toFixed(2)} ms (median of ${runs.length} runs)`);
}

benchIngest();
benchRender();
