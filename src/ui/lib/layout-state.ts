/** Panel sizes and the open workspace tab, kept in localStorage across reloads. */
export interface Layout {
  lessonWidth: number; // % of the page width
  topHeight: number; // % of the workspace height above the terminal
  tab: string;
}

export const LAYOUT_KEY = 'metrics-playground.layout';
const DEFAULTS: Layout = { lessonWidth: 32, topHeight: 62, tab: 'graphs' };

const pct = (v: unknown, d: number) => (typeof v === 'number' && v >= 10 && v <= 90 ? v : d);

export function loadLayout(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Layout {
  try {
    const o = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? '{}') as Partial<Layout>;
    return {
      lessonWidth: pct(o.lessonWidth, DEFAULTS.lessonWidth),
      topHeight: pct(o.topHeight, DEFAULTS.topHeight),
      tab: ['graphs', 'editor', 'manifests'].includes(o.tab as string) ? (o.tab as string) : DEFAULTS.tab,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveLayout(l: Layout, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(LAYOUT_KEY, JSON.stringify(l));
  } catch {
    /* storage disabled */
  }
}
