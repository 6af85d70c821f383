import { describe, expect, it } from 'vitest';
import { errorColumn, gunicornDashboard, loadPanels, parseTargetBox, savePanels } from './graph-panels';

function memStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('graph panels', () => {
  it('round-trips through storage', () => {
    const s = memStorage();
    const d = gunicornDashboard();
    savePanels(s, d);
    expect(loadPanels(s, () => [])).toEqual(d);
  });

  it('corrupt or wrongly shaped storage falls back', () => {
    const s = memStorage();
    s.setItem('mp.graphs.v1', '{nope');
    expect(loadPanels(s, () => [])).toEqual([]);
    s.setItem('mp.graphs.v1', JSON.stringify([{ id: 1 }]));
    expect(loadPanels(s, () => [])).toEqual([]);
  });

  // benoitc/gunicorn gunicorn/instrument/statsd.py Statsd.access: gunicorn.requests, gunicorn.request.status.%d,
  // gunicorn.request.duration (|ms); statsd's graphite backend puts counters under stats.counters.<key>.rate and
  // timers under stats.timers.<key>.upper_90. Node 2 is the --statsd-prefix (the pod name).
  it('the gunicorn dashboard uses the metric paths gunicorn + statsd produce', () => {
    const t = gunicornDashboard().flatMap((p) => p.targets).join('\n');
    expect(t).toContain('stats.counters.*.gunicorn.requests.rate');
    expect(t).toContain('stats.counters.*.gunicorn.request.status.*.rate');
    expect(t).toContain('stats.timers.*.gunicorn.request.duration.upper_90');
    expect(t).toContain('aliasByNode(stats.counters.*.gunicorn.requests.rate, 2)');
  });

  it('one target per non-blank line, with its line number', () => {
    expect(parseTargetBox('a.b\n\n  sumSeries(c.*) \n')).toEqual([
      { line: 1, target: 'a.b' },
      { line: 3, target: 'sumSeries(c.*)' },
    ]);
  });

  it('reads the column from an evaluator error', () => {
    expect(errorColumn("column 12: expected ')'")).toBe(12);
    expect(errorColumn('unknown function foo')).toBeNull();
  });
});

import { isolatedPoints } from './graph-plot';
import type uPlot from 'uplot';

describe('isolatedPoints (dots only where a value has no line)', () => {
  it('marks values with None on both sides, and no others', () => {
    const u = { data: [[1, 2, 3, 4, 5, 6], [null, 5, null, 1, 2, null]] } as unknown as uPlot;
    expect(isolatedPoints(u, 1)).toEqual([1]);
    const single = { data: [[1], [7]] } as unknown as uPlot;
    expect(isolatedPoints(single, 1)).toEqual([0]);
  });
});
