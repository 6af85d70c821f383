/**
 * The unflushed state of a statsd daemon and how each sample changes it — stats.js `handlePacket`'s per-type
 * branches, with Maps instead of the reference's plain objects (same insertion order; see orderedKeys).
 */
import { sanitizeKeyName, needsSanitizing, tagSuffix, type LineSink } from './parse';

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

/**
 * What the parser's fast path knows about one raw key (the text before the ':' of a line, with the text of its
 * DogStatsD tag section if any): the key as stats.js would store it (tags appended and sanitised once, when the raw
 * key is first seen) and the state cells it last touched, so a
 * line costs one probe of this table instead of a fresh substring, its hash and a Map lookup per type.
 * The cells are the very objects held in the Aggregator's Maps; the table is dropped whenever a flush may delete or
 * replace them (see Aggregator.forgetKeys).
 */
export class KeyEntry {
  counter: Cell | null = null;
  timer: TimerSeries | null = null;
  set: Set<string> | null = null;
  constructor(
    readonly raw: string,
    readonly tags: string,
    readonly hash: number,
    readonly key: string,
    public next: KeyEntry | null,
  ) {}
}

function sameBytes(data: Uint8Array, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (data[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** The string of the ASCII bytes data[s..e). */
export function asciiString(data: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i += 2048) out += String.fromCharCode.apply(null, data.subarray(i, Math.min(e, i + 2048)) as unknown as number[]);
  return out;
}

interface MemberEntry {
  str: string;
  hash: number;
  next: MemberEntry | null;
}

/**
 * Set members seen as ASCII bytes → one string each, so that adding a member seen before costs no decoding, no
 * allocation and no string hashing (the string caches its hash). Dropped with the KeyTable at each flush.
 */
export class MemberTable {
  private buckets: (MemberEntry | null)[] = new Array<MemberEntry | null>(256).fill(null);
  private mask = 255;
  private size = 0;

  get(data: Uint8Array, s: number, e: number): string {
    let h = 0;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + data[i]) | 0;
    const n = e - s;
    for (let x = this.buckets[h & this.mask]; x !== null; x = x.next) {
      if (x.hash === h && x.str.length === n && sameBytes(data, s, x.str)) return x.str;
    }
    if (this.size >= this.buckets.length) this.grow();
    const str = asciiString(data, s, e);
    const b = h & this.mask;
    this.buckets[b] = { str, hash: h, next: this.buckets[b] };
    this.size++;
    return str;
  }

  private grow(): void {
    const old = this.buckets;
    const cap = old.length * 2;
    const buckets = new Array<MemberEntry | null>(cap).fill(null);
    const mask = cap - 1;
    for (let i = 0; i < old.length; i++) {
      for (let x = old[i]; x !== null; ) {
        const next = x.next;
        x.next = buckets[x.hash & mask];
        buckets[x.hash & mask] = x;
        x = next;
      }
    }
    this.buckets = buckets;
    this.mask = mask;
  }
}

/** Open hash table (chained) of KeyEntry by raw key text, probed with a hash the parser computes while scanning. */
export class KeyTable {
  private buckets: (KeyEntry | null)[];
  private mask: number;
  private size = 0;

  constructor(private readonly sanitize: boolean) {
    this.buckets = new Array<KeyEntry | null>(256).fill(null);
    this.mask = 255;
  }

  /**
   * The entry for the raw key (ASCII bytes data[ks..ke)) with tags data[ts..te) (empty: none), whose hash (parse.ts
   * fastLineBytes) is h, creating it if new.
   */
  getBytes(data: Uint8Array, ks: number, ke: number, ts: number, te: number, h: number): KeyEntry {
    const n = ke - ks;
    const tn = te - ts;
    for (let x = this.buckets[h & this.mask]; x !== null; x = x.next) {
      if (x.hash === h && x.raw.length === n && x.tags.length === tn && sameBytes(data, ks, x.raw) && (tn === 0 || sameBytes(data, ts, x.tags))) {
        return x;
      }
    }
    return this.add(asciiString(data, ks, ke), tn === 0 ? '' : asciiString(data, ts, te), h);
  }

  private add(raw: string, tags: string, h: number): KeyEntry {
    if (this.size >= this.buckets.length) this.grow();
    // as stats.js: key + ';' + tags (each with its first ';' → '_', first ':' → '='), then sanitizeKeyName
    let key = tags === '' ? raw : raw + tagSuffix(tags);
    if (this.sanitize && needsSanitizing(key)) key = sanitizeKeyName(key);
    const b = h & this.mask;
    const e = new KeyEntry(raw, tags, h, key, this.buckets[b]);
    this.buckets[b] = e;
    this.size++;
    return e;
  }

  private grow(): void {
    const old = this.buckets;
    const cap = old.length * 2;
    const buckets = new Array<KeyEntry | null>(cap).fill(null);
    const mask = cap - 1;
    for (let i = 0; i < old.length; i++) {
      for (let x = old[i]; x !== null; ) {
        const next = x.next;
        const b = x.hash & mask;
        x.next = buckets[b];
        buckets[b] = x;
        x = next;
      }
    }
    this.buckets = buckets;
    this.mask = mask;
  }
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
  /** Raw key → entry cache for the parser's fast path. */
  keyTable: KeyTable;
  /** Set members seen as bytes, interned (parser fast path). */
  members = new MemberTable();

  constructor(
    readonly keys: { badLines: string; packets: string; metrics: string },
    readonly deleteGauges: boolean,
    readonly gaugesMaxTTL: number,
    readonly sanitize: boolean,
  ) {
    this.keyTable = new KeyTable(sanitize);
    this.resetInternal();
  }

  /** Call after anything deletes or replaces entries of the Maps (a flush's clear_metrics): drops cached cells. */
  forgetKeys(): void {
    this.keyTable = new KeyTable(this.sanitize);
    this.members = new MemberTable();
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

  // Fast-path variants: same effects as counter/timer/gauge/set on entry.key, with the cell looked up once.
  counterE(e: KeyEntry, value: number, sampleRate: number): void {
    let c = e.counter;
    if (c === null) {
      c = this.counters.get(e.key) ?? null;
      if (c === null) {
        this.counters.set(e.key, (e.counter = { v: 0 + value * (1 / sampleRate) }));
        return;
      }
      e.counter = c;
    }
    c.v = (c.v || 0) + value * (1 / sampleRate);
  }

  timerE(e: KeyEntry, value: number, sampleRate: number): void {
    let t = e.timer;
    if (t === null) {
      t = this.timers.get(e.key) ?? null;
      if (t === null) {
        t = { values: [], count: 0 };
        this.timers.set(e.key, t);
      }
      e.timer = t;
    }
    t.values.push(value);
    t.count += 1 / sampleRate;
  }

  setE(e: KeyEntry, member: string): void {
    let s = e.set;
    if (s === null) {
      s = this.sets.get(e.key) ?? null;
      if (s === null) {
        s = new Set();
        this.sets.set(e.key, s);
      }
      e.set = s;
    }
    s.add(member);
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
