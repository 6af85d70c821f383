/**
 * The one place where the worker touches the simulation modules other people write (boot, shell, statsd,
 * Graphite). Everything else in src/worker talks to the small interfaces below, so a module that lands
 * late (or changes a name) is wired here and nowhere else.
 *
 * Modules are picked up with `import.meta.glob(..., {eager: true})`: when a file does not exist yet the
 * glob is empty and the adapter answers with a clear "not available yet" message instead of failing the
 * build. Once every module has landed these become plain static imports.
 */
import { World, HOME } from '../sim/world';
import type { MetricsBackend } from '../sim/metrics';
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
const first = (g: Record<string, unknown>): Mod | null => (Object.values(g)[0] as Mod | undefined) ?? null;

const bootMod = first(import.meta.glob('../sim/boot.ts', { eager: true }));
const shellMod = first(import.meta.glob('../sim/shell/index.ts', { eager: true }));
const metricsMod = first(import.meta.glob('../sim/metrics.ts', { eager: true }));
const graphiteMod = first(import.meta.glob('../sim/graphite/index.ts', { eager: true }));

export const available = {
  boot: !!bootMod?.bootWorld,
  shell: !!shellMod?.Shell,
  metrics: !!metricsMod?.metricsBackends,
  graphite: !!graphiteMod?.evaluateTargets,
};

/** A fully wired world (src/sim/boot.ts), or a bare one while boot has not landed. */
export function createWorld(seed?: string): World {
  const boot = bootMod?.bootWorld as ((opts?: { seed?: string }) => World) | undefined;
  if (boot) return boot(seed ? { seed } : undefined);
  // Until boot lands: a bare world with the laptop's statsd+Graphite ('local' on 127.0.0.1:8125).
  const w = new World();
  w.fs().write(HOME + '/.keep', '');
  const start = metricsMod?.startMetricsBackend as ((w: World, host: string, id: string, o?: object) => unknown) | undefined;
  // Issue 2 expects `stats.counters.foo.rate`: the modern layout (the image's udp.js leaves statsd's legacy default).
  start?.(w, 'laptop', 'local', { label: 'laptop', statsd: { graphite: { legacyNamespace: false } } });
  return w;
}

export function createShell(world: World, opts: ShellOptions): ShellLike | string {
  const Shell = shellMod?.Shell as (new (w: World, o: ShellOptions) => ShellLike) | undefined;
  if (!Shell) return 'the shell (src/sim/shell) is not available in this build yet';
  return new Shell(world, opts);
}

export function isIncomplete(world: World, text: string): boolean {
  const fn = shellMod?.isIncomplete as ((src: string) => boolean) | undefined;
  return fn ? fn(text) : false;
}

export function backends(world: World): Map<string, MetricsBackend> {
  const fn = metricsMod?.metricsBackends as ((w: World) => Map<string, MetricsBackend>) | undefined;
  return fn ? fn(world) : new Map();
}

export function flushNow(world: World, b: MetricsBackend): number {
  const fn = metricsMod?.flushBackend as ((w: World, b: MetricsBackend, now?: number) => number) | undefined;
  if (fn) return fn(world, b);
  return 0;
}

export function onFlush(world: World, cb: (b: MetricsBackend, now: number) => void): () => void {
  const fn = metricsMod?.onFlush as ((w: World, f: (b: MetricsBackend, now: number) => void) => () => void) | undefined;
  return fn ? fn(world, cb) : () => {};
}

/** The counters the first page shows, read from whatever the statsd module exposes. */
export function statsdCounters(b: MetricsBackend): StatsdCounters {
  const direct = (b.statsd as unknown as { counters?: () => StatsdCounters }).counters;
  if (typeof direct === 'function') {
    const c = direct.call(b.statsd);
    return { ...c, lastFlush: c.lastFlush ?? b.lastFlush, badLines: c.badLines.slice(-20).map((x) => ({ ...x })) };
  }
  const s = b.statsd as unknown as Record<string, unknown>;
  const stats = (typeof s.stats === 'function' ? (s.stats as () => unknown)() : s.stats ?? s.counters ?? s) as Record<string, unknown>;
  const num = (...keys: string[]): number => {
    for (const k of keys) {
      const v = stats[k] ?? s[k];
      if (typeof v === 'number') return v;
    }
    return 0;
  };
  const rawBad = (stats.badLines ?? s.badLines ?? s.lastBadLines ?? []) as unknown;
  const list = typeof rawBad === 'function' ? (rawBad as () => unknown).call(s) : rawBad;
  const badLines = Array.isArray(list)
    ? list.map((x: Record<string, unknown>) => ({
        line: String(x.line ?? ''),
        reason: String(x.reason ?? x.message ?? ''),
        at: Number(x.at ?? x.time ?? 0),
      }))
    : [];
  return {
    packetsReceived: num('packetsReceived', 'packets_received'),
    metricsReceived: num('metricsReceived', 'metrics_received'),
    badLinesSeen: num('badLinesSeen', 'bad_lines_seen'),
    lastFlush: b.lastFlush,
    badLines: badLines.slice(-20),
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
  const evaluate = graphiteMod?.evaluateTargets as
    | ((store: unknown, targets: string[], from: number, until: number, opts?: unknown) => unknown)
    | undefined;
  const toColumns = graphiteMod?.toColumns as ((series: unknown, opts?: unknown) => RenderResult) | undefined;
  if (!evaluate || !toColumns) return { x: [], series: [], error: 'Graphite (src/sim/graphite) is not available in this build yet' };
  const series = evaluate(b.store, targets, fromSec, untilSec, { maxDataPoints });
  if (series && typeof series === 'object' && 'error' in series && typeof (series as { error: unknown }).error === 'string') {
    return { x: [], series: [], error: (series as { error: string }).error };
  }
  return toColumns(series, { maxDataPoints });
}

export function find(b: MetricsBackend, query: string): { path: string; text: string; leaf: boolean }[] {
  const store = b.store as unknown as { find?: (q: string) => { path: string; text: string; leaf: boolean }[] };
  return store.find ? store.find(query) : [];
}
