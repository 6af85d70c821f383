/**
 * A statsd daemon (statsd/statsd, stats.js + lib/process_metrics.js + backends/graphite.js) as a pure object:
 * handlePacket() is the UDP 'message' handler, flush() is one flush interval — it returns exactly the
 * `path value timestamp` lines the graphite backend would write to carbon, in the same order, then clears the
 * state as stats.js's clear_metrics does.
 */
import { resolveConfig, type StatsdConfig, type StatsdInput } from './config';
import { Aggregator, orderedKeys, type BadLine } from './aggregator';
import { parseDatagram } from './parse';
import { computeTimer, percentileSpecs, timerMetricFilter } from './timer-stats';
import { formatter, namespaces } from './graphite-names';

export interface FlushedMetric {
  path: string;
  value: number;
  /** Unix seconds, Math.round(nowMs / 1000) as stats.js flushMetrics computes it. */
  timestamp: number;
}

export interface StatsdCounters {
  packetsReceived: number;
  metricsReceived: number;
  badLinesSeen: number;
  /** Sim ms of the last flush. */
  lastFlush: number | null;
  badLines: BadLine[];
}

export interface StatsdCurrent {
  counters: Record<string, number>;
  gauges: Record<string, number>;
  timers: Record<string, number[]>;
  sets: Record<string, string[]>;
}

export interface Statsd {
  readonly config: StatsdConfig;
  /** One UDP datagram (may hold many lines). Never throws. */
  handlePacket(data: string | Uint8Array, nowMs?: number): void;
  /** One flush: what the graphite backend sends (timestamps in unix seconds). Never throws. */
  flush(nowMs: number): FlushedMetric[];
  counters(): StatsdCounters;
  /** Current (unflushed) state for the UI, keys per type. */
  current(): StatsdCurrent;
  reset(): void;
}

export function createStatsd(input?: StatsdInput): Statsd {
  const config = resolveConfig(input);
  const pcts = percentileSpecs(config.percentThreshold);
  const dedupePcts = new Set(pcts.map((p) => p.clean)).size !== pcts.length;
  const keepTimerMetric = timerMetricFilter(config.calculatedTimerMetrics);
  const ns = namespaces(config);
  const fmtCounter = formatter(ns.counter, ns);
  const fmtCountLegacy = formatter(['stats_counts'], ns);
  const fmtTimer = formatter(ns.timer, ns);
  const fmtGauge = formatter(ns.gauge, ns);
  const fmtSet = formatter(ns.set, ns);
  const fmtGlobal = formatter(ns.global, ns);
  const ps = config.prefixStats;
  const internal = {
    badLines: ps + '.bad_lines_seen',
    packets: ps + '.packets_received',
    metrics: ps + '.metrics_received',
  };
  const lagKey = ps + '.timestamp_lag';
  const flushSeconds = config.flushInterval / 1000;

  let agg = new Aggregator(internal, config.deleteGauges, config.gaugesMaxTTL, config.keyNameSanitize);
  let startup: number | null = null; // unix seconds, as stats.js startup_time
  let oldTimestamp = 0;
  let lastFlush: number | null = null;
  // backends/graphite.js graphiteStats: reported at each flush with the values left by the previous one.
  let graphiteStats = { last_exception: 0, last_flush: 0, flush_time: 0, flush_length: 0 };
  let graphiteStatsReady = false;

  function seeTime(nowMs: number): void {
    if (startup === null && Number.isFinite(nowMs)) {
      startup = Math.round(nowMs / 1000);
      if (!graphiteStatsReady) {
        graphiteStats.last_flush = startup;
        graphiteStatsReady = true;
      }
    }
  }

  function handlePacket(data: string | Uint8Array, nowMs?: number): void {
    try {
      const now = typeof nowMs === 'number' && Number.isFinite(nowMs) ? nowMs : agg.now;
      seeTime(now);
      agg.now = now;
      agg.packet();
      parseDatagram(data, agg);
    } catch (e) {
      // Defensive: the parser is written not to throw; keep the daemon alive and say why if it ever does.
      agg.bad(0, String(data), `internal error while parsing: ${(e as Error)?.message ?? e}`, false);
    }
  }

  function flush(nowMs: number): FlushedMetric[] {
    const out: FlushedMetric[] = [];
    try {
      flushInto(Number.isFinite(nowMs) ? nowMs : agg.now, out);
    } catch (e) {
      agg.bad(0, '', `internal error while flushing: ${(e as Error)?.message ?? e}`, false);
    }
    return out;
  }

  function flushInto(nowMs: number, out: FlushedMetric[]): void {
    seeTime(nowMs);
    const ts = Math.round(nowMs / 1000);
    const add = (path: string, value: number) => out.push({ path, value, timestamp: ts });

    // stats.js flushMetrics
    if (oldTimestamp > 0) agg.gauges.set(lagKey, ts - oldTimestamp - flushSeconds);
    oldTimestamp = ts;

    // lib/process_metrics.js + backends/graphite.js flush_stats (the graphite listener runs before clear_metrics)
    const pmStart = Date.now();
    const counterKeys = orderedKeys(agg.counters.keys());
    const timerKeys = orderedKeys(agg.timers.keys());
    const timerData = timerKeys.map((key) => {
      const t = agg.timers.get(key)!;
      return computeTimer(key, t.values, t.count, config.flushInterval, pcts, dedupePcts, config.histogram);
    });
    const processingTime = Date.now() - pmStart;

    const calcStart = Date.now();
    let numStats = 0;
    for (const key of counterKeys) {
      const value = agg.counters.get(key)!.v;
      const rate = value / flushSeconds;
      if (ns.legacy) {
        add(fmtCounter(key), rate);
        if (config.flush_counts) add(fmtCountLegacy(key), value);
      } else {
        add(fmtCounter(key, 'rate'), rate);
        if (config.flush_counts) add(fmtCounter(key, 'count'), value);
      }
      numStats++;
    }
    for (let k = 0; k < timerKeys.length; k++) {
      const key = timerKeys[k];
      const d = timerData[k];
      for (let i = 0; i < d.names.length; i++) {
        const name = d.names[i];
        if (keepTimerMetric && !keepTimerMetric(name.startsWith('histogram.') ? 'histogram' : name)) continue;
        add(fmtTimer(key, name), d.values[i]);
      }
      numStats++;
    }
    for (const key of orderedKeys(agg.gauges.keys())) {
      add(fmtGauge(key), agg.gauges.get(key)!);
      numStats++;
    }
    for (const key of orderedKeys(agg.sets.keys())) {
      add(fmtSet(key, 'count'), agg.sets.get(key)!.size);
      numStats++;
    }
    if (ns.legacy) {
      add(ps + '.numStats' + ns.suffix, numStats);
      add('stats.' + ps + '.graphiteStats.calculationtime' + ns.suffix, Date.now() - calcStart);
      add('stats.' + ps + '.processing_time' + ns.suffix, processingTime);
    } else {
      add(fmtGlobal(ps, 'numStats'), numStats);
      add(fmtGlobal(ps, 'graphiteStats.calculationtime'), Date.now() - calcStart);
      add(fmtGlobal(ps, 'processing_time'), processingTime);
    }

    // post_stats (graphiteHost is set, as in the image): graphiteStats from the previous send, then this send.
    if (config.graphiteHost) {
      const gns = ns.global.concat(ps).join('.');
      add(gns + '.graphiteStats.last_exception' + ns.suffix, graphiteStats.last_exception);
      add(gns + '.graphiteStats.last_flush' + ns.suffix, graphiteStats.last_flush);
      add(gns + '.graphiteStats.flush_time' + ns.suffix, graphiteStats.flush_time);
      add(gns + '.graphiteStats.flush_length' + ns.suffix, graphiteStats.flush_length);
      const writeStart = Date.now();
      graphiteStats = {
        last_exception: graphiteStats.last_exception,
        flush_length: textPayloadLength(out),
        flush_time: Date.now() - writeStart,
        last_flush: ts,
      };
    }

    clearMetrics();
    lastFlush = nowMs;
  }

  /** stats.js clear_metrics (registered with backendEvents.once('flush') after the backends' listeners). */
  function clearMetrics(): void {
    agg.forgetKeys(); // cells may be deleted or replaced below
    for (const [key, cell] of [...agg.counters]) {
      if (config.deleteCounters) {
        if (key.indexOf('packets_received') !== -1 || key.indexOf('metrics_received') !== -1 || key.indexOf('bad_lines_seen') !== -1) {
          cell.v = 0;
        } else {
          agg.counters.delete(key);
        }
      } else {
        cell.v = 0;
      }
    }
    if (config.deleteTimers) agg.timers.clear();
    else for (const t of agg.timers.values()) {
      t.values = [];
      t.count = 0;
    }
    if (config.deleteSets) agg.sets.clear();
    else for (const key of agg.sets.keys()) agg.sets.set(key, new Set());
    if (config.deleteGauges) {
      for (const [key, ttl] of [...agg.gaugesTTL]) {
        if (ttl - 1 < 1) {
          agg.gauges.delete(key);
          agg.gaugesTTL.delete(key);
        } else {
          agg.gaugesTTL.set(key, ttl - 1);
        }
      }
    }
  }

  function counters(): StatsdCounters {
    return {
      packetsReceived: agg.packetsTotal,
      metricsReceived: agg.linesTotal,
      badLinesSeen: agg.badTotal,
      lastFlush,
      badLines: agg.badLines.slice(),
    };
  }

  function current(): StatsdCurrent {
    const c: StatsdCurrent = { counters: {}, gauges: {}, timers: {}, sets: {} };
    for (const [k, cell] of agg.counters) c.counters[k] = cell.v;
    for (const [k, v] of agg.gauges) c.gauges[k] = v;
    for (const [k, t] of agg.timers) c.timers[k] = t.values.slice();
    for (const [k, s] of agg.sets) c.sets[k] = [...s];
    return c;
  }

  function reset(): void {
    agg = new Aggregator(internal, config.deleteGauges, config.gaugesMaxTTL, config.keyNameSanitize);
    startup = null;
    oldTimestamp = 0;
    lastFlush = null;
    graphiteStats = { last_exception: 0, last_flush: 0, flush_time: 0, flush_length: 0 };
    graphiteStatsReady = false;
  }

  return { config, handlePacket, flush, counters, current, reset };
}

/** Length of the text protocol payload graphite.js writes: `path value ts` lines, each ending in '\n'. */
function textPayloadLength(lines: FlushedMetric[]): number {
  let n = 0;
  for (const m of lines) n += m.path.length + String(m.value).length + String(m.timestamp).length + 3;
  return n;
}
