/**
 * Process table shared by the laptop and the pods: pids, names, parent, and a way to signal a process.
 * A long-running program (gunicorn, a foreground `sleep`) awaits `proc.exited`-style signals through
 * `onSignal`; `kill` delivers SIGINT/SIGTERM/SIGKILL to it.
 */
export type SignalName = 'SIGINT' | 'SIGTERM' | 'SIGKILL' | 'SIGHUP' | 'SIGQUIT' | 'SIGTTIN' | 'SIGTTOU' | 'SIGUSR1';

/** Linux signal numbers (an exit status of 128 + n means "killed by signal n"). */
export const SIGNUM: Record<SignalName, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGTERM: 15,
  SIGTTIN: 21,
  SIGTTOU: 22,
};

export interface Proc {
  pid: number;
  ppid: number;
  host: string;
  /** Full command line, as `ps` shows it. */
  cmdline: string;
  startedAt: number;
  alive: boolean;
  /** Signals delivered but not yet handled, in order. */
  pending: SignalName[];
  handlers: ((sig: SignalName) => void)[];
}

export class ProcessTable {
  private procs = new Map<number, Proc>();
  private nextPid: number;

  constructor(firstPid = 1200) {
    this.nextPid = firstPid;
  }

  spawn(host: string, cmdline: string, ppid = 1, now = 0): Proc {
    // Real kernels hand out pids with gaps; a small deterministic stride looks right in boot logs.
    const pid = this.nextPid;
    this.nextPid += 1 + (pid % 3);
    const p: Proc = { pid, ppid, host, cmdline, startedAt: now, alive: true, pending: [], handlers: [] };
    this.procs.set(pid, p);
    return p;
  }

  get(pid: number): Proc | undefined {
    return this.procs.get(pid);
  }

  list(host?: string): Proc[] {
    return [...this.procs.values()].filter((p) => p.alive && (!host || p.host === host));
  }

  children(pid: number): Proc[] {
    return this.list().filter((p) => p.ppid === pid);
  }

  /** Deliver a signal. Returns false when there is no such live process (kill's "No such process"). */
  kill(pid: number, sig: SignalName = 'SIGTERM'): boolean {
    const p = this.procs.get(pid);
    if (!p || !p.alive) return false;
    if (p.handlers.length === 0) {
      p.pending.push(sig);
      if (sig === 'SIGKILL' || sig === 'SIGTERM' || sig === 'SIGINT') this.exit(pid);
      return true;
    }
    for (const h of [...p.handlers]) h(sig);
    if (sig === 'SIGKILL') this.exit(pid);
    return true;
  }

  onSignal(pid: number, fn: (sig: SignalName) => void): () => void {
    const p = this.procs.get(pid);
    if (!p) return () => {};
    p.handlers.push(fn);
    for (const s of p.pending.splice(0)) fn(s);
    return () => {
      p.handlers = p.handlers.filter((h) => h !== fn);
    };
  }

  exit(pid: number): void {
    const p = this.procs.get(pid);
    if (!p) return;
    p.alive = false;
    p.handlers = [];
    this.procs.delete(pid);
  }
}
