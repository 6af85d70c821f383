/**
 * The one place where the worker touches the simulation modules other people write (boot, shell, statsd,
 * Graphite). Everything else in src/worker talks to the small interfaces below, so a module that changes a
 * name is wired here and nowhere else.
 *
 * `src/sim/boot.ts` is picked up with `import.meta.glob(..., {eager: true})`: while it is not in the tree the
 * glob is empty and a bare world with the laptop's statsd+Graphite backend is used instead.
 */
import { World, HOME } from '../sim/world';
import {
  flushBackend,
  metricsBackends,
  onFlush as onMetricsFlush,
  startMetricsBackend,
  type MetricsBackend,
} from '../sim/metrics';
import { Shell, isIncomplete as shellIncomplete } from '../sim/shell';
import { evaluateTargets, toColumns } from '../sim/graphite';
import type { StatsdConfig } from '../sim/statsd';
import type { RenderResult, StatsdCounters } from './protocol';

/** What the worker needs from a shell (src/sim/shell `Shell`). */
export interface ShellLike {
  run(src: string): Promise<number>;
  interrupt(): void;
  prompt(): string;
  complete(line: string, cursor: number): { start: number; candidates: string[] } | Promise<{ start: number; candidates: string[] }>;
  history?: string[];
}

export interface ShellOptions {
  host: string;
  cwd: string;
  env: Record<string, string>;
  out: (text: string) => void;
  err: (text: string) => void;
}

type Mod = Record<string, unknown>;
const bootMod = (Object.values(import.meta.glob('../sim/boot.ts', { eager: true }))[0] as Mod | undefined) ?? null;

/** A fully wired world (src/sim/boot.ts), or a bare one while boot has not landed. */
export function createWorld(seed?: string): World {
  const boot = bootMod?.bootWorld as ((opts?: { seed?: string }) => World) | undefined;
  if (boot) return boot(seed ? { seed } : undefined);
  // Until boot lands: a bare world with the laptop's statsd+Graphite ('local' on 127.0.0.1:8125).
  const w = new World();
  w.fs().write(HOME + '/.keep', '');
  // Issue 2 expects `stats.counters.foo.rate`: the modern layout (the image's udp.js leaves statsd's legacy default).
  // (startMetricsBackend types its statsd option as a full graphite block; createStatsd accepts a partial one.)
  const statsd = { graphite: { legacyNamespace: false } } as unknown as Partial<StatsdConfig>;
  startMetricsBackend(w, 'laptop', 'local', { label: 'laptop', statsd });
  return w;
}

export function createShell(world: World, opts: ShellOptions): ShellLike | string {
  return new Shell(world, opts);
}

export function isIncomplete(_world: World, text: string): boolean {
  return shellIncomplete(text);
}

export function backends(world: World): Map<string, MetricsBackend> {
  return metricsBackends(world);
}

export function flushNow(world: World, b: MetricsBackend): number {
  return flushBackend(world, b);
}

export function onFlush(world: World, cb: (b: MetricsBackend, now: number) => void): () => void {
  return onMetricsFlush(world, cb);
}

/** The counters the first page shows (statsd's own counts, plus the last bad lines with their reasons). */
export function statsdCounters(b: MetricsBackend): StatsdCounters {
  const c = b.statsd.counters();
  return {
    packetsReceived: c.packetsReceived,
    metricsReceived: c.metricsReceived,
    badLinesSeen: c.badLinesSeen,
    lastFlush: c.lastFlush ?? b.lastFlush,
    badLines: c.badLines.slice(-20).map((x) => ({ line: x.line, reason: x.reason, at: x.at })),
  };
}

/** Evaluate Graphite targets (src/sim/graphite) into uPlot-ready columns. */
export function render(
  b: MetricsBackend,
  targets: string[],
  fromSec: number,
  untilSec: number,
  maxDataPoints?: number,
): RenderResult {
  const result = evaluateTargets(b.store, targets, fromSec, untilSec);
  if (result.error) return { x: [], series: [], error: result.error };
  return toColumns(result, { maxDataPoints });
}

export function find(b: MetricsBackend, query: string): { path: string; text: string; leaf: boolean }[] {
  return b.store.find(query).map((n) => ({ path: n.path, text: n.text, leaf: n.leaf }));
}
