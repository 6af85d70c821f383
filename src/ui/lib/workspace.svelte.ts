/**
 * Workspace state shared by the layout and the lesson column: which tab is showing and which graph targets a
 * lesson asked for. Plain Svelte 5 state, so both sides react without passing callbacks through the layout.
 */
export type TabId = 'graphs' | 'editor' | 'manifests';

export const workspace = $state<{ tab: TabId; graphs: string[] | undefined }>({ tab: 'graphs', graphs: undefined });

export function openPanel(panel: 'terminal' | TabId): void {
  if (panel === 'terminal') document.querySelector<HTMLElement>('.xterm-helper-textarea')?.focus();
  else workspace.tab = panel;
}

export function showGraphs(targets: string[]): void {
  workspace.tab = 'graphs';
  workspace.graphs = [...targets];
}
