/**
 * The interpreter: runs a parsed script against the world. Pipelines run their stages in order (the
 * simulation is sequential), each stage's stdout becoming the next one's stdin. Programs come from
 * world.programs; builtins that need shell state (cd, export, jobs, fg, kill ...) live in builtins.ts.
 */
import type { AndOr, Command, List, Pipeline, Redir, Script, SimpleCommand } from './ast';
import { ShellSyntaxError } from './errors';
import { parse } from './parser';
import { expandQuoted, expandWords, ExpandError, type ExpandHost } from './expand';
import type { World } from '../world';
import { HOME } from '../world';
import { resolvePath } from '../fs';
import { SIGNUM, type Proc, type SignalName } from '../procs';
import type { ProgramContext, ProgramSpec } from './program';
import { BUILTINS, isBuiltin } from './builtins';
import { completeLine } from './complete';
import { suggestCommand } from './suggest';
import { heredocSubstitutionNote } from './heredoc-note';

export const STEP_LIMIT = 10_000;
/** Simulated time a loop may consume in one run before it is stopped. */
export const LOOP_SIM_TIME_LIMIT_MS = 6 * 3600_000;
const YIELD_EVERY = 200;

export const TERMINATING: ReadonlySet<SignalName> = new Set(['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGHUP', 'SIGQUIT']);
export { SIGNUM };
const SIG_LABEL: Record<SignalName, string> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGTERM: 'Terminated',
  SIGTTIN: 'Stopped (tty input)',
  SIGTTOU: 'Stopped (tty output)',
};

/** Mutable stdin shared by the commands of a loop body (`while read line; do ...; done < file`). */
export class Stdin {
  constructor(public rest: string) {}
}

/** The terminal's own writers (isatty): a redirection, pipe or $(...) swaps in another function. */
const TERMINAL_WRITERS = new WeakSet<(t: string) => void>();

export interface IO {
  stdin: Stdin | null;
  out: (t: string) => void;
  err: (t: string) => void;
}

export interface ShellState {
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  funcs: Map<string, Command>;
  positional: string[];
}

/** One foreground run or one background job: its budget and the signal that stopped it. */
export interface Exec {
  job: Job | null;
  abort: SignalName | null;
  steps: number;
  startedAt: number;
  children: Set<number>;
  /** For a background job made of one simple command: that command runs as the job's process. */
  leader: Proc | null;
  leaderFree: boolean;
  budgetReported: boolean;
}

export interface Job {
  id: number;
  pid: number;
  cmd: string;
  state: 'Running' | 'Stopped' | 'Done';
  status: number;
  termSig: SignalName | null;
  foreground: boolean;
  ex: Exec;
  promise: Promise<number>;
  /** A pending ctx.sleep of this job (so `fg` can fast-forward to it). */
  sleeper: { due: number } | null;
}

export class ControlFlow {
  constructor(
    readonly kind: 'break' | 'continue' | 'return',
    public n: number,
  ) {}
}
class Abort {
  constructor(readonly sig: SignalName) {}
}
class Budget {
  constructor(readonly message: string) {}
}

export interface ShellOptions {
  host?: string;
  cwd?: string;
  env?: Record<string, string>;
  out?: (t: string) => void;
  err?: (t: string) => void;
  user?: string;
  /** Given to programs as ProgramContext.enterShell (the worker's nested shells: `kubectl exec -it`). */
  enterShell?: ProgramContext['enterShell'];
  /** Set on a nested shell (inside a pod): `exit [n]` ends it with this call instead of the top-level note. */
  onExit?: (code: number) => void;
}

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

export class Shell {
  readonly world: World;
  readonly host: string;
  readonly user: string;
  readonly state: ShellState;
  history: string[] = [];
  status = 0;
  /** Status of the last command substitution ($? after `x=$(cmd)`). */
  private substStatus = 0;
  lastBgPid: number | null = null;
  readonly pid: number;
  readonly jobTable: Job[] = [];
  /** Foreground executions (a run, and a job brought back with fg): Ctrl-C goes to all of them. */
  readonly fgStack: Exec[] = [];
  out: (t: string) => void;
  err: (t: string) => void;
  private randomSeed = 12345;
  readonly enterShell?: ProgramContext['enterShell'];
  readonly onExit?: (code: number) => void;

  constructor(world: World, opts: ShellOptions = {}) {
    this.world = world;
    this.host = opts.host ?? 'laptop';
    this.user = opts.user ?? 'learner';
    this.out = opts.out ?? (() => {});
    this.err = opts.err ?? (() => {});
    if (opts.enterShell) this.enterShell = opts.enterShell;
    if (opts.onExit) this.onExit = opts.onExit;
    const home = this.user === 'root' ? '/root' : HOME;
    const cwd = opts.cwd ?? home;
    this.pid = world.procs.spawn(this.host, '-bash', 1, world.clock.now()).pid;
    const env: Record<string, string> = {
      HOME: home,
      USER: this.user,
      LOGNAME: this.user,
      SHELL: '/bin/bash',
      PATH: '/home/learner/.local/bin:/usr/local/bin:/usr/bin:/bin',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      HOSTNAME: this.host,
      PWD: cwd,
      ...opts.env,
    };
    this.state = { vars: new Map(Object.entries(env)), exported: new Set(Object.keys(env)), cwd, funcs: new Map(), positional: [] };
  }

  get fs() {
    return this.world.fs(this.host);
  }

  get home(): string {
    return this.state.vars.get('HOME') ?? HOME;
  }

  /** Parse and run a command line (or a pasted script). Never throws. Returns the exit status ($?). */
  async run(src: string): Promise<number> {
    const text = String(src ?? '');
    this.remember(text);
    const ex = this.newExec(null);
    this.fgStack.push(ex);
    try {
      const script = parse(text);
      if (script instanceof ShellSyntaxError) {
        for (const l of script.lines()) this.err(l + '\n');
        this.status = 2;
        return 2;
      }
      for (const w of script.warnings) this.err(`bash: warning: ${w}\n`);
      const io: IO = { stdin: null, out: (t) => this.out(t), err: (t) => this.err(t) };
      TERMINAL_WRITERS.add(io.out).add(io.err);
      this.status = await this.runTop(script, this.state, io, ex);
      return this.status;
    } catch (e) {
      this.err(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      this.status = 1;
      return 1;
    } finally {
      this.fgStack.splice(this.fgStack.indexOf(ex), 1);
      // bash reports jobs that ended (e.g. after `kill %1`) before the next prompt: let them finish first.
      if (this.jobTable.some((j) => j.state === 'Running')) await new Promise((r) => setTimeout(r, 0));
      this.notifyDoneJobs();
    }
  }

  /** Run a list under an Exec, turning budget stops and signals into a status. */
  async runTop(list: List, st: ShellState, io: IO, ex: Exec): Promise<number> {
    try {
      return await this.runList(list, st, io, ex);
    } catch (e) {
      if (e instanceof Budget) {
        if (!ex.budgetReported) io.err(e.message + '\n');
        ex.budgetReported = true;
        return 1;
      }
      if (e instanceof Abort) return 128 + SIGNUM[e.sig];
      if (e instanceof ControlFlow) return this.status;
      throw e;
    }
  }

  interrupt(): void {
    if (this.fgStack.length === 0) return;
    this.out('^C\n');
    for (const ex of this.fgStack) {
      ex.abort ??= 'SIGINT';
      for (const pid of ex.children) this.world.procs.kill(pid, 'SIGINT');
    }
  }

  prompt(): string {
    const cwd = this.state.cwd;
    const home = this.home;
    const dir = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    return `${this.user}@${this.host}:${dir}${this.user === 'root' ? '#' : '$'} `;
  }

  complete(line: string, cursor: number): { start: number; candidates: string[] } {
    try {
      return completeLine(this, String(line ?? ''), cursor);
    } catch {
      return { start: cursor, candidates: [] };
    }
  }

  jobs(): { id: number; pid: number; cmd: string; state: 'Running' | 'Stopped' | 'Done' }[] {
    return this.jobTable.map((j) => ({ id: j.id, pid: j.pid, cmd: j.cmd, state: j.state }));
  }

  private remember(text: string): void {
    const line = text.replace(/\n+$/, '');
    // Debian's default .bashrc sets HISTCONTROL=ignoreboth: no duplicates in a row, no lines starting with a space.
    if (!line.trim() || line.startsWith(' ') || this.history[this.history.length - 1] === line) return;
    this.history.push(line);
  }

  newExec(job: Job | null): Exec {
    return { job, abort: null, steps: 0, startedAt: this.world.clock.now(), children: new Set(), leader: null, leaderFree: false, budgetReported: false };
  }

  // ---- jobs ----

  /** The job marks bash shows: '+' for the current (newest) job, '-' for the previous one. */
  jobMark(j: Job): string {
    const n = this.jobTable.length;
    if (this.jobTable[n - 1] === j) return '+';
    if (this.jobTable[n - 2] === j) return '-';
    return ' ';
  }

  jobLine(j: Job, withAmp: boolean): string {
    const label = j.state === 'Running' ? 'Running' : j.termSig ? SIG_LABEL[j.termSig] : j.status === 0 ? 'Done' : `Exit ${j.status}`;
    return `[${j.id}]${this.jobMark(j)}  ${label.padEnd(24)}${j.cmd}${withAmp && j.state === 'Running' ? ' &' : ''}`;
  }

  /** bash reports finished background jobs before the next prompt. */
  notifyDoneJobs(): void {
    const done = this.jobTable.filter((j) => j.state === 'Done');
    for (const j of done) this.err(this.jobLine(j, false) + '\n');
    for (const j of done) this.removeJob(j);
  }

  removeJob(j: Job): void {
    const i = this.jobTable.indexOf(j);
    if (i >= 0) this.jobTable.splice(i, 1);
  }

  private startJob(ao: AndOr, st: ShellState, io: IO): void {
    const id = this.jobTable.reduce((m, j) => Math.max(m, j.id), 0) + 1;
    const leader = this.world.procs.spawn(this.host, ao.text, this.pid, this.world.clock.now());
    const job = { id, pid: leader.pid, cmd: ao.text, state: 'Running', status: 0, termSig: null, foreground: false, sleeper: null } as unknown as Job;
    const ex = this.newExec(job);
    job.ex = ex;
    ex.leader = leader;
    ex.leaderFree = ao.rest.length === 0 && ao.first.cmds.length === 1 && ao.first.cmds[0].type === 'simple' && !ao.first.bang;
    // Signals sent to the job's process stop the job (and reach whatever it is running).
    this.world.procs.onSignal(leader.pid, (sig) => {
      if (!TERMINATING.has(sig)) return;
      ex.abort ??= sig;
      for (const pid of ex.children) if (pid !== leader.pid) this.world.procs.kill(pid, sig);
    });
    this.jobTable.push(job);
    this.lastBgPid = leader.pid;
    io.err(`[${id}] ${leader.pid}\n`);
    const single: AndOr = { ...ao, background: false };
    const sub = cloneState(st);
    job.promise = (async () => {
      await Promise.resolve();
      let status: number;
      try {
        status = await this.runTop({ items: [single] }, sub, { ...io, stdin: null }, ex);
      } catch (e) {
        io.err(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        status = 1;
      }
      job.state = 'Done';
      job.status = status;
      if (ex.abort && status >= 128) job.termSig = ex.abort;
      this.world.procs.exit(leader.pid);
      this.world.notify('proc');
      return status;
    })();
  }

  /** `fg`: wait for a job in the foreground, fast-forwarding its pending sleep as a foreground sleep does. */
  async foreground(job: Job): Promise<number> {
    job.foreground = true;
    this.fgStack.push(job.ex);
    try {
      if (job.sleeper) this.world.clock.advanceTo(job.sleeper.due);
      return await job.promise;
    } finally {
      this.fgStack.splice(this.fgStack.indexOf(job.ex), 1);
    }
  }

  // ---- execution ----

  private async step(ex: Exec, loop = false): Promise<void> {
    if (ex.abort) throw new Abort(ex.abort);
    ex.steps++;
    if (ex.steps > STEP_LIMIT) {
      throw new Budget(`bash: stopped after ${STEP_LIMIT} steps: this playground limits loops (press Ctrl-C to stop earlier)`);
    }
    if (loop && this.world.clock.now() - ex.startedAt > LOOP_SIM_TIME_LIMIT_MS) {
      throw new Budget(
        `bash: stopped after ${LOOP_SIM_TIME_LIMIT_MS / 3600_000} hours of simulated time: this playground limits loops (press Ctrl-C to stop earlier)`,
      );
    }
    if (ex.steps % YIELD_EVERY === 0) {
      await macrotask();
      if (ex.abort) throw new Abort(ex.abort);
    }
  }

  async runList(list: List, st: ShellState, io: IO, ex: Exec): Promise<number> {
    let status = 0;
    for (const ao of list.items) {
      if (ao.background) {
        this.startJob(ao, st, io);
        status = 0;
        this.status = 0;
        continue;
      }
      status = await this.runAndOr(ao, st, io, ex);
    }
    return status;
  }

  private async runAndOr(ao: AndOr, st: ShellState, io: IO, ex: Exec): Promise<number> {
    let status = await this.runPipeline(ao.first, st, io, ex);
    this.status = status;
    for (const r of ao.rest) {
      if ((r.op === '&&') !== (status === 0)) continue;
      status = await this.runPipeline(r.pipeline, st, io, ex);
      this.status = status;
    }
    return status;
  }

  private async runPipeline(p: Pipeline, st: ShellState, io: IO, ex: Exec): Promise<number> {
    let status: number;
    if (p.cmds.length === 1) {
      status = await this.runCommand(p.cmds[0], st, io, ex);
    } else {
      // Sequential pipeline: each stage (a subshell, as in bash) sees the previous stage's whole output.
      let input = io.stdin;
      status = 0;
      for (let i = 0; i < p.cmds.length; i++) {
        const last = i === p.cmds.length - 1;
        const buf: string[] = [];
        const out = last ? io.out : (t: string) => void buf.push(t);
        status = await this.runCommand(p.cmds[i], cloneState(st), { stdin: input, out, err: io.err }, ex);
        input = new Stdin(buf.join(''));
      }
    }
    return p.bang ? (status === 0 ? 1 : 0) : status;
  }

  async runCommand(cmd: Command, st: ShellState, io: IO, ex: Exec): Promise<number> {
    await this.step(ex);
    if (cmd.type === 'simple') return this.runSimple(cmd, st, io, ex);
    if (cmd.type === 'function') {
      st.funcs.set(cmd.name, cmd.body);
      return 0;
    }
    const r = await this.applyRedirs(cmd.redirs, st, io);
    if (typeof r === 'number') return r;
    const cio = r;
    switch (cmd.type) {
      case 'group':
        return this.runList(cmd.body, st, cio, ex);
      case 'subshell': {
        const sub = cloneState(st);
        try {
          return await this.runList(cmd.body, sub, cio, ex);
        } catch (e) {
          if (e instanceof ControlFlow) return this.status;
          throw e;
        }
      }
      case 'if': {
        for (const c of cmd.clauses) {
          if ((await this.runList(c.cond, st, cio, ex)) === 0) return this.runList(c.body, st, cio, ex);
        }
        return cmd.elseBody ? this.runList(cmd.elseBody, st, cio, ex) : 0;
      }
      case 'for': {
        const items = cmd.items ? await this.expand(cmd.items, st, cio, ex) : st.positional;
        if (typeof items === 'number') return items;
        let status = 0;
        for (const item of items) {
          await this.step(ex, true);
          st.vars.set(cmd.name, item);
          const r = await this.loopBody(cmd.body, st, cio, ex);
          if (r === 'break') break;
          if (typeof r === 'number') status = r;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          await this.step(ex, true);
          const c = await this.runList(cmd.cond, st, cio, ex);
          if ((c === 0) === cmd.until) break;
          const r = await this.loopBody(cmd.body, st, cio, ex);
          if (r === 'break') break;
          if (typeof r === 'number') status = r;
        }
        return status;
      }
    }
  }

  private async loopBody(body: List, st: ShellState, io: IO, ex: Exec): Promise<number | 'break' | 'continue'> {
    try {
      return await this.runList(body, st, io, ex);
    } catch (e) {
      if (e instanceof ControlFlow && e.kind !== 'return') {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return e.kind;
      }
      throw e;
    }
  }

  expandHost(st: ShellState, io: IO, ex: Exec): ExpandHost {
    return {
      getVar: (n) => this.getVar(st, n),
      setVar: (n, v) => void st.vars.set(n, v),
      substitute: (script: Script) => this.substitute(script, st, io, ex),
      home: this.home,
      fs: this.fs,
      cwd: st.cwd,
    };
  }

  getVar(st: ShellState, n: string): string | undefined {
    switch (n) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '!':
        return this.lastBgPid === null ? '' : String(this.lastBgPid);
      case '#':
        return String(st.positional.length);
      case '@':
      case '*':
        return st.positional.join(' ');
      case '0':
        return 'bash';
      case '-':
        return 'himBH';
      case 'RANDOM':
        this.randomSeed = (this.randomSeed * 1103515245 + 12345) & 0x7fffffff;
        return String(this.randomSeed % 32768);
      case 'PWD':
        return st.cwd;
    }
    if (/^[1-9][0-9]*$/.test(n)) return st.positional[Number(n) - 1];
    return st.vars.get(n);
  }

  private async substitute(script: Script, st: ShellState, io: IO, ex: Exec): Promise<string> {
    const buf: string[] = [];
    const sub = cloneState(st);
    try {
      this.substStatus = await this.runList(script, sub, { stdin: io.stdin, out: (t) => void buf.push(t), err: io.err }, ex);
    } catch (e) {
      if (!(e instanceof ControlFlow)) throw e;
    }
    return buf.join('');
  }

  /** Expand words, turning expansion errors into bash's message and status 1. */
  async expand(words: SimpleCommand['words'], st: ShellState, io: IO, ex: Exec): Promise<string[] | number> {
    try {
      return await expandWords(words, this.expandHost(st, io, ex));
    } catch (e) {
      if (e instanceof ExpandError) {
        io.err(`bash: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }

  private async expandOne(parts: Parameters<typeof expandQuoted>[0], st: ShellState, io: IO, ex: Exec): Promise<string | number> {
    try {
      return await expandQuoted(parts, this.expandHost(st, io, ex));
    } catch (e) {
      if (e instanceof ExpandError) {
        io.err(`bash: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }

  private async runSimple(cmd: SimpleCommand, st: ShellState, io: IO, ex: Exec): Promise<number> {
    this.substStatus = 0;
    const words = await this.expand(cmd.words, st, io, ex);
    if (typeof words === 'number') return words;
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) {
      const v = await this.expandOne(a.value.parts, st, io, ex);
      if (typeof v === 'number') return v;
      assigns.push([a.name, a.append ? (st.vars.get(a.name) ?? '') + v : v]);
    }
    const substStatus = this.substStatus;
    const r = await this.applyRedirs(cmd.redirs, st, io);
    if (typeof r === 'number') return r;
    const cio = r;
    if (words.length === 0) {
      for (const [n, v] of assigns) st.vars.set(n, v);
      return substStatus;
    }
    const name = words[0];
    const fn = st.funcs.get(name);
    if (fn) {
      const saved = st.positional;
      st.positional = words.slice(1);
      try {
        return await this.runCommand(fn, st, cio, ex);
      } catch (e) {
        if (e instanceof ControlFlow && e.kind === 'return') return e.n;
        throw e;
      } finally {
        st.positional = saved;
      }
    }
    if (isBuiltin(name)) {
      const tmp = assigns.filter(([n]) => name === 'export' || !st.vars.has(n));
      return BUILTINS[name]!({ sh: this, st, io: cio, ex, argv: words, assigns: tmp });
    }
    const env: Record<string, string> = {};
    for (const n of st.exported) {
      const v = st.vars.get(n);
      if (v !== undefined) env[n] = v;
    }
    env.PWD = st.cwd;
    for (const [n, v] of assigns) env[n] = v;
    return this.exec(words, env, st, cio, ex);
  }

  /** Find and run a program (or a script file) by name. */
  async exec(argv: string[], env: Record<string, string>, st: ShellState, io: IO, ex: Exec): Promise<number> {
    const name = argv[0];
    let spec = this.world.programs.get(name);
    if (!spec && name.includes('/')) {
      const path = resolvePath(st.cwd, name, this.home);
      const file = this.fs.read(path);
      if (file !== null) {
        if (/\.(sh|bash)$/.test(path) || /^#!.*\b(ba)?sh\b/.test(file)) return this.runScriptFile(file, argv.slice(1), st, io, ex);
        io.err(`bash: ${name}: Permission denied\n`);
        return 126;
      }
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (/^\/(usr\/)?(local\/)?s?bin\//.test(path) || path.startsWith(this.home + '/.local/bin/')) spec = this.world.programs.get(base);
      if (!spec) {
        io.err(`bash: ${name}: No such file or directory\n`);
        return 127;
      }
    }
    if (!spec) {
      io.err(`bash: ${name}: command not found\n`);
      const hint = suggestCommand(name, [...this.world.programs.names(), ...Object.keys(BUILTINS)]);
      if (hint) io.err(`did you mean '${hint}'?\n`);
      return 127;
    }
    return this.runProgram(spec, argv, env, st, io, ex);
  }

  async runScriptFile(text: string, args: string[], st: ShellState, io: IO, ex: Exec): Promise<number> {
    const script = parse(text);
    if (script instanceof ShellSyntaxError) {
      for (const l of script.lines()) io.err(l + '\n');
      return 2;
    }
    const sub = cloneState(st);
    sub.positional = args;
    try {
      return await this.runList(script, sub, io, ex);
    } catch (e) {
      if (e instanceof ControlFlow) return this.status;
      throw e;
    }
  }

  private async runProgram(spec: ProgramSpec, argv: string[], env: Record<string, string>, st: ShellState, io: IO, ex: Exec): Promise<number> {
    const procs = this.world.procs;
    const clock = this.world.clock;
    let proc: Proc;
    if (ex.leader && ex.leaderFree) {
      ex.leaderFree = false;
      proc = ex.leader;
      proc.cmdline = argv.join(' ');
    } else {
      proc = procs.spawn(this.host, argv.join(' '), ex.leader?.pid ?? this.pid, clock.now());
    }
    ex.children.add(proc.pid);
    this.world.notify('proc');
    let first: SignalName | null = null;
    let resolveSig!: (s: SignalName) => void;
    const signal = new Promise<SignalName>((r) => (resolveSig = r));
    let resolveKilled!: (code: number) => void;
    const killed = new Promise<number>((r) => (resolveKilled = r));
    const listeners = new Set<(s: SignalName) => void>();
    const off = procs.onSignal(proc.pid, (sig) => {
      if (!TERMINATING.has(sig) || first) return;
      first = sig;
      resolveSig(sig);
      for (const l of listeners) l(sig);
      if (sig === 'SIGKILL') resolveKilled(128 + SIGNUM.SIGKILL);
    });
    if (ex.abort) {
      first = ex.abort;
      resolveSig(ex.abort);
    }
    const job = ex.job;
    const stdin = io.stdin ? io.stdin.rest : null;
    if (io.stdin) io.stdin.rest = '';
    const ctx: ProgramContext = {
      argv,
      env,
      stdin,
      out: (t) => io.out(String(t)),
      err: (t) => io.err(String(t)),
      stdoutIsTerminal: TERMINAL_WRITERS.has(io.out),
      ...(this.enterShell ? { enterShell: this.enterShell } : {}),
      cwd: st.cwd,
      host: this.host,
      world: this.world,
      pid: proc.pid,
      background: !!job,
      signal,
      signalled: () => first,
      sleep: async (ms: number) => {
        if (first) return false;
        if (!(ms > 0)) return true;
        if (!job || job.foreground) {
          // Foreground: simulated time jumps at once; timers due meanwhile (statsd flushes ...) fire in order.
          clock.advance(ms);
          await Promise.resolve();
          return !first;
        }
        const due = clock.now() + ms;
        return new Promise<boolean>((resolve) => {
          job.sleeper = { due };
          const done = (ok: boolean) => {
            job.sleeper = null;
            listeners.delete(onSig);
            resolve(ok);
          };
          const id = clock.at(due, () => done(true));
          const onSig = () => {
            clock.cancel(id);
            done(false);
          };
          listeners.add(onSig);
        });
      },
    };
    try {
      const running = Promise.resolve().then(() => spec.run(ctx));
      const code = await Promise.race([running, killed]);
      return typeof code === 'number' && Number.isFinite(code) ? code & 255 : 0;
    } catch (e) {
      io.err(`${argv[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    } finally {
      off();
      ex.children.delete(proc.pid);
      if (proc !== ex.leader) procs.exit(proc.pid);
      this.world.notify('proc');
    }
  }

  /** Apply redirections left to right; returns the new IO or an exit status after bash's error message. */
  async applyRedirs(redirs: Redir[], st: ShellState, io: IO): Promise<IO | number> {
    if (!redirs.length) return io;
    const fds: Record<number, ((t: string) => void) | null> = { 1: io.out, 2: io.err };
    let stdin = io.stdin;
    const fs = this.fs;
    const ex = this.newExec(null);
    for (const r of redirs) {
      const target = r.heredoc ? '' : await this.expandOne(r.target.parts, st, io, ex);
      if (typeof target === 'number') return target;
      const path = resolvePath(st.cwd, target, this.home);
      const writer = (append: boolean): ((t: string) => void) | number => {
        if (target === '') {
          io.err(`bash: ${r.target.raw}: ambiguous redirect\n`);
          return 1;
        }
        if (path === '/dev/null') return () => {};
        if (path === '/dev/stdout') return fds[1] ?? (() => {});
        if (path === '/dev/stderr') return fds[2] ?? (() => {});
        if (fs.isDir(path) || KNOWN_DIRS.has(path)) {
          io.err(`bash: ${target}: Is a directory\n`);
          return 1;
        }
        if (!append || fs.read(path) === null) fs.write(path, '');
        this.world.notify('fs');
        return (t: string) => fs.write(path, (fs.read(path) ?? '') + t);
      };
      switch (r.op) {
        case '>':
        case '>|':
        case '>>':
        case '&>':
        case '&>>': {
          const w = writer(r.op === '>>' || r.op === '&>>');
          if (typeof w === 'number') return w;
          if (r.op.startsWith('&')) fds[1] = fds[2] = w;
          else fds[r.fd ?? 1] = w;
          break;
        }
        case '<':
        case '<>': {
          if (path === '/dev/null') {
            stdin = new Stdin('');
            break;
          }
          const c = fs.read(path);
          if (c === null) {
            io.err(`bash: ${target}: ${fs.isDir(path) ? 'Is a directory' : 'No such file or directory'}\n`);
            return 1;
          }
          stdin = new Stdin(c);
          break;
        }
        case '<<':
        case '<<-': {
          const h = r.heredoc!;
          const body = h.expand ? await this.expandOne(h.parts, st, io, ex) : h.body;
          if (typeof body === 'number') return body;
          if (h.expand) {
            const note = heredocSubstitutionNote(h.body, h.delim, (n) => !!this.world.programs.get(n) || isBuiltin(n));
            if (note) io.err(note);
          }
          stdin = new Stdin(body);
          break;
        }
        case '<<<':
          stdin = new Stdin(target + '\n');
          break;
        case '>&':
        case '<&': {
          const from = r.fd ?? (r.op === '>&' ? 1 : 0);
          if (target === '-') {
            if (from === 0) stdin = null;
            else fds[from] = () => {};
          } else if (/^[0-9]+$/.test(target)) {
            const to = Number(target);
            if (from === 0) break;
            if (!(to in fds)) {
              io.err(`bash: ${target}: Bad file descriptor\n`);
              return 1;
            }
            fds[from] = fds[to];
          } else if (r.op === '>&' && r.fd === null) {
            const w = writer(false);
            if (typeof w === 'number') return w;
            fds[1] = fds[2] = w;
          } else {
            io.err(`bash: ${target}: ambiguous redirect\n`);
            return 1;
          }
          break;
        }
      }
    }
    return { stdin, out: fds[1] ?? (() => {}), err: fds[2] ?? (() => {}) };
  }
}

/** Directories that exist on every host even when no file lives in them yet. */
export const KNOWN_DIRS = new Set(['/', '/home', HOME, '/root', '/tmp', '/etc', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/bin', '/var', '/var/log', '/dev', '/proc', '/app']);

export function cloneState(st: ShellState): ShellState {
  return { vars: new Map(st.vars), exported: new Set(st.exported), cwd: st.cwd, funcs: new Map(st.funcs), positional: [...st.positional] };
}
