/**
 * Test helper: run a ProgramSpec against a World without the shell. Builds the ProgramContext the shell
 * would (a process in world.procs, signals through world.procs.kill, foreground sleep = advance the clock).
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import type { SignalName } from '../procs';
import type { World } from '../world';

export interface RunOptions {
  env?: Record<string, string>;
  stdin?: string | null;
  cwd?: string;
  host?: string;
  background?: boolean;
}

export interface Running {
  pid: number;
  done: Promise<number>;
  out(): string;
  err(): string;
  /** stdout and stderr interleaved in write order. */
  all(): string;
  signal(sig?: SignalName): void;
}

export function startProgram(spec: ProgramSpec, world: World, argv: string[], o: RunOptions = {}): Running {
  let out = '';
  let err = '';
  let all = '';
  const host = o.host ?? 'laptop';
  const proc = world.procs.spawn(host, argv.join(' '), 1, world.clock.now());
  let got: SignalName | null = null;
  let resolveSig!: (s: SignalName) => void;
  const signal = new Promise<SignalName>((r) => (resolveSig = r));
  world.procs.onSignal(proc.pid, (s) => {
    if (!got) {
      got = s;
      resolveSig(s);
    }
  });
  const ctx: ProgramContext = {
    argv,
    env: { HOME: '/home/learner', PATH: '/usr/local/bin:/usr/bin:/bin', ...(o.env ?? {}) },
    stdin: o.stdin ?? null,
    out: (t) => ((out += t), (all += t)),
    err: (t) => ((err += t), (all += t)),
    cwd: o.cwd ?? '/home/learner/myproject',
    host,
    world,
    pid: proc.pid,
    background: o.background ?? false,
    signal,
    signalled: () => got,
    sleep: async (ms) => {
      if (got) return false;
      world.clock.advance(ms);
      return !got;
    },
  };
  const done = Promise.resolve()
    .then(() => spec.run(ctx))
    .finally(() => world.procs.exit(proc.pid));
  return {
    pid: proc.pid,
    done,
    out: () => out,
    err: () => err,
    all: () => all,
    signal: (sig = 'SIGINT') => void world.procs.kill(proc.pid, sig),
  };
}

export async function runProgram(spec: ProgramSpec, world: World, argv: string[], o: RunOptions = {}) {
  const r = startProgram(spec, world, argv, o);
  const code = await r.done;
  return { code, out: r.out(), err: r.err(), all: r.all() };
}

/** Let pending promise callbacks run (a started server finishes booting). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
