/**
 * parseGunicornArgs: command line + GUNICORN_CMD_ARGS + config file → gunicorn settings, following
 * gunicorn 23.0.0 gunicorn/app/base.py Application.load_config():
 *   1. parse argv (argparse errors → usage + "gunicorn: error: ...", exit 2)
 *   2. APP_MODULE = first positional of argv (positionals in GUNICORN_CMD_ARGS are ignored)
 *   3. parse GUNICORN_CMD_ARGS (shlex-split)
 *   4. config file: -c from argv, else from GUNICORN_CMD_ARGS, else ./gunicorn.conf.py if it exists
 *   5. apply GUNICORN_CMD_ARGS values, then argv values (the command line wins)
 *   6. no APP_MODULE and no `wsgi_app` → "Error: No application module specified." (exit 1)
 * Validation errors are printed by BaseApplication.do_load_config as "\nError: <msg>" (exit 1); a bad bind
 * address fails later in Arbiter setup (util.parse_address) as "\nError: <msg>\n" (exit 1).
 */
import { parseCli, shlexSplit } from './argparse';
import { GUNICORN_SETTINGS } from './options.generated';
import { evalPyConfig, type PyValue } from './pyconfig';
import { resolvePath, type SimFs } from '../fs';

export const GUNICORN_VERSION = '23.0.0';

export type BindAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export interface GunicornSettings {
  workers: number;
  /** Bind strings as given (`-b` / `bind =`). */
  binds: string[];
  /** The binds parsed by gunicorn's util.parse_address. */
  addresses: BindAddress[];
  statsdHost: { host: string; port: number } | null;
  /** `--statsd-host unix:/path` (AF_UNIX datagram socket). */
  statsdSocket: string | null;
  /** As given; the "." is added by the statsd logger (see statsdPrefix()). */
  statsdPrefix: string;
  dogstatsdTags: string;
  app: string | null;
  accessLog: string | null;
  accessLogFormat: string;
  errorLog: string;
  logLevel: string;
  workerClass: string;
  threads: number;
  timeout: number;
  gracefulTimeout: number;
  name: string | null;
  daemon: boolean;
  configFile: string | null;
  /** Every setting by gunicorn's own name (bind, workers, statsd_host ...), after validation. */
  raw: Record<string, unknown>;
}

export type ParseResult =
  | { ok: true; settings: GunicornSettings; info: 'help' | 'version' | null }
  | { ok: false; error: string; exitCode: number };

export interface ParseOptions {
  /** Filesystem and cwd for `-c FILE` and ./gunicorn.conf.py. */
  fs?: SimFs;
  cwd?: string;
}

class ConfigError extends Error {}

/** gunicorn/util.py parse_address. Throws ConfigError with gunicorn's RuntimeError text. */
export function parseAddress(netloc: string, defaultPort = '8000'): BindAddress {
  const unix = /^unix:(\/\/)?/.exec(netloc);
  if (unix) return { kind: 'unix', path: netloc.slice(unix[0].length) };
  if (netloc.startsWith('fd://')) {
    const fd = netloc.slice(5);
    if (!/^[+-]?\d+$/.test(fd)) throw new ConfigError(`'${fd}' is not a valid file descriptor.`);
    throw new ConfigError(`fd://${fd}: inherited sockets are not available in this simulation.`);
  }
  if (netloc.startsWith('tcp://')) netloc = netloc.split('tcp://')[1]!;
  let host = netloc;
  let port = defaultPort;
  if (netloc.includes('[') && netloc.includes(']')) {
    host = netloc.split(']')[0]!.slice(1);
    port = [...netloc.split(']:'), defaultPort][1]!;
  } else if (netloc.includes(':')) {
    const parts = [...netloc.split(':'), defaultPort];
    host = parts[0]!;
    port = parts[1]!;
  } else if (netloc === '') {
    host = '0.0.0.0';
  }
  if (!/^\s*[+-]?\d+\s*$/.test(port)) throw new ConfigError(`'${port}' is not a valid port number.`);
  return { kind: 'tcp', host: host.toLowerCase(), port: parseInt(port, 10) };
}

function pyRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return String(v);
}

function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** The validators of gunicorn/config.py, by name. */
function validate(name: string, val: unknown): unknown {
  const validator = GUNICORN_SETTINGS[name]?.validator;
  switch (validator) {
    case 'validate_pos_int': {
      let n: number;
      if (typeof val === 'number' || typeof val === 'boolean') n = Number(val);
      else if (typeof val === 'string') {
        // int(val, 0)
        const t = val.trim();
        if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) n = parseInt(t, 16);
        else if (/^[+-]?0[oO][0-7]+$/.test(t)) n = parseInt(t.replace(/0[oO]/, ''), 8);
        else if (/^[+-]?([1-9][\d_]*|0+)$/.test(t)) n = parseInt(t.replace(/_/g, ''), 10);
        else throw new ConfigError(`invalid literal for int() with base 0: '${val}'`);
      } else throw new ConfigError(`int() argument must be a string, a bytes-like object or a real number, not '${Array.isArray(val) ? 'list' : typeof val}'`);
      if (n < 0) throw new ConfigError(`Value must be positive: ${n}`);
      return Math.trunc(n);
    }
    case 'validate_string':
    case 'validate_class':
    case 'validate_chdir':
    case 'validate_user':
    case 'validate_group':
      if (val === null || val === undefined) return null;
      if (validator === 'validate_string' && typeof val !== 'string') throw new ConfigError(`Not a string: ${pyStr(val)}`);
      return typeof val === 'string' ? val.trim() : val;
    case 'validate_bool':
      if (val === null || val === undefined || typeof val === 'boolean') return val;
      if (typeof val !== 'string') throw new ConfigError(`Invalid type for casting: ${pyStr(val)}`);
      if (val.toLowerCase().trim() === 'true') return true;
      if (val.toLowerCase().trim() === 'false') return false;
      throw new ConfigError(`Invalid boolean: ${val}`);
    case 'validate_list_string': {
      if (!val) return [];
      const list = typeof val === 'string' ? [val] : Array.isArray(val) ? val : [val];
      return list.map((x) => {
        if (typeof x !== 'string') throw new ConfigError(`Not a string: ${pyStr(x)}`);
        return x.trim();
      });
    }
    case 'validate_statsd_address': {
      if (val === null || val === undefined) return null;
      if (typeof val !== 'string') throw new ConfigError(`Not a string: ${pyStr(val)}`);
      const s = val.trim();
      const legacy = /^unix:(\d+)$/.exec(s);
      if (legacy) return { kind: 'tcp', host: 'unix', port: parseInt(legacy[1]!, 10) };
      try {
        return parseAddress(s, '8125');
      } catch {
        throw new ConfigError("Value must be one of ('host:port', 'unix://PATH')");
      }
    }
    default:
      return val;
  }
}

function defaults(env: Record<string, string>): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const [k, s] of Object.entries(GUNICORN_SETTINGS)) m.set(k, s.default);
  // Bind and Workers read the environment when config.py is imported.
  m.set('bind', env.PORT !== undefined ? [`0.0.0.0:${env.PORT}`] : ['127.0.0.1:8000']);
  const wc = env.WEB_CONCURRENCY;
  // chdir defaults to the process cwd (util.getcwd()); null here means "the cwd the program runs in".
  m.set('chdir', null);
  m.set('workers', wc !== undefined && /^\s*[+-]?\d+\s*$/.test(wc) ? parseInt(wc, 10) : 1);
  return m;
}

export function parseGunicornArgs(argv: string[], env: Record<string, string> = {}, opts: ParseOptions = {}): ParseResult {
  try {
    return parseInner(argv, env, opts);
  } catch (e) {
    // Never throw out of the public API.
    return { ok: false, error: `\nError: ${(e as Error).message}`, exitCode: 1 };
  }
}

function parseInner(argv: string[], env: Record<string, string>, opts: ParseOptions): ParseResult {
  const cli = parseCli(argv);
  if (!cli.ok) return { ok: false, error: cli.error, exitCode: 2 };
  const cfg = defaults(env);
  const set = (k: string, v: unknown) => cfg.set(k, validate(k, v));
  let app: string | null = cli.args[0] ?? null;
  let configFile: string | null = null;

  let envCli: Map<string, unknown> = new Map();
  if (env.GUNICORN_CMD_ARGS !== undefined) {
    const words = shlexSplit(env.GUNICORN_CMD_ARGS);
    if (words === null) return { ok: false, error: '\nError: No closing quotation', exitCode: 1 };
    const parsed = parseCli(words);
    if (!parsed.ok) return { ok: false, error: parsed.error, exitCode: 2 };
    envCli = parsed.values;
  }

  try {
    // Config file.
    const cwd = opts.cwd ?? '/home/learner/myproject';
    let location = (cli.values.get('config') as string | undefined) ?? (envCli.get('config') as string | undefined);
    if (location === undefined && opts.fs?.exists(resolvePath(cwd, 'gunicorn.conf.py'))) location = resolvePath(cwd, 'gunicorn.conf.py');
    if (location !== undefined) {
      if (location.startsWith('python:')) throw new ConfigError(`No module named '${location.slice(7)}'`);
      const filename = location.startsWith('file:') ? location.slice(5) : location;
      const path = resolvePath(cwd, filename);
      const src = opts.fs?.read(path) ?? null;
      if (src === null) throw new ConfigError(`'${filename}' doesn't exist`);
      configFile = path;
      const r = evalPyConfig(src);
      if (!r.ok) {
        const [type, ...rest] = r.error.split(': ');
        return {
          ok: false,
          exitCode: 1,
          error:
            `Failed to read config file: ${filename}\nTraceback (most recent call last):\n` +
            `  File "${path}", line ${r.line}, in <module>\n    ${r.text.split('\n')[0]}\n${type}: ${rest.join(': ')}`,
        };
      }
      for (const [k, v] of Object.entries(r.vars)) {
        if (!(k in GUNICORN_SETTINGS)) continue;
        try {
          set(k.toLowerCase(), v as PyValue);
        } catch (e) {
          throw new ConfigError(`Invalid value for ${k}: ${pyStr(v)}\n\n\nError: ${(e as Error).message}`);
        }
      }
    }
    for (const [k, v] of envCli) if (v !== null && v !== undefined) set(k, v);
    for (const [k, v] of cli.values) if (v !== null && v !== undefined) set(k, v);
  } catch (e) {
    if (e instanceof ConfigError) {
      // "Invalid value for k: v\n" is printed (print adds a newline) before do_load_config's "\nError: ...".
      const msg = e.message.startsWith('Invalid value for ') ? e.message : `\nError: ${e.message}`;
      return { ok: false, error: msg, exitCode: 1 };
    }
    throw e;
  }

  if (app === null && typeof cfg.get('wsgi_app') === 'string') app = cfg.get('wsgi_app') as string;
  const info = cli.help ? 'help' : cli.version ? 'version' : null;
  if (app === null && info === null) return { ok: false, error: '\nError: No application module specified.', exitCode: 1 };

  const binds = (cfg.get('bind') as string[]) ?? [];
  const addresses: BindAddress[] = [];
  if (info === null) {
    for (const b of binds) {
      try {
        addresses.push(parseAddress(b));
      } catch (e) {
        return { ok: false, error: `\nError: ${(e as Error).message}\n`, exitCode: 1 };
      }
    }
  }
  const statsd = cfg.get('statsd_host') as BindAddress | null;
  const threads = (cfg.get('threads') as number) ?? 1;
  let workerClass = String(cfg.get('worker_class') ?? 'sync');
  if ((workerClass === 'sync' || workerClass.endsWith('SyncWorker')) && threads > 1) workerClass = 'gthread';
  const settings: GunicornSettings = {
    workers: cfg.get('workers') as number,
    binds,
    addresses,
    statsdHost: statsd && statsd.kind === 'tcp' ? { host: statsd.host || '127.0.0.1', port: statsd.port } : null,
    statsdSocket: statsd && statsd.kind === 'unix' ? statsd.path : null,
    statsdPrefix: (cfg.get('statsd_prefix') as string) ?? '',
    dogstatsdTags: (cfg.get('dogstatsd_tags') as string) ?? '',
    app,
    accessLog: (cfg.get('accesslog') as string | null) ?? null,
    accessLogFormat: cfg.get('access_log_format') as string,
    errorLog: (cfg.get('errorlog') as string) ?? '-',
    logLevel: String(cfg.get('loglevel') ?? 'info').toLowerCase(),
    workerClass,
    threads,
    timeout: cfg.get('timeout') as number,
    gracefulTimeout: cfg.get('graceful_timeout') as number,
    name: (cfg.get('proc_name') as string | null) ?? null,
    daemon: cfg.get('daemon') === true,
    configFile,
    raw: Object.fromEntries(cfg),
  };
  return { ok: true, settings, info };
}
