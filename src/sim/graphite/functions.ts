/**
 * Render functions, each following graphite-project/graphite-web webapp/graphite/render/functions.py
 * (the function of the same name): same values, same None handling, same result names.
 */
import { firstPathExpression, parseTarget, type Expr } from './parser';
import {
  AGG_FUNCS,
  copySeries,
  formatG,
  makeSeries,
  normalize,
  parseTimeOffset,
  round6,
  rows,
  safeAbs,
  safeDiv,
  safeLast,
  safeMul,
  safeSum,
  xff,
  xffValues,
  type TimeSeries,
  type Value,
} from './series';

export class EvalError extends Error {}

export type Arg = TimeSeries[] | number | string | boolean | null;

export interface CallContext {
  from: number;
  until: number;
  /** The call's unevaluated arguments (piped input first), for functions that re-fetch with more history. */
  rawArgs: Expr[];
  /** Evaluate an expression over another time range (movingWindow's preview). */
  evaluate(e: Expr, from: number, until: number): TimeSeries[];
}

type ParamType = 'seriesList' | 'seriesLists' | 'number' | 'integer' | 'string' | 'boolean' | 'intOrInterval' | 'aggFunc' | 'nodeOrTag' | 'any' | 'aggOrSeriesFunc';

interface Param {
  name: string;
  type: ParamType;
  required?: boolean;
  multiple?: boolean;
  default?: Arg;
}

export interface FunctionSpec {
  name: string;
  group: string;
  description: string;
  params: Param[];
  fn: (ctx: CallContext, a: Record<string, Arg | Arg[]>) => TimeSeries[];
}

const list = (a: Arg | Arg[]): TimeSeries[] => a as TimeSeries[];
const num = (a: Arg | Arg[]): number => a as number;

// ---- Combine -------------------------------------------------------------------------------------

/** functions.formatPathExpressions: unique pathExpressions in order, comma-joined. */
function formatPathExpressions(series: TimeSeries[]): string {
  const seen: string[] = [];
  for (const s of series) if (!seen.includes(s.pathExpression)) seen.push(s.pathExpression);
  return seen.join(',');
}

/** functions.aggregate: normalize, then one consolidated value per row where xFilesFactor allows. */
export function aggregate(seriesList: TimeSeries[], func: string, xFilesFactor: number | null = null): TimeSeries[] {
  const raw = func;
  if (func.endsWith('Series')) func = func.slice(0, -6);
  const f = AGG_FUNCS[func];
  if (!f) throw new EvalError(`Unsupported aggregation function: ${raw}`);
  const n = normalize(seriesList);
  if (!n) return [];
  const name = `${func}Series(${formatPathExpressions(n.series)})`;
  const values = rows(n.series).map((row) => (xffValues(row, xFilesFactor) ? f(row) : null));
  return [makeSeries(name, n.start, n.end, n.step, values, { xFilesFactor: xFilesFactor ?? 0 })];
}

const flat = (a: Arg | Arg[]): TimeSeries[] => (a as TimeSeries[][]).flat();

function getNodeOrTag(s: TimeSeries, n: number | string, pathExpression: string | null): string {
  if (typeof n === 'number' && Number.isInteger(n)) {
    const parts = (pathExpression ?? s.name).split(';')[0].split('.');
    const i = n < 0 ? parts.length + n : n;
    if (i >= 0 && i < parts.length) return parts[i];
  }
  // Not a node (or out of range): graphite-web reads it as a tag; untagged series only have `name`.
  return String(n) === 'name' ? s.pathExpression : '';
}

/** functions.aggKey: nodes of the series name (of its first path expression when it looks like a call). */
function aggKey(s: TimeSeries, nodes: (number | string)[]): string {
  let pe: string | null = null;
  if (s.name.endsWith(')')) {
    const e = parseTarget(s.name);
    pe = 'error' in e ? null : firstPathExpression(e);
  }
  return nodes.map((n) => getNodeOrTag(s, n, pe)).join('.');
}

function asPercent(seriesList: TimeSeries[], total: Arg, nodes: (number | string)[]): TimeSeries[] {
  if (!seriesList.length) return [];
  const pct = (a: Value, b: Value): Value => safeMul(safeDiv(a, b), 100);
  const pair = (name: string, s1: TimeSeries, s2: TimeSeries): TimeSeries => {
    const n = normalize([s1, s2])!;
    const [a, b] = n.series;
    return makeSeries(name, n.start, n.end, n.step, rows([a, b]).map(([x, y]) => pct(x, y)));
  };
  const sumOf = (group: TimeSeries[]): TimeSeries => {
    if (group.length === 1) return group[0];
    const n = normalize(group)!;
    return makeSeries(`sumSeries(${formatPathExpressions(group)})`, n.start, n.end, n.step, rows(n.series).map(safeSum));
  };
  if (nodes.length) {
    const keys: string[] = [];
    const meta = new Map<string, TimeSeries[]>();
    for (const s of seriesList) {
      const k = aggKey(s, nodes);
      if (!meta.has(k)) {
        meta.set(k, []);
        keys.push(k);
      }
      meta.get(k)!.push(s);
    }
    const totals = new Map<string, TimeSeries>();
    if (total === null) for (const k of keys) totals.set(k, sumOf(meta.get(k)!));
    else if (Array.isArray(total)) {
      const groups = new Map<string, TimeSeries[]>();
      for (const s of total) {
        const k = aggKey(s, nodes);
        if (!groups.has(k)) {
          groups.set(k, []);
          if (!keys.includes(k)) keys.push(k);
        }
        groups.get(k)!.push(s);
      }
      for (const [k, g] of groups) totals.set(k, sumOf(g));
    } else throw new EvalError('asPercent: total must be None or a seriesList when nodes are given');
    const out: TimeSeries[] = [];
    for (const k of keys) {
      const t = totals.get(k);
      const members = meta.get(k);
      if (!members) {
        out.push(makeSeries(`asPercent(MISSING,${t!.name})`, t!.start, t!.end, t!.step, t!.values.map(() => null)));
        continue;
      }
      for (const s of members) {
        if (!t) out.push(makeSeries(`asPercent(${s.name},MISSING)`, s.start, s.end, s.step, s.values.map(() => null)));
        else out.push(pair(`asPercent(${s.name},${t.name})`, s, t));
      }
    }
    return out;
  }
  const n = normalize(seriesList)!;
  const series = n.series;
  let totalValues: Value[];
  let totalText: string;
  if (total === null) {
    totalValues = rows(series).map(safeSum);
    totalText = `sumSeries(${formatPathExpressions(seriesList)})`;
  } else if (Array.isArray(total)) {
    if (total.length !== 1 && total.length !== series.length)
      throw new EvalError(
        'asPercent second argument must be missing, a single digit, reference exactly 1 series or reference the same number of series as the first argument',
      );
    if (total.length === series.length && total.length !== 1) {
      // functions.matchSeries: pair by sorted name.
      const a = [...seriesList].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      const b = [...total].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      return a.map((s, i) => pair(`asPercent(${s.name},${b[i].name})`, s, b[i]));
    }
    const nn = normalize([...seriesList, ...total])!;
    totalValues = nn.series[nn.series.length - 1].values;
    totalText = total[0].name;
    series.splice(0, series.length, ...nn.series.slice(0, -1));
  } else if (typeof total === 'number') {
    totalValues = series[0].values.map(() => total);
    totalText = formatPyNumber(total);
  } else throw new EvalError(`asPercent: total must be a number or a seriesList, got ${JSON.stringify(total)}`);
  return series.map((s) => {
    const len = Math.max(s.values.length, totalValues.length);
    const values: Value[] = [];
    for (let i = 0; i < len; i++) values.push(pct(s.values[i] ?? null, totalValues[i] ?? null));
    return makeSeries(`asPercent(${s.name},${totalText || s.pathExpression})`, s.start, s.end, s.step, values);
  });
}

/** str() of a Python int or float (`1500`, `0.5`, `100.0` for a float literal written 100.0). */
function formatPyNumber(n: number): string {
  return String(n);
}

function groupByNodes(seriesList: TimeSeries[], callback: string, nodes: (number | string)[]): TimeSeries[] {
  const keys: string[] = [];
  const meta = new Map<string, TimeSeries[]>();
  for (const s of seriesList) {
    const k = aggKey(s, nodes);
    if (!meta.has(k)) {
      meta.set(k, []);
      keys.push(k);
    }
    meta.get(k)!.push(s);
  }
  const out: TimeSeries[] = [];
  for (const k of keys) {
    const fnSpec = SPECS.get(callback);
    let r: TimeSeries[];
    if (fnSpec && fnSpec.params[0]?.type === 'seriesLists') r = fnSpec.fn(NO_CTX, { [fnSpec.params[0].name]: [meta.get(k)!] as Arg[] });
    else r = aggregate(meta.get(k)!, callback);
    if (r[0]) out.push({ ...r[0], name: k });
  }
  return out;
}

const NO_CTX: CallContext = {
  from: 0,
  until: 0,
  rawArgs: [],
  evaluate: () => [],
};

// ---- Transform -----------------------------------------------------------------------------------

function nonNegativeDelta(val: Value, prev: Value, maxValue: Value, minValue: Value): [Value, Value] {
  if (val === null) return [null, null];
  if (maxValue !== null && val > maxValue) return [null, null];
  if (minValue !== null && val < minValue) return [null, null];
  if (prev === null) return [null, val];
  if (val >= prev) return [val - prev, val];
  if (maxValue !== null) return [maxValue + 1 + val - prev - (minValue ?? 0), val];
  if (minValue !== null) return [val - minValue, val];
  return [null, val];
}

/** The _nonNegativeDelta of each value against the one before it (nonNegativeDerivative; perSecond divides by step). */
function nonNegativeDeltas(values: Value[], maxValue: Value, minValue: Value): Value[] {
  let prev: Value = null;
  return values.map((v) => {
    const [d, p] = nonNegativeDelta(v, prev, maxValue, minValue);
    prev = p;
    return d;
  });
}

function summarizeValues(s: TimeSeries, func: string, interval: number, newStart: number, newEnd: number): [Value[], number] {
  const f = AGG_FUNCS[func];
  if (!f) throw new EvalError(`Unsupported aggregation function: ${func}`);
  const timestamps: number[] = [];
  for (let t = s.start; t < s.end; t += s.step) timestamps.push(t);
  const data = s.values;
  const intervalPoints = interval / s.step;
  const numPoints = Math.min(timestamps.length, data.length);
  const out: Value[] = [];
  let i = 0;
  let ts = newStart;
  while (ts < newEnd) {
    let start = i;
    let nonNull = 0;
    while (i < numPoints && timestamps[i] < ts + interval) {
      if (timestamps[i] <= ts) start = i;
      if (timestamps[i] >= ts && data[i] !== null) nonNull++;
      i++;
    }
    out.push(xff(nonNull, intervalPoints, s.xFilesFactor) ? f(data.slice(start, i)) : null);
    ts += interval;
  }
  return [out, ts];
}

function movingWindow(ctx: CallContext, seriesList: TimeSeries[], windowSize: number | string, func: string, xFilesFactor: Value): TimeSeries[] {
  if (!seriesList.length) return [];
  const f = AGG_FUNCS[func];
  if (!f) throw new EvalError(`Unsupported aggregation function: ${func}`);
  let previewSeconds: number;
  if (typeof windowSize === 'string') {
    const d = parseTimeOffset(windowSize);
    if (typeof d !== 'number') throw new EvalError(d.error);
    previewSeconds = Math.abs(d);
  } else previewSeconds = Math.max(...seriesList.map((s) => s.step)) * Math.trunc(windowSize);
  // Ignore the fetched data: re-evaluate the first argument with `previewSeconds` more history.
  const preview = ctx.evaluate(ctx.rawArgs[0], ctx.from - previewSeconds, ctx.until);
  const tag = 'moving' + func[0].toUpperCase() + func.slice(1);
  return preview.map((s) => {
    const name = typeof windowSize === 'string' ? `${tag}(${s.name},"${windowSize}")` : `${tag}(${s.name},${windowSize})`;
    const windowPoints = typeof windowSize === 'string' ? Math.floor(previewSeconds / s.step) : Math.trunc(windowSize);
    const effXff = xFilesFactor ?? s.xFilesFactor;
    const values: Value[] = [];
    for (let i = windowPoints + 1; i < s.values.length + 1; i++) {
      const nonNull: number[] = [];
      for (let j = Math.max(0, i - windowPoints); j < i; j++) if (s.values[j] !== null) nonNull.push(s.values[j] as number);
      values.push(nonNull.length && xff(nonNull.length, windowPoints, effXff) ? f(nonNull) : null);
    }
    return copySeries(s, { name, start: s.start + previewSeconds, values });
  });
}

/** functions.substr (aliasByMetric is substr(-1, 0)). */
function substr(seriesList: TimeSeries[], start: number, stop: number): TimeSeries[] {
  return seriesList.map((s) => {
    const left = s.name.lastIndexOf('(') + 1;
    let right = s.name.indexOf(')');
    if (right < 0) right = s.name.length + 1;
    const parts = s.name.slice(left, right).split('.');
    const from = start < 0 ? Math.max(0, parts.length + start) : start;
    const picked = stop === 0 ? parts.slice(from) : parts.slice(from, stop < 0 ? parts.length + stop : stop);
    return { ...s, name: picked.join('.').replace(/,.*$/s, '') };
  });
}

function highest(seriesList: TimeSeries[], n: number, func: string): TimeSeries[] {
  const f = AGG_FUNCS[func];
  if (!f) throw new EvalError(`Unsupported aggregation function: ${func}`);
  const key = (s: TimeSeries): number => f(s.values) ?? -Infinity;
  const keyed = seriesList.map((s) => ({ s, k: key(s) }));
  // Python's sort(reverse=True) is stable: equal keys keep their order.
  keyed.sort((a, b) => (a.k === b.k ? 0 : a.k > b.k ? -1 : 1));
  return keyed.slice(0, Math.trunc(n)).map((x) => x.s);
}

// ---- The registry --------------------------------------------------------------------------------

const SERIES = (name = 'seriesList'): Param => ({ name, type: 'seriesList', required: true });
const LISTS: Param = { name: 'seriesLists', type: 'seriesLists', required: true, multiple: true };

const aggregator = (func: string, description: string, name = `${func}Series`): FunctionSpec => ({
  name,
  group: 'Combine',
  description,
  params: [LISTS],
  fn: (_c, a) => aggregate(flat(a.seriesLists), func),
});

const each = (s: TimeSeries[], f: (s: TimeSeries) => TimeSeries): TimeSeries[] => s.map(f);

const SPEC_LIST: FunctionSpec[] = [
  aggregator('sum', 'Adds the series together at each point (None where every series is None).'),
  aggregator('sum', 'Short form of sumSeries.', 'sum'),
  aggregator('average', 'Averages the series at each point, ignoring None.'),
  aggregator('average', 'Short form of averageSeries.', 'avg'),
  aggregator('max', 'The highest value of the series at each point.'),
  aggregator('min', 'The lowest value of the series at each point.'),
  {
    name: 'aggregate',
    group: 'Combine',
    description: "Aggregates series with a function: 'sum', 'average', 'min', 'max', 'median', 'count', 'last' …",
    params: [SERIES(), { name: 'func', type: 'aggFunc', required: true }, { name: 'xFilesFactor', type: 'number', default: null }],
    fn: (_c, a) => aggregate(list(a.seriesList), a.func as string, a.xFilesFactor as number | null),
  },
  {
    name: 'alias',
    group: 'Alias',
    description: 'Shows a fixed name instead of the metric name in the legend.',
    params: [SERIES(), { name: 'newName', type: 'string', required: true }],
    fn: (_c, a) => each(list(a.seriesList), (s) => ({ ...s, name: a.newName as string })),
  },
  {
    name: 'aliasByNode',
    group: 'Alias',
    description: 'Names each series by one or more of its path nodes (0-based, negative from the end).',
    params: [SERIES(), { name: 'nodes', type: 'nodeOrTag', required: true, multiple: true }],
    fn: (_c, a) => each(list(a.seriesList), (s) => ({ ...s, name: aggKey(s, a.nodes as (number | string)[]) })),
  },
  {
    name: 'aliasByMetric',
    group: 'Alias',
    description: 'Names each series by the last node of its metric path.',
    params: [SERIES()],
    fn: (_c, a) => substr(list(a.seriesList), -1, 0),
  },
  {
    name: 'scale',
    group: 'Transform',
    description: 'Multiplies every point by a constant.',
    params: [SERIES(), { name: 'factor', type: 'number', required: true }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const name = `scale(${s.name},${formatG(num(a.factor))})`;
        return { ...s, name, pathExpression: name, values: s.values.map((v) => safeMul(v, num(a.factor))) };
      }),
  },
  {
    name: 'offset',
    group: 'Transform',
    description: 'Adds a constant to every point (None stays None).',
    params: [SERIES(), { name: 'factor', type: 'number', required: true }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const name = `offset(${s.name},${formatG(num(a.factor))})`;
        return { ...s, name, pathExpression: name, values: s.values.map((v) => (v === null ? null : v + num(a.factor))) };
      }),
  },
  {
    name: 'absolute',
    group: 'Transform',
    description: 'The absolute value of every point.',
    params: [SERIES()],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const name = `absolute(${s.name})`;
        return { ...s, name, pathExpression: name, values: s.values.map(safeAbs) };
      }),
  },
  {
    name: 'derivative',
    group: 'Transform',
    description: 'The difference between each point and the one before (None next to a gap).',
    params: [SERIES()],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        let prev: Value = null;
        const values = s.values.map((v) => {
          const d = prev === null || v === null ? null : v - prev;
          prev = v;
          return d;
        });
        return copySeries(s, { name: `derivative(${s.name})`, values });
      }),
  },
  {
    name: 'nonNegativeDerivative',
    group: 'Transform',
    description: 'Like derivative, but a drop (counter reset) gives None, or wraps at maxValue.',
    params: [SERIES(), { name: 'maxValue', type: 'number', default: null }, { name: 'minValue', type: 'number', default: null }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) =>
        copySeries(s, { name: `nonNegativeDerivative(${s.name})`, values: nonNegativeDeltas(s.values, a.maxValue as Value, a.minValue as Value) }),
      ),
  },
  {
    name: 'perSecond',
    group: 'Transform',
    description: 'nonNegativeDerivative divided by the step: a running total as a per-second rate.',
    params: [SERIES(), { name: 'maxValue', type: 'number', default: null }, { name: 'minValue', type: 'number', default: null }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const values = nonNegativeDeltas(s.values, a.maxValue as Value, a.minValue as Value).map((d) => (d === null ? null : round6(d / s.step)));
        return copySeries(s, { name: `perSecond(${s.name})`, values });
      }),
  },
  {
    name: 'integral',
    group: 'Transform',
    description: 'The running total of the points (None stays None, the total carries on).',
    params: [SERIES()],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        let current = 0;
        const values = s.values.map((v) => (v === null ? null : (current += v)));
        return copySeries(s, { name: `integral(${s.name})`, values });
      }),
  },
  {
    name: 'movingAverage',
    group: 'Calculate',
    description: "The average of the previous N points, or of a time window like '1min'.",
    params: [SERIES(), { name: 'windowSize', type: 'intOrInterval', required: true }, { name: 'xFilesFactor', type: 'number', default: null }],
    fn: (c, a) => movingWindow(c, list(a.seriesList), a.windowSize as number | string, 'average', a.xFilesFactor as Value),
  },
  {
    name: 'movingWindow',
    group: 'Calculate',
    description: "A function ('average', 'sum', 'max' …) of the previous N points or a time window.",
    params: [
      SERIES(),
      { name: 'windowSize', type: 'intOrInterval', required: true },
      { name: 'func', type: 'aggFunc', default: 'average' },
      { name: 'xFilesFactor', type: 'number', default: null },
    ],
    fn: (c, a) => movingWindow(c, list(a.seriesList), a.windowSize as number | string, a.func as string, a.xFilesFactor as Value),
  },
  {
    name: 'summarize',
    group: 'Transform',
    description: "Buckets the points into intervals ('1min', '1h') with 'sum' (default), 'avg', 'max', 'min', 'last' ….",
    params: [
      SERIES(),
      { name: 'intervalString', type: 'string', required: true },
      { name: 'func', type: 'aggFunc', default: 'sum' },
      { name: 'alignToFrom', type: 'boolean', default: false },
    ],
    fn: (_c, a) => {
      const intervalString = a.intervalString as string;
      const interval = parseTimeOffset(intervalString);
      if (typeof interval !== 'number') throw new EvalError(interval.error);
      if (interval <= 0) throw new EvalError(`summarize: interval '${intervalString}' must be positive`);
      const func = a.func as string;
      const align = a.alignToFrom as boolean;
      return each(list(a.seriesList), (s) => {
        let newStart = align ? s.start : s.start - (s.start % interval);
        let newEnd = align ? s.end : s.end - (s.end % interval) + interval;
        const [values, alignedEnd] = summarizeValues(s, func, interval, newStart, newEnd);
        if (align) newEnd = alignedEnd;
        const name = `summarize(${s.name}, "${intervalString}", "${func}"${align ? ', true' : ''})`;
        return copySeries(s, { name, start: newStart, end: newEnd, step: interval, values });
      });
    },
  },
  {
    name: 'groupByNode',
    group: 'Combine',
    description: "Groups series by one path node and aggregates each group ('average' default, 'sum', 'max' …).",
    params: [SERIES(), { name: 'nodeNum', type: 'nodeOrTag', required: true }, { name: 'callback', type: 'aggOrSeriesFunc', default: 'average' }],
    fn: (_c, a) => groupByNodes(list(a.seriesList), a.callback as string, [a.nodeNum as number | string]),
  },
  {
    name: 'groupByNodes',
    group: 'Combine',
    description: 'Groups series by several path nodes and aggregates each group.',
    params: [SERIES(), { name: 'callback', type: 'aggOrSeriesFunc', required: true }, { name: 'nodes', type: 'nodeOrTag', multiple: true }],
    fn: (_c, a) => groupByNodes(list(a.seriesList), a.callback as string, (a.nodes as (number | string)[]) ?? []),
  },
  {
    name: 'asPercent',
    group: 'Combine',
    description: 'Each series as a percentage of a total: their sum, a number, or matching total series.',
    params: [SERIES(), { name: 'total', type: 'any', default: null }, { name: 'nodes', type: 'nodeOrTag', multiple: true }],
    fn: (_c, a) => asPercent(list(a.seriesList), a.total as Arg, (a.nodes as (number | string)[]) ?? []),
  },
  {
    name: 'highestCurrent',
    group: 'Filter Series',
    description: 'The N series whose last non-None value is highest.',
    params: [SERIES(), { name: 'n', type: 'integer', required: true }],
    fn: (_c, a) => highest(list(a.seriesList), num(a.n), 'current'),
  },
  {
    name: 'highest',
    group: 'Filter Series',
    description: "The N series with the highest aggregate ('average' default, 'max', 'current' …).",
    params: [SERIES(), { name: 'n', type: 'integer', default: 1 }, { name: 'func', type: 'aggFunc', default: 'average' }],
    fn: (_c, a) => highest(list(a.seriesList), num(a.n), a.func as string),
  },
  {
    name: 'keepLastValue',
    group: 'Transform',
    description: 'Fills gaps (None) with the last value seen, for at most `limit` points in a row.',
    params: [SERIES(), { name: 'limit', type: 'number', default: Infinity }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const limit = num(a.limit);
        const name = `keepLastValue(${s.name})`;
        const values = [...s.values];
        let nones = 0;
        let last: Value = null;
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v === null) nones++;
          else {
            if (nones > 0 && nones <= limit && last !== null) for (let j = i - nones; j < i; j++) values[j] = last;
            nones = 0;
            last = v;
          }
        }
        if (nones > 0 && nones <= limit && last !== null) for (let j = values.length - nones; j < values.length; j++) values[j] = last;
        return { ...s, name, pathExpression: name, values };
      }),
  },
  {
    name: 'transformNull',
    group: 'Transform',
    description: 'Replaces None with a value (0 by default).',
    params: [SERIES(), { name: 'default', type: 'number', default: 0 }],
    fn: (_c, a) =>
      each(list(a.seriesList), (s) => {
        const d = num(a.default);
        const name = `transformNull(${s.name},${formatG(d)})`;
        return { ...s, name, pathExpression: name, values: s.values.map((v) => (v === null ? d : v)) };
      }),
  },
];

export const SPECS = new Map(SPEC_LIST.map((s) => [s.name, s]));

function signature(s: FunctionSpec): string {
  const ps = s.params.map((p) => {
    let t = p.name + (p.multiple ? '…' : '');
    if (!p.required && p.default !== undefined) t += `=${p.default === null ? 'None' : typeof p.default === 'string' ? `'${p.default}'` : p.default === Infinity ? 'inf' : String(p.default)}`;
    return t;
  });
  return `${s.name}(${ps.join(', ')})`;
}

/** For the UI's suggestions: every supported function with its signature and a one-line description. */
export const FUNCTION_LIST: { name: string; signature: string; description: string; group: string }[] = SPEC_LIST.map((s) => ({
  name: s.name,
  signature: signature(s),
  description: s.description,
  group: s.group,
}));

export const SUPPORTED_FUNCTIONS = FUNCTION_LIST.map((f) => f.name);

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** Supported names close to `name` (typos, wrong case, a prefix), best first. */
export function nearFunctionNames(name: string): string[] {
  const lower = name.toLowerCase();
  return SUPPORTED_FUNCTIONS.map((n) => {
    const l = n.toLowerCase();
    let score = levenshtein(lower, l);
    if (l === lower) score = 0;
    else if (l.startsWith(lower) || lower.startsWith(l)) score = Math.min(score, 1.5);
    return { n, score };
  })
    .filter((x) => x.score <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a.score - b.score || a.n.localeCompare(b.n))
    .slice(0, 4)
    .map((x) => x.n);
}

export type { Param, ParamType };
