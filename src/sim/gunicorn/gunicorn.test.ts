import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { parseGunicornArgs } from './settings';
import { gunicornProgram } from './program';
import { startProgram, runProgram, settle } from '../programs/testing';
import { seedLaptopFiles } from '../programs/seed';
import { markInstalled } from '../programs/pyenv';

function world(): World {
  const w = new World();
  seedLaptopFiles(w.fs());
  markInstalled(w, 'flask');
  markInstalled(w, 'gunicorn');
  return w;
}

describe('parseGunicornArgs (gunicorn 23.0.0 config.py / app/base.py)', () => {
  it('parses workers, repeated binds, statsd host with default port 8125, prefix, tags and the app', () => {
    const r = parseGunicornArgs(['-w', '2', '-b', '127.0.0.1:4000', '--bind=:5000', '--statsd-host', 'localhost', '--statsd-prefix=demo', '--dogstatsd-tags', 'env:dev', 'myproject:app']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.workers).toBe(2);
    expect(r.settings.binds).toEqual(['127.0.0.1:4000', ':5000']);
    expect(r.settings.addresses[1]).toEqual({ kind: 'tcp', host: '', port: 5000 });
    expect(r.settings.statsdHost).toEqual({ host: 'localhost', port: 8125 });
    expect(r.settings.statsdPrefix).toBe('demo');
    expect(r.settings.dogstatsdTags).toBe('env:dev');
    expect(r.settings.app).toBe('myproject:app');
  });
  it('command line wins over GUNICORN_CMD_ARGS, whose positionals are ignored', () => {
    const r = parseGunicornArgs(['-w', '3', 'myproject:app'], { GUNICORN_CMD_ARGS: '--workers=5 --bind 0.0.0.0:9000 other:app' });
    expect(r.ok && r.settings.workers).toBe(3);
    expect(r.ok && r.settings.binds).toEqual(['0.0.0.0:9000']);
    expect(r.ok && r.settings.app).toBe('myproject:app');
  });
  it('argparse errors: unknown flag, missing value, bad int, ambiguous prefix (exit 2)', () => {
    expect(parseGunicornArgs(['--foo', 'm:app'])).toEqual({ ok: false, exitCode: 2, error: 'usage: gunicorn [OPTIONS] [APP_MODULE]\ngunicorn: error: unrecognized arguments: --foo' });
    const b = parseGunicornArgs(['-b']);
    expect(!b.ok && b.error).toContain('gunicorn: error: argument -b/--bind: expected one argument');
    const w = parseGunicornArgs(['-w', 'abc', 'm:app']);
    expect(!w.ok && w.error).toContain("argument -w/--workers: invalid int value: 'abc'");
    const a = parseGunicornArgs(['--work=3', 'm']);
    expect(!a.ok && a.error).toContain('ambiguous option: --work=3 could match --workers, --worker-class, --worker-connections, --worker-tmp-dir');
    expect(parseGunicornArgs(['m:app', '-w', '2', 'x'])).toMatchObject({ ok: false, exitCode: 2 });
  });
  it('config errors exit 1 with gunicorn text', () => {
    expect(parseGunicornArgs([])).toEqual({ ok: false, exitCode: 1, error: '\nError: No application module specified.' });
    expect(parseGunicornArgs(['-b', 'foo:bar', 'm:app'])).toEqual({ ok: false, exitCode: 1, error: "\nError: 'bar' is not a valid port number.\n" });
    expect(parseGunicornArgs(['--statsd-host=bad:xx', 'm:app'])).toEqual({ ok: false, exitCode: 1, error: "\nError: Value must be one of ('host:port', 'unix://PATH')" });
    expect(parseGunicornArgs(['-w', '-1', 'm:app'])).toEqual({ ok: false, exitCode: 1, error: '\nError: Value must be positive: -1' });
  });
  it('reads a Python config file (-c) and the command line overrides it', () => {
    const w = world();
    w.fs().write('/home/learner/myproject/gconf.py', 'import multiprocessing\nbind = "0.0.0.0:4000"\nworkers = multiprocessing.cpu_count() * 2 + 1\nstatsd_host = "localhost:8125"\n');
    const r = parseGunicornArgs(['-c', 'gconf.py', '-w', '2', 'wsgi:app'], {}, { fs: w.fs(), cwd: '/home/learner/myproject' });
    expect(r.ok && r.settings.binds).toEqual(['0.0.0.0:4000']);
    expect(r.ok && r.settings.workers).toBe(2);
    const r2 = parseGunicornArgs(['-c', 'gconf.py', 'wsgi:app'], {}, { fs: w.fs(), cwd: '/home/learner/myproject' });
    expect(r2.ok && r2.settings.workers).toBe(9);
    expect(parseGunicornArgs(['-c', 'nope.py', 'm:app'], {}, { fs: w.fs() })).toMatchObject({ ok: false, error: "\nError: 'nope.py' doesn't exist" });
  });
});

describe('gunicorn program', () => {
  it('is "command not found" before pip install', async () => {
    const w = new World();
    const r = await runProgram(gunicornProgram, w, ['gunicorn', 'myproject:app']);
    expect(r.code).toBe(127);
    expect(r.err).toBe('bash: gunicorn: command not found\n');
  });

  it('boots, serves, sends statsd lines per request (instrument/statsd.py) and shuts down on Ctrl-C', async () => {
    const w = world();
    const got: string[] = [];
    w.net.listen({ proto: 'udp', host: 'laptop', ip: '127.0.0.1', port: 8125, owner: { pid: 1, name: 'statsd' }, onDatagram: (d) => got.push(new TextDecoder().decode(d)) });
    const g = startProgram(gunicornProgram, w, ['gunicorn', '-w', '2', '-b', '127.0.0.1:4000', '--statsd-host=127.0.0.1:8125', '--statsd-prefix=demo', '--dogstatsd-tags=env:dev', 'myproject:app']);
    await settle();
    const log = g.err();
    expect(log).toMatch(/^\[2026-01-01 12:00:00 \+0000\] \[\d+\] \[INFO\] Starting gunicorn 23\.0\.0\n/);
    expect(log).toContain(`Listening at: http://127.0.0.1:4000 (${g.pid})`);
    expect(log).toContain('[INFO] Using worker: sync');
    expect(log.match(/Booting worker with pid: \d+/g)).toHaveLength(2);
    expect(got).toEqual(['demo.gunicorn.workers:2|g|#env:dev']);

    for (const path of ['/', '/nope', '/error']) {
      const res = w.net.http('laptop', '127.0.0.1', 4000, { method: 'GET', path, headers: {}, body: '' });
      if (typeof res === 'string') throw new Error(res);
      w.clock.advance(res.durationMs + 1);
    }
    const lines = got.slice(1);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^demo\.gunicorn\.request\.duration:\d+\.\d+\|ms\|#env:dev$/);
    expect(lines.slice(1, 3)).toEqual(['demo.gunicorn.requests:1|c|@1.0|#env:dev', 'demo.gunicorn.request.status.200:1|c|@1.0|#env:dev']);
    expect(lines[5]).toBe('demo.gunicorn.request.status.404:1|c|@1.0|#env:dev');
    expect(lines[8]).toBe('demo.gunicorn.request.status.500:1|c|@1.0|#env:dev');
    expect(g.err()).toContain('ERROR in app: Exception on /error [GET]');
    expect(g.err()).toContain('ValueError: Something went wrong');

    g.signal('SIGINT');
    expect(await g.done).toBe(0);
    expect(g.err()).toMatch(/\[INFO\] Handling signal: int\n(.*Worker exiting \(pid: \d+\)\n){2}.*\[INFO\] Shutting down: Master\n$/);
    expect(w.net.list('laptop').some((l) => l.port === 4000)).toBe(false);
  });

  it('an unresolvable statsd host drops metrics silently, as gunicorn does', async () => {
    const w = world();
    const g = startProgram(gunicornProgram, w, ['gunicorn', '-b', ':4001', '--statsd-host=nosuchhost:8125', 'myproject:app']);
    await settle();
    const res = w.net.http('laptop', '127.0.0.1', 4001, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(typeof res !== 'string' && res.status).toBe(200);
    g.signal();
    expect(await g.done).toBe(0);
  });

  it('missing module and missing attribute fail like the real worker boot', async () => {
    const w = world();
    const a = await runProgram(gunicornProgram, w, ['gunicorn', 'nosuch:app']);
    expect(a.code).toBe(3);
    expect(a.err).toContain("ModuleNotFoundError: No module named 'nosuch'");
    expect(a.err).toMatch(/\[ERROR\] Worker \(pid:\d+\) exited with code 3\n.*\[ERROR\] Shutting down: Master\n.*\[ERROR\] Reason: Worker failed to boot\.\n$/);
    const b = await runProgram(gunicornProgram, w, ['gunicorn', 'myproject:nope']);
    expect(b.code).toBe(4);
    expect(b.err).toContain("\nFailed to find attribute 'nope' in 'myproject'.\n");
    expect(b.err).toContain('Reason: App failed to load.');
  });

  it('port in use: five "Connection in use" tries then "Can\'t connect"', async () => {
    const w = world();
    w.net.listen({ proto: 'tcp', host: 'laptop', ip: '127.0.0.1', port: 4000, owner: { pid: 9, name: 'x' }, onHttp: () => ({ status: 200, reason: 'OK', headers: {}, body: '', durationMs: 0 }) });
    const t0 = w.clock.now();
    const r = await runProgram(gunicornProgram, w, ['gunicorn', '-b', '127.0.0.1:4000', 'wsgi:app']);
    expect(r.code).toBe(1);
    expect(r.err.match(/Connection in use: \('127\.0\.0\.1', 4000\)/g)).toHaveLength(5);
    expect(r.err).toContain("[ERROR] Can't connect to ('127.0.0.1', 4000)");
    expect(w.clock.now() - t0).toBe(4000);
  });
});
