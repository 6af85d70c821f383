import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';

describe('SimClock', () => {
  it('fires periodic timers in order while advancing, each at its own due time', () => {
    const c = new SimClock(0);
    const seen: string[] = [];
    c.every(10_000, (t) => seen.push(`flush@${t}`));
    c.at(15_000, (t) => seen.push(`once@${t}`));
    c.advance(35_000);
    expect(seen).toEqual(['flush@10000', 'once@15000', 'flush@20000', 'flush@30000']);
    expect(c.now()).toBe(35_000);
  });

  it('cancel stops a timer and a throwing timer does not stop the clock', () => {
    const c = new SimClock(0);
    let n = 0;
    const id = c.every(1000, () => n++);
    c.at(500, () => {
      throw new Error('boom');
    });
    c.advance(2500);
    c.cancel(id);
    c.advance(5000);
    expect(n).toBe(2);
    expect(c.now()).toBe(7500);
  });
});
