import { describe, expect, it } from 'vitest';
import { ClockDriver } from './clock-driver';

function setup() {
  let wall = 0;
  const advanced: number[] = [];
  let ticks = 0;
  const d = new ClockDriver({
    advance: (ms) => advanced.push(ms),
    tick: () => ticks++,
    wallNow: () => wall,
    setInterval: () => 1,
    clearInterval: () => {},
  });
  return { d, advanced, ticks: () => ticks, setWall: (w: number) => (wall = w) };
}

describe('ClockDriver (real time × speed → simulated time)', () => {
  it('advances by elapsed wall time × speed and ticks once per wall second', () => {
    const s = setup();
    s.setWall(100);
    s.d.step();
    expect(s.advanced).toEqual([100]);
    s.d.start();
    expect(s.d.setSpeed(10)).toBeNull(); // accounts the 0 ms since the last step at 1×
    s.setWall(1100);
    s.d.step();
    expect(s.advanced).toEqual([100, 10000]);
    expect(s.ticks()).toBe(1);
  });

  it('moves the simulated clock in whole milliseconds, carrying the fraction', () => {
    const s = setup();
    s.setWall(0.6);
    s.d.step();
    s.setWall(1.2);
    s.d.step();
    expect(s.advanced).toEqual([1]);
  });

  it('speed 0 pauses; bad speeds are refused with a message', () => {
    const s = setup();
    s.d.setSpeed(0);
    s.setWall(5000);
    s.d.step();
    expect(s.advanced).toEqual([]);
    expect(s.d.setSpeed(-1)).toMatch(/≥ 0/);
    expect(s.d.setSpeed(Number.NaN)).toMatch(/number/);
    expect(s.d.speed).toBe(0);
  });

  it('caps one jump (a throttled background tab) at 10 simulated minutes', () => {
    const s = setup();
    s.d.setSpeed(60);
    s.setWall(3_600_000);
    s.d.step();
    expect(s.advanced).toEqual([600_000]);
  });
});
