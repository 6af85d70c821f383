/**
 * gunicorn's logger (gunicorn/glogging.py Logger) and its statsd variant (gunicorn/instrument/statsd.py
 * Statsd), gunicorn 23.0.0:
 *  - error log: "%(asctime)s [%(process)d] [%(levelname)s] %(message)s" with datefmt "[%Y-%m-%d %H:%M:%S %z]"
 *    to --error-logfile ('-' = stderr), filtered by --log-level;
 *  - access log (only with --access-logfile; '-' = stdout) with --access-logformat atoms (Logger.atoms);
 *  - with --statsd-host every warning/error/critical/exception log line also sends
 *    "<prefix>gunicorn.log.<level>:1|c|@1.0", and Logger.access sends request.duration / requests /
 *    request.status.<code>; one datagram per metric; "|#<tags>" appended when --dogstatsd-tags is set.
 *    If the statsd host cannot be resolved the socket is None and metrics are silently dropped.
 */
import type { World } from '../world';
import type { GunicornSettings } from './settings';

export interface LogSink {
  out(text: string): void;
  err(text: string): void;
}

const LEVELS: Record<string, number> = { debug: 10, info: 20, warning: 30, error: 40, critical: 50 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export function errorLogTime(ms: number): string {
  const d = new Date(ms);
  return `[${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000]`;
}

export function accessLogTime(ms: number): string {
  const d = new Date(ms);
  return `[${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000]`;
}

/** Python's str(float) for the durations we produce (µs resolution). */
export function pyFloat(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return Number.isInteger(r) ? `${r}.0` : String(r);
}

/** instrument/statsd.py: sub(r"^(.+[^.]+)\.*$", "\g<1>.", cfg.statsd_prefix) */
export function statsdPrefix(prefix: string): string {
  return prefix.replace(/^(.+[^.]+)\.*$/, '$1.');
}

export class StatsdClient {
  readonly prefix: string;
  constructor(
    private world: World,
    private fromHost: string,
    private settings: Pick<GunicornSettings, 'statsdHost' | 'statsdSocket' | 'statsdPrefix' | 'dogstatsdTags'>,
  ) {
    this.prefix = statsdPrefix(settings.statsdPrefix);
  }
  get enabled(): boolean {
    return this.settings.statsdHost !== null || this.settings.statsdSocket !== null;
  }
  gauge(name: string, value: number | string): void {
    this.send(`${this.prefix}${name}:${value}|g`);
  }
  increment(name: string, value = 1, rate = '1.0'): void {
    this.send(`${this.prefix}${name}:${value}|c|@${rate}`);
  }
  timer(name: string, ms: number): void {
    this.send(`${this.prefix}${name}:${pyFloat(ms)}|ms`);
  }
  private send(msg: string): void {
    if (this.settings.dogstatsdTags) msg += '|#' + this.settings.dogstatsdTags;
    const h = this.settings.statsdHost;
    if (!h) return; // unix datagram sockets are not simulated
    // sendUdp returns 'ENOTFOUND' for a name that does not resolve: gunicorn's sock is None then, dropped.
    this.world.net.sendUdp(this.fromHost, h.host, h.port, msg);
  }
}

export interface AccessInfo {
  remoteAddr: string;
  method: string;
  path: string; // with query
  status: number;
  sent: number | null;
  headers: Record<string, string>;
  requestMs: number;
  pid: number;
  now: number;
}

export function formatAccess(fmt: string, a: AccessInfo): string {
  const [pathOnly, query = ''] = a.path.split(/\?(.*)/s);
  const sec = Math.floor(a.requestMs / 1000);
  const us = Math.round((a.requestMs - sec * 1000) * 1000);
  const hdr = (name: string) => {
    const k = Object.keys(a.headers).find((x) => x.toLowerCase() === name.toLowerCase());
    return k ? a.headers[k]! : '-';
  };
  const atoms: Record<string, string> = {
    h: a.remoteAddr, l: '-', u: '-', t: accessLogTime(a.now), r: `${a.method} ${a.path} HTTP/1.1`, s: String(a.status),
    m: a.method, U: pathOnly ?? '/', q: query, H: 'HTTP/1.1', b: a.sent !== null ? String(a.sent) : '-', B: a.sent !== null ? String(a.sent) : 'None',
    f: hdr('Referer'), a: hdr('User-Agent'), T: String(sec), D: String(sec * 1000000 + us), M: String(sec * 1000 + Math.floor(us / 1000)),
    L: `${sec}.${String(us).padStart(6, '0')}`, p: `<${a.pid}>`,
  };
  return fmt.replace(/%\(([^)]*)\)s/g, (m, key: string) => {
    const h = /^\{(.+)\}(i|o|e)$/.exec(key);
    if (h) return h[2] === 'i' ? hdr(h[1]!) : '-';
    return atoms[key] ?? m.replace(/%\(.*\)s/, '-');
  });
}

export class GLogger {
  readonly statsd: StatsdClient;
  private level: number;
  constructor(
    private world: World,
    private host: string,
    private settings: GunicornSettings,
    private sink: LogSink,
  ) {
    this.statsd = new StatsdClient(world, host, settings);
    this.level = LEVELS[settings.logLevel] ?? 20;
  }

  private write(target: string | null, text: string, toErr: boolean): void {
    if (target === null) return;
    if (target === '-') {
      if (toErr) this.sink.err(text);
      else this.sink.out(text);
      return;
    }
    const fs = this.world.fs(this.host);
    const path = target.startsWith('/') ? target : `${this.settings.raw.chdir ?? '/home/learner/myproject'}/${target}`;
    fs.write(path, (fs.read(path) ?? '') + text);
  }

  log(level: 'debug' | 'info' | 'warning' | 'error' | 'critical' | 'exception', pid: number, msg: string, extra = ''): void {
    const lv = level === 'exception' ? 'error' : level;
    if ((LEVELS[lv] ?? 20) >= this.level) {
      const line = `${errorLogTime(this.world.clock.now())} [${pid}] [${lv.toUpperCase()}] ${msg}\n${extra ? extra.replace(/\n?$/, '\n') : ''}`;
      this.write(this.settings.errorLog, line, true);
    }
    if (this.statsd.enabled && level !== 'info' && level !== 'debug') this.statsd.increment(`gunicorn.log.${level}`, 1);
  }

  /** Raw text on the error stream (what the app or a worker prints to stderr). */
  raw(text: string): void {
    this.write(this.settings.errorLog, text.replace(/\n?$/, '\n'), true);
  }

  access(a: AccessInfo): void {
    if (this.settings.accessLog !== null) this.write(this.settings.accessLog, formatAccess(this.settings.accessLogFormat, a) + '\n', false);
    if (this.statsd.enabled) {
      this.statsd.timer('gunicorn.request.duration', a.requestMs);
      this.statsd.increment('gunicorn.requests', 1);
      this.statsd.increment(`gunicorn.request.status.${a.status}`, 1);
    }
  }
}
