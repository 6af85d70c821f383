/**
 * The learner's session across reloads and share links.
 *
 * A reload starts a new simulation (processes, metrics and the cluster begin fresh). What brings the old state
 * back is the list of command lines the shell ran since the world started: `SessionLog` keeps it in
 * localStorage, and `replayCommands` types them into the terminal again, one by one, so the learner sees them.
 * A share link carries the same list plus the changed files (`restoreState`).
 */
import type { ShareState } from './share';
import type { TerminalApi } from './terminal-registry';

export const SESSION_KEY = 'mp.session.v1';
const MAX_STORED = 500;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Commands run in the current world, newest last. The list stored by the previous page stays offered
 * (`previous`) until this page's world runs its first command, is reset, or the offer is dismissed.
 */
export class SessionLog {
  readonly previous: string[];
  private current: string[] = [];

  constructor(
    private storage: Store | undefined = globalThis.localStorage,
    private key = SESSION_KEY,
  ) {
    this.previous = readList(storage, key);
  }

  get commands(): string[] {
    return [...this.current];
  }

  /** A line the shell is running (as given to `shell.run`). */
  record(line: string): void {
    if (typeof line !== 'string' || !line.trim()) return;
    this.current.push(line);
    if (this.current.length > MAX_STORED) this.current.splice(0, this.current.length - MAX_STORED);
    this.save();
  }

  /** The world was reset: nothing ran in the new one; the old session is no longer worth offering. */
  clear(): void {
    this.current = [];
    this.previous.length = 0;
    this.save();
  }

  dismissPrevious(): void {
    this.previous.length = 0;
    this.save();
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify({ commands: this.current }));
    } catch {
      /* storage full or blocked: the session does not survive a reload */
    }
  }
}

function readList(storage: Store | undefined, key: string): string[] {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return [];
    const v = JSON.parse(raw) as { commands?: unknown };
    return Array.isArray(v?.commands) ? v.commands.filter((c): c is string => typeof c === 'string' && c.trim() !== '') : [];
  } catch {
    return [];
  }
}

/** The part of the worker client used here (SimClient, or a fake in tests). */
export interface CallClient {
  call(method: string, params: unknown): Promise<unknown>;
}

/** What observeShellRuns needs: the worker's `shell.started` event. */
export interface EventClient {
  on(name: 'shell.started', fn: (data: { line: string; tab: string }) => void): () => void;
}

/**
 * Call `fn(line)` for every command line a terminal starts (typed commands, lessons' "show me", the editor's
 * Apply): the worker announces each one. Returns a function that stops listening.
 */
export function observeShellRuns(client: EventClient, fn: (line: string, tab: string) => void): () => void {
  return client.on('shell.started', ({ line, tab }) => {
    try {
      fn(line, tab);
    } catch (e) {
      console.error('session: recording a command failed', e);
    }
  });
}

export interface ReplayOptions {
  /**
   * How long (real ms) a command may run before the next one is due. A command still running then was a
   * foreground server the learner stopped with Ctrl-C (nothing else could run after it in one terminal), so
   * it gets Ctrl-C too; the last command is left running, as it was when the state was captured.
   */
  settleMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stop between commands when this returns true. */
  cancelled?: () => boolean;
}

const sleep = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));

/** Type the commands into the terminal one at a time. Never throws; resolves with how many were typed. */
export async function replayCommands(term: TerminalApi, commands: readonly string[], opts: ReplayOptions = {}): Promise<number> {
  const settle = opts.settleMs ?? 4000;
  let n = 0;
  for (const [i, cmd] of commands.entries()) {
    if (opts.cancelled?.()) break;
    const last = i === commands.length - 1;
    try {
      // Type first (quicker than a person, slow enough to follow), then press Enter: the settle time counts
      // from Enter, not from the first key.
      await term.type(cmd, { run: false, delayMs: Math.min(12, 500 / Math.max(1, cmd.length)) });
      const done = term.type('', { delayMs: 0 }).then(() => 'done' as const);
      const r = await Promise.race([done, sleep(settle)]);
      if (r === 'timeout' && !last && term.running) {
        await term.type('\x03', { run: false, delayMs: 0 });
        await Promise.race([done, sleep(settle)]);
      }
    } catch (e) {
      console.error('replay: typing failed', e);
    }
    n++;
    opts.onProgress?.(n, commands.length);
  }
  return n;
}

export interface RestoreDeps {
  client: CallClient;
  terminal: () => Promise<TerminalApi>;
  /** Make the editor's saved copies match (editor-files.ts replaceSavedFiles). */
  saveEditorFiles?: (files: Record<string, string>) => void;
  /** Show the sandbox lesson (App: location.hash = '#/lesson/sandbox'). */
  navigate?: () => void;
  replay?: ReplayOptions;
}

async function writeFiles(client: CallClient, files: Record<string, string>): Promise<string[]> {
  const failed: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    try {
      await client.call('fs.write', { path, content });
    } catch (e) {
      failed.push(`${path} (${(e as Error).message})`);
    }
  }
  return failed;
}

/**
 * Open a share link's state: a fresh world, the files written, the sandbox lesson shown, the commands typed.
 * Resolves with a one-line summary, or an error message (never throws).
 */
export async function restoreState(state: ShareState, deps: RestoreDeps): Promise<{ ok: boolean; message: string }> {
  try {
    await deps.client.call('world.reset', {});
  } catch (e) {
    return { ok: false, message: `Could not reset the simulation: ${(e as Error).message}` };
  }
  const failed = await writeFiles(deps.client, state.files);
  try {
    deps.saveEditorFiles?.(state.files);
  } catch {
    /* the editor reloads from the simulation's fs anyway */
  }
  deps.navigate?.();
  let ran = 0;
  if (state.commands.length) {
    const term = await deps.terminal();
    ran = await replayCommands(term, state.commands, deps.replay);
    // Written before the commands (so `kubectl apply -f` reads the edited file) and again after them: the
    // files end as they were shared even when a command appended to one (`echo x >> notes.txt`).
    await writeFiles(deps.client, state.files);
  }
  const files = Object.keys(state.files).length - failed.length;
  const msg = `Restored ${files} file${files === 1 ? '' : 's'} and ran ${ran} command${ran === 1 ? '' : 's'}.`;
  return failed.length ? { ok: false, message: `${msg} Could not write: ${failed.join(', ')}` } : { ok: true, message: msg };
}
