/**
 * A running gunicorn: the arbiter (gunicorn/arbiter.py) with its sync workers serving the learner's Flask app.
 * Used by the `gunicorn` program on the laptop and by the Kubernetes module inside pods:
 *
 *   const srv = new GunicornServer({ world, host: 'web-7d9f-abc', settings, sink, cwd: '/app' });
 *   const r = await srv.start();          // { ok: false, exitCode } when it could not boot
 *   ...
 *   srv.stop('SIGTERM');                  // prints the shutdown lines, frees the ports
 *
 * Timing: each sync worker serves one request at a time; a request waits for the first free worker, so with
 * -w 1 and a slow route the latencies seen by clients grow while gunicorn.request.duration (the time inside
 * the worker, as instrument/statsd.py measures it) does not. Access log and statsd lines are emitted when the
 * response is finished, at that simulated time (world.clock timers).
 */
import type { World } from '../world';
import type { HttpRequest, HttpResponse, Listener } from '../net/network';
import type { SignalName } from '../procs';
import { GLogger, type LogSink } from './glogging';
import { GUNICORN_VERSION, type GunicornSettings } from './settings';
import { importApp } from '../programs/pyimport';
import { FlaskApp, hashSeed } from '../programs/flaskapp';
import { PY_MINOR, SITE_PACKAGES, pyFrame } from '../programs/pyenv';

export interface GunicornServerOptions {
  world: World;
  host: string;
  settings: GunicornSettings;
  sink: LogSink;
  /** Directory the app module is imported from (gunicorn's cwd / --chdir). */
  cwd: string;
  /** Use this pid for the master (the shell's process); otherwise one is spawned. */
  masterPid?: number;
  cmdline?: string;
  /** Wait simulated time (retries while the port is in use). Defaults to a clock timer. */
  sleep?: (ms: number) => Promise<boolean>;
}

export type StartResult = { ok: true } | { ok: false; exitCode: number };

const SIG_NAMES: Partial<Record<SignalName, string>> = { SIGINT: 'int', SIGTERM: 'term', SIGQUIT: 'quit', SIGHUP: 'hup' };

/** Traceback of a worker that cannot import the app (gunicorn 23.0.0 line numbers, checked on the real one). */
const SP = SITE_PACKAGES;
const WORKER_FRAMES = [
  ...pyFrame(`${SP}/gunicorn/arbiter.py`, 608, 'spawn_worker', 'worker.init_process()'),
  ...pyFrame(`${SP}/gunicorn/workers/base.py`, 135, 'init_process', 'self.load_wsgi()'),
  ...pyFrame(`${SP}/gunicorn/workers/base.py`, 147, 'load_wsgi', 'self.wsgi = self.app.wsgi()', 'self.app.wsgi()'),
  ...pyFrame(`${SP}/gunicorn/app/base.py`, 66, 'wsgi', 'self.callable = self.load()', 'self.load()'),
  ...pyFrame(`${SP}/gunicorn/app/wsgiapp.py`, 57, 'load', 'return self.load_wsgiapp()', 'self.load_wsgiapp()'),
  ...pyFrame(`${SP}/gunicorn/app/wsgiapp.py`, 47, 'load_wsgiapp', 'return util.import_app(self.app_uri)', 'util.import_app(self.app_uri)'),
  ...pyFrame(`${SP}/gunicorn/util.py`, 370, 'import_app', 'mod = importlib.import_module(module)', 'importlib.import_module(module)'),
  ...pyFrame(`/usr/local/lib/python${PY_MINOR}/importlib/__init__.py`, 90, 'import_module',
    'return _bootstrap._gcd_import(name[level:], package, level)', '_bootstrap._gcd_import(name[level:], package, level)'),
];

interface Worker {
  pid: number;
  busyUntil: number;
}

export class GunicornServer {
  readonly world: World;
  readonly host: string;
  readonly settings: GunicornSettings;
  readonly log: GLogger;
  pid = 0;
  workers: Worker[] = [];
  state: 'new' | 'booting' | 'running' | 'stopped' = 'new';
  private listeners: Listener[] = [];
  private app: FlaskApp | null = null;
  private opts: GunicornServerOptions;
  private ownsMaster = false;
  private onStop: (() => void)[] = [];

  constructor(opts: GunicornServerOptions) {
    this.opts = opts;
    this.world = opts.world;
    this.host = opts.host;
    this.settings = opts.settings;
    this.log = new GLogger(opts.world, opts.host, opts.settings, opts.sink);
  }

  /** Called once when the server stops for any reason (the program resolves its exit). */
  whenStopped(fn: () => void): void {
    this.onStop.push(fn);
  }

  private sleep(ms: number): Promise<boolean> {
    if (this.opts.sleep) return this.opts.sleep(ms);
    return new Promise((res) => this.world.clock.at(this.world.clock.now() + ms, () => res(true)));
  }

  private addrStr(host: string, port: number): string {
    return `('${host}', ${port})`;
  }

  async start(): Promise<StartResult> {
    try {
      return await this.startInner();
    } catch (e) {
      this.log.raw(`\nError: ${(e as Error).message}\n`);
      this.cleanup();
      return { ok: false, exitCode: 1 };
    }
  }

  private async startInner(): Promise<StartResult> {
    const { world, settings } = this;
    const cmd = this.opts.cmdline ?? `/usr/local/bin/python3 /usr/local/bin/gunicorn ${settings.app ?? ''}`.trim();
    if (this.opts.masterPid) this.pid = this.opts.masterPid;
    else {
      this.pid = world.procs.spawn(this.host, cmd, 1, world.clock.now()).pid;
      this.ownsMaster = true;
    }
    this.state = 'booting';
    this.log.log('info', this.pid, `Starting gunicorn ${GUNICORN_VERSION}`);

    // sock.create_sockets: bind every address, 5 tries one second apart when in use.
    const shown: string[] = [];
    for (const a of settings.addresses) {
      if (a.kind === 'unix') {
        shown.push(`unix:${a.path}`);
        world.fs(this.host).write(a.path.startsWith('/') ? a.path : `${this.opts.cwd}/${a.path}`, '');
        continue;
      }
      // An empty host (":4000") binds every address, like Python's socket.bind(('', port)).
      const ip = a.host === '' ? '0.0.0.0' : world.net.resolve(a.host, this.host);
      if (ip === null) {
        this.log.log('error', this.pid, `Invalid address: ${this.addrStr(a.host, a.port)}`);
        this.log.log('error', this.pid, `connection to ${this.addrStr(a.host, a.port)} failed: [Errno -2] Name or service not known`);
        this.log.log('error', this.pid, `Can't connect to ${this.addrStr(a.host, a.port)}`);
        this.cleanup();
        return { ok: false, exitCode: 1 };
      }
      let bound: Listener | null = null;
      for (let i = 0; i < 5; i++) {
        const r = world.net.listen({
          proto: 'tcp', host: this.host, ip, port: a.port,
          owner: { pid: this.pid, name: 'gunicorn' },
          onHttp: (req) => this.handle(req),
        });
        if (typeof r !== 'string') {
          bound = r;
          break;
        }
        this.log.log('error', this.pid, `Connection in use: ${this.addrStr(a.host, a.port)}`);
        this.log.log('error', this.pid, `connection to ${this.addrStr(a.host, a.port)} failed: [Errno 98] Address already in use`);
        if (i < 4) {
          this.log.log('debug', this.pid, 'Retrying in 1 second.');
          const ok = await this.sleep(1000);
          if (!ok) {
            this.cleanup();
            return { ok: false, exitCode: 1 };
          }
        }
      }
      if (!bound) {
        this.log.log('error', this.pid, `Can't connect to ${this.addrStr(a.host, a.port)}`);
        this.cleanup();
        return { ok: false, exitCode: 1 };
      }
      this.listeners.push(bound);
      shown.push(`http://${a.host}:${a.port}`);
    }
    this.log.log('debug', this.pid, 'Arbiter booted');
    this.log.log('info', this.pid, `Listening at: ${shown.join(',')} (${this.pid})`);
    this.log.log('info', this.pid, `Using worker: ${settings.workerClass}`);

    if (!['sync', 'gthread'].includes(settings.workerClass) && !settings.workerClass.endsWith('SyncWorker')) {
      // validate_class accepted it but load_class fails in the arbiter.
      this.log.raw(`\nError: class uri '${settings.workerClass}' invalid or not found: \n\n[ModuleNotFoundError: No module named '${settings.workerClass}']\n`);
      this.cleanup();
      return { ok: false, exitCode: 1 };
    }

    // Workers boot: each imports the app (util.import_app).
    const [mod, attr = 'application'] = (settings.app ?? '').split(/:(.*)/s);
    const dir = typeof settings.raw.chdir === 'string' && settings.raw.chdir !== '' ? settings.raw.chdir : this.opts.cwd;
    const imported = importApp(world, this.host, dir, mod ?? '', attr);
    const n = Math.max(settings.workers, 0);
    for (let i = 0; i < n; i++) {
      const w = world.procs.spawn(this.host, cmd, this.pid, world.clock.now());
      this.workers.push({ pid: w.pid, busyUntil: 0 });
      this.log.log('info', w.pid, `Booting worker with pid: ${w.pid}`);
      if (!imported.ok) {
        if (imported.kind === 'attribute') this.log.raw(imported.error);
        else
          this.log.log('exception', w.pid, 'Exception in worker process',
            ['Traceback (most recent call last):', ...WORKER_FRAMES, ...imported.frames, imported.error].join('\n'));
        this.log.log('info', w.pid, `Worker exiting (pid: ${w.pid})`);
        world.procs.exit(w.pid);
        const code = imported.kind === 'attribute' ? 4 : 3;
        // The arbiter reaps the first dead worker and halts (arbiter.py reap_workers → HaltServer).
        this.log.log('error', this.pid, `Worker (pid:${w.pid}) exited with code ${code}`);
        this.halt(code === 4 ? 'App failed to load.' : 'Worker failed to boot.', code);
        return { ok: false, exitCode: code };
      }
    }
    if (imported.ok) this.app = new FlaskApp(imported.app, hashSeed(`${this.host}:${this.pid}`));
    this.state = 'running';
    // arbiter.manage_workers: "{n} workers" at debug level, with the gauge metric.
    this.log.log('debug', this.pid, `${n} workers`);
    if (this.log.statsd.enabled) this.log.statsd.gauge('gunicorn.workers', n);
    world.notify('proc');
    return { ok: true };
  }

  /** Serve one HTTP request (called by world.net through the listener). */
  handle(req: HttpRequest): HttpResponse {
    const now = this.world.clock.now();
    if (this.state !== 'running' || !this.app || this.workers.length === 0) {
      return { status: 502, reason: 'Bad Gateway', headers: {}, body: '', durationMs: 0 };
    }
    // The first free worker takes it.
    let w = this.workers[0]!;
    for (const x of this.workers) if (x.busyUntil < w.busyUntil) w = x;
    const start = Math.max(now, w.busyUntil);
    const r = this.app.handle(req.method, req.path, start);
    const gunicornOverheadMs = 0.08;
    const inWorker = Math.round((r.appMs + gunicornOverheadMs) * 1000) / 1000;
    const finish = start + inWorker;
    w.busyUntil = finish;
    const body = r.body;
    const length = new TextEncoder().encode(body).length;
    const headers: Record<string, string> = {
      Server: 'gunicorn',
      Date: new Date(finish).toUTCString(),
      Connection: 'close',
      ...r.headers,
      'Content-Length': String(length),
    };
    const emit = () => {
      if (this.state === 'stopped') return;
      if (r.errorLog) this.log.raw(r.errorLog);
      this.log.access({
        remoteAddr: req.remoteAddr, method: req.method, path: req.path, status: r.status, sent: req.method === 'HEAD' ? 0 : length,
        headers: req.headers, requestMs: inWorker, pid: w.pid, now: this.world.clock.now(),
      });
      this.world.notify('http');
    };
    if (finish <= now) emit();
    else this.world.clock.at(finish, emit);
    return { status: r.status, reason: r.reason, headers, body: req.method === 'HEAD' ? '' : body, durationMs: finish - now };
  }

  /** Handle a terminating signal: gunicorn's shutdown lines, ports closed, processes gone. Returns the exit code. */
  stop(sig: SignalName = 'SIGTERM'): number {
    if (this.state === 'stopped') return 0;
    if (this.state === 'running' || this.state === 'booting') {
      const name = SIG_NAMES[sig];
      if (name) this.log.log('info', this.pid, `Handling signal: ${name}`);
      if (sig !== 'SIGKILL') for (const w of this.workers) this.log.log('info', w.pid, `Worker exiting (pid: ${w.pid})`);
    }
    if (sig === 'SIGKILL') {
      this.cleanup();
      return 137;
    }
    this.halt(null, 0);
    return 0;
  }

  private halt(reason: string | null, exitStatus: number): void {
    const level = exitStatus === 0 ? 'info' : 'error';
    this.log.log(level, this.pid, 'Shutting down: Master');
    if (reason) this.log.log(level, this.pid, `Reason: ${reason}`);
    this.cleanup();
  }

  private cleanup(): void {
    for (const l of this.listeners) this.world.net.close(l);
    this.listeners = [];
    for (const w of this.workers) this.world.procs.exit(w.pid);
    this.workers = [];
    if (this.ownsMaster && this.pid) this.world.procs.exit(this.pid);
    const was = this.state;
    this.state = 'stopped';
    if (was !== 'stopped') {
      this.world.notify('proc');
      for (const fn of this.onStop.splice(0)) fn();
    }
  }
}
