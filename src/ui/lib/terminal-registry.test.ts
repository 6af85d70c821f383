import { describe, expect, it } from 'vitest';
import { getTerminal, registerTerminal, runInTerminal, whenTerminal, type TerminalApi } from './terminal-registry';

function fake(name: string): TerminalApi {
  return { type: async () => {}, focus: () => {}, text: () => name, running: false };
}

describe('terminal registry', () => {
  it('resolves whenTerminal once the tab registers, and unregistering removes only that terminal', async () => {
    const waiting = whenTerminal('t1');
    const a = fake('a');
    const off = registerTerminal('t1', a);
    expect((await waiting).text()).toBe('a');
    const b = fake('b');
    registerTerminal('t1', b); // a remount replaced it
    off(); // the old one's cleanup must not remove the new one
    expect(getTerminal('t1')?.text()).toBe('b');
  });

  it('is reachable from globalThis.__terminals for browser tests', () => {
    registerTerminal('t2', fake('c'));
    const g = (globalThis as unknown as { __terminals: { get(tab: string): TerminalApi | undefined } }).__terminals;
    expect(g.get('t2')?.text()).toBe('c');
    expect(g.get('nope')).toBeUndefined();
  });

  it('runInTerminal waits for Terminal 1 and types the command with Enter', async () => {
    const typed: [string, unknown][] = [];
    const done = runInTerminal('kubectl apply -f app.yaml');
    registerTerminal('main', { ...fake('m'), type: async (t, o) => void typed.push([t, o]) });
    await done;
    expect(typed).toEqual([['kubectl apply -f app.yaml', undefined]]);
  });
});
