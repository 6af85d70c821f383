/** env, clear, help, man, ls, true, false, sleep, which, ps. */
import type { ProgramContext, ProgramSpec } from '../program';
import { resolvePath } from '../../fs';
import { KNOWN_DIRS, SIGNUM } from '../interpreter';
import { BUILTINS, programPath } from '../builtins';

export const env: ProgramSpec = {
  name: 'env',
  summary: 'print the environment, or run a command with extra variables',
  examples: ['env', 'env | grep STATSD', 'env GUNICORN_CMD_ARGS="--workers=2" gunicorn app:app'],
  man: `env [-i] [-u NAME] [NAME=VALUE ...] [COMMAND [ARG ...]]
  With no COMMAND, print the environment (exported variables), one NAME=VALUE per line.
  With a COMMAND, run it with the NAME=VALUE settings added.
  -i  start from an empty environment   -u NAME  remove NAME`,
  async run(ctx) {
    let vars: Record<string, string> = { ...ctx.env };
    const args = ctx.argv.slice(1);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-i' || a === '-') vars = {};
      else if (a === '-u') delete vars[args[++i] ?? ''];
      else if (/^[^=-][^=]*=/.test(a)) {
        const eq = a.indexOf('=');
        vars[a.slice(0, eq)] = a.slice(eq + 1);
      } else if (a.startsWith('-') && a !== '--') {
        ctx.err(`env: invalid option -- '${a.slice(1, 2)}'\nTry 'env --help' for more information.\n`);
        return 125;
      } else break;
    }
    const cmd = args.slice(i).filter((a, k) => !(k === 0 && a === '--'));
    if (cmd.length === 0) {
      ctx.out(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    const spec = ctx.world.programs.get(cmd[0]);
    if (!spec) {
      ctx.err(`env: ‘${cmd[0]}’: No such file or directory\n`);
      return 127;
    }
    return spec.run({ ...ctx, argv: cmd, env: vars });
  },
};

export const clear: ProgramSpec = {
  name: 'clear',
  summary: 'clear the terminal screen (Ctrl-L does the same)',
  examples: ['clear'],
  man: `clear
  Clear the screen and its scrollback, like the real clear (it writes the terminal's ED escape sequences).`,
  run(ctx) {
    ctx.out('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};

const BUILTIN_HELP: Record<string, string> = {
  cd: 'cd [dir]: change the working directory (cd - goes back, cd alone goes home)',
  pwd: 'pwd: print the working directory',
  export: 'export NAME=VALUE: set a variable and pass it to the programs you start',
  unset: 'unset NAME: remove a variable',
  jobs: 'jobs: list background jobs (started with &)',
  fg: 'fg [%N]: bring a background job to the foreground (Ctrl-C then stops it)',
  kill: 'kill [-9|-INT|-TERM] PID|%N: send a signal to a process or a job',
  wait: 'wait [%N]: wait for background jobs to finish',
  history: 'history [N]: the commands you typed',
  type: 'type NAME: tell whether NAME is a builtin, a keyword or a program',
  test: 'test EXPR / [ EXPR ]: string and number comparisons for if and while',
  source: 'source FILE: run FILE in this shell',
  read: 'read NAME: read one line of standard input into NAME',
  exit: 'exit: the playground terminal stays open',
};

export const help: ProgramSpec = {
  name: 'help',
  summary: 'list every command of this playground with examples (help NAME for one)',
  examples: ['help', 'help kill'],
  man: `help [NAME]
  With no NAME, list every program and shell builtin available here, with a one-line summary and examples.
  help NAME shows the summary of one command; man NAME shows its longer page.`,
  run(ctx) {
    const programs = ctx.world.programs.all();
    const names = ctx.argv.slice(1);
    if (names.length) {
      let status = 0;
      for (const n of names) {
        const spec = ctx.world.programs.get(n);
        if (BUILTIN_HELP[n]) ctx.out(BUILTIN_HELP[n] + '\n');
        else if (spec) {
          ctx.out(`${n}: ${spec.summary}\n`);
          for (const e of spec.examples ?? []) ctx.out(`    ${e}\n`);
        } else {
          ctx.err(`bash: help: no help topics match \`${n}'.  Try \`help help' or \`man -k ${n}' or \`info ${n}'.\n`);
          status = 1;
        }
      }
      return status;
    }
    const w = Math.max(8, ...programs.map((p) => p.name.length)) + 2;
    let text = "Programs (type 'man NAME' for a page, Tab completes names and flags):\n\n";
    for (const p of programs) {
      text += `  ${p.name.padEnd(w)}${p.summary}\n`;
      for (const e of (p.examples ?? []).slice(0, 3)) text += `  ${''.padEnd(w)}  $ ${e}\n`;
    }
    text += '\nShell builtins:\n\n';
    for (const [n, h] of Object.entries(BUILTIN_HELP)) if (n in BUILTINS) text += `  ${n.padEnd(w)}${h.slice(h.indexOf(': ') + 2)}\n`;
    text +=
      '\nShell syntax: quotes, $VAR ${VAR:-default}, pipes |, ; && ||, > >> < 2>&1, heredocs <<EOF,\n$(command), for/while/if, cmd & for background jobs, Ctrl-C to stop the running command.\n';
    ctx.out(text);
    return 0;
  },
};

export const man: ProgramSpec = {
  name: 'man',
  summary: 'show the manual page of a command',
  examples: ['man gunicorn', 'man nc'],
  man: `man NAME
  Show the short manual page of NAME: usage, options and examples.`,
  run(ctx) {
    const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!names.length) {
      ctx.err("What manual page do you want?\nFor example, try 'man man'.\n");
      return 1;
    }
    let status = 0;
    for (const n of names) {
      const spec = ctx.world.programs.get(n);
      if (!spec) {
        if (BUILTIN_HELP[n]) {
          ctx.out(`${n} is a shell builtin: ${BUILTIN_HELP[n]}\n`);
          continue;
        }
        ctx.err(`No manual entry for ${n}\n`);
        status = 16;
        continue;
      }
      const title = `${n.toUpperCase()}(1)`;
      let page = `${title}${' '.repeat(Math.max(1, 40 - title.length))}User Commands\n\nNAME\n       ${n} - ${spec.summary}\n`;
      if (spec.man) page += `\nSYNOPSIS\n${spec.man.split('\n').map((l) => '       ' + l.trimStart()).join('\n')}\n`;
      if (spec.examples?.length) page += `\nEXAMPLES\n${spec.examples.map((e) => '       ' + e).join('\n')}\n`;
      ctx.out(page);
    }
    return status;
  },
};

function isDirectory(ctx: ProgramContext, path: string): boolean {
  return ctx.world.fs(ctx.host).isDir(path) || KNOWN_DIRS.has(path);
}

export const ls: ProgramSpec = {
  name: 'ls',
  summary: 'list files',
  examples: ['ls', 'ls -l', 'ls -a ~'],
  man: `ls [-l] [-a] [-1] [FILE ...]
  List directory contents (sorted by name).
  -l  long listing (permissions, size, time)   -a  include names starting with .   -1  one per line
  -F  mark directories with /`,
  run(ctx) {
    const o = { l: false, a: false, one: false, F: false };
    const paths: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (a.startsWith('-') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (f === 'l') o.l = true;
          else if (f === 'a' || f === 'A') o.a = true;
          else if (f === '1') o.one = true;
          else if (f === 'F' || f === 'p') o.F = true;
          else if (f === 'h' || f === 'r' || f === 't' || f === 'S') continue;
          else {
            ctx.err(`ls: invalid option -- '${f}'\nTry 'ls --help' for more information.\n`);
            return 2;
          }
        }
      } else paths.push(a);
    }
    const fs = ctx.world.fs(ctx.host);
    if (!paths.length) paths.push('.');
    let status = 0;
    const date = new Date(ctx.world.clock.now());
    const mon = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    const stamp = `${mon} ${String(date.getUTCDate()).padStart(2)} ${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
    const user = ctx.env.USER ?? 'learner';
    const long = (name: string, path: string) => {
      const dir = isDirectory(ctx, path);
      const size = dir ? 4096 : new TextEncoder().encode(fs.read(path) ?? '').length;
      return `${dir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} ${user} ${user} ${String(size).padStart(5)} ${stamp} ${name}`;
    };
    const files: string[] = [];
    const dirs: string[] = [];
    for (const p of paths) {
      const abs = resolvePath(ctx.cwd, p, ctx.env.HOME);
      if (fs.read(abs) !== null) files.push(p);
      else if (isDirectory(ctx, abs)) dirs.push(p);
      else {
        ctx.err(`ls: cannot access '${p}': No such file or directory\n`);
        status = 2;
      }
    }
    const show = (names: { name: string; path: string }[]) => {
      if (!names.length) return;
      if (o.l) ctx.out(names.map((n) => long(n.name, n.path)).join('\n') + '\n');
      else ctx.out(names.map((n) => n.name).join(o.one ? '\n' : '  ') + '\n');
    };
    show(files.map((f) => ({ name: f, path: resolvePath(ctx.cwd, f, ctx.env.HOME) })));
    dirs.forEach((d, i) => {
      const abs = resolvePath(ctx.cwd, d, ctx.env.HOME);
      if (paths.length > 1) ctx.out(`${files.length || i ? '\n' : ''}${d}:\n`);
      const entries = fs
        .list(abs)
        .filter((e) => o.a || !e.startsWith('.'))
        .map((e) => ({ name: o.F ? e : e.replace(/\/$/, ''), path: resolvePath(abs, e) }));
      if (o.l) ctx.out(`total ${entries.length * 4}\n`);
      show(entries);
    });
    return status;
  },
};

export const trueProg: ProgramSpec = { name: 'true', summary: 'do nothing, successfully (exit status 0)', examples: ['true && echo yes'], run: () => 0 };
export const falseProg: ProgramSpec = { name: 'false', summary: 'do nothing, unsuccessfully (exit status 1)', examples: ['false || echo failed'], run: () => 1 };

/** sleep's NUMBER[SUFFIX] (s m h d), several summed, as GNU sleep. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

export const sleep: ProgramSpec = {
  name: 'sleep',
  summary: 'wait a number of seconds (simulated time: statsd flushes happen meanwhile)',
  examples: ['sleep 10', 'sleep 1m', 'sleep 30 &'],
  man: `sleep NUMBER[SUFFIX] ...
  Pause for NUMBER seconds (suffix s, m, h or d; several are added up).
  In this playground time is simulated: a foreground sleep jumps the clock forward at once, and
  everything due meanwhile (statsd flushes every 10 s, Graphite roll-ups) happens in order.`,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (!args.length) {
      ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let ms = 0;
    for (const a of args) {
      const d = parseDuration(a);
      if (d === null) {
        ctx.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      ms += d;
    }
    const ok = await ctx.sleep(ms);
    if (ok) return 0;
    const sig = ctx.signalled();
    return sig ? 128 + SIGNUM[sig] : 1;
  },
};

export const which: ProgramSpec = {
  name: 'which',
  summary: 'show where a program lives',
  examples: ['which gunicorn', 'which python3'],
  man: `which [-a] NAME ...
  Print the path of each program NAME found on PATH. Builtins such as cd are not programs: use type.
  Exit status 1 when a NAME is not found.`,
  run(ctx) {
    let status = 0;
    for (const n of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (ctx.world.programs.get(n) && !(n in BUILTINS)) ctx.out(programPath(n) + '\n');
      else status = 1;
    }
    return status;
  },
};

function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000 / 50);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export const ps: ProgramSpec = {
  name: 'ps',
  summary: 'list running processes (ps, ps aux, ps -ef)',
  examples: ['ps', 'ps aux | grep gunicorn'],
  man: `ps [aux] [-ef]
  List the processes of this machine (the laptop, or the pod you are in).
  ps       PID, terminal, CPU time and command name
  ps aux   every process with its user, memory and full command line
  ps -ef   every process with its parent PID and full command line`,
  run(ctx) {
    const procs = ctx.world.procs.list(ctx.host).sort((a, b) => a.pid - b.pid);
    const now = ctx.world.clock.now();
    const arg = ctx.argv.slice(1).join(' ');
    const user = ctx.env.USER ?? 'learner';
    const comm = (c: string) => {
      const first = c.split(' ')[0] ?? c;
      return first.slice(first.lastIndexOf('/') + 1).slice(0, 15);
    };
    if (/aux|-ef|-e|ax/.test(arg)) {
      if (arg.includes('-ef') || arg === '-e') {
        ctx.out('UID          PID    PPID  C STIME TTY          TIME CMD\n');
        for (const p of procs) ctx.out(`${user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 12:00 pts/0    ${cpuTime(now - p.startedAt)} ${p.cmdline}\n`);
      } else {
        ctx.out('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
        for (const p of procs) ctx.out(`${user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.1  23456  5120 pts/0    S    12:00   ${cpuTime(now - p.startedAt).slice(3)} ${p.cmdline}\n`);
      }
      return 0;
    }
    ctx.out('    PID TTY          TIME CMD\n');
    for (const p of procs) ctx.out(`${String(p.pid).padStart(7)} pts/0    ${cpuTime(now - p.startedAt)} ${comm(p.cmdline).replace(/^-/, '')}\n`);
    return 0;
  },
};
