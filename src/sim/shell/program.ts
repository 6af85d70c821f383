/**
 * The contract between the shell and the programs it runs (echo, nc, gunicorn, kubectl ...).
 *
 * Programs are async: a short one returns at once, a long-running one (gunicorn in the foreground,
 * `sleep`, `hey`) awaits simulated time or a signal. Output is pushed as it happens so the terminal
 * can show gunicorn's boot log before the program ends.
 */
import type { World } from '../world';
import type { SignalName } from '../procs';

export interface ProgramContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  /** The environment the program sees (exported shell variables + `VAR=x cmd` assignments). */
  env: Record<string, string>;
  /** Piped or heredoc input; null when stdin is the terminal. */
  stdin: string | null;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is the terminal (isatty(1)): not redirected, piped or captured by $(...). */
  stdoutIsTerminal?: boolean;
  cwd: string;
  /** Network namespace / machine: 'laptop' or a pod name. */
  host: string;
  world: World;
  pid: number;
  /** True when started with `&`. */
  background: boolean;
  /** Resolves with the first terminating signal (Ctrl-C → SIGINT, `kill` → SIGTERM ...). */
  signal: Promise<SignalName>;
  /** Non-null once a terminating signal arrived. */
  signalled(): SignalName | null;
  /**
   * Wait `ms` of simulated time. Resolves true when the time passed, false when a signal came first.
   * In the foreground this advances the clock at once (the shell's `sleep N` is instant in real time).
   */
  sleep(ms: number): Promise<boolean>;
  /**
   * Open an interactive shell on another host in the same terminal (`kubectl exec -it POD -- sh`). Provided by
   * the worker host (src/worker/sim-host.ts), which stacks the new shell on the tab: command lines go to it until
   * it runs `exit [n]`, then the promise resolves with that status (137 when the pod goes away meanwhile).
   * Absent in unit tests that run programs without the worker.
   */
  enterShell?(opts: EnterShellOptions): Promise<number>;
}

export interface EnterShellOptions {
  /** Network namespace / filesystem of the new shell (a pod's host). */
  host: string;
  cwd: string;
  /** The complete environment the shell starts with (the container's resolved env). */
  env: Record<string, string>;
  user: string;
  hostname: string;
  /** Which shell the image runs for the command asked for (its prompt differs): bash, dash or busybox ash. */
  shell?: 'bash' | 'dash' | 'ash';
}

/** Exit status; 130 for Ctrl-C, 127 command not found, as bash. */
export type ExitCode = number;

export type Program = (ctx: ProgramContext) => ExitCode | Promise<ExitCode>;

export interface CompletionRequest {
  argv: string[]; // words before the one being completed
  word: string; // the partial word
  world: World;
  host: string;
  cwd: string;
}

export interface ProgramSpec {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Example lines for `help`/`man`. */
  examples?: string[];
  /** Short man page text (plain text, ~20 lines). */
  man?: string;
  run: Program;
  /** Tab completion candidates for the current word (flags, names...). */
  complete?: (req: CompletionRequest) => string[];
}

export class ProgramRegistry {
  private programs = new Map<string, ProgramSpec>();

  register(spec: ProgramSpec): void {
    this.programs.set(spec.name, spec);
  }

  get(name: string): ProgramSpec | undefined {
    return this.programs.get(name);
  }

  names(): string[] {
    return [...this.programs.keys()].sort();
  }

  all(): ProgramSpec[] {
    return this.names().map((n) => this.programs.get(n)!);
  }
}
