/**
 * python / python3: `python file.py` runs the learner's script; a Flask app with
 * `if __name__ == "__main__": app.run(...)` starts Werkzeug's development server with its real start-up
 * text (flask/cli.py show_server_banner; werkzeug/serving.py log_startup, run_simple) and request log
 * (WSGIRequestHandler.log_request, colours by status), until Ctrl-C. Also `python -m pip`, `--version`.
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import { resolvePath } from '../fs';
import { runPip } from './pip';
import { PYTHON_VERSION } from './pyenv';
import { missingImport } from './pyimport';
import { FlaskApp, hashSeed, parseFlaskApp } from './flaskapp';
import { SIGNUM } from '../procs';

const ansi = (v: string, ...styles: string[]) => {
  const codes: Record<string, number> = { bold: 1, red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36 };
  for (const s of styles) v = `\x1b[${codes[s]}m${v}`;
  return `${v}\x1b[0m`;
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
/** BaseHTTPRequestHandler.log_date_time_string: 01/Jan/2026 12:00:05 */
function logDate(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

function styleFor(code: number, msg: string): string {
  const c = String(code);
  if (c[0] === '1') return ansi(msg, 'bold');
  if (c === '200') return msg;
  if (c === '304') return ansi(msg, 'cyan');
  if (c[0] === '3') return ansi(msg, 'green');
  if (c === '404') return ansi(msg, 'yellow');
  if (c[0] === '4') return ansi(msg, 'bold', 'red');
  return ansi(msg, 'bold', 'magenta');
}

async function runScript(ctx: ProgramContext, prog: string, script: string): Promise<number> {
  const path = resolvePath(ctx.cwd, script);
  const src = ctx.world.fs(ctx.host).read(path);
  if (src === null) {
    ctx.err(`${prog}: can't open file '${path}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  const missing = missingImport(ctx.world, src, ctx.host);
  if (missing) {
    ctx.err(`Traceback (most recent call last):\n  File "${path}", line ${missing.line}, in <module>\n    ${missing.code}\nModuleNotFoundError: No module named '${missing.name}'\n`);
    return 1;
  }
  const stem = path.split('/').pop()!.replace(/\.py$/, '');
  // wsgi.py: `from myproject import app` then app.run() under __main__.
  let model = parseFlaskApp(src, path, stem);
  const runHere = /^if\s+__name__\s*==\s*["']__main__["']\s*:[\s\S]*\.run\(/m.exec(src);
  if (!model && runHere) {
    const imp = /^from\s+([\w.]+)\s+import\s+(\w+)/m.exec(src);
    const file = imp ? resolvePath(ctx.cwd, imp[1]!.replace(/\./g, '/') + '.py') : null;
    const other = file ? ctx.world.fs(ctx.host).read(file) : null;
    if (imp && other === null) {
      ctx.err(`Traceback (most recent call last):\n  File "${path}", line 1, in <module>\n    ${imp[0]}\nModuleNotFoundError: No module named '${imp[1]}'\n`);
      return 1;
    }
    if (other !== null && file) {
      const m2 = parseFlaskApp(other, file, imp![1]!);
      const run = /^\s+\w+\.run\((.*)\)\s*$/m.exec(src);
      if (m2 && run) {
        const a = run[1]!;
        const host = /host\s*=\s*["']([^"']*)["']/.exec(a);
        const port = /port\s*=\s*(\d+)/.exec(a);
        model = { ...m2, runCall: { host: host ? host[1]! : null, port: port ? parseInt(port[1]!, 10) : null, debug: /debug\s*=\s*True/.test(a) } };
      }
    }
  }
  if (!model || !model.runCall) return 0; // a script that defines things and exits
  const host = model.runCall.host ?? '127.0.0.1';
  const port = model.runCall.port ?? 5000;
  const debug = model.runCall.debug;
  ctx.out(` * Serving Flask app '${model.module === stem ? stem : model.module}'\n * Debug mode: ${debug ? 'on' : 'off'}\n`);
  const app = new FlaskApp(model, hashSeed(`${ctx.host}:${ctx.pid}`));
  const ip = host === '0.0.0.0' ? '0.0.0.0' : ctx.world.net.resolve(host, ctx.host);
  if (!ip) {
    ctx.err(`Traceback (most recent call last):\n  ...\nsocket.gaierror: [Errno -2] Name or service not known\n`);
    return 1;
  }
  const l = ctx.world.net.listen({
    proto: 'tcp', host: ctx.host, ip, port, owner: { pid: ctx.pid, name: 'python3' },
    onHttp: (req) => {
      const now = ctx.world.clock.now();
      const r = app.handle(req.method, req.path, now);
      const len = new TextEncoder().encode(r.body).length;
      const finish = now + r.appMs;
      ctx.world.clock.at(finish, () => {
        if (r.errorLog) ctx.err(r.errorLog + '\n');
        ctx.err(`${req.remoteAddr} - - [${logDate(ctx.world.clock.now())}] "${styleFor(r.status, `${req.method} ${req.path} HTTP/1.1`)}" ${r.status} -\n`);
        ctx.world.notify('http');
      });
      return {
        status: r.status, reason: r.reason, body: req.method === 'HEAD' ? '' : r.body, durationMs: r.appMs,
        headers: { Server: `Werkzeug/3.1.4 Python/${PYTHON_VERSION}`, Date: new Date(finish).toUTCString(), ...r.headers, 'Content-Length': String(len), Connection: 'close' },
      };
    },
  });
  if (typeof l === 'string') {
    ctx.err(`Address already in use\nPort ${port} is in use by another program. Either identify and stop that program, or start the server with a different port.\n`);
    return 1;
  }
  const lines = [ansi('WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.', 'bold', 'red')];
  if (host === '0.0.0.0') {
    lines.push(` * Running on all addresses (0.0.0.0)`, ` * Running on http://127.0.0.1:${port}`, ` * Running on http://192.168.1.23:${port}`);
  } else lines.push(` * Running on http://${host}:${port}`);
  ctx.err(lines.join('\n') + '\n' + ansi('Press CTRL+C to quit', 'yellow') + '\n');
  if (debug) ctx.err(` * Restarting with stat\n * Debugger is active!\n * Debugger PIN: 118-204-557\n`);
  ctx.world.notify('proc');
  const sig = await ctx.signal;
  ctx.world.net.close(l);
  ctx.world.notify('proc');
  // Ctrl-C is a KeyboardInterrupt that Werkzeug's serve_forever catches: a normal exit. Python installs no
  // handler for SIGTERM/SIGHUP/SIGKILL, so those kill the process (bash then reports "Terminated" etc.).
  return sig === 'SIGINT' ? 0 : 128 + SIGNUM[sig];
}

export async function runPython(ctx: ProgramContext): Promise<number> {
  const prog = ctx.argv[0] ?? 'python3';
  const a = ctx.argv.slice(1);
  if (a[0] === '--version' || a[0] === '-V') {
    ctx.out(`Python ${PYTHON_VERSION}\n`);
    return 0;
  }
  if (a[0] === '-m') {
    if (a[1] === 'pip') return runPip(ctx, a.slice(2), `${prog} -m pip`);
    if (a[1] === 'gunicorn') {
      const { runGunicorn } = await import('../gunicorn/program');
      return runGunicorn({ ...ctx, argv: ['gunicorn', ...a.slice(2)] });
    }
    if (a[1] === 'flask') {
      ctx.err(`${prog}: this playground runs the app with "python myproject.py" or gunicorn\n`);
      return 1;
    }
    ctx.err(`${prog}: No module named ${a[1] ?? ''}\n`);
    return 1;
  }
  if (a[0] === '-c') {
    ctx.err(`${prog}: -c is not simulated here; run a file: ${prog} myproject.py\n`);
    return 1;
  }
  if (!a.length) {
    ctx.err(`Python ${PYTHON_VERSION} (main, Nov  6 2025, 13:44:16) [GCC 13.3.0] on linux\nThe interactive interpreter is not simulated; run a file: ${prog} myproject.py\n`);
    return 1;
  }
  if (a[0]!.startsWith('-')) {
    ctx.err(`unknown option ${a[0]}\nusage: ${prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`);
    return 2;
  }
  return runScript(ctx, prog, a[0]!);
}

function pythonSpec(name: string): ProgramSpec {
  return {
    name,
    summary: `Python ${PYTHON_VERSION}: run a script (the Flask app's development server), -m pip`,
    examples: [`${name} myproject.py`, `${name} -m pip install flask`, `${name} --version`],
    man: `${name.toUpperCase()}(1)

NAME
    ${name} - the Python interpreter (${PYTHON_VERSION})

SYNOPSIS
    ${name} FILE.py | -m pip ... | --version

DESCRIPTION
    "${name} myproject.py" runs the Flask app: app.run() starts Werkzeug's development
    server on http://127.0.0.1:5000 (all addresses with host='0.0.0.0') and logs each
    request. Ctrl-C stops it. It needs "pip install flask" first.`,
    run: runPython,
    complete: (r) => [...r.world.fs(r.host).list(r.cwd).filter((f) => f.endsWith('.py')), '-m', '--version'].filter((x) => x.startsWith(r.word)),
  };
}

export const pythonProgram = pythonSpec('python');
export const python3Program = pythonSpec('python3');
