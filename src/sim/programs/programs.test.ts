import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { runProgram, startProgram, settle } from './testing';
import { seedLaptopFiles } from './seed';
import { pipProgram } from './pip';
import { python3Program } from './python';
import { curlProgram } from './curl';
import { ncProgram } from './nc';
import { heyProgram } from './hey';
import { ssProgram } from './ss';
import { gunicornProgram } from '../gunicorn/program';
import { ProgramRegistry } from '../shell/program';
import { registerLaptopPrograms } from './index';

function world(): World {
  const w = new World();
  seedLaptopFiles(w.fs());
  return w;
}

describe('pip', () => {
  it('installs flask + gunicorn with deps, then says "Requirement already satisfied"', async () => {
    const w = world();
    const a = await runProgram(pipProgram, w, ['pip', 'install', 'flask', 'gunicorn']);
    expect(a.code).toBe(0);
    expect(a.out).toContain('Collecting blinker>=1.9.0 (from flask)');
    expect(a.out).toContain('Successfully installed blinker-1.9.0 click-8.3.1 flask-3.1.2 gunicorn-23.0.0 itsdangerous-2.2.0 jinja2-3.1.6 markupsafe-3.0.3 packaging-25.0 werkzeug-3.1.4');
    expect((w.facts.get('pip.installed') as Set<string>).has('gunicorn')).toBe(true);
    const b = await runProgram(pipProgram, w, ['pip', 'install', 'flask']);
    expect(b.out).toMatch(/^Requirement already satisfied: flask in \/usr\/local\/lib\/python3\.12\/site-packages \(3\.1\.2\)/);
    const c = await runProgram(pipProgram, w, ['pip', 'install', 'nosuchpkg']);
    expect(c.code).toBe(1);
    expect(c.err).toContain('ERROR: No matching distribution found for nosuchpkg');
  });
});

describe('python myproject.py (Werkzeug dev server)', () => {
  it('fails with ModuleNotFoundError before pip install flask', async () => {
    const r = await runProgram(python3Program, world(), ['python3', 'myproject.py']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("ModuleNotFoundError: No module named 'flask'");
  });
  it('prints the real banner, serves on 5000, logs requests, and a second one gets "Address already in use"', async () => {
    const w = world();
    await runProgram(pipProgram, w, ['pip', 'install', 'flask']);
    const p = startProgram(python3Program, w, ['python3', 'myproject.py']);
    await settle();
    expect(p.out()).toBe(" * Serving Flask app 'myproject'\n * Debug mode: off\n");
    expect(p.err()).toContain('WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.');
    expect(p.err()).toContain(' * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:5000\n');
    const c = await runProgram(curlProgram, w, ['curl', '-s', 'http://127.0.0.1:5000/']);
    expect(c.out).toBe("<h1 style='color:blue'>Hello There!</h1>");
    expect(p.err()).toMatch(/127\.0\.0\.1 - - \[01\/Jan\/2026 12:00:0\d\] "GET \/ HTTP\/1\.1" 200 -/);
    const nf = await runProgram(curlProgram, w, ['curl', '-i', 'localhost:5000/nope']);
    expect(nf.out).toMatch(/^HTTP\/1\.1 404 NOT FOUND\r\n/);
    expect(nf.out).toContain('<title>404 Not Found</title>');
    const second = await runProgram(python3Program, w, ['python3', 'myproject.py']);
    expect(second.code).toBe(1);
    expect(second.err).toContain('Address already in use\nPort 5000 is in use by another program.');
    p.signal('SIGINT');
    expect(await p.done).toBe(0);
  });
});

describe('curl', () => {
  it('real connection errors and exit codes', async () => {
    const w = world();
    const a = await runProgram(curlProgram, w, ['curl', 'http://127.0.0.1:4000/']);
    expect(a).toMatchObject({ code: 7, err: "curl: (7) Failed to connect to 127.0.0.1 port 4000 after 0 ms: Couldn't connect to server\n" });
    const b = await runProgram(curlProgram, w, ['curl', 'http://foo/']);
    expect(b).toMatchObject({ code: 6, err: 'curl: (6) Could not resolve host: foo\n' });
    const s = await runProgram(curlProgram, w, ['curl', '-s', 'http://foo/']);
    expect(s).toMatchObject({ code: 6, err: '' });
  });
  it('-o /dev/null -w %{http_code} against gunicorn, /slow advances the clock', async () => {
    const w = world();
    await runProgram(pipProgram, w, ['pip', 'install', 'flask', 'gunicorn']);
    const g = startProgram(gunicornProgram, w, ['gunicorn', '-b', '127.0.0.1:4000', 'wsgi:app']);
    await settle();
    const e = await runProgram(curlProgram, w, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://127.0.0.1:4000/error']);
    expect(e.out).toBe('500');
    const t0 = w.clock.now();
    const s = await runProgram(curlProgram, w, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', 'localhost:4000/slow']);
    const [code, secs] = s.out.split(' ');
    expect(code).toBe('200');
    expect(Number(secs)).toBeGreaterThanOrEqual(0.2);
    expect(w.clock.now() - t0).toBeGreaterThanOrEqual(200);
    g.signal();
    await g.done;
  });
});

describe('nc (netcat-openbsd)', () => {
  it('-u sends stdin as one datagram; refused TCP and unknown host texts; -zv succeeded!', async () => {
    const w = world();
    const got: string[] = [];
    w.net.listen({ proto: 'udp', host: 'laptop', ip: '0.0.0.0', port: 8125, owner: { pid: 2, name: 'node' }, onDatagram: (d) => got.push(new TextDecoder().decode(d)) });
    const u = await runProgram(ncProgram, w, ['nc', '-u', '-w0', '127.0.0.1', '8125'], { stdin: 'a:1|c\nb:2|c\n' });
    expect(u.code).toBe(0);
    expect(got).toEqual(['a:1|c\nb:2|c\n']);
    const r = await runProgram(ncProgram, w, ['nc', '-v', '127.0.0.1', '4000']);
    expect(r).toMatchObject({ code: 1, err: 'nc: connect to 127.0.0.1 port 4000 (tcp) failed: Connection refused\n' });
    const h = await runProgram(ncProgram, w, ['nc', '-u', 'nosuch', '8125'], { stdin: 'x' });
    expect(h).toMatchObject({ code: 1, err: 'nc: getaddrinfo for host "nosuch" port 8125: Name or service not known\n' });
    const z = await runProgram(ncProgram, w, ['nc', '-zvu', '127.0.0.1', '8125']);
    expect(z.err).toBe('Connection to 127.0.0.1 8125 port [udp/*] succeeded!\n');
  });

  // netcat-openbsd 1.226 as Debian/Ubuntu 24.04 ship it (`apt-get source netcat-openbsd`; netcat.c):
  // remote_connect() warns about a failed connect only `if (vflag)`, prints "(IP)" when it differs from the
  // name and not with -n; main() calls connection_info() `if (vflag || zflag)`; ret is 0 once a port connects;
  // udptest() probes only with -z or a terminal on stdin; strtoport()/build_ports() errors and reversed ranges.
  it('matches Debian netcat.c: refused is silent without -v, -z alone reports success, "(IP)", exit codes', async () => {
    const w = world();
    w.net.listen({ proto: 'tcp', host: 'laptop', ip: '0.0.0.0', port: 4000, owner: { pid: 2, name: 'gunicorn' } });
    expect(await runProgram(ncProgram, w, ['nc', '127.0.0.1', '4001'])).toMatchObject({ code: 1, err: '' });
    expect(await runProgram(ncProgram, w, ['nc', '-z', '127.0.0.1', '4001'])).toMatchObject({ code: 1, err: '' });
    expect(await runProgram(ncProgram, w, ['nc', '-zv', 'localhost', '4001'])).toMatchObject({
      code: 1, err: 'nc: connect to localhost (127.0.0.1) port 4001 (tcp) failed: Connection refused\n',
    });
    expect(await runProgram(ncProgram, w, ['nc', '-z', 'localhost', '4000'])).toMatchObject({
      code: 0, err: 'Connection to localhost (127.0.0.1) 4000 port [tcp/*] succeeded!\n',
    });
    expect((await runProgram(ncProgram, w, ['nc', '-zn', '127.0.0.1', '4000'])).err).toBe('Connection to 127.0.0.1 4000 port [tcp/*] succeeded!\n');
    const range = await runProgram(ncProgram, w, ['nc', '-zv', '127.0.0.1', '4001-3999']);
    expect(range.code).toBe(0);
    expect(range.err.split('\n').filter(Boolean)).toEqual([
      'nc: connect to 127.0.0.1 port 3999 (tcp) failed: Connection refused',
      'Connection to 127.0.0.1 4000 port [tcp/*] succeeded!',
      'nc: connect to 127.0.0.1 port 4001 (tcp) failed: Connection refused',
    ]);
    expect(await runProgram(ncProgram, w, ['nc', '127.0.0.1', 'nosuch'])).toMatchObject({ code: 1, err: 'nc: service "nosuch" unknown\n' });
    expect(await runProgram(ncProgram, w, ['nc', '127.0.0.1', '70000'])).toMatchObject({ code: 1, err: 'nc: port number too large: 70000\n' });
    expect(await runProgram(ncProgram, w, ['nc', '-w', 'x', '127.0.0.1', '4000'])).toMatchObject({ code: 1, err: 'nc: timeout invalid: x\n' });
    // Piped into nc -uv: no udptest(), so no "succeeded!" line; a -zu probe where nothing listens: silent, exit 1.
    expect(await runProgram(ncProgram, w, ['nc', '-uv', '-w0', '127.0.0.1', '8125'], { stdin: 'a:1|c' })).toMatchObject({ code: 0, err: '' });
    expect(await runProgram(ncProgram, w, ['nc', '-zvu', '127.0.0.1', '8126'])).toMatchObject({ code: 1, err: '' });
  });
});

describe('hey + ss', () => {
  it('runs N requests with C workers, prints the summary, and the statsd counter sees every request', async () => {
    const w = world();
    await runProgram(pipProgram, w, ['pip', 'install', 'flask', 'gunicorn']);
    const lines: string[] = [];
    w.net.listen({ proto: 'udp', host: 'laptop', ip: '127.0.0.1', port: 8125, owner: { pid: 2, name: 'node' }, onDatagram: (d) => lines.push(new TextDecoder().decode(d)) });
    const g = startProgram(gunicornProgram, w, ['gunicorn', '-w', '2', '-b', ':4000', '--statsd-host=localhost:8125', 'myproject:app']);
    await settle();
    const ss = await runProgram(ssProgram, w, ['ss', '-lntup']);
    expect(ss.out.split('\n')[0]).toMatch(/^Netid +State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port +Process$/);
    expect(ss.out).toMatch(/udp +UNCONN .*127\.0\.0\.1:8125/);
    expect(ss.out).toMatch(/tcp +LISTEN +0 +2048 +0\.0\.0\.0:4000 .*users:\(\("gunicorn",pid=\d+,fd=5\)\)/);
    const h = await runProgram(heyProgram, w, ['hey', '-n', '40', '-c', '4', 'http://127.0.0.1:4000/slow']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('\nSummary:\n  Total:\t');
    expect(h.out).toContain('Response time histogram:');
    expect(h.out).toContain('Latency distribution:\n  10% in ');
    expect(h.out).toContain('Status code distribution:\n  [200]\t40 responses');
    expect(lines.filter((l) => l === 'gunicorn.requests:1|c|@1.0')).toHaveLength(40);
    const bad = await runProgram(heyProgram, w, ['hey', '-n', '2', '-c', '5', 'http://127.0.0.1:4000/']);
    expect(bad.err).toMatch(/^-n cannot be less than -c\.\n\nUsage: hey/);
    g.signal();
    await g.done;
  });
  it('registerLaptopPrograms registers every program with summary, man and completion', () => {
    const reg = new ProgramRegistry();
    registerLaptopPrograms(reg);
    expect(reg.names()).toEqual(['curl', 'gunicorn', 'hey', 'nc', 'pip', 'pip3', 'ps', 'python', 'python3', 'ss']);
    for (const p of reg.all()) expect(p.summary && p.man && p.complete).toBeTruthy();
  });
});
