/**
 * The whole simulated world: one clock, one network, one process table, a filesystem per host, and the
 * program registry. Subsystems (statsd+graphite backends, the Kubernetes cluster, gunicorn servers)
 * attach to it; `src/sim/boot.ts` builds a fully wired world for the worker and the tests.
 */
import { SimClock } from './clock';
import { Network } from './net/network';
import { ProcessTable } from './procs';
import { SimFs } from './fs';
import { ProgramRegistry } from './shell/program';

export const HOME = '/home/learner';

export interface WorldEvents {
  /** Output written by a background process or a pod to the laptop terminal (e.g. gunicorn started with &). */
  terminal?: (text: string) => void;
  /** Something observable changed (lesson checks re-run): 'statsd', 'kube', 'proc', 'fs', 'http', ... */
  changed?: (what: string) => void;
}

export class World {
  readonly clock: SimClock;
  readonly net = new Network();
  readonly procs = new ProcessTable();
  readonly programs = new ProgramRegistry();
  private filesystems = new Map<string, SimFs>();
  readonly events: WorldEvents = {};
  /** Facts lesson checks can read, set by programs (e.g. 'pip.installed.flask' = true). */
  readonly facts = new Map<string, unknown>();
  /** Subsystems keyed by name ('metrics', 'kube', ...); each module exports a typed getter for its own. */
  readonly subsystems = new Map<string, unknown>();

  constructor(startMs?: number) {
    this.clock = new SimClock(startMs);
  }

  fs(host = 'laptop'): SimFs {
    let f = this.filesystems.get(host);
    if (!f) {
      f = new SimFs();
      this.filesystems.set(host, f);
    }
    return f;
  }

  dropHost(host: string): void {
    this.filesystems.delete(host);
    this.net.removeHost(host);
    for (const p of this.procs.list(host)) this.procs.exit(p.pid);
  }

  notify(what: string): void {
    this.events.changed?.(what);
  }

  /** Print to the learner's terminal from outside the foreground command (background jobs). */
  print(text: string): void {
    this.events.terminal?.(text);
  }
}
