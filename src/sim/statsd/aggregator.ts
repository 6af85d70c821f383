/**
 * The unflushed state of a statsd daemon and how each sample changes it — stats.js `handlePacket`'s per-type
 * branches, with Maps instead of the reference's plain objects (same insertion order; see orderedKeys).
 */
import type { LineSink } from './parse';

export interface TimerSeries {
  /** Raw samples since the last flush (stats.js `timers[key]`). */
  values: number[];
  /** Sum of 1/sampleRate (stats.js `timer_counters[key]`). */
  count: number;
}

export interface BadLine {
  line: string;
  reason: string;
  at: number;
}

const BAD_LINES_KEPT = 50;

/** A counter's running value, boxed so that adding to it costs one Map lookup. */
export interface Cell {
  v: number;
}

export class Aggregator implements LineSink {
  counters = new Map<string, Cell>();
  timers = new Map<string, TimerSeries>();
  gauges = new Map<string, number>();
  /** Flushes left before an idle gauge is deleted; only filled when deleteGauges is on (stats.js gaugesTTL). */
  gaugesTTL = new Map<string, number>();
  sets = new Map<string, Set<string>>();

  /** Cumulative totals for the UI (the statsd.* counters themselves reset at every flush). */
  packetsTotal = 0;
  linesTotal = 0;
  badTotal = 0;
  badLines: BadLine[] = [];
  now = 0;

  constructor(
    readonly keys: { badLines: string; packets: string; metrics: string },
    private readonly deleteGauges: boolean,
    private readonly gaugesMaxTTL: number,
  ) {
    this.resetInternal();
  }

  // The internal counters are never deleted (clear_metrics keeps any key containing their names at 0), so their
  // cells can be held directly.
  private cBad: Cell = { v: 0 };
  private cPackets: Cell = { v: 0 };
  private cMetrics: Cell = { v: 0 };

  /** stats.js startup: `counters[bad_lines_seen] = counters[packets_received] = counters[metrics_received] = 0`. */
  resetInternal(): void {
    this.counters.set(this.keys.badLines, (this.cBad = { v: 0 }));
    this.counters.set(this.keys.packets, (this.cPackets = { v: 0 }));
    this.counters.set(this.keys.metrics, (this.cMetrics = { v: 0 }));
  }

  packet(): void {
    this.packetsTotal++;
    this.cPackets.v++;
  }

  line(): void {
    this.linesTotal++;
    this.cMetrics.v++;
  }

  counter(key: string, value: number, sampleRate: number): void {
    // stats.js: if (!counters[key]) counters[key] = 0; counters[key] += Number(v) * (1 / sampleRate)
    const c = this.counters.get(key);
    if (c === undefined) this.counters.set(key, { v: 0 + value * (1 / sampleRate) });
    else c.v = (c.v || 0) + value * (1 / sampleRate);
  }

  timer(key: string, value: number, sampleRate: number): void {
    let t = this.timers.get(key);
    if (t === undefined) {
      t = { values: [], count: 0 };
      this.timers.set(key, t);
    }
    t.values.push(value);
    t.count += 1 / sampleRate;
  }

  gauge(key: string, value: number, signed: boolean): void {
    if (this.deleteGauges) this.gaugesTTL.set(key, this.gaugesMaxTTL);
    // stats.js: `if (gauges[key] && fields[0].match(/^[-+]/)) gauges[key] += v; else gauges[key] = v;`
    // — a gauge at 0 (falsy) is set, not adjusted (same sum, but e.g. 0 then '-0' gives -0).
    const cur = this.gauges.get(key);
    this.gauges.set(key, cur && signed ? cur + value : value);
  }

  set(key: string, member: string): void {
    let s = this.sets.get(key);
    if (s === undefined) {
      s = new Set();
      this.sets.set(key, s);
    }
    s.add(member);
  }

  bad(lineNo: number, line: string, reason: string, counted: boolean): void {
    void lineNo;
    if (counted) {
      this.badTotal++;
      this.cBad.v++;
    }
    if (this.badLines.length >= BAD_LINES_KEPT) this.badLines.shift();
    this.badLines.push({ line, reason, at: this.now });
  }
}

function isArrayIndex(k: string): boolean {
  if (k.length === 0) return false;
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  if (k.length > 1 && c === 48) return false;
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return k.length <= 10 && Number(k) < 4294967295;
}

/**
 * The order `for (key in obj)` visits the reference's plain-object maps: array-index keys ("0", "42") first in
 * ascending numeric order, then the rest in insertion order. Map keeps insertion order, so only index-like keys move.
 */
export function orderedKeys(keys: Iterable<string>): string[] {
  const out: string[] = [];
  let idx: string[] | null = null;
  for (const k of keys) {
    if (isArrayIndex(k)) (idx ??= []).push(k);
    else out.push(k);
  }
  if (idx === null) return out;
  idx.sort((a, b) => Number(a) - Number(b));
  return idx.concat(out);
}
