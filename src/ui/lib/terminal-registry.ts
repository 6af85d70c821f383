/**
 * Terminals on the page, by tab id, so that other parts (a lesson's "show me", the editor's "Apply")
 * can type into one: `getTerminal()?.type('kubectl apply -f app.yaml')`.
 * Tab ids are the worker's shell tabs: 'main' is "Terminal 1" (always open; the default here), extra tabs
 * opened with "+" register as 't2', 't3', … while open. Typing into or focusing a hidden tab brings it to the front.
 */
export interface TerminalApi {
  /** Type `text` (one line, or several as a paste) and press Enter unless run === false. Resolves when the command ended. */
  type(text: string, opts?: { run?: boolean; delayMs?: number }): Promise<void>;
  /** Put keyboard focus in the terminal. */
  focus(): void;
  /** Text of the whole scrollback. */
  text(): string;
  readonly running: boolean;
}

const terminals = new Map<string, TerminalApi>();
const waiters = new Map<string, ((t: TerminalApi) => void)[]>();

export function registerTerminal(tab: string, api: TerminalApi): () => void {
  terminals.set(tab, api);
  for (const w of waiters.get(tab)?.splice(0) ?? []) w(api);
  return () => {
    if (terminals.get(tab) === api) terminals.delete(tab);
  };
}

export function getTerminal(tab = 'main'): TerminalApi | undefined {
  return terminals.get(tab);
}

/** Resolves when the terminal for `tab` is mounted. */
export function whenTerminal(tab = 'main'): Promise<TerminalApi> {
  const t = terminals.get(tab);
  if (t) return Promise.resolve(t);
  return new Promise((r) => {
    const list = waiters.get(tab) ?? [];
    list.push(r);
    waiters.set(tab, list);
  });
}

/**
 * Type a command into Terminal 1 and run it, as the learner would (a lesson's "show me", the editor's "Apply");
 * waits for the terminal to mount, resolves when the command ended.
 */
export async function runInTerminal(command: string): Promise<void> {
  await (await whenTerminal('main')).type(command);
}

/**
 * Browser tests drive the page's terminals through this (`window.__terminals.get('main').type(...)`), the
 * same API a lesson's "show me" uses; `window.__sim` is the worker client likewise.
 */
if (typeof globalThis !== 'undefined') {
  (globalThis as { __terminals?: { get: typeof getTerminal; when: typeof whenTerminal } }).__terminals = {
    get: getTerminal,
    when: whenTerminal,
  };
}
