/**
 * A readline-style line editor, pure (no DOM, no xterm): it turns the byte sequences xterm.js reports for
 * keys into edits of one line and tells the terminal what to do next. Bindings follow GNU readline's emacs
 * mode defaults (bash): C-a/C-e beginning/end-of-line, C-u unix-line-discard, C-k kill-line,
 * C-w unix-word-rubout (whitespace-delimited), M-b/M-f backward/forward-word (alphanumeric words),
 * C-d delete-char (EOF on an empty line), C-l clear-screen, Up/Down history.
 */

export type EditorAction =
  | { type: 'redraw' }
  | { type: 'none' }
  | { type: 'bell' }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'eof' }
  | { type: 'clear-screen' }
  | { type: 'complete' };

/** Split one onData chunk into keys: escape sequences, control bytes and single characters. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const c = data[i]!;
    if (c === '\x1b') {
      const n = data[i + 1];
      if (n === '[') {
        // CSI: parameters and intermediates, then one final byte in @..~
        let j = i + 2;
        while (j < data.length && !/[@-~]/.test(data[j]!)) j++;
        keys.push(data.slice(i, j + 1));
        i = j + 1;
      } else if (n === 'O' && i + 2 < data.length) {
        keys.push(data.slice(i, i + 3));
        i += 3;
      } else if (n !== undefined) {
        keys.push(data.slice(i, i + 2)); // Meta-<char>
        i += 2;
      } else {
        keys.push(c);
        i++;
      }
    } else {
      const cp = data.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      keys.push(ch);
      i += ch.length;
    }
  }
  return keys;
}

const isWordChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}_]/u.test(c);

export class History {
  entries: string[];
  private index: number;
  private draft = '';

  constructor(entries: string[] = [], private max = 1000) {
    this.entries = entries.slice(-max);
    this.index = this.entries.length;
  }

  /**
   * Add a run line. Debian's default ~/.bashrc sets HISTCONTROL=ignoreboth: no empty lines, no immediate
   * duplicates, no lines starting with a space (the shell's own `history` follows the same rule).
   */
  add(line: string): void {
    const l = line.replace(/\n+$/, '');
    if (l.trim() && !l.startsWith(' ') && this.entries[this.entries.length - 1] !== l) {
      this.entries.push(l);
      if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    }
    this.reset();
  }

  reset(): void {
    this.index = this.entries.length;
    this.draft = '';
  }

  /** Older entry, or null at the oldest. `current` is saved as the draft when leaving the newest position. */
  prev(current: string): string | null {
    if (this.index === 0) return null;
    if (this.index === this.entries.length) this.draft = current;
    this.index--;
    return this.entries[this.index]!;
  }

  next(): string | null {
    if (this.index >= this.entries.length) return null;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index]!;
  }
}

export class LineEditor {
  buf = '';
  cursor = 0;

  constructor(public history: History = new History()) {}

  set(text: string, cursor = text.length): void {
    this.buf = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
  }

  insert(text: string): void {
    this.buf = this.buf.slice(0, this.cursor) + text + this.buf.slice(this.cursor);
    this.cursor += text.length;
  }

  /** Replace buf[start, cursor) with `text` (tab completion). */
  replaceBeforeCursor(start: number, text: string): void {
    const s = Math.max(0, Math.min(start, this.cursor));
    this.buf = this.buf.slice(0, s) + text + this.buf.slice(this.cursor);
    this.cursor = s + text.length;
  }

  private wordLeft(): number {
    let i = this.cursor;
    while (i > 0 && !isWordChar(this.buf[i - 1])) i--;
    while (i > 0 && isWordChar(this.buf[i - 1])) i--;
    return i;
  }

  private wordRight(): number {
    let i = this.cursor;
    while (i < this.buf.length && !isWordChar(this.buf[i])) i++;
    while (i < this.buf.length && isWordChar(this.buf[i])) i++;
    return i;
  }

  /** Apply one key (as split by splitKeys). */
  key(k: string): EditorAction {
    switch (k) {
      case '\r':
      case '\n': {
        const line = this.buf;
        this.buf = '';
        this.cursor = 0;
        this.history.reset();
        return { type: 'submit', line };
      }
      case '\x03': // C-c
        return { type: 'interrupt' };
      case '\x04': // C-d: delete-char, or EOF on an empty line
        if (this.buf === '') return { type: 'eof' };
        return this.deleteForward();
      case '\x0c': // C-l
        return { type: 'clear-screen' };
      case '\t':
        return { type: 'complete' };
      case '\x01': // C-a
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x1b[7~':
        return this.move(0);
      case '\x05': // C-e
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x1b[8~':
        return this.move(this.buf.length);
      case '\x02': // C-b
      case '\x1b[D':
      case '\x1bOD':
        return this.move(this.cursor - 1);
      case '\x06': // C-f
      case '\x1b[C':
      case '\x1bOC':
        return this.move(this.cursor + 1);
      case '\x1bb':
      case '\x1bB':
      case '\x1b[1;5D':
      case '\x1b[1;3D':
        return this.move(this.wordLeft());
      case '\x1bf':
      case '\x1bF':
      case '\x1b[1;5C':
      case '\x1b[1;3C':
        return this.move(this.wordRight());
      case '\x7f': // Backspace
      case '\x08':
        if (this.cursor === 0) return { type: 'bell' };
        this.buf = this.buf.slice(0, this.cursor - 1) + this.buf.slice(this.cursor);
        this.cursor--;
        return { type: 'redraw' };
      case '\x1b[3~': // Delete
        return this.deleteForward();
      case '\x15': // C-u: unix-line-discard (kills from the start of the line to the cursor)
        if (this.cursor === 0) return { type: 'none' };
        this.buf = this.buf.slice(this.cursor);
        this.cursor = 0;
        return { type: 'redraw' };
      case '\x0b': // C-k
        this.buf = this.buf.slice(0, this.cursor);
        return { type: 'redraw' };
      case '\x17': {
        // C-w: unix-word-rubout, words are whitespace-delimited
        let i = this.cursor;
        while (i > 0 && /\s/.test(this.buf[i - 1]!)) i--;
        while (i > 0 && !/\s/.test(this.buf[i - 1]!)) i--;
        if (i === this.cursor) return { type: 'bell' };
        this.buf = this.buf.slice(0, i) + this.buf.slice(this.cursor);
        this.cursor = i;
        return { type: 'redraw' };
      }
      case '\x1bd': {
        // M-d: kill-word
        const j = this.wordRight();
        this.buf = this.buf.slice(0, this.cursor) + this.buf.slice(j);
        return { type: 'redraw' };
      }
      case '\x1b\x7f': {
        // M-Backspace: backward-kill-word
        const i = this.wordLeft();
        this.buf = this.buf.slice(0, i) + this.buf.slice(this.cursor);
        this.cursor = i;
        return { type: 'redraw' };
      }
      case '\x1b[A':
      case '\x1bOA':
      case '\x10': {
        const h = this.history.prev(this.buf);
        if (h === null) return { type: 'bell' };
        this.set(h);
        return { type: 'redraw' };
      }
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e': {
        const h = this.history.next();
        if (h === null) return { type: 'bell' };
        this.set(h);
        return { type: 'redraw' };
      }
      default:
        if (k.startsWith('\x1b') || (k.length === 1 && k < ' ')) return { type: 'none' }; // unbound key
        this.insert(k);
        return { type: 'redraw' };
    }
  }

  private move(to: number): EditorAction {
    const c = Math.max(0, Math.min(to, this.buf.length));
    if (c === this.cursor) return { type: 'none' };
    this.cursor = c;
    return { type: 'redraw' };
  }

  private deleteForward(): EditorAction {
    if (this.cursor >= this.buf.length) return { type: 'bell' };
    this.buf = this.buf.slice(0, this.cursor) + this.buf.slice(this.cursor + 1);
    return { type: 'redraw' };
  }
}

/** Longest common prefix of completion candidates (bash inserts it when the candidates disagree). */
export function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < p.length && i < w.length && p[i] === w[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** Lay candidates out in columns across `cols`, sorted down the columns as bash (readline) prints them. */
export function formatColumns(words: string[], cols: number): string {
  if (words.length === 0) return '';
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perLine = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perLine);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perLine; c++) {
      const w = words[c * rows + r];
      if (w === undefined) continue;
      line += c === perLine - 1 || words[(c + 1) * rows + r] === undefined ? w : w.padEnd(width);
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** Visible width of a prompt (ANSI escapes take no room). */
export function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b\][^\x07]*\x07/g, '').length;
}
