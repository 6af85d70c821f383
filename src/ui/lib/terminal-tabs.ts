/**
 * Which terminal tabs are open (pure state, no DOM): "Terminal 1" is the worker's 'main' shell and is always
 * there; "+" opens 't2', 't3', … up to MAX_TERMINALS tabs at once. Every tab id maps to its own shell in the
 * worker (protocol.ts: each shell method takes `tab`), so a closed tab's id is never handed out again in the
 * same page: a new tab always gets a fresh shell, as a new terminal window does. After a reload every shell is
 * fresh anyway, so numbering continues after the highest open tab.
 */
export const MAIN_TAB = 'main';
export const MAX_TERMINALS = 4;
export const TABS_KEY = 'metrics-playground.terminal-tabs';

export interface TerminalTabsState {
  /** Open tab ids in strip order; always starts with 'main'. */
  open: string[];
  active: string;
  /** Number of the next tab "+" opens ('t' + next). */
  next: number;
}

const EXTRA_ID = /^t([2-9]|[1-9]\d{1,5})$/;

export function initialTabs(): TerminalTabsState {
  return { open: [MAIN_TAB], active: MAIN_TAB, next: 2 };
}

/** The tab's number: 1 for 'main', N for 'tN'; null for anything else. */
export function tabNumber(id: string): number | null {
  if (id === MAIN_TAB) return 1;
  const m = EXTRA_ID.exec(id);
  return m ? Number(m[1]) : null;
}

/** "Terminal 1", "Terminal 2", … */
export function tabLabel(id: string): string {
  return `Terminal ${tabNumber(id) ?? id}`;
}

export function canOpen(s: TerminalTabsState): boolean {
  return s.open.length < MAX_TERMINALS;
}

/** Open a new tab and make it active; `error` says why not (already MAX_TERMINALS open). */
export function openTab(s: TerminalTabsState): { state: TerminalTabsState; id: string } | { error: string } {
  if (!canOpen(s)) return { error: `At most ${MAX_TERMINALS} terminals: close one first.` };
  const id = 't' + s.next;
  return { state: { open: [...s.open, id], active: id, next: s.next + 1 }, id };
}

/**
 * Close an extra tab. Terminal 1 cannot be closed. When the active tab closes, its left neighbour becomes
 * active (Terminal 1 is always left of every other tab).
 */
export function closeTab(s: TerminalTabsState, id: string): TerminalTabsState {
  const i = s.open.indexOf(id);
  if (id === MAIN_TAB || i < 0) return s;
  const open = s.open.filter((t) => t !== id);
  const active = s.active === id ? open[i - 1]! : s.active;
  return { open, active, next: s.next };
}

export function selectTab(s: TerminalTabsState, id: string): TerminalTabsState {
  return s.open.includes(id) && s.active !== id ? { ...s, active: id } : s;
}

/** WAI-ARIA tabs pattern: the index arrow keys / Home / End move to, or null for other keys. */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** Read the saved tabs; anything malformed falls back to what it can keep (at worst, Terminal 1 alone). */
export function parseTabs(raw: string | null | undefined): TerminalTabsState {
  const s = initialTabs();
  if (!raw) return s;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return s;
  }
  if (!v || typeof v !== 'object') return s;
  const { open, active } = v as { open?: unknown; active?: unknown };
  if (Array.isArray(open)) {
    for (const id of open) {
      if (typeof id !== 'string' || id === MAIN_TAB || !EXTRA_ID.test(id) || s.open.includes(id)) continue;
      if (s.open.length >= MAX_TERMINALS) break;
      s.open.push(id);
    }
  }
  s.next = Math.max(...s.open.map((id) => tabNumber(id)!)) + 1;
  if (typeof active === 'string' && s.open.includes(active)) s.active = active;
  return s;
}

export function serializeTabs(s: TerminalTabsState): string {
  return JSON.stringify({ open: s.open, active: s.active });
}

interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (sandboxed frame, privacy settings)
  }
}

export function loadTabs(store: KeyValueStorage | undefined = storage()): TerminalTabsState {
  try {
    return parseTabs(store?.getItem(TABS_KEY));
  } catch {
    return initialTabs();
  }
}

export function saveTabs(s: TerminalTabsState, store: KeyValueStorage | undefined = storage()): void {
  try {
    store?.setItem(TABS_KEY, serializeTabs(s));
  } catch {
    /* storage full or disabled: the tabs just do not survive the reload */
  }
}
