/**
 * Node-only (tests and bench; never imported by the app): runs the REFERENCE statsd's own code — the installed
 * npm package `statsd` (stats.js, lib/process_metrics.js, lib/helpers.js, lib/set.js, backends/graphite.js) —
 * in this process, unmodified, with its I/O replaced:
 *  - stats.js is evaluated whole; its config callback runs synchronously with our config, its UDP server's
 *    'message' callback (the packet handler) and its flush timer callback (flushMetrics) are captured;
 *  - backends/graphite.js gets a fake `net` whose socket "connects" at once and records the text payload;
 *  - `Date` is a controllable clock, so timestamps and the timing metrics (processing_time, calculationtime,
 *    flush_time) are deterministic;
 *  - logging, the management server and process signal handlers are no-ops.
 * The only source change: undeclared variables the reference assigns as implicit globals (stats.js's
 * bad_lines_seen/packets_received/metrics_received, process_metrics.js's conf/bins/bin_name) are declared
 * module-local so that two instances cannot leak into each other.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import * as nodeUtil from 'node:util';
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';

const req = createRequire(import.meta.url);
export const REFERENCE_ROOT = nodePath.dirname(req.resolve('statsd/package.json'));
export const REFERENCE_VERSION: string = JSON.parse(readFileSync(nodePath.join(REFERENCE_ROOT, 'package.json'), 'utf8')).version;

const IMPLICIT_GLOBALS: Record<string, string> = {
  'stats.js': 'var bad_lines_seen, packets_received, metrics_received;\n',
  'lib/process_metrics.js': 'var conf, bins, bin_name;\n',
};

export interface ReferenceStatsd {
  /** The captured UDP 'message' handler of stats.js (copies the message into a Buffer first). */
  handlePacket(msg: string | Uint8Array): void;
  /** The captured handler itself, to be called with a Buffer as node's dgram does (for benchmarks). */
  onMessage: (msg: Buffer, rinfo: unknown) => void;
  /** Run stats.js flushMetrics at `nowMs`; returns the graphite text payload lines (`path value ts`). */
  flush(nowMs: number): string[];
  /** Set the reference's clock (Date.now / new Date()). */
  setNow(nowMs: number): void;
  /** Source files evaluated for this instance. */
  files: string[];
}

export function referenceSource(rel: string): string {
  return readFileSync(nodePath.join(REFERENCE_ROOT, rel), 'utf8');
}

/** Load a fresh reference statsd with `config` (as it would be read from its config file). */
export function loadReferenceStatsd(config: Record<string, unknown>, startMs = 0): ReferenceStatsd {
  let now = startMs;
  class FakeDate {
    private t: number;
    constructor() {
      this.t = now;
    }
    getTime(): number {
      return this.t;
    }
    toString(): string {
      return new Date(this.t).toString();
    }
    static now(): number {
      return now;
    }
  }

  let onMessage: ((msg: unknown, rinfo: unknown) => void) | null = null;
  let flushFn: (() => void) | null = null;
  let payload: string | null = null;
  const cache = new Map<string, unknown>();
  const files: string[] = [];

  const fakeNet = {
    createConnection() {
      const sock = new EventEmitter() as EventEmitter & { write(s: string): void; end(): void };
      sock.write = (s: string) => {
        payload = String(s);
      };
      sock.end = () => {};
      const on = sock.on.bind(sock);
      sock.on = ((ev: string, fn: (...a: unknown[]) => void) => {
        if (ev === 'connect') fn.call(sock);
        else on(ev, fn);
        return sock;
      }) as typeof sock.on;
      return sock;
    },
  };
  const fakeProcess = { on() {}, argv: ['node', 'stats.js', 'config.js'], pid: 1, exit() {}, title: 'statsd' };
  const shims: Record<string, unknown> = {
    util: { ...nodeUtil, log() {} },
    net: fakeNet,
    fs: nodeFs,
    events: req('node:events'),
    './lib/config': { configFile: (_f: string, cb: (c: unknown) => void) => cb(config) },
    './lib/logger': { Logger: class { log() {} } },
    './lib/process_mgmt': { init() {} },
    './lib/mgmt_server': { start() {} },
    './lib/mgmt_console': { delete_stats() {} },
    './servers/udp': {
      start(_c: unknown, cb: (msg: unknown, rinfo: unknown) => void) {
        onMessage = cb;
        return true;
      },
    },
  };

  function load(rel: string): unknown {
    const norm = nodePath.posix.normalize(rel).replace(/\.js$/, '');
    if (cache.has(norm)) return (cache.get(norm) as { exports: unknown }).exports;
    const file = norm + '.js';
    const src = (IMPLICIT_GLOBALS[file] ?? '') + referenceSource(file);
    files.push(file);
    const module = { exports: {} as unknown };
    cache.set(norm, module);
    const dir = nodePath.posix.dirname(file);
    const localRequire = (name: string): unknown => {
      const key = name.startsWith('.') ? './' + nodePath.posix.join(dir, name) : name;
      const shimKey = name.startsWith('.') ? './' + nodePath.posix.normalize(nodePath.posix.join(dir, name)) : name;
      if (shimKey in shims) return shims[shimKey];
      if (name.startsWith('.')) return load(nodePath.posix.normalize(key));
      throw new Error(`reference-harness: unexpected require('${name}') from ${file}`);
    };
    const fn = new Function('require', 'module', 'exports', 'process', 'setTimeout', 'setInterval', 'Date', src);
    const fakeSetTimeout = (f: () => void) => {
      flushFn = f;
      return 0;
    };
    fn(localRequire, module, module.exports, fakeProcess, fakeSetTimeout, () => 0, FakeDate);
    return module.exports;
  }

  load('stats.js');
  if (!onMessage || !flushFn) throw new Error('reference-harness: stats.js did not start a server and a flush timer');

  return {
    files,
    onMessage: onMessage as (msg: Buffer, rinfo: unknown) => void,
    setNow(ms) {
      now = ms;
    },
    handlePacket(msg) {
      onMessage!(typeof msg === 'string' ? Buffer.from(msg) : Buffer.from(msg), { address: '127.0.0.1', port: 40000, size: msg.length });
    },
    flush(ms) {
      now = ms;
      payload = null;
      flushFn!();
      if (payload === null) return [];
      return (payload as string).split('\n').filter((l) => l.length > 0);
    },
  };
}
