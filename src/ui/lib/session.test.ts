import { describe, expect, it } from 'vitest';
import { SimHost } from '../../worker/sim-host';
import type { EventName, Events } from '../../worker/protocol';
import type { SimClient } from './sim-client';
import { TerminalSession } from './terminal-session';
import type { TerminalApi } from './terminal-registry';
import { SESSION_KEY, SessionLog, observeShellRuns, replayCommands, restoreState } from './session';
import { changedFiles, decodeState, encodeState } from './share';
import { EDITOR_STORAGE_KEY, defaultFiles, editorFsFromClient, loadFiles, replaceSavedFiles, restoreEditedFiles } from './editor-files';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

/** The real worker host in-process, behind the page's client interface (what sim.worker.ts does over postMessage). */
function inProcessClient() {
  const listeners = new Map<string, Set<(d: unknown) => void>>();
  const host = new SimHost(<E extends EventName>(name: E, data: Events[E]) => {
    for (const fn of listeners.get(name) ?? []) fn(data);
  });
  const client = {
    call: async (method: string, params: unknown) => {
      const r = await host.handle(method, params);
      if (!r.ok) throw new Error(r.error);
      return r.result;
    },
    on: <T,>(name: string, fn: (d: T) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const f = fn as (d: unknown) => void;
      set.add(f);
      return () => void set.delete(f);
    },
  };
  return { host, client };
}

/** A real TerminalSession on a text screen, exposed as the registry's TerminalApi. */
async function terminalFor(client: unknown): Promise<{ api: TerminalApi; screen: () => string }> {
  let out = '';
  const term = { cols: 200, write: (d: string) => void (out += d), clear: () => void 0 };
  const session = new TerminalSession(term, client as SimClient, 'main', { load: () => [], save: () => {} });
  await session.start();
  return {
    api: {
      type: (text, opts) => session.type(text, opts),
      focus: () => {},
      text: () => out,
      get running() {
        return session.isRunning;
      },
    },
    screen: () => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n').replace(/\r/g, ''),
  };
}

describe('SessionLog', () => {
  it('offers the previous page\'s commands until this world runs its first one', () => {
    const s = memoryStorage();
    const a = new SessionLog(s);
    a.record('echo one');
    a.record('echo one'); // a duplicate ran twice: both count (unlike bash history with ignoredups)
    a.record('   ');
    expect(a.commands).toEqual(['echo one', 'echo one']);

    const b = new SessionLog(s); // reload
    expect(b.previous).toEqual(['echo one', 'echo one']);
    expect(b.commands).toEqual([]);
    const c = new SessionLog(s); // reload again without running anything: still offered
    expect(c.previous).toEqual(['echo one', 'echo one']);
    c.record('ls');
    expect(new SessionLog(s).previous).toEqual(['ls']);
  });

  it('reset and dismiss drop the offer; junk in storage reads as nothing', () => {
    const s = memoryStorage();
    s.setItem(SESSION_KEY, JSON.stringify({ commands: ['a', 3, ''] }));
    const a = new SessionLog(s);
    expect(a.previous).toEqual(['a']);
    a.dismissPrevious();
    expect(new SessionLog(s).previous).toEqual([]);
    s.setItem(SESSION_KEY, '{not json');
    expect(new SessionLog(s).previous).toEqual([]);
    const b = new SessionLog(s);
    b.record('x');
    b.clear();
    expect(new SessionLog(s).previous).toEqual([]);
  });
});

describe('observeShellRuns', () => {
  it('sees every shell.run line and passes calls through unchanged; the hook can be removed', async () => {
    const { client } = inProcessClient();
    const seen: string[] = [];
    const off = observeShellRuns(client, (line) => seen.push(line));
    const r = (await client.call('shell.run', { line: 'echo hi', tab: 'main' })) as { code: number };
    expect(r.code).toBe(0);
    await client.call('clock.now', {});
    off();
    await client.call('shell.run', { line: 'echo unseen', tab: 'main' });
    expect(seen).toEqual(['echo hi']);
  });
});

describe('replay and share restore against the real simulation', () => {
  it('a session (heredoc, nc to statsd, an edited editor file, a foreground command stopped with Ctrl-C) comes back from its link', async () => {
    // The sharer's page.
    const a = inProcessClient();
    const baseline = ((await a.client.call('fs.list', {})) as { files: Record<string, string> }).files;
    const log = new SessionLog(memoryStorage());
    observeShellRuns(a.client, (l) => log.record(l));
    const ta = await terminalFor(a.client);
    const deployment = defaultFiles()[0]!;
    const edited = deployment.content + '# edited: more replicas later\n';
    expect(edited).not.toBe(deployment.content);
    await a.client.call('fs.write', { path: deployment.path, content: edited }); // the editor's write
    await ta.api.type(`cat > notes.txt <<'EOF'\nquotes "double" 'single' — ünïcode ☃\nEOF`, { delayMs: 0 });
    await ta.api.type(`echo "foo:1|c" | nc -u -w0 127.0.0.1 8125`, { delayMs: 0 });
    await ta.api.type('echo more >> appended.txt', { delayMs: 0 }); // replayed onto the shared file: must not double
    // `nc -lu` listens until Ctrl-C: a foreground server.
    const fg = ta.api.type('nc -lu 9999', { delayMs: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(ta.api.running).toBe(true);
    await ta.api.type('\x03', { run: false, delayMs: 0 });
    await fg;
    await ta.api.type('echo after', { delayMs: 0 });
    expect(log.commands).toHaveLength(5);

    const current = ((await a.client.call('fs.list', {})) as { files: Record<string, string> }).files;
    const files = changedFiles(current, baseline);
    expect(Object.keys(files).sort()).toEqual(['/home/learner/myproject/appended.txt', deployment.path, '/home/learner/myproject/notes.txt']);
    const payload = await encodeState({ v: 1, commands: log.commands, files });

    // The receiver's fresh page.
    const b = inProcessClient();
    const decoded = await decodeState(payload);
    if (!decoded.ok) throw new Error(decoded.error);
    const tb = await terminalFor(b.client);
    const storage = memoryStorage();
    let navigated = false;
    const r = await restoreState(decoded.state, {
      client: b.client,
      terminal: async () => tb.api,
      saveEditorFiles: (f) => replaceSavedFiles(storage, f),
      navigate: () => (navigated = true),
      replay: { settleMs: 300 },
    });
    expect(r).toEqual({ ok: true, message: 'Restored 3 files and ran 5 commands.' });
    expect(navigated).toBe(true);
    const fsB = editorFsFromClient(b.client);
    expect(await fsB.read('/home/learner/myproject/notes.txt')).toBe(`quotes "double" 'single' — ünïcode ☃\n`);
    expect(await fsB.read('/home/learner/myproject/appended.txt')).toBe('more\n');
    expect(await fsB.read(deployment.path)).toBe(edited);
    expect(loadFiles(storage)[0]!.content).toBe(edited);
    expect(((await b.client.call('statsd.counters', {})) as { packetsReceived: number }).packetsReceived).toBe(1);
    // The foreground command was interrupted (bash prints ^C) and the next one ran.
    expect(tb.screen()).toMatch(/nc -lu 9999\n\^C\n[\s\S]*echo after\nafter\n/);
    expect(tb.api.running).toBe(false);
  });

  it('leaves the last command running, as it was when the link was made', async () => {
    const { client } = inProcessClient();
    const t = await terminalFor(client);
    const n = await replayCommands(t.api, ['echo first', 'nc -lu 9999'], { settleMs: 200 });
    expect(n).toBe(2);
    expect(t.api.running).toBe(true);
  });

  it('restoreEditedFiles writes only the files the learner changed into a fresh world', async () => {
    const { client } = inProcessClient();
    const fs = editorFsFromClient(client);
    const storage = memoryStorage();
    expect(await restoreEditedFiles(storage, fs)).toEqual([]);
    const [dep, graphite] = defaultFiles();
    storage.setItem(EDITOR_STORAGE_KEY, JSON.stringify({ [dep!.name]: 'kind: Changed\n', [graphite!.name]: graphite!.content }));
    expect(await restoreEditedFiles(storage, fs)).toEqual([dep!.path]);
    expect(await fs.read(dep!.path)).toBe('kind: Changed\n');
  });
});
