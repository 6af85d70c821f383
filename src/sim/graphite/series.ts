/**
 * graphite-web's TimeSeries and the helpers its functions share (graphite-project/graphite-web
 * webapp/graphite/render/datalib.py TimeSeries, render/functions.py normalize/lcm/xff,
 * functions/safe.py, functions/aggfuncs.py).
 */

export type Value = number | null;

export interface TimeSeries {
  name: string;
  /** The path expression the series was fetched with (graphite-web `series.pathExpression`). */
  pathExpression: string;
  start: number;
  end: number;
  step: number;
  values: Value[];
  /** settings.DEFAULT_XFILES_FACTOR is 0. */
  xFilesFactor: number;
  /** settings.DEFAULT_CONSOLIDATION is 'average'. */
  consolidationFunc: string;
  valuesPerPoint: number;
}

export function makeSeries(
  name: string,
  start: number,
  end: number,
  step: number,
  values: Value[],
  extra: Partial<TimeSeries> = {},
): TimeSeries {
  return { name, pathExpression: name, start, end, step, values, xFilesFactor: 0, consolidationFunc: 'average', valuesPerPoint: 1, ...extra };
}

/**
 * TimeSeries.copy: same metadata, new values. Like the new TimeSeries it builds, valuesPerPoint is back
 * to 1 and pathExpression becomes the (new) name.
 */
export function copySeries(s: TimeSeries, changes: Partial<TimeSeries>): TimeSeries {
  return { ...s, valuesPerPoint: 1, ...changes, pathExpression: changes.pathExpression ?? changes.name ?? s.name };
}

export function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function lcm(a: number, b: number): number {
  if (a === b) return a;
  if (a < b) [a, b] = [b, a];
  return (a / gcd(a, b)) * b;
}

const CONSOLIDATE: Record<string, (usable: number[]) => number> = {
  sum: (u) => u.reduce((a, b) => a + b, 0),
  average: (u) => u.reduce((a, b) => a + b, 0) / u.length,
  avg: (u) => u.reduce((a, b) => a + b, 0) / u.length,
  avg_zero: (u) => u.reduce((a, b) => a + b, 0) / u.length,
  max: (u) => Math.max(...u),
  min: (u) => Math.min(...u),
  first: (u) => u[0],
  last: (u) => u[u.length - 1],
};

/** TimeSeries.__consolidatingGenerator: the values as iterated with valuesPerPoint > 1. */
export function consolidatedValues(s: TimeSeries): Value[] {
  const vpp = s.valuesPerPoint;
  if (vpp <= 1) return s.values;
  const cf = CONSOLIDATE[s.consolidationFunc] ?? CONSOLIDATE.average;
  const out: Value[] = [];
  let buf: number[] = [];
  let valcnt = 0;
  let nonNull = 0;
  const emit = (): void => {
    out.push(nonNull && nonNull / vpp >= s.xFilesFactor ? cf(buf) : null);
    buf = [];
    valcnt = 0;
    nonNull = 0;
  };
  for (const x of s.values) {
    valcnt++;
    if (x !== null) {
      buf.push(x);
      nonNull++;
    } else if (s.consolidationFunc === 'avg_zero') buf.push(0);
    if (valcnt === vpp) emit();
  }
  if (valcnt > 0) emit();
  return out;
}

/**
 * functions.normalize: bring series to their least common step by consolidation; start = min start,
 * end = max end trimmed to a whole step. Returns consolidated copies (the inputs are not changed).
 * Rows are then zipped by index, as graphite-web's izip_longest does.
 */
export function normalize(list: TimeSeries[]): { series: TimeSeries[]; start: number; end: number; step: number } | null {
  if (!list.length) return null;
  const step = list.map((s) => s.step).reduce(lcm);
  const series = list.map((s) => {
    const c = { ...s, valuesPerPoint: step / s.step };
    return { ...s, values: consolidatedValues(c), step, valuesPerPoint: 1 };
  });
  const start = Math.min(...list.map((s) => s.start));
  let end = Math.max(...list.map((s) => s.end));
  end -= (end - start) % step;
  return { series, start, end, step };
}

/** izip_longest over the series' values: one row per index, missing values as null. */
export function rows(series: TimeSeries[]): Value[][] {
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const out: Value[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = series.map((s) => (i < s.values.length ? s.values[i] : null));
  return out;
}

export function xff(nonNull: number, total: number, xFilesFactor: number | null | undefined): boolean {
  if (!nonNull || !total) return false;
  return nonNull / total >= (xFilesFactor ?? 0);
}

export function xffValues(values: Value[], xFilesFactor: number | null | undefined): boolean {
  if (!values.length) return false;
  let n = 0;
  for (const v of values) if (v !== null) n++;
  return xff(n, values.length, xFilesFactor);
}

// functions/safe.py
const known = (values: Value[]): number[] => values.filter((v): v is number => v !== null);
export const safeSum = (values: Value[]): Value => {
  const k = known(values);
  return k.length ? k.reduce((a, b) => a + b, 0) : null;
};
export const safeAvg = (values: Value[]): Value => {
  const k = known(values);
  return k.length ? k.reduce((a, b) => a + b, 0) / k.length : null;
};
export const safeMin = (values: Value[]): Value => {
  const k = known(values);
  return k.length ? Math.min(...k) : null;
};
export const safeMax = (values: Value[]): Value => {
  const k = known(values);
  return k.length ? Math.max(...k) : null;
};
export const safeLast = (values: Value[]): Value => {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
};
export const safeLen = (values: Value[]): number => known(values).length;
export const safeDiv = (a: Value, b: Value): Value => (a === null || b === null || b === 0 ? null : a / b);
export const safeMul = (...f: Value[]): Value => (f.some((x) => x === null) ? null : (f as number[]).reduce((a, b) => a * b));
export const safeAbs = (a: Value): Value => (a === null ? null : Math.abs(a));

function safeMedian(values: Value[]): Value {
  const k = known(values).sort((a, b) => a - b);
  if (!k.length) return null;
  const mid = k.length >> 1;
  return k.length % 2 === 0 ? (k[mid - 1] + k[mid]) / 2 : k[mid];
}

function safeStdDev(values: Value[]): Value {
  const k = known(values);
  if (!k.length) return null;
  const avg = k.reduce((a, b) => a + b, 0) / k.length;
  return Math.sqrt(k.reduce((a, v) => a + (v - avg) * (v - avg), 0) / k.length);
}

function safeDiff(values: Value[]): Value {
  const k = known(values);
  if (!k.length) return null;
  return k.slice(1).reduce((a, b) => a - b, k[0]);
}

/** functions/aggfuncs.py aggFuncs + aggFuncAliases. */
export const AGG_FUNCS: Record<string, (row: Value[]) => Value> = {
  average: safeAvg,
  avg_zero: (row) => (row.length ? row.reduce<number>((a, b) => a + (b ?? 0), 0) / row.length : null),
  median: safeMedian,
  sum: safeSum,
  min: safeMin,
  max: safeMax,
  diff: safeDiff,
  stddev: safeStdDev,
  count: safeLen,
  range: (row) => {
    const mx = safeMax(row);
    const mn = safeMin(row);
    return mx === null || mn === null ? null : mx - mn;
  },
  multiply: (row) => safeMul(...row),
  last: safeLast,
  rangeOf: (row) => AGG_FUNCS.range(row),
  avg: safeAvg,
  total: safeSum,
  current: safeLast,
};

/** Python's `%g` for a float, as used in names like scale(x,2) and offset(x,-1.5). */
export function formatG(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = n.toExponential(5).split('e');
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    const ei = Number(e);
    return `${mant}e${ei < 0 ? '-' : '+'}${String(Math.abs(ei)).padStart(2, '0')}`;
  }
  const s = n.toPrecision(6);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Python's round(x, 6) for the values perSecond writes. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** graphite-web render/attime.py parseTimeOffset → seconds ('1min', '-1h', '2hours30min'). */
export function parseTimeOffset(offset: string): number | { error: string } {
  if (!offset) return 0;
  let s = offset;
  let sign = 1;
  if (!/^\d/.test(s)) {
    if (s[0] === '+') sign = 1;
    else if (s[0] === '-') sign = -1;
    else return { error: `Invalid offset: ${offset}` };
    s = s.slice(1);
  }
  let total = 0;
  while (s) {
    const m = /^(\d*)([A-Za-z]*)/.exec(s)!;
    if (!m[1]) return { error: `Invalid offset: ${offset}` };
    const num = Number(m[1]);
    const unit = m[2];
    s = s.slice(m[0].length);
    let mult: number;
    if (unit.startsWith('s')) mult = 1;
    else if (unit.startsWith('min')) mult = 60;
    else if (unit.startsWith('h')) mult = 3600;
    else if (unit.startsWith('d')) mult = 86400;
    else if (unit.startsWith('w')) mult = 7 * 86400;
    else if (unit.startsWith('mon')) mult = 30 * 86400;
    else if (unit.startsWith('y')) mult = 365 * 86400;
    else return { error: `Invalid offset unit '${unit}' in '${offset}' (use s, min, h, d, w, mon, y)` };
    total += num * mult;
    if (m[0].length === 0) break;
  }
  return sign * total;
}
