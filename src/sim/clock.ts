/**
 * Simulated clock shared by every part of the simulation.
 *
 * Time only moves when someone calls `advance` (the worker does it from real time × speed; `sleep N`
 * and load generators do it directly). Timers fire in time order during `advance`, each seeing `now()`
 * equal to its own due time, so a 60 s `sleep` runs six statsd flushes exactly as the daemon would.
 */
export type TimerId = number;

interface Timer {
  id: TimerId;
  due: number;
  every: number | null;
  fn: (now: number) => void;
}

export class SimClock {
  private t: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(startMs: number = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  /** Run `fn` once at `atMs` (or at once on the next advance if already past). */
  at(atMs: number, fn: (now: number) => void): TimerId {
    return this.add({ id: this.nextId++, due: atMs, every: null, fn });
  }

  /** Run `fn` every `periodMs`, first at now + periodMs. */
  every(periodMs: number, fn: (now: number) => void): TimerId {
    if (!(periodMs > 0)) throw new RangeError('period must be > 0');
    return this.add({ id: this.nextId++, due: this.t + periodMs, every: periodMs, fn });
  }

  cancel(id: TimerId): void {
    this.timers = this.timers.filter((x) => x.id !== id);
  }

  /** Move time forward by `ms`, firing due timers in order. Returns how many timers fired. */
  advance(ms: number): number {
    if (!(ms >= 0)) return 0;
    return this.advanceTo(this.t + ms);
  }

  advanceTo(target: number): number {
    let fired = 0;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.due);
      if (next.every !== null) {
        next.due += next.every;
        this.add(next);
      }
      fired++;
      try {
        next.fn(this.t);
      } catch (err) {
        // A failing timer must never stop the clock (nothing throws out of the worker).
        console.error('timer failed', err);
      }
    }
    if (target > this.t) this.t = target;
    return fired;
  }

  /** Due time of the next timer, or null. */
  nextDue(): number | null {
    return this.timers[0]?.due ?? null;
  }

  private add(t: Timer): TimerId {
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.due > t.due) i--;
    this.timers.splice(i, 0, t);
    return t.id;
  }
}
