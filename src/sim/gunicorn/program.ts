/**
 * The `gunicorn` command: parse like gunicorn 23.0.0 (settings.ts), then run a GunicornServer in the
 * foreground until a terminating signal (Ctrl-C → "Handling signal: int" ... "Shutting down: Master").
 * Before `pip install gunicorn` it answers as bash does for a missing command ("bash: gunicorn: command
 * not found", exit 127).
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import { GUNICORN_HELP, GUNICORN_OPTIONS } from './options.generated';
import { GUNICORN_VERSION, parseGunicornArgs } from './settings';
import { GunicornServer } from './server';
import { isInstalled } from '../programs/pyenv';

export async function runGunicorn(ctx: ProgramContext): Promise<number> {
  if (!isInstalled(ctx.world, 'gunicorn', ctx.host)) {
    ctx.err(`bash: ${ctx.argv[0] ?? 'gunicorn'}: command not found\n`);
    return 127;
  }
  const fs = ctx.world.fs(ctx.host);
  const parsed = parseGunicornArgs(ctx.argv.slice(1), ctx.env, { fs, cwd: ctx.cwd });
  if (!parsed.ok) {
    ctx.err(parsed.error.replace(/\n?$/, '\n'));
    return parsed.exitCode;
  }
  if (parsed.info === 'version') {
    ctx.out(`gunicorn (version ${GUNICORN_VERSION})\n`);
    return 0;
  }
  if (parsed.info === 'help') {
    ctx.out(GUNICORN_HELP.replace('[/tmp/g23]', `[${ctx.cwd}]`).replace(/(-[ug] (?:USER|GROUP), --(?:user|group) (?:USER|GROUP)\s+Switch worker process(?:es)? to run as this (?:user|group)\. )\[0\]/g, '$1[1000]'));
    return 0;
  }
  const s = parsed.settings;
  const background = ctx.background || s.daemon;
  const server = new GunicornServer({
    world: ctx.world,
    host: ctx.host,
    settings: s,
    cwd: ctx.cwd,
    masterPid: ctx.pid,
    cmdline: `/usr/local/bin/python3 /usr/local/bin/${ctx.argv.join(' ')}`,
    // A daemon detaches from the terminal: its log goes nowhere unless --error-logfile is a file.
    sink: s.daemon ? { out: () => {}, err: () => {} } : { out: (t) => ctx.out(t), err: (t) => ctx.err(t) },
    sleep: (ms) => ctx.sleep(ms),
  });
  const started = await server.start();
  if (!started.ok) return started.exitCode;
  if (s.daemon && !ctx.background) {
    // -D: the foreground command returns at once, the master keeps running.
    ctx.world.procs.onSignal(ctx.pid, (sig) => server.stop(sig));
    return 0;
  }
  void background;
  const stopped = new Promise<number>((resolve) => server.whenStopped(() => resolve(0)));
  const sig = await Promise.race([ctx.signal, stopped.then(() => null)]);
  if (sig === null) return 0;
  const code = server.stop(sig);
  // Ctrl-C exits gunicorn normally (exit 0 after "Shutting down: Master"); SIGKILL → 137.
  return code;
}

export const gunicornProgram: ProgramSpec = {
  name: 'gunicorn',
  summary: 'Python WSGI HTTP server (gunicorn 23.0.0): runs the Flask app with worker processes',
  examples: [
    'gunicorn --bind 0.0.0.0:5000 wsgi:app',
    'gunicorn -w 2 -b 127.0.0.1:4000 myproject:app &',
    'gunicorn -w 2 -b :4000 --statsd-host=127.0.0.1:8125 --statsd-prefix=demo myproject:app',
    'GUNICORN_CMD_ARGS="--workers=3" gunicorn myproject:app',
  ],
  man: `GUNICORN(1)

NAME
    gunicorn - Python WSGI HTTP Server for UNIX (version 23.0.0)

SYNOPSIS
    gunicorn [OPTIONS] [APP_MODULE]

DESCRIPTION
    APP_MODULE is $(MODULE_NAME):$(VARIABLE_NAME), e.g. myproject:app.
    -w, --workers INT        number of worker processes [1]
    -b, --bind ADDRESS       HOST:PORT, :PORT or unix:PATH; repeatable [127.0.0.1:8000]
    -c, --config FILE        Python config file (bind = ..., workers = ...)
    -k, --worker-class STR   sync (default) or gthread
    --statsd-host HOST:PORT  send metrics to statsd over UDP (default port 8125)
    --statsd-prefix NAME     prefix for every metric ("demo" -> "demo.gunicorn...")
    --dogstatsd-tags TAGS    comma-separated DogStatsD tags appended as |#TAGS
    --access-logfile FILE    access log ("-" = stdout); --error-logfile FILE ("-" = stderr)
    --log-level LEVEL        debug, info, warning, error, critical
    -D, --daemon             run in the background
    GUNICORN_CMD_ARGS        extra options from the environment; the command line wins.
    Ctrl-C stops it ("Handling signal: int" ... "Shutting down: Master").

METRICS (with --statsd-host)
    gunicorn.requests (c), gunicorn.request.duration (ms), gunicorn.request.status.<code> (c),
    gunicorn.workers (g), gunicorn.log.<level> (c) for warning/error/critical/exception.`,
  run: runGunicorn,
  complete: (req) => {
    if (req.word.startsWith('-')) return GUNICORN_OPTIONS.flatMap((o) => o.flags).filter((f) => f.startsWith(req.word));
    const apps: string[] = [];
    for (const f of req.world.fs(req.host).list(req.cwd)) if (f.endsWith('.py') && f !== 'gunicorn.conf.py') apps.push(`${f.slice(0, -3)}:app`);
    return apps.filter((a) => a.startsWith(req.word));
  },
};
