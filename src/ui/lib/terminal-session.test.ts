import { describe, expect, it } from 'vitest';
import { TerminalSession, colourPrompt, toCrlf, type HistoryStore } from './terminal-session';
import type { SimClient } from './sim-client';

/** A fake worker client: records calls; `incomplete` mimics bash for an open heredoc. */
function fakeClient(opts: { complete?: (line: string, cursor: number) => { start: number; candidates: string[] } } = {}) {
  const calls: { method: string; params: any }[] = [];
  const listeners = new Map<string, ((d: any) => void)[]>();
  let release: (() => void) | null = null;
  const client = {
    call: async (method: string, params: any) => {
      calls.push({ method, params });
      switch (method) {
        case 'shell.prompt':
          return { prompt: 'learner@laptop:~/myproject$ ' };
        case 'shell.incomplete': {
          const m = /<<-?'?(\w+)'?/.exec(params.text);
          const lines = params.text.split('\n');
          return { incomplete: !!m && !lines.slice(1).includes(m[1]) };
        }
        case 'shell.run':
          if (params.line === 'sleep') await new Promise<void>((r) => (release = r));
          return { code: 0, prompt: 'learner@laptop:~/myproject$ ' };
        case 'shell.complete':
          return opts.complete ? opts.complete(params.line, params.cursor) : { start: 0, candidates: [] };
        default:
          return null;
      }
    },
    on: (name: string, fn: (d: any) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return () => {};
    },
  };
  return {
    client: client as unknown as SimClient,
    calls,
    emit: (name: string, d: any) => listeners.get(name)?.forEach((f) => f(d)),
    release: () => release?.(),
  };
}

function fakeTerm() {
  const out: string[] = [];
  return { term: { cols: 80, write: (s: string) => out.push(s), clear: () => out.push('<clear>') }, out };
}

function memStore(initial: string[] = []): HistoryStore & { saved: string[] } {
  const s = { saved: initial, load: () => [...s.saved], save: (e: string[]) => (s.saved = [...e]) };
  return s;
}

const runs = (calls: { method: string; params: any }[]) => calls.filter((c) => c.method === 'shell.run').map((c) => c.params.line);

describe('TerminalSession', () => {
  it('runs a typed line, saves it to history, and hands saved history to the shell at start', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const store = memStore(['echo before']);
    const s = new TerminalSession(t.term, f.client, 'main', store);
    await s.start();
    expect(f.calls.find((c) => c.method === 'shell.setHistory')?.params.entries).toEqual(['echo before']);
    s.input('echo "foo:1|c" | nc -u -w0 127.0.0.1 8125\r');
    await s.whenIdle();
    expect(runs(f.calls)).toEqual(['echo "foo:1|c" | nc -u -w0 127.0.0.1 8125']);
    expect(store.saved).toEqual(['echo before', 'echo "foo:1|c" | nc -u -w0 127.0.0.1 8125']);
  });

  it('a pasted heredoc shows PS2 and runs as ONE command', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 'main', memStore());
    await s.start();
    s.input('\x1b[200~cat <<EOF > app.py\nprint(1)\nEOF\necho done\n\x1b[201~');
    await s.whenIdle();
    expect(runs(f.calls)).toEqual(['cat <<EOF > app.py\nprint(1)\nEOF', 'echo done']);
    expect(t.out.join('')).toContain('\r\x1b[J> print(1)'); // PS2 before each heredoc line
    expect(t.out.join('')).toContain('\r\x1b[J> EOF');
  });

  it('Ctrl-C while a command runs interrupts it; keys typed meanwhile run afterwards', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 'main', memStore());
    await s.start();
    s.input('sleep\r');
    await new Promise((r) => setTimeout(r, 5));
    expect(s.isRunning).toBe(true);
    s.input('\x03');
    expect(f.calls.some((c) => c.method === 'shell.interrupt')).toBe(true);
    s.input('echo next\r');
    f.release();
    await s.whenIdle();
    expect(runs(f.calls)).toEqual(['sleep', 'echo next']);
  });

  it('Ctrl-C at the prompt drops the line and prints ^C, like bash', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 'main', memStore());
    await s.start();
    s.input('half typed\x03');
    await s.whenIdle();
    expect(s.editor.buf).toBe('');
    expect(t.out.join('')).toContain('^C\r\n');
    expect(runs(f.calls)).toEqual([]);
  });

  it('Tab: one candidate completes with a space; several insert the common prefix, then list on the second Tab', async () => {
    const f = fakeClient({
      complete: (line) =>
        line.startsWith('gun') ? { start: 0, candidates: ['gunicorn'] } : { start: 5, candidates: ['stats.counters', 'stats.timers'] },
    });
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 'main', memStore());
    await s.start();
    s.input('gun\t');
    await s.whenIdle();
    expect(s.editor.buf).toBe('gunicorn ');
    s.input('\x15echo st\t');
    await s.whenIdle();
    expect(s.editor.buf).toBe('echo stats.');
    s.input('\t');
    await s.whenIdle();
    s.input('\t');
    await s.whenIdle();
    expect(t.out.join('')).toContain('stats.counters  stats.timers');
  });

  it('background output while idle is printed above the prompt, which is redrawn with the typed text', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 'main', memStore());
    await s.start();
    s.input('curl');
    await s.whenIdle();
    t.out.length = 0;
    f.emit('term.out', { text: '[2026-01-01 12:00:00 +0000] [1201] [INFO] Booting worker\n', tab: 'main' });
    const written = t.out.join('');
    expect(written.indexOf('Booting worker')).toBeLessThan(written.lastIndexOf('curl'));
    expect(written.startsWith('\r\x1b[J')).toBe(true);
  });

  it('helpers: coloured prompt keeps its text; newlines become CRLF once', () => {
    expect(colourPrompt('learner@laptop:~/myproject$ ').replace(/\x1b\[[0-9;]*m/g, '')).toBe('learner@laptop:~/myproject$ ');
    expect(toCrlf('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
  it('two tabs share one history: a line run in one is Up-arrow away in the other, and both are saved', async () => {
    const f = fakeClient();
    const store = memStore(['echo before']);
    const a = new TerminalSession(fakeTerm().term, f.client, 'main', store);
    const b = new TerminalSession(fakeTerm().term, f.client, 't2', store);
    await a.start();
    await b.start();
    a.input('echo one\r');
    await a.whenIdle();
    b.input('\x1b[A');
    await b.whenIdle();
    expect(b.editor.buf).toBe('echo one');
    b.input('\x15echo two\r'); // Ctrl-U, then a new line
    await b.whenIdle();
    expect(f.calls.filter((c) => c.method === 'shell.run').map((c) => [c.params.tab, c.params.line])).toEqual([
      ['main', 'echo one'],
      ['t2', 'echo two'],
    ]);
    a.input('\x1b[A');
    await a.whenIdle();
    expect(a.editor.buf).toBe('echo two');
    expect(store.saved).toEqual(['echo before', 'echo one', 'echo two']);
  });

  it('shows only its own tab\'s output, and draws nothing once disposed (its tab was closed mid-command)', async () => {
    const f = fakeClient();
    const t = fakeTerm();
    const s = new TerminalSession(t.term, f.client, 't2', memStore());
    await s.start();
    f.emit('term.out', { text: 'for main\n', tab: 'main' });
    f.emit('term.out', { text: 'for t2\n', tab: 't2' });
    expect(t.out.join('')).not.toContain('for main');
    expect(t.out.join('')).toContain('for t2');
    s.input('sleep\r');
    await new Promise((r) => setTimeout(r, 5));
    const before = t.out.length;
    s.dispose();
    f.release();
    await s.whenIdle();
    s.input('echo late\r');
    expect(t.out.length).toBe(before);
    expect(runs(f.calls)).toEqual(['sleep']);
  });
});
