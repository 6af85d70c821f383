/**
 * The simulation as the worker hosts it: one World, a stack of shells per terminal tab (the laptop's, and above it
 * the pod shells `kubectl exec -it` opens), the real-time clock driver,
 * and a handler for every method of the protocol. No DOM and no `self`: the worker entry (sim.worker.ts)
 * wires `emit` to postMessage, and unit tests call `handle` directly.
 */
import type { World } from '../sim/world';
import { HOME } from '../sim/world';
import { bootWorld } from '../sim/boot';
import { flushBackend, metricsBackends, onFlush, type MetricsBackend } from '../sim/metrics';
import { Shell, isIncomplete } from '../sim/shell';
import type { ProgramContext } from '../sim/shell/program';
import { evaluateTargets, toColumns } from '../sim/graphite';
import { createPodShell, type PodShell } from '../sim/kube/kubectl/pod-shell';
import type { EventName, Events, MethodName, Methods, StatsdCounters } from './protocol';
import { ClockDriver } from './clock-driver';
import { evaluateCheck } from '../lessons/checks';

export type Emit = <E extends EventName>(name: E, data: Events[E]) => void;
type Handler<M extends MethodName> = (params: Methods[M]['params']) => Methods[M]['result'] | Promise<Methods[M]['result']>;
type Handlers = { [M in MethodName]: Handler<M> };

export const DEFAULT_TAB = 'main';
const PROJECT_DIR = HOME + '/myproject';

export class SimError extends Error {}

/**
 * One shell of a tab's stack: the laptop's at the bottom, above it the shells `kubectl exec -it` opened in pods.
 * Command lines go to the top one.
 */
interface Frame {
  shell: Shell | PodShell;
  /** The command line this shell is running, if any (a `kubectl exec -it` stays in flight under its pod shell). */
  inflight: Promise<number> | null;
  /** Nested shells: ends the session (resolves the enterShell promise of the kubectl that opened it). */
  close?: (code: number) => void;
  /** Set by `exit [n]` in a nested shell; the frame is popped when its command line ends. */
  exitCode?: number;
  /** The nested shell's process on the pod: gone when the pod is (its container was killed). */
  pid?: number;
}

interface Tab {
  name: string;
  stack: Frame[];
  running: boolean;
  /** Wakes `settle` when the stack changed under a running command line (a shell pushed, a pod gone). */
  wake: (() => void) | null;
  /** A settle started outside a request (a pod went away while its shell was idle). */
  settling: Promise<unknown> | null;
}

/** The counters the first page shows (statsd's own counts, plus the last bad lines with their reasons). */
function statsdCounters(b: MetricsBackend): StatsdCounters {
  const c = b.statsd.counters();
  return {
    packetsReceived: c.packetsReceived,
    metricsReceived: c.metricsReceived,
    badLinesSeen: c.badLinesSeen,
    lastFlush: c.lastFlush ?? b.lastFlush,
    badLines: c.badLines.slice(-20).map((x) => ({ line: x.line, reason: x.reason, at: x.at })),
  };
}

/** Exit status kubectl reports when the container is killed during exec: 128 + SIGKILL (9). */
const EXEC_KILLED = 137;

export interface SimHostOptions {
  /** Start the real-time clock loop (the worker does; tests drive time by hand). */
  realtime?: boolean;
  driver?: ClockDriver;
}

export class SimHost {
  world!: World;
  private tabs = new Map<string, Tab>();
  private unsubscribe: (() => void)[] = [];
  readonly driver: ClockDriver;
  /** History handed over by the page (kept in its localStorage), applied to each new shell. */
  private history: string[] = [];

  constructor(private emit: Emit, opts: SimHostOptions = {}) {
    this.driver =
      opts.driver ??
      new ClockDriver({
        advance: (ms) => this.world.clock.advance(ms),
        tick: () => this.emit('tick', { now: this.world.clock.now(), speed: this.driver.speed }),
      });
    this.boot();
    if (opts.realtime) this.driver.start();
  }

  private boot(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.tabs.clear();
    this.world = bootWorld();
    this.world.events.terminal = (text) => this.emit('term.out', { text, tab: DEFAULT_TAB });
    this.world.events.changed = (what) => this.changed(what);
    this.unsubscribe.push(onFlush(this.world, (b, now) => this.emit('flushed', { now, source: b.id })));
  }

  private pendingChanges = new Set<string>();
  private changeTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `changed` is coalesced (one event per kind per 50 ms): `hey -n 1000` makes thousands of statsd datagrams,
   * and each `changed` makes the page re-run lesson checks.
   */
  private changed(what: string): void {
    if (what === 'kube' || what === 'proc') this.endOrphanedShells();
    this.pendingChanges.add(what);
    if (this.changeTimer !== null) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      const list = [...this.pendingChanges];
      this.pendingChanges.clear();
      for (const w of list) this.emit('changed', { what: w });
    }, 50);
  }

  private tab(id: string | undefined): Tab {
    const name = id || DEFAULT_TAB;
    let t = this.tabs.get(name);
    if (t) return t;
    const fs = this.world.fs('laptop');
    const cwd = fs.isDir(PROJECT_DIR) ? PROJECT_DIR : HOME;
    const tab: Tab = { name, stack: [], running: false, wake: null, settling: null };
    const shell = new Shell(this.world, {
      host: 'laptop',
      cwd,
      env: { HOME, USER: 'learner', PATH: '/usr/local/bin:/usr/bin:/bin', TERM: 'xterm-256color' },
      out: (text) => this.emit('term.out', { text, tab: name }),
      err: (text) => this.emit('term.out', { text, tab: name }),
      enterShell: (opts) => this.enterShell(tab, opts),
    });
    if (shell.history.length === 0) shell.history.push(...this.history);
    tab.stack.push({ shell, inflight: null });
    this.tabs.set(name, tab);
    return tab;
  }

  private top(t: Tab): Frame {
    return t.stack[t.stack.length - 1]!;
  }

  /** ProgramContext.enterShell: push a shell for `opts.host` on the tab; resolves when it exits or its pod goes. */
  private enterShell(t: Tab, opts: Parameters<NonNullable<ProgramContext['enterShell']>>[0]): Promise<number> {
    return new Promise<number>((resolve) => {
      let done = false;
      const frame: Frame = {
        shell: null as unknown as PodShell,
        inflight: null,
        close: (code) => {
          if (done) return;
          done = true;
          resolve(code);
        },
      };
      const out = (text: string) => this.emit('term.out', { text, tab: t.name });
      const shell = createPodShell(this.world, {
        ...opts,
        out,
        err: out,
        interactive: true,
        enterShell: (o) => this.enterShell(t, o),
        onExit: (code) => (frame.exitCode = code),
      });
      frame.shell = shell;
      frame.pid = shell.pid;
      t.stack.push(frame);
      t.wake?.();
    });
  }

  /**
   * Wait for the top shell's command line; when it opened a nested shell, answer with that shell's prompt (the
   * opening command stays in flight); when a nested shell exited, close it and go on waiting for the command that
   * opened it (its kubectl prints its last words), then answer with the outer prompt.
   */
  private async settle(t: Tab): Promise<{ code: number; prompt: string }> {
    for (;;) {
      const top = this.top(t);
      if (!top.inflight) return { code: 0, prompt: top.shell.prompt() };
      const woke = new Promise<'wake'>((r) => (t.wake = () => r('wake')));
      const r = await Promise.race([top.inflight, woke]);
      t.wake = null;
      if (r === 'wake') continue;
      top.inflight = null;
      if (top.exitCode !== undefined && top.close && t.stack.length > 1) {
        t.stack.pop();
        top.close(top.exitCode);
        continue;
      }
      return { code: r, prompt: top.shell.prompt() };
    }
  }

  /**
   * A pod shell whose pod went away (deleted, rolled out) ends as kubectl's exec does when the container is
   * killed: the nested session is over with 137 and kubectl prints "command terminated with exit code 137".
   */
  private endOrphanedShells(): void {
    for (const t of this.tabs.values()) {
      const i = t.stack.findIndex((f) => f.pid !== undefined && !this.world.procs.get(f.pid));
      if (i <= 0) continue;
      const gone = t.stack.splice(i);
      for (const f of gone.reverse()) f.close?.(EXEC_KILLED);
      if (t.wake) t.wake();
      else if (!t.running) {
        // Nothing waits for the outer command (the learner sat at the pod prompt): finish it here and tell the
        // page the prompt changed.
        t.running = true;
        t.settling = this.settle(t).finally(() => {
          t.running = false;
          t.settling = null;
          this.changed('prompt');
        });
      }
    }
  }

  private backend(source: string | undefined): MetricsBackend {
    const all = metricsBackends(this.world);
    const id = source || 'local';
    const b = all.get(id);
    if (!b) {
      const have = [...all.keys()];
      throw new SimError(
        have.length
          ? `no statsd/Graphite backend '${id}' (there are: ${have.join(', ')})`
          : `no statsd/Graphite backend is running`,
      );
    }
    return b;
  }

  private nowSec(): number {
    return Math.floor(this.world.clock.now() / 1000);
  }

  readonly handlers: Handlers = {
    'shell.run': async ({ line, tab }) => {
      if (typeof line !== 'string') throw new SimError('shell.run: line must be a string');
      const t = this.tab(tab);
      if (t.settling) await t.settling;
      if (t.running) throw new SimError('a command is already running in this terminal');
      t.running = true;
      this.emit('shell.started', { line, tab: tab || DEFAULT_TAB });
      try {
        const top = this.top(t);
        top.inflight = top.shell.run(line);
        return await this.settle(t);
      } finally {
        t.running = false;
      }
    },
    'shell.close': ({ tab }) => {
      const name = tab || DEFAULT_TAB;
      if (name === DEFAULT_TAB) throw new SimError('shell.close: the main terminal stays open');
      const t = this.tabs.get(name);
      if (!t) return null;
      this.tabs.delete(name);
      for (const f of [...t.stack].reverse()) {
        f.shell.interrupt();
        // bash, hung up with its terminal, sends SIGHUP to every job it started.
        for (const j of f.shell instanceof Shell ? f.shell.jobs() : []) if (j.state === 'Running') this.world.procs.kill(j.pid, 'SIGHUP');
      }
      this.changed('proc');
      return null;
    },
    'shell.interrupt': ({ tab }) => {
      this.top(this.tab(tab)).shell.interrupt();
      return null;
    },
    'shell.incomplete': ({ text }) => ({ incomplete: typeof text === 'string' && isIncomplete(text) }),
    'shell.complete': async ({ line, cursor, tab }) => {
      if (typeof line !== 'string') throw new SimError('shell.complete: line must be a string');
      const c = Number.isInteger(cursor) ? Math.max(0, Math.min(cursor, line.length)) : line.length;
      const r = await this.top(this.tab(tab)).shell.complete(line, c);
      return { start: r.start, candidates: [...r.candidates] };
    },
    'shell.prompt': ({ tab }) => ({ prompt: this.top(this.tab(tab)).shell.prompt() }),
    'shell.setHistory': ({ entries }) => {
      if (!Array.isArray(entries)) throw new SimError('shell.setHistory: entries must be an array of strings');
      this.history = entries.filter((e) => typeof e === 'string').slice(-1000);
      for (const t of this.tabs.values()) {
        const laptop = t.stack[0]!.shell;
        laptop.history.splice(0, laptop.history.length, ...this.history);
      }
      return null;
    },
    'udp.send': ({ host, port, data }) => {
      if (typeof host !== 'string' || !host) throw new SimError('udp.send: host is required');
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SimError(`udp.send: port must be 1-65535 (got ${port})`);
      if (typeof data !== 'string') throw new SimError('udp.send: data must be a string');
      const r = this.world.net.sendUdp('laptop', host, port, data);
      if (typeof r === 'string') {
        return { delivered: false, error: r === 'ENOTFOUND' ? `${host}: Name or service not known` : r };
      }
      // UDP has no delivery report; the page still wants to know nothing was listening.
      return r.delivered ? r : { delivered: false, error: `nothing listens on udp ${host}:${port}; the datagram was dropped` };
    },
    'clock.setSpeed': ({ speed }) => {
      const err = this.driver.setSpeed(speed);
      if (err) throw new SimError(err);
      this.emit('tick', { now: this.world.clock.now(), speed: this.driver.speed });
      return null;
    },
    'clock.advance': ({ ms }) => {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new SimError(`clock.advance: ms must be ≥ 0 (got ${ms})`);
      this.world.clock.advance(ms);
      return { now: this.world.clock.now() };
    },
    'clock.now': () => ({ now: this.world.clock.now(), speed: this.driver.speed }),
    'statsd.flush': ({ source }) => {
      const b = this.backend(source);
      const points = flushBackend(this.world, b);
      return { now: this.world.clock.now(), points };
    },
    'statsd.counters': ({ source }) => statsdCounters(this.backend(source)),
    'graphite.render': ({ targets, from, until, source, maxDataPoints }) => {
      if (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string')) {
        throw new SimError('graphite.render: targets must be an array of strings');
      }
      const now = this.nowSec();
      const abs = (v: number | undefined, dflt: number) =>
        typeof v !== 'number' || !Number.isFinite(v) ? dflt : v <= 0 ? now + v : v;
      const fromSec = abs(from, now - 600);
      const untilSec = abs(until, now);
      if (fromSec >= untilSec) return { x: [], series: [], error: `from (${fromSec}) must be before until (${untilSec})` };
      const result = evaluateTargets(this.backend(source).store, targets, fromSec, untilSec);
      if (result.error) return { x: [], series: [], error: result.error };
      return toColumns(result, { maxDataPoints });
    },
    'graphite.find': ({ query, source }) => {
      if (typeof query !== 'string') throw new SimError('graphite.find: query must be a string');
      const nodes = this.backend(source).store.find(query);
      return { nodes: nodes.map((n) => ({ path: n.path, text: n.text, leaf: n.leaf })) };
    },
    'graphite.sources': () => ({
      sources: [...metricsBackends(this.world).values()].map((b) => ({ id: b.id, label: b.label ?? b.id })),
    }),
    'fs.read': ({ path, host }) => ({ content: this.world.fs(host || 'laptop').read(path) }),
    'fs.write': ({ path, content, host }) => {
      if (typeof path !== 'string' || !path.startsWith('/')) throw new SimError(`fs.write: path must be absolute (got ${String(path)})`);
      if (typeof content !== 'string') throw new SimError('fs.write: content must be a string');
      this.world.fs(host || 'laptop').write(path, content);
      this.changed('fs');
      return null;
    },
    'fs.list': ({ host }) => ({ files: this.world.fs(host || 'laptop').all() }),
    'world.snapshot': () => this.snapshot(),
    'lesson.check': ({ checks }) => {
      if (!Array.isArray(checks)) throw new SimError('lesson.check: checks must be a list');
      return { results: checks.map((c) => evaluateCheck(this.world, c)) };
    },
    'world.reset': () => {
      for (const t of this.tabs.values()) {
        try {
          for (const f of t.stack) f.shell.interrupt();
        } catch {
          /* a shell that fails to stop is dropped anyway */
        }
      }
      this.boot();
      this.emit('changed', { what: 'reset' });
      return null;
    },
  };

  private snapshot(): unknown {
    return {
      now: this.world.clock.now(),
      facts: Object.fromEntries(this.world.facts),
      procs: this.world.procs.list().map((p) => ({ pid: p.pid, host: p.host, cmdline: p.cmdline })),
      files: this.world.fs('laptop').all(),
    };
  }

  /** Run one request; never throws (errors become `{ok:false, error}`). */
  async handle(method: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
    const h = (this.handlers as Record<string, ((p: unknown) => unknown) | undefined>)[method];
    if (!h) return { ok: false, error: `unknown method '${method}'` };
    try {
      const result = await h(params ?? {});
      return { ok: true, result: result === undefined ? null : result };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, error: e instanceof SimError ? msg : `${method} failed: ${msg}` };
    }
  }
}
