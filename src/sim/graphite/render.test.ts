/**
 * Render functions against graphite-project/graphite-web webapp/graphite/render/functions.py:
 * each test names the function it follows. Data goes through the real store (10 s points).
 */
import { describe, expect, it } from 'vitest';
import { createStore, type GraphiteStore } from './store';
import { evaluateTargets, toColumns } from './evaluator';
import { parseTarget } from './parser';
import { FUNCTION_LIST } from './functions';

const T0 = 1_767_268_800; // multiple of 600
type V = number | null;

/** A store holding each series at 10 s steps from T0 (null = no point written); "now" is the last step. */
function storeWith(data: Record<string, V[]>, schemas?: string): GraphiteStore {
  const last = T0 + (Math.max(...Object.values(data).map((v) => v.length)) - 1) * 10;
  const s = createStore({ now: () => last, ...(schemas ? { schemas } : {}) });
  for (const [path, values] of Object.entries(data))
    s.ingest(values.flatMap((v, i) => (v === null ? [] : [{ path, value: v, timestamp: T0 + i * 10 }])));
  return s;
}

/** Render over the points T0 .. T0 + (n-1)·10 (whisper's fetch starts one step after `from`). */
function render(s: GraphiteStore, target: string, n: number, from = T0 - 10) {
  const r = evaluateTargets(s, [target], from, T0 + (n - 1) * 10);
  if (r.error) throw new Error(r.error);
  return r.series;
}
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

const AB = { 'a.x': [1, null, 3, 4], 'a.y': [10, null, null, 2] };

describe('combine: aggregate() (functions.aggregate, normalize)', () => {
  it('sumSeries: adds per point, None only where every series is None, named sumSeries(<path expression>)', () => {
    const r = render(storeWith(AB), 'sumSeries(a.*)', 4);
    expect(names(r)).toEqual(['sumSeries(a.*)']);
    expect(r[0].values).toEqual([11, null, 3, 6]);
    expect(r[0].start).toBe(T0);
    expect(r[0].step).toBe(10);
  });

  it('sum is sumSeries; several lists join their path expressions', () => {
    const r = render(storeWith(AB), 'sum(a.x,a.y)', 4);
    expect(names(r)).toEqual(['sumSeries(a.x,a.y)']);
    expect(r[0].values).toEqual([11, null, 3, 6]);
  });

  it('averageSeries / maxSeries / minSeries ignore None', () => {
    const s = storeWith(AB);
    expect(render(s, 'averageSeries(a.*)', 4)[0]).toMatchObject({ name: 'averageSeries(a.*)', values: [5.5, null, 3, 3] });
    expect(render(s, 'maxSeries(a.*)', 4)[0]).toMatchObject({ name: 'maxSeries(a.*)', values: [10, null, 3, 4] });
    expect(render(s, 'minSeries(a.*)', 4)[0]).toMatchObject({ name: 'minSeries(a.*)', values: [1, null, 3, 2] });
  });

  it('normalize: series with different steps are consolidated (average) to the lcm step', () => {
    const schemas = '[slow]\npattern = ^slow\\.\nretentions = 20s:1h\n\n[fast]\npattern = .*\nretentions = 10s:1h';
    const s = createStore({ schemas });
    s.ingest([1, 3, 5, 7].map((v, i) => ({ path: 'fast.a', value: v, timestamp: T0 + i * 10 })));
    s.ingest([100, 200].map((v, i) => ({ path: 'slow.b', value: v, timestamp: T0 + i * 20 })));
    const r = evaluateTargets(s, ["sumSeries(fast.a,slow.b)"], T0 - 10, T0 + 30).series;
    expect(r[0].step).toBe(20);
    expect(r[0].values.slice(0, 2)).toEqual([2 + 100, 6 + 200]);
  });

  it('an aggregate of nothing is no series (not an error)', () => {
    const r = evaluateTargets(storeWith(AB), ['sumSeries(nothing.*)'], T0 - 10, T0 + 30);
    expect(r).toEqual({ series: [] });
  });
});

describe('alias functions', () => {
  it('alias: the given name', () => {
    expect(names(render(storeWith(AB), 'alias(sumSeries(a.*),"total")', 4))).toEqual(['total']);
  });

  it('aliasByNode: nodes of the path, of the first path expression inside calls, negative from the end', () => {
    const s = storeWith({ 'stats.counters.web.count': [1], 'stats.counters.api.count': [2] });
    expect(names(render(s, 'aliasByNode(stats.counters.*.count, 2)', 1))).toEqual(['api', 'web']);
    expect(names(render(s, 'aliasByNode(perSecond(stats.counters.*.count), 2, -1)', 1))).toEqual(['api.count', 'web.count']);
  });

  it('aliasByMetric: the last node (substr(-1)), also through calls', () => {
    const s = storeWith({ 'stats.gauges.temp': [1] });
    expect(names(render(s, 'aliasByMetric(stats.gauges.*)', 1))).toEqual(['temp']);
    expect(names(render(s, 'aliasByMetric(scale(stats.gauges.temp,2))', 1))).toEqual(['temp']);
  });
});

describe('transforms', () => {
  const C = { c: [10, 20, null, 40, 5] };

  it('scale: multiplies, None stays None, named scale(x,%g)', () => {
    const r = render(storeWith(AB), 'scale(a.x, 0.5)', 4);
    expect(r[0]).toMatchObject({ name: 'scale(a.x,0.5)', values: [0.5, null, 1.5, 2] });
    expect(names(render(storeWith(AB), 'scale(a.x, 10)', 4))).toEqual(['scale(a.x,10)']);
  });

  it('offset: adds, None stays None', () => {
    expect(render(storeWith(AB), 'offset(a.x,-1)', 4)[0]).toMatchObject({ name: 'offset(a.x,-1)', values: [0, null, 2, 3] });
  });

  it('absolute', () => {
    const r = render(storeWith({ n: [-2, null, 3] }), 'absolute(n)', 3);
    expect(r[0]).toMatchObject({ name: 'absolute(n)', values: [2, null, 3] });
  });

  it('derivative: None next to a gap; drops stay negative', () => {
    expect(render(storeWith(C), 'derivative(c)', 5)[0]).toMatchObject({ name: 'derivative(c)', values: [null, 10, null, null, -35] });
  });

  it('nonNegativeDerivative: a drop is None; with maxValue the counter wraps', () => {
    expect(render(storeWith(C), 'nonNegativeDerivative(c)', 5)[0].values).toEqual([null, 10, null, null, null]);
    // _nonNegativeDelta: maxValue + 1 + val - prev
    expect(render(storeWith(C), 'nonNegativeDerivative(c, 50)', 5)[0].values).toEqual([null, 10, null, null, 50 + 1 + 5 - 40]);
  });

  it('perSecond: nonNegativeDerivative / step', () => {
    const r = render(storeWith(C), 'perSecond(c)', 5);
    expect(r[0]).toMatchObject({ name: 'perSecond(c)', values: [null, 1, null, null, null] });
  });

  it('integral: running total, None stays None and the total carries over', () => {
    expect(render(storeWith(AB), 'integral(a.x)', 4)[0]).toMatchObject({ name: 'integral(a.x)', values: [1, null, 4, 8] });
  });

  it('keepLastValue: fills gaps with the last value, up to limit; the name has no limit', () => {
    const s = storeWith({ k: [1, null, null, 4, null] });
    expect(render(s, 'keepLastValue(k)', 5)[0]).toMatchObject({ name: 'keepLastValue(k)', values: [1, 1, 1, 4, 4] });
    expect(render(s, 'keepLastValue(k, 1)', 5)[0].values).toEqual([1, null, null, 4, 4]);
    // a leading gap has nothing to keep
    expect(render(storeWith({ k: [null, 2] }), 'keepLastValue(k)', 2)[0].values).toEqual([null, 2]);
  });

  it('movingAverage(points): re-fetches windowSize × step of history, averages the previous points', () => {
    // points at T0-30 .. T0+20: 1..6; the graph covers T0 .. T0+20 (4, 5, 6)
    const s = createStore();
    [1, 2, 3, 4, 5, 6].forEach((v, i) => s.ingest([{ path: 'm', value: v, timestamp: T0 - 30 + i * 10 }]));
    const r = render(s, 'movingAverage(m, 2)', 3);
    expect(r[0]).toMatchObject({ name: 'movingAverage(m,2)', start: T0, values: [3.5, 4.5, 5.5] });
  });

  it("movingAverage('20s'): a time window, named with the quoted window; an all-None window is None", () => {
    const s = createStore();
    [1, 2, 3, 4, null, null, 7].forEach((v, i) => v !== null && s.ingest([{ path: 'm', value: v, timestamp: T0 - 30 + i * 10 }]));
    const r = render(s, "movingAverage(m,'20s')", 4);
    expect(r[0]).toMatchObject({ name: 'movingAverage(m,"20s")', values: [3.5, 4, null, 7] });
    expect(names(render(s, "movingAverage(m,'1min')", 4))).toEqual(['movingAverage(m,"1min")']);
  });

  it('summarize: buckets aligned to the interval, default sum, trailing bucket None', () => {
    const s = storeWith({ z: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, null] });
    const r = render(s, 'summarize(z, "1min")', 12);
    // series covers T0 .. T0+110 (end T0+120): buckets T0, T0+60, T0+120
    expect(r[0]).toMatchObject({ name: 'summarize(z, "1min", "sum")', start: T0, step: 60, values: [21, 45, null] });
    expect(render(s, 'summarize(z, "1min", "avg")', 12)[0].values).toEqual([3.5, 9, null]);
    expect(render(s, 'summarize(z, "1min", "max")', 12)[0].values).toEqual([6, 11, null]);
    expect(render(s, 'summarize(z, "1min", "min")', 12)[0].values).toEqual([1, 7, null]);
    expect(render(s, 'summarize(z, "1min", "last")', 12)[0].values).toEqual([6, 11, null]);
  });

  it('summarize alignToFrom: buckets start at the series start', () => {
    const s = storeWith({ z: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    // from T0+20 → the series starts at T0+30 (values 4..9)
    const r = evaluateTargets(s, ['summarize(z, "1min", "sum", true)'], T0 + 20, T0 + 80).series;
    expect(r[0]).toMatchObject({ name: 'summarize(z, "1min", "sum", true)', start: T0 + 30, values: [4 + 5 + 6 + 7 + 8 + 9] });
  });
});

describe('combine by key, filter', () => {
  const S = { 'srv.web1.cpu': [1, null], 'srv.web2.cpu': [3, 5], 'srv.web1.mem': [10, 20] };

  it('groupByNode: one series per node value in first-seen order, named by the key', () => {
    const r = render(storeWith(S), 'groupByNode(srv.*.*, 2, "sum")', 2);
    expect(r.map((x) => [x.name, x.values])).toEqual([
      ['cpu', [4, 5]],
      ['mem', [10, 20]],
    ]);
    expect(render(storeWith(S), 'groupByNode(srv.*.*, 2)', 2)[0].values).toEqual([2, 5]); // default average
    expect(render(storeWith(S), 'groupByNode(srv.*.*, 1, "sumSeries")', 2).map((x) => x.name)).toEqual(['web1', 'web2']);
  });

  it('asPercent: of the sum, of a number, of one series; None / 0 give None', () => {
    const s = storeWith({ 'p.a': [1, 0, null], 'p.b': [3, 0, 2] });
    const r = render(s, 'asPercent(p.*)', 3);
    expect(r.map((x) => x.name)).toEqual(['asPercent(p.a,sumSeries(p.*))', 'asPercent(p.b,sumSeries(p.*))']);
    expect(r.map((x) => x.values)).toEqual([
      [25, null, null],
      [75, null, 100],
    ]);
    expect(render(s, 'asPercent(p.b, 4)', 3)[0]).toMatchObject({ name: 'asPercent(p.b,4)', values: [75, 0, 50] });
    expect(render(s, 'asPercent(p.a, p.b)', 3)[0]).toMatchObject({ name: 'asPercent(p.a,p.b)', values: [(1 / 3) * 100, null, null] });
  });

  it('highestCurrent: the N series with the highest last non-None value', () => {
    const s = storeWith({ 'h.a': [9, 1], 'h.b': [0, 5, null], 'h.c': [null, null] });
    expect(names(render(s, 'highestCurrent(h.*, 1)', 3))).toEqual(['h.b']);
    expect(names(render(s, 'highestCurrent(h.*, 2)', 3))).toEqual(['h.b', 'h.a']);
  });
});

describe('path expressions (graphite-web finders: expand_braces + fnmatch)', () => {
  const s = storeWith({ 'w.node1.x': [1], 'w.node2.x': [2], 'w.nodeA.x': [4], 'w.other.x': [8] });
  const sumOf = (t: string) => render(s, `sumSeries(${t})`, 1)[0]?.values[0] ?? null;

  it('*, {a,b}, [0-9], [a-z] each match within one node', () => {
    expect(sumOf('w.*.x')).toBe(15);
    expect(sumOf('w.{node1,other}.x')).toBe(9);
    expect(sumOf('w.node[0-9].x')).toBe(3);
    expect(sumOf('w.node[A-Z].x')).toBe(4);
    expect(sumOf('w.[a-z]*.x')).toBe(15);
    expect(sumOf('w.*')).toBeNull(); // w.* is a branch level: no leaves
  });

  it('fetched series are sorted by name and keep their own paths as names', () => {
    expect(names(render(s, 'w.{other,node2}.x', 1))).toEqual(['w.node2.x', 'w.other.x']);
  });

  it('piped calls: a | f(b) is f(a, b)', () => {
    expect(names(render(s, 'w.node1.x | scale(2) | alias("two")', 1))).toEqual(['two']);
  });
});

describe('errors say where', () => {
  const s = storeWith(AB);
  const err = (t: string) => evaluateTargets(s, [t], T0 - 10, T0 + 30).error;

  it("parse errors carry the column: column N: expected ')'", () => {
    expect(parseTarget('sumSeries(a.b')).toEqual({ error: "column 14: expected ')'", column: 14 });
    expect(err('sumSeries(a.b')).toBe("column 14: expected ')'");
    expect(err('sumSeries(a.b c)')).toBe("column 15: expected ',' or ')' but found 'c'");
    expect(err('sumSeries(a.b,)')).toMatch(/^column 15: expected an argument/);
    expect(err('a.{x,y')).toMatch(/^column 7: expected '}'/);
    expect(err('alias(a.x, "oops)')).toMatch(/^column 18: expected " to close the string opened at column 12/);
    expect(err('sumSeries(a.x))')).toMatch(/^column 15: unexpected '\)'/);
    expect(err('a..x')).toMatch(/^column 3: expected a path node/);
  });

  it('unknown function: its name and near matches', () => {
    expect(err('sumSeris(a.*)')).toMatch(/^column 1: unknown function 'sumSeris' — did you mean sumSeries/);
    expect(err('alias(movingAvrage(a.x,2),"m")')).toMatch(/^column 7: unknown function 'movingAvrage' — did you mean movingAverage/);
  });

  it('wrong arguments are named', () => {
    expect(err('scale(a.x)')).toMatch(/scale: missing required argument 'factor'/);
    expect(err('scale(a.x, "two")')).toMatch(/^column 12: scale: argument 'factor' must be a number/);
    expect(err('sumSeries(3)')).toMatch(/must be a series list/);
    expect(err('summarize(a.x, "1q")')).toMatch(/Invalid offset unit 'q'/);
    expect(err('aggregate(a.x, "nope")')).toMatch(/Unsupported aggregation function: nope/);
  });

  it('other targets still render next to a bad one', () => {
    const r = evaluateTargets(s, ['a.x', 'sumSeries(', 'a.y'], T0 - 10, T0 + 30);
    expect(names(r.series)).toEqual(['a.x', 'a.y']);
    expect(r.error).toMatch(/^target 2: column 11/);
  });

  it('never throws on junk input', () => {
    expect(() => evaluateTargets(s, [null as never, 42 as never, ''], T0, T0 + 10)).not.toThrow();
    expect(evaluateTargets(s, ['a.x'], T0 + 10, T0).error).toMatch(/from .* must be before until/);
    expect(evaluateTargets(null as never, ['a.x'], T0, T0 + 10).error).toBeTruthy();
  });
});

describe('toColumns (graphite-web render/views.py renderViewJson)', () => {
  it('one shared x axis in unix seconds, one array per series', () => {
    const s = storeWith(AB);
    const c = toColumns(evaluateTargets(s, ['a.x', 'a.y'], T0 - 10, T0 + 30));
    expect(c.x).toEqual([T0, T0 + 10, T0 + 20, T0 + 30]);
    expect(c.series).toEqual([
      { target: 'a.x', values: [1, null, 3, 4] },
      { target: 'a.y', values: [10, null, null, 2] },
    ]);
  });

  it('maxDataPoints consolidates by averaging with the start nudged onto the bucket grid', () => {
    const s = storeWith({ q: [1, 2, 3, 4, 5, 6, 7, 8] });
    const r = evaluateTargets(s, ['q'], T0 - 10, T0 + 70);
    const c = toColumns(r, { maxDataPoints: 4 });
    // 8 points / 4 → valuesPerPoint 2, 20 s buckets; nudge = 20 + 0 - 0 → start T0+20, one value dropped
    expect(c.x).toEqual([T0 + 20, T0 + 40, T0 + 60, T0 + 80]);
    expect(c.series[0].values).toEqual([2.5, 4.5, 6.5, 8]);
    expect(toColumns(r.series, 1).series[0].values).toEqual([4.5]);
  });
});

describe('function list for the UI', () => {
  it('every function the brief lists is supported, with a signature and a description', () => {
    const wanted = 'sumSeries averageSeries maxSeries minSeries alias aliasByNode aliasByMetric scale perSecond nonNegativeDerivative derivative integral movingAverage summarize groupByNode asPercent highestCurrent keepLastValue offset absolute'.split(' ');
    const have = new Map(FUNCTION_LIST.map((f) => [f.name, f]));
    for (const w of wanted) {
      expect(have.get(w)?.signature.startsWith(w + '(')).toBe(true);
      expect(have.get(w)!.description.length).toBeGreaterThan(10);
    }
  });
});
