/**
 * A statsd started at any sub-second phase of the clock gets its flushes into Graphite. statsd stamps a flush
 * with Math.round(Date.now() / 1000) (statsd/statsd stats.js flushMetrics); carbon files a point that is up to
 * a second ahead into whisper's first archive (graphite-project/whisper file_update_many: age = now - t). Found
 * by the browser lesson walk: a graphite pod started at a .5–.999 s phase lost every flush.
 */
import { describe, expect, it } from 'vitest';
import { World } from '../../src/sim/world';
import { startMetricsBackend } from '../../src/sim/metrics';

describe('statsd → Graphite flush at any clock phase', () => {
  for (const phaseMs of [0, 250, 499, 500, 700, 999]) {
    it(`keeps the flushed counter when statsd starts ${phaseMs} ms into a second`, () => {
      const world = new World(Date.UTC(2026, 0, 1, 12) + phaseMs);
      const b = startMetricsBackend(world, 'pod-a', 'pod/a');
      b.statsd.handlePacket('hits:5|c', world.clock.now());
      world.clock.advance(10_000); // one flush interval
      const now = Math.floor(world.clock.now() / 1000) + 1; // the point may sit up to 1 s ahead of the clock
      const r = b.store.fetch('stats.counters.hits.count', now - 60, now);
      expect(r?.values.filter((v) => v !== null)).toEqual([5]);
      expect(b.store.dropped().count).toBe(0);
      // Reads still use the clock's own second: a 6 h window from now is covered by the 10 s archive.
      const floorNow = Math.floor(world.clock.now() / 1000);
      expect(b.store.fetch('stats.counters.hits.count', floorNow - 6 * 3600, floorNow)?.step).toBe(10);
    });
  }
});
