/**
 * Builtins that need the shell's own state. Texts follow bash 5.2 (builtins/*.def): e.g.
 * "bash: cd: too many arguments", "bash: kill: %1: no such job", "bash: kill: (999) - No such process".
 */
import type { Exec, IO, Job, Shell, ShellState } from './interpreter';
import { ControlFlow, KNOWN_DIRS, SIGNUM } from './interpreter';
import { resolvePath } from '../fs';
import type { SignalName } from '../procs';
import { runTest } from './test-expr';
import { parse } from './parser';
import { ShellSyntaxError } from './errors';
import { RESERVED } from './parser';

export interface BuiltinCall {
  sh: Shell;
  st: ShellState;
  io: IO;
  ex: Exec;
  argv: string[];
  assigns: [string, string][];
}

type Builtin = (c: BuiltinCall) => number | Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function dirExists(sh: Shell, path: string): boolean {
  return KNOWN_DIRS.has(path) || sh.fs.isDir(path) || path === sh.home;
}

function findJob(sh: Shell, spec: string | undefined): Job | undefined {
  const t = sh.jobTable;
  if (spec === undefined || spec === '%' || spec === '%%' || spec === '%+') return t[t.length - 1];
  if (spec === '%-') return t[t.length - 2];
  const n = /^%?([0-9]+)$/.exec(spec);
  if (n) return t.find((j) => j.id === Number(n[1]));
  const name = spec.replace(/^%\??/, '');
  return t.find((j) => (spec.startsWith('%?') ? j.cmd.includes(name) : j.cmd.startsWith(name)));
}

const SIGNAMES: Record<string, SignalName> = {
  HUP: 'SIGHUP',
  INT: 'SIGINT',
  QUIT: 'SIGQUIT',
  KILL: 'SIGKILL',
  USR1: 'SIGUSR1',
  TERM: 'SIGTERM',
  TTIN: 'SIGTTIN',
  TTOU: 'SIGTTOU',
};

function parseSignal(s: string): SignalName | null {
  if (/^[0-9]+$/.test(s)) return (Object.keys(SIGNUM) as SignalName[]).find((k) => SIGNUM[k] === Number(s)) ?? null;
  const up = s.toUpperCase().replace(/^SIG/, '');
  return SIGNAMES[up] ?? null;
}

export const BUILTINS: Record<string, Builtin | undefined> = {
  cd({ sh, st, io, argv }) {
    const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
    if (args.length > 1) {
      io.err('bash: cd: too many arguments\n');
      return 1;
    }
    let target = args[0] ?? st.vars.get('HOME') ?? sh.home;
    if (target === '-') {
      const old = st.vars.get('OLDPWD');
      if (!old) {
        io.err('bash: cd: OLDPWD not set\n');
        return 1;
      }
      target = old;
      io.out(old + '\n');
    }
    const path = resolvePath(st.cwd, target, sh.home);
    if (!dirExists(sh, path)) {
      io.err(`bash: cd: ${target}: ${sh.fs.read(path) !== null ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    st.vars.set('OLDPWD', st.cwd);
    st.cwd = path;
    st.vars.set('PWD', path);
    return 0;
  },
  pwd({ st, io }) {
    io.out(st.cwd + '\n');
    return 0;
  },
  export({ st, io, argv, assigns }) {
    for (const [n, v] of assigns) {
      st.vars.set(n, v);
      st.exported.add(n);
    }
    const args = argv.slice(1);
    if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
      if (assigns.length) return 0;
      for (const n of [...st.exported].sort()) {
        const v = st.vars.get(n);
        io.out(v === undefined ? `declare -x ${n}\n` : `declare -x ${n}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      if (a === '-n') continue;
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (!NAME_RE.test(name)) {
        io.err(`bash: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (eq !== -1) st.vars.set(name, a.slice(eq + 1));
      st.exported.add(name);
    }
    return status;
  },
  unset({ st, argv, io }) {
    let status = 0;
    for (const n of argv.slice(1)) {
      if (n === '-v' || n === '-f') continue;
      if (!NAME_RE.test(n)) {
        io.err(`bash: unset: \`${n}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      st.vars.delete(n);
      st.exported.delete(n);
      st.funcs.delete(n);
    }
    return status;
  },
  jobs({ sh, io, argv }) {
    const showPid = argv.includes('-l');
    const onlyPid = argv.includes('-p');
    for (const j of sh.jobTable) {
      if (onlyPid) io.out(`${j.pid}\n`);
      else {
        const line = sh.jobLine(j, true);
        io.out((showPid ? line.replace(/^(\[\d+\]. )/, `$1${j.pid} `) : line) + '\n');
      }
    }
    // bash forgets finished jobs once `jobs` has shown them.
    for (const j of sh.jobTable.filter((x) => x.state === 'Done')) sh.removeJob(j);
    return 0;
  },
  async fg({ sh, io, argv }) {
    const spec = argv[1];
    const job = findJob(sh, spec);
    if (!job) {
      io.err(`bash: fg: ${spec ?? 'current'}: no such job\n`);
      return 1;
    }
    io.out(job.cmd + '\n');
    const status = await sh.foreground(job);
    sh.removeJob(job);
    return status;
  },
  bg({ sh, io, argv }) {
    const job = findJob(sh, argv[1]);
    if (!job) {
      io.err(`bash: bg: ${argv[1] ?? 'current'}: no such job\n`);
      return 1;
    }
    io.err(`bash: bg: job ${job.id} already in background\n`);
    return 0;
  },
  async wait({ sh, argv }) {
    const targets = argv.length > 1 ? argv.slice(1).map((a) => (a.startsWith('%') ? findJob(sh, a) : sh.jobTable.find((j) => j.pid === Number(a)))) : [...sh.jobTable];
    let status = 0;
    for (const j of targets) {
      if (!j) {
        status = 127;
        continue;
      }
      status = await sh.foreground(j);
    }
    return status;
  },
  kill({ sh, io, argv }) {
    let sig: SignalName = 'SIGTERM';
    let args = argv.slice(1);
    if (args[0] === '-l' || args[0] === '-L') {
      io.out((Object.keys(SIGNUM) as SignalName[]).map((s) => `${String(SIGNUM[s]).padStart(2)}) ${s}`).join('\t') + '\n');
      return 0;
    }
    if (args[0] === '-s' || args[0] === '-n') {
      const s = args[1] === undefined ? null : parseSignal(args[1]);
      if (!s) {
        io.err(`bash: kill: ${args[1] ?? ''}: invalid signal specification\n`);
        return 1;
      }
      sig = s;
      args = args.slice(2);
    } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
      const s = parseSignal(args[0].slice(1));
      if (!s) {
        const known = /^(STOP|CONT|TSTP|USR2|PIPE|ALRM|CHLD|WINCH|SIGSTOP|SIGCONT|SIGTSTP|SIGUSR2|19|18|20|12)$/i.test(args[0].slice(1));
        io.err(known ? `bash: kill: ${args[0].slice(1)}: this signal is not simulated in the playground\n` : `bash: kill: ${args[0].slice(1)}: invalid signal specification\n`);
        return 1;
      }
      sig = s;
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) {
      io.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      return 2;
    }
    let status = 0;
    for (const a of args) {
      if (a.startsWith('%')) {
        const job = findJob(sh, a);
        if (!job || job.state === 'Done') {
          io.err(`bash: kill: ${a}: no such job\n`);
          status = 1;
          continue;
        }
        sh.world.procs.kill(job.pid, sig);
        continue;
      }
      if (!/^-?[0-9]+$/.test(a)) {
        io.err(`bash: kill: ${a}: arguments must be process or job IDs\n`);
        status = 1;
        continue;
      }
      if (!sh.world.procs.kill(Number(a), sig)) {
        io.err(`bash: kill: (${a}) - No such process\n`);
        status = 1;
      }
    }
    sh.world.notify('proc');
    return status;
  },
  history({ sh, io, argv }) {
    if (argv[1] === '-c') {
      sh.history.length = 0;
      return 0;
    }
    let start = 0;
    if (argv[1] !== undefined) {
      if (!/^[0-9]+$/.test(argv[1])) {
        io.err(`bash: history: ${argv[1]}: numeric argument required\n`);
        return 1;
      }
      start = Math.max(0, sh.history.length - Number(argv[1]));
    }
    for (let i = start; i < sh.history.length; i++) io.out(`${String(i + 1).padStart(5)}  ${sh.history[i]}\n`);
    return 0;
  },
  exit({ io, argv, sh }) {
    if (sh.onExit) {
      // A nested shell (kubectl exec -it POD -- sh): exit ends it and the rest of the line does not run;
      // the worker then returns to the shell that opened it. bash's "exit [n]": n & 255, else the last status.
      const n = argv[1] === undefined ? sh.status : /^-?[0-9]+$/.test(argv[1]) ? Number(argv[1]) & 255 : 2;
      if (argv[1] !== undefined && !/^-?[0-9]+$/.test(argv[1])) io.err(`bash: exit: ${argv[1]}: numeric argument required\n`);
      sh.onExit(n);
      sh.status = n;
      throw new ControlFlow('return', n);
    }
    io.out('exit\n');
    io.err('(this playground terminal stays open: there is no outer shell to return to. Close the tab or keep typing.)\n');
    const n = argv[1] === undefined ? sh.status : Number(argv[1]);
    return Number.isFinite(n) ? n & 255 : 2;
  },
  type({ sh, st, io, argv }) {
    let status = 0;
    for (const n of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (RESERVED.has(n)) io.out(`${n} is a shell keyword\n`);
      else if (st.funcs.has(n)) io.out(`${n} is a function\n`);
      else if (isBuiltin(n) || BASH_BUILTIN_PROGRAMS.has(n)) io.out(`${n} is a shell builtin\n`);
      else if (sh.world.programs.get(n)) io.out(`${n} is ${programPath(n)}\n`);
      else {
        io.err(`bash: type: ${n}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
  test({ sh, st, io, argv }) {
    const r = runTest('test', argv.slice(1), { fs: sh.fs, cwd: st.cwd });
    if (r.error) io.err(r.error + '\n');
    return r.code;
  },
  '['({ sh, st, io, argv }) {
    const r = runTest('[', argv.slice(1), { fs: sh.fs, cwd: st.cwd });
    if (r.error) io.err(r.error + '\n');
    return r.code;
  },
  ':'() {
    return 0;
  },
  async source({ sh, st, io, ex, argv }) {
    if (!argv[1]) {
      io.err(`bash: ${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
      return 2;
    }
    const text = sh.fs.read(resolvePath(st.cwd, argv[1], sh.home));
    if (text === null) {
      io.err(`bash: ${argv[1]}: No such file or directory\n`);
      return 1;
    }
    const script = parse(text);
    if (script instanceof ShellSyntaxError) {
      for (const l of script.lines()) io.err(l + '\n');
      return 2;
    }
    return sh.runList(script, st, io, ex);
  },
  async eval({ sh, st, io, ex, argv }) {
    const script = parse(argv.slice(1).join(' '));
    if (script instanceof ShellSyntaxError) {
      for (const l of script.lines()) io.err(l + '\n');
      return 2;
    }
    return sh.runList(script, st, io, ex);
  },
  read({ st, io, argv }) {
    const names: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-r') continue;
      if (argv[i] === '-p') {
        i++;
        continue;
      }
      names.push(argv[i]);
    }
    if (!names.length) names.push('REPLY');
    if (!io.stdin || io.stdin.rest === '') return 1;
    const nl = io.stdin.rest.indexOf('\n');
    const line = nl === -1 ? io.stdin.rest : io.stdin.rest.slice(0, nl);
    io.stdin.rest = nl === -1 ? '' : io.stdin.rest.slice(nl + 1);
    const fields = line.trim().split(/[ \t]+/);
    names.forEach((n, i) => st.vars.set(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
    return 0;
  },
  set({ st, io, argv }) {
    if (argv.length === 1) {
      for (const [k, v] of [...st.vars].sort()) io.out(`${k}=${v}\n`);
      return 0;
    }
    if (argv[1] === '--') st.positional = argv.slice(2);
    return 0;
  },
  shift({ st, argv }) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!(n <= st.positional.length)) return 1;
    st.positional = st.positional.slice(n);
    return 0;
  },
  break({ argv }) {
    throw new ControlFlow('break', Math.max(1, Number(argv[1] ?? 1) || 1));
  },
  continue({ argv }) {
    throw new ControlFlow('continue', Math.max(1, Number(argv[1] ?? 1) || 1));
  },
  return({ sh, argv }) {
    throw new ControlFlow('return', argv[1] === undefined ? sh.status : Number(argv[1]) & 255);
  },
};
BUILTINS['.'] = BUILTINS.source;
BUILTINS.logout = BUILTINS.exit;

export function isBuiltin(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

/** Names bash implements as builtins although the playground registers them as programs. */
export const BASH_BUILTIN_PROGRAMS = new Set(['echo', 'printf', 'true', 'false', 'help']);

export function programPath(name: string): string {
  if (['gunicorn', 'flask', 'pip', 'hey'].includes(name)) return `/home/learner/.local/bin/${name}`;
  if (name === 'kubectl') return '/usr/local/bin/kubectl';
  return `/usr/bin/${name}`;
}
