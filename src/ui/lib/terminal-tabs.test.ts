import { describe, expect, it } from 'vitest';
import {
  MAX_TERMINALS,
  closeTab,
  initialTabs,
  loadTabs,
  openTab,
  parseTabs,
  saveTabs,
  selectTab,
  serializeTabs,
  tabKeyTarget,
  tabLabel,
  type TerminalTabsState,
} from './terminal-tabs';

function open(s: TerminalTabsState): TerminalTabsState {
  const r = openTab(s);
  if ('error' in r) throw new Error(r.error);
  return r.state;
}

describe('terminal tabs state', () => {
  it('opens Terminal 2, 3, 4 with ids t2, t3, t4, each becoming active, and refuses a fifth', () => {
    let s = initialTabs();
    expect(s.open).toEqual(['main']);
    s = open(open(open(s)));
    expect(s.open).toEqual(['main', 't2', 't3', 't4']);
    expect(s.active).toBe('t4');
    expect(s.open.map(tabLabel)).toEqual(['Terminal 1', 'Terminal 2', 'Terminal 3', 'Terminal 4']);
    const r = openTab(s);
    expect('error' in r && r.error).toMatch(new RegExp(`At most ${MAX_TERMINALS} terminals`));
  });

  it('never closes Terminal 1; closing the active tab activates its left neighbour; ids are not reused', () => {
    let s = open(open(initialTabs())); // main, t2, t3 (t3 active)
    expect(closeTab(s, 'main')).toBe(s);
    expect(closeTab(s, 'nope')).toBe(s);
    s = selectTab(s, 't2');
    s = closeTab(s, 't2');
    expect(s).toMatchObject({ open: ['main', 't3'], active: 'main' });
    s = selectTab(s, 't3');
    expect(closeTab(s, 'main').active).toBe('t3');
    // A closed tab's shell may still exist in the worker: the next tab gets a new id (a fresh shell).
    s = open(s);
    expect(s.open).toEqual(['main', 't3', 't4']);
  });

  it('selectTab ignores tabs that are not open', () => {
    const s = initialTabs();
    expect(selectTab(s, 't2')).toBe(s);
  });

  it('arrow keys wrap, Home and End jump, other keys do nothing', () => {
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('Home', 2, 3)).toBe(0);
    expect(tabKeyTarget('End', 0, 3)).toBe(2);
    expect(tabKeyTarget('Enter', 0, 3)).toBeNull();
  });

  it('round-trips through storage and continues numbering after the highest open tab', () => {
    const mem = new Map<string, string>();
    const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    let s = open(open(open(initialTabs())));
    s = closeTab(selectTab(s, 't2'), 't3');
    saveTabs(s, store);
    const back = loadTabs(store);
    expect(back).toEqual({ open: ['main', 't2', 't4'], active: 't2', next: 5 });
  });

  it('bad saved data falls back to what it can keep, never throws', () => {
    expect(parseTabs('{oops')).toEqual(initialTabs());
    expect(parseTabs('null')).toEqual(initialTabs());
    expect(parseTabs(JSON.stringify({ open: 'main' }))).toEqual(initialTabs());
    expect(parseTabs(JSON.stringify({ open: ['t2', 't2', 'main', 'x', 7, 't1', 't0', 't5', 't6', 't7'], active: 'x' }))).toEqual({
      open: ['main', 't2', 't5', 't6'],
      active: 'main',
      next: 7,
    });
    expect(serializeTabs(parseTabs(JSON.stringify({ open: ['t3'], active: 't3' })))).toBe('{"open":["main","t3"],"active":"t3"}');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadTabs(broken)).toEqual(initialTabs());
    expect(() => saveTabs(initialTabs(), broken)).not.toThrow();
  });
});
