/**
 * One terminal tab: our line editor drawn on an xterm.js screen, talking to the shell in the worker.
 *
 * Input arrives as xterm `onData` chunks and is handled strictly in order (a queue), so keys typed while a
 * command runs are typed ahead, as in a real tty; only Ctrl-C jumps the queue and interrupts the command.
 * A pasted block is fed line by line: complete commands run, an open heredoc / quote / trailing pipe shows
 * the PS2 prompt "> " until the command is complete (bash does the same), then runs as one command.
 */
import type { SimClient } from './sim-client';
import { History, LineEditor, commonPrefix, formatColumns, splitKeys, visibleLength } from './line-editor';

/** The part of xterm's Terminal we use (so tests can pass a fake). */
export interface TermLike {
  readonly cols: number;
  write(data: string): void;
  clear(): void;
}

export interface HistoryStore {
  load(): string[];
  save(entries: string[]): void;
}

export const HISTORY_KEY = 'metrics-playground.history';

export function localHistoryStore(key = HISTORY_KEY): HistoryStore {
  return {
    load() {
      try {
        const v = JSON.parse(globalThis.localStorage?.getItem(key) ?? '[]');
        return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
      } catch {
        return [];
      }
    },
    save(entries) {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify(entries.slice(-1000)));
      } catch {
        /* storage full or disabled: history just does not survive the reload */
      }
    },
  };
}

/**
 * One history for every terminal tab on the page: sessions built on the same store share one entries array
 * (History mutates it in place), so a line run in Terminal 2 is Up-arrow away in Terminal 1 and one tab's save
 * never overwrites another's lines in localStorage. Each session keeps its own Up/Down position.
 */
const sharedEntries = new WeakMap<HistoryStore, string[]>();

function entriesFor(store: HistoryStore): string[] {
  let e = sharedEntries.get(store);
  if (!e) {
    e = store.load().slice(-1000);
    sharedEntries.set(store, e);
  }
  return e;
}

let pageStore: HistoryStore | undefined;

/** The page's history store (localStorage), the same object for every terminal tab. */
export function pageHistoryStore(): HistoryStore {
  return (pageStore ??= localHistoryStore());
}

const PS2 = '> ';
const FALLBACK_PROMPT = 'learner@laptop:~$ ';
const BELL = '\x07';

/** Colour a bash-style `user@host:dir$ ` prompt like Debian's default colour prompt. */
export function colourPrompt(p: string): string {
  const m = /^([^@\s]+@[^:\s]+)(:)(.*?)([$#] ?)$/.exec(p);
  if (!m || p.includes('\x1b')) return p;
  return `\x1b[1;32m${m[1]}\x1b[0m${m[2]}\x1b[1;34m${m[3]}\x1b[0m${m[4]}`;
}

/** '\n' → '\r\n' for the terminal, leaving existing '\r\n' alone. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TerminalSession {
  readonly editor: LineEditor;
  private prompt = FALLBACK_PROMPT;
  private pending: string[] = []; // lines of an incomplete command (PS2)
  private queue: string[] = [];
  private pumping = false;
  private running = false;
  private cursorRow = 0; // row of the cursor relative to the first row of the prompt
  private lastKeyWasTab = false;
  private outputEndsWithNewline = true;
  private idleWaiters: (() => void)[] = [];
  private disposers: (() => void)[] = [];
  private seenHistoryLength: number;
  private disposed = false;

  constructor(
    private term: TermLike,
    private client: SimClient,
    readonly tab = 'main',
    private store: HistoryStore = pageHistoryStore(),
  ) {
    const history = new History();
    history.entries = entriesFor(store);
    history.reset();
    this.seenHistoryLength = history.entries.length;
    this.editor = new LineEditor(history);
    this.disposers.push(
      client.on('term.out', ({ text, tab }) => {
        if ((tab ?? 'main') === this.tab) this.output(text);
      }),
      client.on('changed', ({ what }) => {
        if (what === 'prompt') {
          // The shell on top changed by itself (a pod shell ended when its pod went away): redraw the prompt.
          void client
            .call('shell.prompt', { tab: this.tab })
            .then((r) => {
              if (r.prompt === this.prompt) return;
              this.prompt = r.prompt;
              if (!this.running) this.render();
            })
            .catch(() => {});
          return;
        }
        if (what !== 'reset') return;
        this.pending = [];
        this.output('(The simulation was reset: a fresh laptop, no metrics, no cluster.)\n');
        void client
          .call('shell.setHistory', { entries: this.editor.history.entries })
          .then(() => client.call('shell.prompt', { tab: this.tab }))
          .then((r) => {
            this.prompt = r.prompt;
            if (!this.running) this.render();
          })
          .catch(() => {});
      }),
    );
  }

  /** Fetch the prompt, hand the saved history to the shell, enable bracketed paste, draw the first prompt. */
  async start(banner?: string): Promise<void> {
    this.term.write('\x1b[?2004h');
    if (banner) this.term.write(toCrlf(banner));
    try {
      await this.client.call('shell.setHistory', { entries: this.editor.history.entries });
      this.prompt = (await this.client.call('shell.prompt', { tab: this.tab })).prompt;
    } catch (e) {
      this.term.write(`\x1b[31m${toCrlf(String((e as Error).message ?? e))}\x1b[0m\r\n`);
    }
    this.render();
  }

  /** Stop listening; a command still running (its tab was closed) ends without drawing on the gone screen. */
  dispose(): void {
    for (const d of this.disposers) d();
    this.disposers = [];
    this.disposed = true;
    this.queue = [];
    const cols = this.term.cols;
    this.term = { cols, write: () => {}, clear: () => {} };
  }

  get isRunning(): boolean {
    return this.running;
  }

  get history(): string[] {
    return this.editor.history.entries;
  }

  /** Feed an xterm onData chunk. */
  input(data: string): void {
    if (this.disposed) return;
    if (this.running && data.includes('\x03')) {
      // Ctrl-C while a command runs: the foreground job gets SIGINT (the shell echoes the ^C, as the tty does).
      this.queue = [];
      this.client.call('shell.interrupt', { tab: this.tab }).catch((e) => this.writeError(e));
      return;
    }
    this.queue.push(data);
    void this.pump();
  }

  /** Type `text` as if the learner did (lessons' "show me"), then press Enter when `run`. Resolves when idle again. */
  async type(text: string, opts: { run?: boolean; delayMs?: number } = {}): Promise<void> {
    const delay = opts.delayMs ?? Math.min(20, 1200 / Math.max(1, text.length));
    if (text.includes('\n')) {
      // Multi-line solutions (heredocs) arrive like a paste.
      this.input('\x1b[200~' + text + '\x1b[201~');
    } else {
      for (const ch of text) {
        this.input(ch);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      }
    }
    if (opts.run !== false) this.input('\r');
    await this.whenIdle();
  }

  /** Resolves once no command runs and no input waits. */
  whenIdle(): Promise<void> {
    if (!this.running && !this.pumping && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Redraw after a resize. */
  refresh(): void {
    if (!this.running) this.render();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length) {
        const chunk = this.queue.shift()!;
        const paste = /^\x1b\[200~([\s\S]*)\x1b\[201~$/.exec(chunk);
        if (paste) {
          await this.paste(paste[1]!);
          continue;
        }
        const keys = splitKeys(chunk);
        for (let i = 0; i < keys.length; i++) {
          await this.key(keys[i]!);
        }
      }
    } finally {
      this.pumping = false;
      if (!this.running && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async paste(text: string): Promise<void> {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    const last = lines.pop()!;
    for (const line of lines) {
      this.editor.insert(line);
      this.render();
      await this.submit(this.takeLine());
    }
    if (last) {
      this.editor.insert(last.replace(/\t/g, ' '));
      this.render();
    }
  }

  private takeLine(): string {
    const l = this.editor.buf;
    this.editor.set('');
    this.editor.history.reset();
    return l;
  }

  private async key(k: string): Promise<void> {
    const entries = this.editor.history.entries.length;
    if (entries !== this.seenHistoryLength) {
      // Another tab added a line: start Up/Down from the newest entry again.
      this.seenHistoryLength = entries;
      this.editor.history.reset();
    }
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = false;
    const a = this.editor.key(k);
    switch (a.type) {
      case 'redraw':
        this.render();
        break;
      case 'bell':
        this.term.write(BELL);
        break;
      case 'submit':
        this.moveToEnd(a.line);
        await this.submit(a.line);
        break;
      case 'interrupt':
        // bash at the prompt: print ^C, drop the line (and any open PS2 command), new prompt.
        this.moveToEnd(this.editor.buf);
        this.term.write('^C\r\n');
        this.editor.set('');
        this.editor.history.reset();
        this.pending = [];
        this.cursorRow = 0;
        this.render();
        break;
      case 'eof':
        this.term.write(
          '\r\n(Ctrl-D on an empty line would log out of a real shell; this terminal stays open.)\r\n',
        );
        this.cursorRow = 0;
        this.render();
        break;
      case 'clear-screen':
        this.term.clear();
        this.term.write('\x1b[H\x1b[2J');
        this.cursorRow = 0;
        this.render();
        break;
      case 'complete':
        this.lastKeyWasTab = true;
        await this.complete(wasTab);
        break;
      case 'none':
        break;
    }
  }

  private async submit(line: string): Promise<void> {
    this.term.write('\r\n');
    this.cursorRow = 0;
    const text = [...this.pending, line].join('\n');
    if (this.pending.length === 0 && text.trim() === '') {
      this.render();
      return;
    }
    let incomplete = false;
    try {
      incomplete = (await this.client.call('shell.incomplete', { text })).incomplete;
    } catch {
      incomplete = false;
    }
    if (incomplete) {
      this.pending.push(line);
      this.render();
      return;
    }
    this.pending = [];
    this.editor.history.add(text);
    this.seenHistoryLength = this.editor.history.entries.length;
    this.store.save(this.editor.history.entries);
    this.running = true;
    this.outputEndsWithNewline = true;
    try {
      const r = await this.client.call('shell.run', { line: text, tab: this.tab });
      this.prompt = r.prompt || this.prompt;
    } catch (e) {
      this.writeError(e);
    } finally {
      this.running = false;
    }
    // Like zsh, never draw the prompt after output that did not end its line.
    if (!this.outputEndsWithNewline) this.term.write('\r\n');
    this.outputEndsWithNewline = true;
    this.cursorRow = 0;
    this.render();
  }

  private async complete(secondTab: boolean): Promise<void> {
    const line = this.editor.buf;
    const cursor = this.editor.cursor;
    let r: { start: number; candidates: string[] };
    try {
      r = await this.client.call('shell.complete', { line, cursor, tab: this.tab });
    } catch {
      this.term.write(BELL);
      return;
    }
    if (this.editor.buf !== line || this.editor.cursor !== cursor) return; // typed on meanwhile
    const word = line.slice(r.start, cursor);
    const cands = [...new Set(r.candidates)];
    if (cands.length === 0) {
      this.term.write(BELL);
      return;
    }
    if (cands.length === 1) {
      const c = cands[0]!;
      const next = line[cursor];
      const space = /[/=]$/.test(c) || next === ' ' ? '' : ' ';
      this.editor.replaceBeforeCursor(r.start, c + space);
      this.render();
      return;
    }
    const prefix = commonPrefix(cands);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      this.editor.replaceBeforeCursor(r.start, prefix);
      this.render();
      return;
    }
    if (!secondTab) {
      this.term.write(BELL); // bash: first Tab rings, the second lists
      this.lastKeyWasTab = true;
      return;
    }
    this.moveToEnd(line);
    this.term.write('\r\n' + toCrlf(formatColumns(cands.sort(), this.term.cols)) + '\r\n');
    this.cursorRow = 0;
    this.render();
  }

  /** Output for this tab: while idle (a background job) it is printed above the prompt. */
  private output(text: string): void {
    if (!text) return;
    if (this.running) {
      this.term.write(toCrlf(text));
      this.outputEndsWithNewline = text.endsWith('\n');
      return;
    }
    this.clearInput();
    this.term.write(toCrlf(text.endsWith('\n') ? text : text + '\n'));
    this.render();
  }

  private writeError(e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    this.term.write(`\x1b[31m${toCrlf(msg)}\x1b[0m\r\n`);
    this.outputEndsWithNewline = true;
  }

  private currentPrompt(): string {
    return this.pending.length ? PS2 : colourPrompt(this.prompt);
  }

  private clearInput(): void {
    this.term.write((this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '') + '\r\x1b[J');
    this.cursorRow = 0;
  }

  /** Put the cursor after the last character of the input (before printing below it). */
  private moveToEnd(line: string): void {
    const cols = Math.max(1, this.term.cols);
    const total = visibleLength(this.currentPrompt()) + line.length;
    const endRow = Math.floor(total / cols);
    const down = endRow - this.cursorRow;
    this.term.write((down > 0 ? `\x1b[${down}B` : '') + '\r' + (total % cols ? `\x1b[${total % cols}C` : ''));
    this.cursorRow = endRow;
  }

  /** Draw prompt + line and place the cursor (handles lines that wrap over several rows). */
  private render(): void {
    const cols = Math.max(1, this.term.cols);
    const p = this.currentPrompt();
    const plen = visibleLength(p);
    const buf = this.editor.buf;
    let out = (this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '') + '\r\x1b[J' + p + buf;
    const total = plen + buf.length;
    // At an exact multiple of the width the cursor sits in the "pending wrap" state; step onto the next row.
    if (total > 0 && total % cols === 0) out += '\r\n';
    const endRow = Math.floor(total / cols);
    const target = plen + this.editor.cursor;
    const tRow = Math.floor(target / cols);
    const tCol = target % cols;
    if (endRow > tRow) out += `\x1b[${endRow - tRow}A`;
    out += '\r' + (tCol > 0 ? `\x1b[${tCol}C` : '');
    this.cursorRow = tRow;
    this.term.write(out);
  }
}
