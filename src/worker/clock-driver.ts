/**
 * Drives the simulated clock from real time: every `stepMs` of wall time it advances the world's clock by
 * the elapsed wall time × speed, and reports a tick about once a second of wall time.
 * The wall clock and the scheduler are injected so tests can run it without real timers.
 */
export interface ClockDriverDeps {
  /** Advance simulated time by `ms`. */
  advance(ms: number): void;
  /** Called about once per wall second while running (speed > 0). */
  tick(): void;
  wallNow?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (h: unknown) => void;
}

export const MAX_SPEED = 1000;

export class ClockDriver {
  private speedValue = 1;
  private last: number;
  private lastTick: number;
  private handle: unknown = null;
  /** Sub-millisecond remainder carried to the next step: the simulated clock moves in whole ms. */
  private carry = 0;
  private readonly wallNow: () => number;

  constructor(private deps: ClockDriverDeps, private stepMs = 100) {
    this.wallNow = deps.wallNow ?? (() => performance.now());
    this.last = this.lastTick = this.wallNow();
  }

  get speed(): number {
    return this.speedValue;
  }

  /** 0 pauses; values are clamped to [0, MAX_SPEED]. Returns an error text for a bad value. */
  setSpeed(speed: number): string | null {
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
      return `speed must be a number ≥ 0 (got ${String(speed)})`;
    }
    if (this.handle !== null) this.step(); // account the time elapsed at the old speed first
    this.speedValue = Math.min(speed, MAX_SPEED);
    return null;
  }

  start(): void {
    if (this.handle !== null) return;
    this.last = this.lastTick = this.wallNow();
    const si = this.deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    this.handle = si(() => this.step(), this.stepMs);
  }

  stop(): void {
    if (this.handle === null) return;
    const ci = this.deps.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
    ci(this.handle);
    this.handle = null;
  }

  /** One loop iteration (public for tests). */
  step(): void {
    const now = this.wallNow();
    const wall = Math.max(0, now - this.last);
    this.last = now;
    if (this.speedValue > 0 && wall > 0) {
      // A tab in the background gets throttled timers; never jump more than 10 minutes of sim time at once.
      const exact = Math.min(wall * this.speedValue, 600_000) + this.carry;
      const ms = Math.floor(exact);
      this.carry = exact - ms;
      if (ms > 0) this.deps.advance(ms);
    }
    if (now - this.lastTick >= 1000) {
      this.lastTick = now;
      this.deps.tick();
    }
  }
}
