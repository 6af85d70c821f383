/**
 * A statsd + Graphite pair, as the graphiteapp/graphite-statsd image runs them: statsd listens on UDP 8125
 * in `host` and flushes every `flushInterval` ms of simulated time into a Graphite store (in the image the
 * graphite backend sends to carbon on 2003; here the flush output is ingested directly, same paths and values).
 *
 * The laptop has one ('local', as if `docker run -p 8125:8125/udp graphiteapp/graphite-statsd` were running);
 * each graphite-statsd pod in the cluster gets its own ('pod/<name>').
 */
import type { World } from './world';
import { createStatsd, type Statsd, type StatsdInput } from './statsd';
import { createStore, type GraphiteStore } from './graphite';
import type { Listener } from './net/network';
import type { TimerId } from './clock';
import { createGraphiteWeb } from './graphite/web';

export interface MetricsBackend {
  id: string;
  host: string;
  label: string;
  statsd: Statsd;
  store: GraphiteStore;
  /** Sim ms of the last flush. */
  lastFlush: number | null;
  listener: Listener | null;
  timer: TimerId;
  /** graphite-web's HTTP listener (render, metrics/find) when started with `web`. */
  webListener?: Listener | null;
}

export const STATSD_PORT = 8125;

/**
 * The statsd config of every graphite-statsd instance in the playground (the laptop's and each graphite pod's).
 * The graphiteapp/graphite-statsd image's udp.js leaves statsd's `graphite.legacyNamespace` at its default
 * (true: `stats.<k>` and `stats_counts.<k>`); the playground sets it to false, the layout statsd's docs
 * recommend (`stats.counters.<k>.rate|count`, `stats.gauges.<k>` …). Lesson 6 says so.
 */
export const PLAYGROUND_STATSD: StatsdInput = { graphite: { legacyNamespace: false } };

export function metricsBackends(world: World): Map<string, MetricsBackend> {
  let m = world.subsystems.get('metrics') as Map<string, MetricsBackend> | undefined;
  if (!m) {
    m = new Map();
    world.subsystems.set('metrics', m);
  }
  return m;
}

export function getBackend(world: World, id = 'local'): MetricsBackend | undefined {
  return metricsBackends(world).get(id);
}

type FlushListener = (b: MetricsBackend, now: number) => void;

function flushListeners(world: World): FlushListener[] {
  let list = world.subsystems.get('metrics.onFlush') as FlushListener[] | undefined;
  if (!list) world.subsystems.set('metrics.onFlush', (list = []));
  return list;
}

/** Listeners told after each flush (the worker turns this into a `flushed` event). */
export function onFlush(world: World, fn: FlushListener): () => void {
  const list = flushListeners(world);
  list.push(fn);
  return () => {
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Flush one backend now: statsd's flush → Graphite store. Returns how many points were stored. */
export function flushBackend(world: World, b: MetricsBackend, now = world.clock.now()): number {
  const points = b.statsd.flush(now);
  // statsd stamps a flush Math.round(now / 1000) (statsd/statsd stats.js flushMetrics), up to half a second
  // ahead of the clock. Real carbon writes it after it arrives, and whisper's file_update_many files a point
  // that is not older than `now` in the first archive; written in the same instant here, a statsd started at a
  // .5–.999 s phase would otherwise see every flush dropped as "from the future".
  b.store.ingest(points, Math.max(Math.floor(now / 1000), Math.round(now / 1000)));
  b.lastFlush = now;
  for (const fn of flushListeners(world)) fn(b, now);
  return points.length;
}

/** Start (idempotently) a statsd+Graphite backend listening on UDP 8125 in `host`. */
export function startMetricsBackend(
  world: World,
  host: string,
  id: string,
  opts: {
    label?: string;
    statsd?: StatsdInput;
    /** Also serve graphite-web's HTTP API on TCP port 80 (true) or on the given port (`-p 80:80`). */
    web?: boolean | number;
  } = {},
): MetricsBackend {
  const all = metricsBackends(world);
  const existing = all.get(id);
  if (existing) return existing;
  const statsd = createStatsd(opts.statsd ?? PLAYGROUND_STATSD);
  // Reads follow the simulated clock, so graphs move on even when no flush arrives. A flush is written at its own
  // stamp (flushBackend).
  const store = createStore({ now: () => Math.floor(world.clock.now() / 1000) });
  const proc = world.procs.spawn(host, 'node /opt/statsd/stats.js /opt/statsd/config/udp.js', 1, world.clock.now());
  const b: MetricsBackend = {
    id,
    host,
    label: opts.label ?? id,
    statsd,
    store,
    lastFlush: null,
    listener: null,
    timer: 0,
  };
  const l = world.net.listen({
    proto: 'udp',
    host,
    ip: '0.0.0.0',
    port: STATSD_PORT,
    owner: { pid: proc.pid, name: 'statsd' },
    onDatagram: (data) => {
      statsd.handlePacket(data, world.clock.now());
      world.notify('statsd');
    },
  });
  b.listener = typeof l === 'string' ? null : l;
  if (opts.web) {
    // On the laptop the published port is docker-proxy's; the image's nginx forwards to graphite-web.
    const port = typeof opts.web === 'number' ? opts.web : 80;
    const webProc = world.procs.spawn(host, host === 'laptop' ? `/usr/bin/docker-proxy -proto tcp -host-port ${port}` : 'nginx: master process /usr/sbin/nginx', 1, world.clock.now());
    const wl = world.net.listen({
      proto: 'tcp',
      host,
      ip: '0.0.0.0',
      port,
      owner: { pid: webProc.pid, name: host === 'laptop' ? 'docker-proxy' : 'nginx' },
      onHttp: createGraphiteWeb({ store, now: () => world.clock.now() / 1000 }),
    });
    if (typeof wl === 'string') world.procs.exit(webProc.pid);
    b.webListener = typeof wl === 'string' ? null : wl;
  }
  b.timer = world.clock.every(statsd.config.flushInterval, (now) => {
    flushBackend(world, b, now);
  });
  all.set(id, b);
  return b;
}

export function stopMetricsBackend(world: World, id: string): void {
  const all = metricsBackends(world);
  const b = all.get(id);
  if (!b) return;
  world.clock.cancel(b.timer);
  if (b.listener) {
    world.net.close(b.listener);
    world.procs.exit(b.listener.owner.pid);
  }
  if (b.webListener) {
    world.net.close(b.webListener);
    world.procs.exit(b.webListener.owner.pid);
  }
  all.delete(id);
}

/**
 * Metric names statsd has seen (before or after a flush), for Tab completion of `echo "name:1|c"` lines: the
 * Graphite paths with the `stats.<type>.` prefix and the per-type suffix taken off, plus unflushed keys.
 */
export function knownMetricKeys(world: World): string[] {
  const keys = new Set<string>();
  for (const b of metricsBackends(world).values()) {
    const cur = b.statsd.current();
    for (const group of [cur.counters, cur.gauges, cur.timers, cur.sets]) for (const k of Object.keys(group)) keys.add(k);
    for (const p of b.store.paths()) {
      const m =
        /^stats\.counters\.(.+)\.(?:count|rate)$/.exec(p) ??
        /^stats\.gauges\.(.+)$/.exec(p) ??
        /^stats\.timers\.(.+)\.[^.]+$/.exec(p) ??
        /^stats\.sets\.(.+)\.count$/.exec(p);
      if (m) keys.add(m[1]!);
    }
  }
  return [...keys].filter((k) => !k.startsWith('statsd.')).sort();
}
