import { describe, expect, it } from 'vitest';
import { LineEditor, History, splitKeys, commonPrefix, formatColumns, visibleLength } from './line-editor';

function typeKeys(ed: LineEditor, data: string) {
  return splitKeys(data).map((k) => ed.key(k));
}

describe('splitKeys', () => {
  it('separates CSI sequences, SS3, meta keys and characters', () => {
    expect(splitKeys('ab\x1b[D\x1b[1;5C\x1bOH\x1bb\x7fé')).toEqual(['a', 'b', '\x1b[D', '\x1b[1;5C', '\x1bOH', '\x1bb', '\x7f', 'é']);
  });
});

describe('LineEditor (readline emacs-mode bindings)', () => {
  it('inserts in the middle after Left, and Home/End move to the ends', () => {
    const ed = new LineEditor();
    typeKeys(ed, 'echo hllo\x1b[D\x1b[D\x1b[De');
    expect(ed.buf).toBe('echo hello');
    typeKeys(ed, '\x01X');
    expect(ed.buf).toBe('Xecho hello');
    typeKeys(ed, '\x05!');
    expect(ed.buf).toBe('Xecho hello!');
  });

  it('Backspace and Delete remove around the cursor; Backspace at column 0 rings the bell', () => {
    const ed = new LineEditor();
    typeKeys(ed, 'abc\x1b[D\x7f');
    expect([ed.buf, ed.cursor]).toEqual(['ac', 1]);
    typeKeys(ed, '\x1b[3~');
    expect(ed.buf).toBe('a');
    expect(typeKeys(ed, '\x01\x7f').pop()).toEqual({ type: 'bell' });
  });

  it('C-u kills to the start of the line, C-k to the end (unix-line-discard / kill-line)', () => {
    const ed = new LineEditor();
    typeKeys(ed, 'hello world\x1bb\x15');
    expect([ed.buf, ed.cursor]).toEqual(['world', 0]);
    typeKeys(ed, '\x06\x06\x0b');
    expect(ed.buf).toBe('wo');
  });

  it('C-w deletes a whitespace-delimited word, M-b/M-f move over alphanumeric words', () => {
    const ed = new LineEditor();
    typeKeys(ed, 'nc -u 127.0.0.1 8125\x17');
    expect(ed.buf).toBe('nc -u 127.0.0.1 ');
    typeKeys(ed, '\x17');
    expect(ed.buf).toBe('nc -u ');
    ed.set('foo.bar baz');
    typeKeys(ed, '\x1bb');
    expect(ed.cursor).toBe(8);
    typeKeys(ed, '\x1bb');
    expect(ed.cursor).toBe(4); // '.' is not a word character for readline's backward-word
    typeKeys(ed, '\x1b[1;5D\x1bf');
    expect(ed.cursor).toBe(3);
  });

  it('Enter submits and clears; C-c interrupts; C-d on an empty line is EOF, else delete-char', () => {
    const ed = new LineEditor();
    expect(typeKeys(ed, 'ls\r').pop()).toEqual({ type: 'submit', line: 'ls' });
    expect(ed.buf).toBe('');
    expect(ed.key('\x04')).toEqual({ type: 'eof' });
    typeKeys(ed, 'ab\x01\x04');
    expect(ed.buf).toBe('b');
    expect(ed.key('\x03')).toEqual({ type: 'interrupt' });
    expect(ed.key('\x0c')).toEqual({ type: 'clear-screen' });
    expect(ed.key('\t')).toEqual({ type: 'complete' });
  });

  it('Up/Down walk the history and give back the draft line', () => {
    const h = new History(['echo one', 'echo two']);
    const ed = new LineEditor(h);
    typeKeys(ed, 'draft\x1b[A');
    expect(ed.buf).toBe('echo two');
    typeKeys(ed, '\x1b[A');
    expect(ed.buf).toBe('echo one');
    expect(ed.key('\x1b[A')).toEqual({ type: 'bell' });
    typeKeys(ed, '\x1b[B\x1b[B');
    expect(ed.buf).toBe('draft');
  });

  it('history follows HISTCONTROL=ignoreboth (no empty, duplicate or space-led lines) and keeps at most max', () => {
    const h = new History([], 3);
    for (const l of ['a', 'a', '  ', ' secret', 'b', 'c', 'd']) h.add(l);
    expect(h.entries).toEqual(['b', 'c', 'd']);
  });
});

describe('completion helpers', () => {
  it('common prefix of candidates', () => {
    expect(commonPrefix(['gunicorn', 'gunzip', 'gu'])).toBe('gu');
    expect(commonPrefix(['abc'])).toBe('abc');
    expect(commonPrefix([])).toBe('');
  });
  it('lays candidates out down the columns like readline', () => {
    expect(formatColumns(['a', 'bb', 'c', 'd', 'e'], 12)).toBe('a   c   e\nbb  d');
  });
  it('prompt width ignores ANSI colours', () => {
    expect(visibleLength('\x1b[1;32mlearner@laptop\x1b[0m:~$ ')).toBe('learner@laptop:~$ '.length);
  });
});
