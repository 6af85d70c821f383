/**
 * A statsd + Graphite pair, as the graphiteapp/graphite-statsd image runs them: statsd listens on UDP 8125
 * in `host`, flushes every `flushInterval` (simulated clock) into a Graphite store.
 *
 * INTEGRATION POINT (filled in by the lead once src/sim/statsd and src/sim/graphite land):
 *   startMetricsBackend(world, host, id) → MetricsBackend   — idempotent per id
 *   stopMetricsBackend(world, id)
 *   metricsBackends(world) → Map<id, MetricsBackend>
 */
import type { World } from './world';

export interface MetricsBackend {
  id: string;
  host: string;
}

export function metricsBackends(world: World): Map<string, MetricsBackend> {
  let m = world.subsystems.get('metrics') as Map<string, MetricsBackend> | undefined;
  if (!m) {
    m = new Map();
    world.subsystems.set('metrics', m);
  }
  return m;
}
