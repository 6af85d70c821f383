/**
 * Workspace state shared by the layout and the lesson column: which tab is showing and which graph targets a
 * lesson asked for. Plain Svelte 5 state, so both sides react without passing callbacks through the layout.
 */
import { getTerminal } from './terminal-registry';

export type TabId = 'graphs' | 'editor' | 'manifests';

export const workspace = $state<{ tab: TabId; graphs: string[] | undefined }>({ tab: 'graphs', graphs: undefined });

export function openPanel(panel: 'terminal' | TabId): void {
  if (panel === 'terminal') getTerminal('main')?.focus();
  else workspace.tab = panel;
}

export function showGraphs(targets: string[]): void {
  workspace.tab = 'graphs';
  workspace.graphs = [...targets];
  revealLessonGraphs(targets.join('\n'));
}

/**
 * The lesson's graph panel goes first in the graph list, below the "Send to statsd" box: scroll the Graphs tab
 * (only that panel, never the page or the lesson column) so it is in view. Graph loads lazily and adds the
 * panel after it mounts, so wait for the panel showing these targets.
 */
function revealLessonGraphs(text: string, deadline = Date.now() + 3000): void {
  if (typeof document === 'undefined') return;
  const scroller = document.getElementById('panel-graphs');
  const boxes = scroller ? [...scroller.querySelectorAll<HTMLTextAreaElement>('.graphs [data-panel] textarea')] : [];
  const panel = boxes.find((b) => b.value.trim() === text.trim())?.closest<HTMLElement>('[data-panel]');
  if (!scroller || !panel) {
    if (Date.now() < deadline) setTimeout(() => revealLessonGraphs(text, deadline), 100);
    return;
  }
  scroller.scrollTop += panel.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
}
