/**
 * One whisper archive as a ring buffer: `points` slots of (interval, value), a slot per
 * `floor(interval / step) mod points`, like whisper's offset arithmetic (graphite-project/whisper,
 * whisper.py __archive_update_many / __archive_fetch). A read only trusts a slot whose stored interval is
 * the one asked for, so stale data from a previous lap reads as None, exactly as in whisper.
 *
 * Memory: slots are allocated lazily in chunks, so a 10m:1800d archive (259,200 slots) that a lesson
 * fills for a few hours holds a few chunks, never more than `points` slots.
 */

const CHUNK = 1024;

export class RingArchive {
  readonly step: number;
  readonly points: number;
  readonly retention: number;
  private chunks: ({ t: Float64Array; v: Float64Array } | undefined)[];

  constructor(secondsPerPoint: number, points: number) {
    this.step = secondsPerPoint;
    this.points = points;
    this.retention = secondsPerPoint * points;
    this.chunks = new Array(Math.ceil(points / CHUNK));
  }

  private slot(interval: number): number {
    const i = Math.floor(interval / this.step) % this.points;
    return i < 0 ? i + this.points : i;
  }

  /** Write a value at an already-aligned interval. */
  write(interval: number, value: number): void {
    const s = this.slot(interval);
    const ci = (s / CHUNK) | 0;
    let c = this.chunks[ci];
    if (!c) {
      const size = Math.min(CHUNK, this.points - ci * CHUNK);
      c = { t: new Float64Array(size).fill(NaN), v: new Float64Array(size) };
      this.chunks[ci] = c;
    }
    c.t[s - ci * CHUNK] = interval;
    c.v[s - ci * CHUNK] = value;
  }

  /** The value stored for this aligned interval, or null (never written, or overwritten by a later lap). */
  read(interval: number): number | null {
    const s = this.slot(interval);
    const ci = (s / CHUNK) | 0;
    const c = this.chunks[ci];
    if (!c) return null;
    const j = s - ci * CHUNK;
    return c.t[j] === interval ? c.v[j] : null;
  }

  /** Slots currently allocated (for memory checks). */
  allocatedSlots(): number {
    let n = 0;
    for (const c of this.chunks) if (c) n += c.t.length;
    return n;
  }
}
