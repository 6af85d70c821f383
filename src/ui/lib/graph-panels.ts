/**
 * Graph panel model: targets, time range presets (simulated time), the ready gunicorn dashboard, and
 * localStorage persistence that survives bad stored data.
 */

export interface PanelSpec {
  id: string;
  title: string;
  /** One Graphite target per entry. */
  targets: string[];
  /** Seconds of simulated time back from now. */
  range: number;
}

export const RANGES: { label: string; seconds: number }[] = [
  { label: '5m', seconds: 5 * 60 },
  { label: '15m', seconds: 15 * 60 },
  { label: '1h', seconds: 3600 },
  { label: '6h', seconds: 6 * 3600 },
  { label: '24h', seconds: 24 * 3600 },
];

// Five minutes of simulated time: 30 flushes, enough to see a lesson's traffic without it hugging the right edge.
export const DEFAULT_RANGE = 5 * 60;

let seq = 0;
export function newPanelId(): string {
  seq++;
  return `p${Date.now().toString(36)}${seq}`;
}

/**
 * Metric names gunicorn's statsd logger sends (benoitc/gunicorn gunicorn/instrument/statsd.py, Statsd.access:
 * `increment("gunicorn.requests")`, `increment("gunicorn.request.status.%d")`, `histogram("gunicorn.request.duration")`
 * as `|ms`), prefixed with `--statsd-prefix` + '.', then laid out by statsd's graphite backend
 * (statsd/statsd backends/graphite.js): counters → stats.counters.<key>.rate|count, timers →
 * stats.timers.<key>.upper_90 etc. With the pod name as prefix, node 2 of the path is the pod.
 */
export function gunicornDashboard(): PanelSpec[] {
  return [
    { id: newPanelId(), title: 'Requests/s (all pods)', targets: ["alias(sumSeries(stats.counters.*.gunicorn.requests.rate), 'requests/s')"], range: DEFAULT_RANGE },
    { id: newPanelId(), title: 'Requests/s per pod', targets: ['aliasByNode(stats.counters.*.gunicorn.requests.rate, 2)'], range: DEFAULT_RANGE },
    { id: newPanelId(), title: 'Status codes/s (all pods)', targets: ["groupByNode(stats.counters.*.gunicorn.request.status.*.rate, 6, 'sumSeries')"], range: DEFAULT_RANGE },
    { id: newPanelId(), title: 'p90 latency (ms) per pod', targets: ['aliasByNode(stats.timers.*.gunicorn.request.duration.upper_90, 2)'], range: DEFAULT_RANGE },
  ];
}

export function emptyPanel(target = ''): PanelSpec {
  return { id: newPanelId(), title: 'Graph', targets: target ? [target] : [], range: DEFAULT_RANGE };
}

export const STORAGE_KEY = 'mp.graphs.v1';

function isPanel(p: unknown): p is PanelSpec {
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.title === 'string' &&
    Array.isArray(o.targets) &&
    o.targets.every((t) => typeof t === 'string') &&
    typeof o.range === 'number' &&
    o.range > 0
  );
}

/** Panels from storage; anything missing or malformed falls back to `fallback()`. */
export function loadPanels(storage: Pick<Storage, 'getItem'> | undefined, fallback: () => PanelSpec[], key = STORAGE_KEY): PanelSpec[] {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return fallback();
    const v = JSON.parse(raw) as unknown;
    if (Array.isArray(v) && v.every(isPanel)) return v;
  } catch {
    /* corrupt JSON: fall through */
  }
  return fallback();
}

export function savePanels(storage: Pick<Storage, 'setItem'> | undefined, panels: PanelSpec[], key = STORAGE_KEY): void {
  try {
    storage?.setItem(key, JSON.stringify(panels));
  } catch {
    /* quota or private mode: panels just don't persist */
  }
}

/** Split the target box (one target per line), dropping blank lines. */
export function parseTargetBox(text: string): { line: number; target: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, target: t.trim() }))
    .filter((t) => t.target !== '');
}

/** Pull the column out of an evaluator error like "column 12: expected ')'". */
export function errorColumn(message: string): number | null {
  const m = /\bcolumn (\d+)/i.exec(message);
  return m ? Number(m[1]) : null;
}
