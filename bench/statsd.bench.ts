/**
 * `npm run bench` (or `npx tsx bench/statsd.bench.ts`): our statsd vs the reference statsd's own code, in this one
 * Node process.
 *
 * What is measured
 *  - parse+aggregate: 1,000,000 mixed lines (counters with/without sample rates, timers, gauges incl. deltas, sets,
 *    a few DogStatsD tags and ~1% bad lines) packed 1–10 lines per datagram, delivered as Buffers as node's dgram does.
 *    Ours: statsd.handlePacket(buf). Reference: the packet handler of the npm package `statsd`'s stats.js, captured
 *    by src/sim/statsd/reference-harness.ts (stats.js evaluated unmodified; logging, servers and timers stubbed).
 *  - flush: one flush of 10,000 series (4,000 counters, 3,000 timers × 10 samples, 2,000 gauges, 1,000 sets × 5).
 *    Ours: statsd.flush(). Reference: stats.js flushMetrics = lib/process_metrics.js + backends/graphite.js naming
 *    and text payload + clear; and, separately, lib/process_metrics.js alone (required directly).
 * parse+aggregate: 2 warm-up runs of each, then RUNS rounds that each time ours and the reference once (alternating
 * which goes first), every run on a fresh instance with the same datagrams; medians of each side and the ratio of the
 * medians (plus the median of the per-round ratios and the same on process CPU time, which is less disturbed when
 * other processes compete for the cores). The load average before and after is printed so readers can judge noise.
 * After the first warm-up both sides flush, and their graphite lines (bar the flush's own timings) must be identical.
 * flush: 1 warm-up run, then 5 runs, median.
 */
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { createStatsd } from '../src/sim/statsd/index';
import { loadReferenceStatsd, REFERENCE_ROOT, REFERENCE_VERSION } from '../src/sim/statsd/reference-harness';
import { mulberry32 as rng } from '../src/sim/random';

const RUNS = Number(process.env.STATSD_BENCH_RUNS) || 9;
const FLUSH_RUNS = 5;
const LINES = 1_000_000;


function mixedLine(r: () => number, i: number): string {
  const k = Math.floor(r() * 200);
  const x = r();
  if (x < 0.35) return `gunicorn.requests.k${k}:1|c`;
  if (x < 0.45) return `app.hits.k${k}:${1 + Math.floor(r() * 5)}|c|@0.1`;
  if (x < 0.75) return `gunicorn.request.duration.k${k}:${(r() * 500).toFixed(3)}|ms`;
  if (x < 0.85) return `gunicorn.workers.k${k}:${r() < 0.3 ? '+' : ''}${Math.floor(r() * 16)}|g`;
  if (x < 0.94) return `app.users.k${k}:user${Math.floor(r() * 1000)}|s`;
  if (x < 0.99) return `app.req.k${k}:1|c|#env:prod,route:/api`;
  return i % 2 ? `bad.k${k}:abc|c` : `nocolon${k}`;
}

function makeDatagrams(): Buffer[] {
  const r = rng(42);
  const out: Buffer[] = [];
  let n = 0;
  while (n < LINES) {
    const per = Math.min(1 + Math.floor(r() * 10), LINES - n);
    const lines: string[] = [];
    for (let j = 0; j < per; j++) lines.push(mixedLine(r, n + j));
    out.push(Buffer.from(lines.join('\n')));
    n += per;
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRuns(setup: () => () => void): number {
  const times: number[] = [];
  for (let i = 0; i <= FLUSH_RUNS; i++) {
    const body = setup();
    const t0 = performance.now();
    body();
    const dt = performance.now() - t0;
    if (i > 0) times.push(dt); // run 0 is the warm-up
  }
  return median(times);
}

const datagrams = makeDatagrams();
const rinfo = { address: '127.0.0.1', port: 40000, family: 'IPv4', size: 0 };

// --- parse + aggregate -------------------------------------------------------------------------------------------
const load0 = loadavg();
// Same work on both sides: after a run, both flush the same graphite lines (bar the ones that time the flush itself).
const TIMING = /processing_time|calculationtime|flush_time|flush_length|last_flush|last_exception|timestamp_lag/;
let oursOut: string[] = [];
let refOut: string[] = [];
function runOurs(check = false): { wall: number; cpu: number } {
  const s = createStatsd();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < datagrams.length; i++) s.handlePacket(datagrams[i], 0);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (s.counters().metricsReceived !== LINES) throw new Error('ours: not every line was seen');
  if (check) oursOut = s.flush(10_000).map((m) => `${m.path} ${m.value} ${m.timestamp}`).filter((l) => !TIMING.test(l));
  return { wall, cpu: (c.user + c.system) / 1000 };
}
function runRef(check = false): { wall: number; cpu: number } {
  const ref = loadReferenceStatsd({ graphiteHost: '127.0.0.1' });
  const h = ref.onMessage;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < datagrams.length; i++) h(datagrams[i], rinfo);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (check) refOut = ref.flush(10_000).filter((l) => !TIMING.test(l));
  return { wall, cpu: (c.user + c.system) / 1000 };
}
for (let w = 0; w < 2; w++) {
  runOurs(w === 0);
  runRef(w === 0);
}
const sameWork = oursOut.length === refOut.length && oursOut.every((l, i) => l === refOut[i]);
if (!sameWork) {
  const i = oursOut.findIndex((l, k) => l !== refOut[k]);
  console.error(`parse+aggregate: flushed state differs from the reference (${oursOut.length} vs ${refOut.length} lines; first: ${oursOut[i]} | ${refOut[i]})`);
  process.exitCode = 1;
}
const ours: { wall: number; cpu: number }[] = [];
const refs: { wall: number; cpu: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  if (i % 2 === 0) {
    ours.push(runOurs());
    refs.push(runRef());
  } else {
    refs.push(runRef());
    ours.push(runOurs());
  }
}
const load1 = loadavg();
const oursParseMs = median(ours.map((x) => x.wall));
const refParseMs = median(refs.map((x) => x.wall));
const oursCpuMs = median(ours.map((x) => x.cpu));
const refCpuMs = median(refs.map((x) => x.cpu));
const pairRatio = median(ours.map((x, i) => refs[i].wall / x.wall));

// --- flush of 10k series ---------------------------------------------------------------------------------------------
function seriesDatagrams(): Buffer[] {
  const r = rng(7);
  const out: Buffer[] = [];
  for (let i = 0; i < 4000; i++) out.push(Buffer.from(`c.s${i}:${1 + Math.floor(r() * 9)}|c`));
  for (let i = 0; i < 3000; i++) {
    const lines = [];
    for (let j = 0; j < 10; j++) lines.push(`t.s${i}:${(r() * 1000).toFixed(2)}|ms`);
    out.push(Buffer.from(lines.join('\n')));
  }
  for (let i = 0; i < 2000; i++) out.push(Buffer.from(`g.s${i}:${Math.floor(r() * 100)}|g`));
  for (let i = 0; i < 1000; i++) {
    const lines = [];
    for (let j = 0; j < 5; j++) lines.push(`u.s${i}:m${Math.floor(r() * 50)}|s`);
    out.push(Buffer.from(lines.join('\n')));
  }
  return out;
}
const series = seriesDatagrams();
let oursFlushLines = 0;
const oursFlushMs = timeRuns(() => {
  const s = createStatsd();
  for (const d of series) s.handlePacket(d, 0);
  return () => {
    oursFlushLines = s.flush(10_000).length;
  };
});
let refFlushLines = 0;
const refFlushMs = timeRuns(() => {
  const ref = loadReferenceStatsd({ graphiteHost: '127.0.0.1' });
  for (const d of series) ref.onMessage(d, rinfo);
  return () => {
    refFlushLines = ref.flush(10_000).length;
  };
});

// lib/process_metrics.js alone, on the same 10k series (what stats.js hands it)
const req = createRequire(import.meta.url);
const pm = req(REFERENCE_ROOT + '/lib/process_metrics.js') as {
  process_metrics: (m: unknown, calc: unknown, interval: number, ts: number, cb: (m: unknown) => void) => void;
};
const refPmMs = timeRuns(() => {
  const s = createStatsd();
  for (const d of series) s.handlePacket(d, 0);
  const cur = s.current();
  const SetImpl = req(REFERENCE_ROOT + '/lib/set.js').Set;
  const timer_counters: Record<string, number> = {};
  for (const k in cur.timers) timer_counters[k] = cur.timers[k].length;
  const sets: Record<string, unknown> = {};
  for (const k in cur.sets) {
    const st = new SetImpl();
    for (const m of cur.sets[k]) st.insert(m);
    sets[k] = st;
  }
  const metrics = { counters: cur.counters, gauges: cur.gauges, timers: cur.timers, timer_counters, sets, pctThreshold: [90], histogram: [] };
  return () => pm.process_metrics(metrics, [], 10_000, 10, () => {});
});

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const oursLps = LINES / (oursParseMs / 1000);
const refLps = LINES / (refParseMs / 1000);
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const ms = (xs: { wall: number }[]) => xs.map((x) => x.wall.toFixed(0)).join(' ');
console.log(`statsd bench (node ${process.version}; reference: npm statsd ${REFERENCE_VERSION})`);
console.log(`parse+aggregate, ${fmt(LINES)} mixed lines in ${fmt(datagrams.length)} datagrams; 2 warm-ups each, then ${RUNS} alternating runs each, medians:`);
console.log(`  load average (1/5/15 min) before: ${la(load0)}, after: ${la(load1)}  (${availableParallelism()} cores)`);
console.log(`  ours       ${fmt(oursLps).padStart(12)} lines/s  (${oursParseMs.toFixed(1)} ms; runs: ${ms(ours)})`);
console.log(`  reference  ${fmt(refLps).padStart(12)} lines/s  (${refParseMs.toFixed(1)} ms; runs: ${ms(refs)})  stats.js packet handler`);
console.log(`  same work: both flush the same ${fmt(oursOut.length)} graphite lines afterwards: ${sameWork ? 'yes' : 'NO'}`);
console.log(`  ratio      ${(oursLps / refLps).toFixed(2)}× ratio of medians (target ≥ 5×); median of per-round ratios ${pairRatio.toFixed(2)}×; on CPU time ${(refCpuMs / oursCpuMs).toFixed(2)}× (${oursCpuMs.toFixed(0)} vs ${refCpuMs.toFixed(0)} ms)`);
console.log(`flush of 10,000 series (4k counters, 3k timers × 10, 2k gauges, 1k sets):`);
console.log(`  ours       ${oursFlushMs.toFixed(2).padStart(9)} ms  (${fmt(oursFlushLines)} graphite lines)`);
console.log(`  reference  ${refFlushMs.toFixed(2).padStart(9)} ms  (${fmt(refFlushLines)} graphite lines)  stats.js flushMetrics: process_metrics + graphite backend + clear`);
console.log(`  reference  ${refPmMs.toFixed(2).padStart(9)} ms  lib/process_metrics.js alone`);
console.log(`  ratio      ${(refFlushMs / oursFlushMs).toFixed(2)}× faster than the reference flush`);
if (oursFlushLines !== refFlushLines) {
  console.error(`flush line counts differ: ours ${oursFlushLines}, reference ${refFlushLines}`);
  process.exitCode = 1;
}
