/**
 * The one place where the worker touches the simulation modules (boot, shell, statsd, Graphite). Everything
 * else in src/worker talks to the small interfaces below, so a module that changes a name is wired here only.
 */
import type { World } from '../sim/world';
import { bootWorld } from '../sim/boot';
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
import type { ProgramContext } from '../sim/shell/program';
import { createPodShell as makePodShell, type PodShell, type PodShellOptions } from '../sim/kube/kubectl/pod-shell';
export type { PodShell, PodShellOptions };

/** What the worker needs from a shell (src/sim/shell `Shell`). */
export interface ShellLike {
  run(src: string): Promise<number>;
  interrupt(): void;
  prompt(): string;
  complete(line: string, cursor: number): { start: number; candidates: string[] } | Promise<{ start: number; candidates: string[] }>;
  history?: string[];
  jobs?(): { pid: number; state: string }[];
}

export interface ShellOptions {
  host: string;
  cwd: string;
  env: Record<string, string>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Lets programs open a nested shell in this terminal (kubectl exec -it). */
  enterShell?: ProgramContext['enterShell'];
}

/** A fully wired world: programs, laptop files, the laptop's statsd+Graphite, the cluster (src/sim/boot.ts). */
export function createWorld(_seed?: string): World {
  return bootWorld();
}

export function createShell(world: World, opts: ShellOptions): ShellLike | string {
  return new Shell(world, opts);
}

/** A shell inside a pod (kubectl exec -it POD -- sh|bash): the pod's fs, network and env, the image's prompt. */
export function createPodShell(world: World, opts: PodShellOptions): PodShell {
  return makePodShell(world, opts);
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
