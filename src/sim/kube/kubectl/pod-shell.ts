/**
 * A shell inside a pod's container, for `kubectl exec POD -- sh|bash` (interactive with -it, or fed a script
 * with `-c` / piped stdin). It is the playground's Shell on the pod's host: the pod's filesystem, network
 * namespace (localhost is the pod, `graphite` resolves through the cluster DNS) and the container's resolved env.
 *
 * Which shell an image has, and how its prompt looks:
 * - Debian-based images (python:3.12-slim and the app images built on it): /bin/sh is dash, whose default PS1
 *   is "# " for root (dash var.c: `ps1val = geteuid() ? "$ " : "# "`); bash reads Debian's /etc/bash.bashrc,
 *   PS1='${debian_chroot:+($debian_chroot)}\u@\h:\w\$ ' → "root@<pod-name>:/app# ".
 * - Alpine/busybox images (graphiteapp/graphite-statsd is FROM alpine, docker-graphite-statsd's Dockerfile, and
 *   installs no bash): /bin/sh is busybox ash, whose default PS1 with fancy prompts is "\w \$ " → "/ # ".
 */
import { Shell } from '../../shell/interpreter';
import type { EnterShellOptions, ProgramContext } from '../../shell/program';
import type { World } from '../../world';

export type PodShellKind = NonNullable<EnterShellOptions['shell']>;

const ALPINE_IMAGES = /(^|\/)(alpine|busybox|graphite-statsd)(:|@|$)|-alpine([0-9.]*)?(:|@|$)|:[^/]*alpine[^/]*$/;

/** The shell `cmd` (sh, bash, /bin/sh, ash, dash) starts in this image, or null when the image has no such shell. */
export function podShellKind(image: string, cmd: string): PodShellKind | null {
  const name = cmd.split('/').pop() ?? cmd;
  const alpine = ALPINE_IMAGES.test(image);
  if (name === 'sh') return alpine ? 'ash' : 'dash';
  if (name === 'ash') return alpine ? 'ash' : null;
  if (name === 'dash') return alpine ? null : 'dash';
  if (name === 'bash') return alpine ? null : 'bash';
  return null;
}

export function isShellCommand(cmd: string): boolean {
  return ['sh', 'bash', 'ash', 'dash'].includes(cmd.split('/').pop() ?? cmd);
}

/** What a pod shell offers the worker (src/worker/sim-host.ts keeps it on the tab's shell stack), plus its process id. */
export interface PodShell {
  run(src: string): Promise<number>;
  interrupt(): void;
  prompt(): string;
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  history: string[];
  /** The shell's process on the pod's host: it is gone once the pod is (the container was killed). */
  pid: number;
}

export interface PodShellOptions extends EnterShellOptions {
  out: (t: string) => void;
  err: (t: string) => void;
  enterShell?: ProgramContext['enterShell'];
  /** `exit [n]` calls this; an interactive bash also prints "exit" to stderr (dash and ash print nothing). */
  onExit?: (code: number) => void;
  interactive?: boolean;
}

/** Login defaults our Shell adds for the laptop that a process exec'd in a container does not have. */
const NOT_IN_EXEC = ['USER', 'LOGNAME', 'SHELL', 'LANG'];

export function createPodShell(world: World, opts: PodShellOptions): PodShell {
  const kind: PodShellKind = opts.shell ?? 'bash';
  const onExit = opts.onExit ?? (() => {});
  const shell = new Shell(world, {
    host: opts.host,
    cwd: opts.cwd,
    env: opts.env,
    user: opts.user,
    out: opts.out,
    err: opts.err,
    ...(opts.enterShell ? { enterShell: opts.enterShell } : {}),
    onExit: (code: number) => {
      if (kind === 'bash' && opts.interactive) opts.err('exit\n');
      onExit(code);
    },
  });
  const proc = world.procs.get(shell.pid);
  if (proc) proc.cmdline = kind === 'bash' ? 'bash' : 'sh';
  const st = shell.state;
  for (const k of NOT_IN_EXEC) {
    if (k in opts.env) continue;
    st.vars.delete(k);
    st.exported.delete(k);
  }
  if (kind === 'bash' && !('SHLVL' in opts.env)) {
    st.vars.set('SHLVL', '1');
    st.exported.add('SHLVL');
  }
  const prompt = (): string => {
    if (kind === 'dash') return opts.user === 'root' ? '# ' : '$ ';
    const cwd = st.cwd;
    const home = st.vars.get('HOME') ?? '/root';
    const w = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    const mark = opts.user === 'root' ? '#' : '$';
    if (kind === 'ash') return `${w} ${mark} `;
    return `${opts.user}@${opts.hostname.split('.')[0]}:${w}${mark} `;
  };
  return {
    run: (src) => shell.run(src),
    interrupt: () => shell.interrupt(),
    prompt,
    complete: (line, cursor) => shell.complete(line, cursor),
    history: shell.history,
    pid: shell.pid,
  };
}

/** Run a script non-interactively in the pod (`sh -c SCRIPT`, or a script piped to `kubectl exec -i POD -- sh`). */
export async function runPodScript(world: World, opts: PodShellOptions, script: string): Promise<number> {
  const sh = createPodShell(world, { ...opts, interactive: false });
  try {
    return await sh.run(script);
  } finally {
    world.procs.exit(sh.pid);
  }
}

export interface ExecShellRequest {
  /** The command and its arguments after `--` (argv[0] is sh, bash, /bin/sh ...). */
  argv: string[];
  kind: PodShellKind;
  host: string;
  cwd: string;
  env: Record<string, string>;
  hostname: string;
  /** -i/--stdin and -t/--tty. */
  stdin: boolean;
  tty: boolean;
}

/**
 * `kubectl exec POD -- sh|bash ...`, as kubectl's StreamOptions.SetupTTY (kubectl pkg/cmd/exec/exec.go) and the
 * shell decide it:
 * - `sh -c SCRIPT` runs the script;
 * - without -i kubectl opens no stdin stream (and drops -t): the shell reads end-of-file and exits 0 at once;
 * - -i with piped input (not a terminal): the shell runs what was piped; with -t kubectl first warns
 *   "Unable to use a TTY - input is not a terminal or the right kind of file";
 * - -it from the terminal: an interactive shell in this terminal (ctx.enterShell, provided by the worker).
 *   Without a provider (programs run outside the worker) stdin is not a terminal: the same warning, then EOF.
 * Returns the shell's exit status (137 when the pod went away during the session).
 */
export async function execShell(ctx: ProgramContext, req: ExecShellRequest): Promise<number> {
  const base: PodShellOptions = {
    host: req.host,
    cwd: req.cwd,
    env: req.env,
    user: 'root',
    hostname: req.hostname,
    shell: req.kind,
    out: ctx.out,
    err: ctx.err,
  };
  const args = req.argv.slice(1);
  const c = args.indexOf('-c');
  if (c >= 0) {
    const script = args[c + 1];
    if (script === undefined) {
      ctx.err(req.kind === 'bash' ? 'bash: -c: option requires an argument\n' : req.kind === 'dash' ? 'sh: 0: -c requires an argument\n' : 'sh: -c requires an argument\n');
      return 2;
    }
    return runPodScript(ctx.world, base, script);
  }
  if (!req.stdin) return 0;
  const terminalIn = ctx.stdin === null && !!ctx.enterShell;
  if (req.tty && !terminalIn) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!terminalIn) return ctx.stdin ? runPodScript(ctx.world, base, ctx.stdin) : 0;
  const env = req.tty ? { ...req.env, TERM: req.env.TERM ?? 'xterm' } : req.env;
  return ctx.enterShell!({ host: req.host, cwd: req.cwd, env, user: 'root', hostname: req.hostname, shell: req.kind });
}
