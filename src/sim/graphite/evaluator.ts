/**
 * Evaluates Graphite targets against a store, as graphite-web's render API does
 * (graphite-project/graphite-web webapp/graphite/render/evaluator.py evaluateTarget/evaluateTokens,
 * datalib.fetchData, views.renderViewJson for maxDataPoints).
 */
import type { GraphiteStore } from './store';
import { parseTarget, isParseError, type Expr } from './parser';
import { SPECS, EvalError, nearFunctionNames, type Arg, type CallContext, type FunctionSpec } from './functions';
import { consolidatedValues, makeSeries, type TimeSeries, type Value } from './series';

export interface RenderedSeries {
  name: string;
  start: number;
  step: number;
  values: Value[];
  /** graphite-web's series.end (start + len × step for fetched series). */
  end: number;
}

export interface EvaluateResult {
  series: RenderedSeries[];
  error?: string;
}

/** The column where an expression starts (1-based), for messages. */
const col = (e: Expr): number => e.pos + 1;

class Evaluator {
  constructor(readonly store: GraphiteStore) {}

  /** datalib.fetchData: every leaf matching the path expression, sorted by name. */
  fetch(pathExpr: string, from: number, until: number): TimeSeries[] {
    const out: TimeSeries[] = [];
    for (const path of this.store.expand(pathExpr)) {
      const r = this.store.fetch(path, from, until);
      if (!r) continue;
      out.push(makeSeries(path, r.start, r.end, r.step, r.values, { pathExpression: pathExpr }));
    }
    return out;
  }

  series(e: Expr, from: number, until: number): TimeSeries[] {
    const v = this.value(e, from, until);
    if (Array.isArray(v)) return v;
    throw new EvalError(`column ${col(e)}: expected a series list, got ${describeScalar(v)}`);
  }

  value(e: Expr, from: number, until: number): Arg {
    switch (e.kind) {
      case 'path':
        return this.fetch(e.path, from, until);
      case 'number':
        return e.value;
      case 'string':
        return e.value;
      case 'bool':
        return e.value;
      case 'none':
        return null;
      case 'inf':
        return Infinity;
      case 'call':
        return this.call(e, from, until);
    }
  }

  call(e: Extract<Expr, { kind: 'call' }>, from: number, until: number): TimeSeries[] {
    const spec = SPECS.get(e.name);
    if (!spec) {
      const near = nearFunctionNames(e.name);
      throw new EvalError(
        `column ${col(e)}: unknown function '${e.name}'` + (near.length ? ` — did you mean ${near.join(', ')}?` : ''),
      );
    }
    const bound = this.bind(spec, e, from, until);
    const ctx: CallContext = {
      from,
      until,
      rawArgs: e.args,
      evaluate: (x, f, u) => this.series(x, f, u),
    };
    try {
      return spec.fn(ctx, bound);
    } catch (err) {
      if (err instanceof EvalError && !/^column \d+:/.test(err.message)) throw new EvalError(`column ${col(e)}: ${e.name}: ${err.message}`);
      throw err;
    }
  }

  /** functions/params.py validateParams, simplified: positional then keyword, types checked, defaults filled. */
  bind(spec: FunctionSpec, e: Extract<Expr, { kind: 'call' }>, from: number, until: number): Record<string, Arg | Arg[]> {
    const out: Record<string, Arg | Arg[]> = {};
    const where = (x: Expr): string => `column ${col(x)}: ${spec.name}`;
    let ai = 0;
    for (const p of spec.params) {
      if (p.multiple) {
        const vals: Arg[] = [];
        for (; ai < e.args.length; ai++) vals.push(this.check(p.type, e.args[ai], p.name, where(e.args[ai]), from, until));
        if (p.name in e.kwargs) vals.push(this.check(p.type, e.kwargs[p.name], p.name, where(e.kwargs[p.name]), from, until));
        if (p.required && !vals.length) throw new EvalError(`column ${col(e)}: ${spec.name}: missing required argument '${p.name}' — ${signatureOf(spec)}`);
        out[p.name] = vals;
        continue;
      }
      const positional = ai < e.args.length;
      const x = positional ? e.args[ai++] : e.kwargs[p.name];
      if (positional && p.name in e.kwargs) throw new EvalError(`${where(e.kwargs[p.name])}: argument '${p.name}' given twice`);
      if (x === undefined) {
        if (p.required) throw new EvalError(`column ${col(e)}: ${spec.name}: missing required argument '${p.name}' — ${signatureOf(spec)}`);
        out[p.name] = p.default === undefined ? null : p.default;
        continue;
      }
      out[p.name] = this.check(p.type, x, p.name, where(x), from, until);
    }
    if (ai < e.args.length) throw new EvalError(`${where(e.args[ai])}: too many arguments — ${signatureOf(spec)}`);
    for (const k of Object.keys(e.kwargs))
      if (!spec.params.some((p) => p.name === k)) throw new EvalError(`${where(e.kwargs[k])}: unknown keyword argument '${k}' — ${signatureOf(spec)}`);
    return out;
  }

  check(type: string, x: Expr, name: string, where: string, from: number, until: number): Arg {
    const v = this.value(x, from, until);
    const bad = (want: string): never => {
      throw new EvalError(`${where}: argument '${name}' must be ${want}, got ${describeScalar(v)}`);
    };
    switch (type) {
      case 'seriesList':
      case 'seriesLists':
        if (!Array.isArray(v)) bad('a series list (a metric path or a function call)');
        return v;
      case 'number':
        if (v === null) return null;
        if (typeof v !== 'number') bad('a number');
        return v;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) bad('an integer');
        return v;
      case 'string':
      case 'aggFunc':
      case 'aggOrSeriesFunc':
        if (typeof v !== 'string') bad("a quoted string like 'sum'");
        return v;
      case 'boolean':
        if (typeof v !== 'boolean') bad('true or false');
        return v;
      case 'intOrInterval':
        if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
        if (typeof v === 'string') return v;
        return bad("a number of points or a quoted interval like '1min'");
      case 'nodeOrTag':
        if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'string') return v;
        return bad('a node number or a tag name');
      default:
        return v;
    }
  }
}

function describeScalar(v: Arg): string {
  if (Array.isArray(v)) return 'a series list';
  if (v === null) return 'None';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

function signatureOf(spec: FunctionSpec): string {
  return `${spec.name}(${spec.params.map((p) => (p.required ? p.name : `[${p.name}]`) + (p.multiple ? '…' : '')).join(', ')})`;
}

/** Evaluate one already-parsed expression (throws EvalError). */
export function evaluateExpr(store: GraphiteStore, e: Expr, from: number, until: number): TimeSeries[] {
  return new Evaluator(store).series(e, from, until);
}

/**
 * Evaluate render targets over [from, until] (unix seconds). Series come back in target order, each
 * target's series in graphite-web's order. A bad target gives `error` (with its column) and no series
 * for that target; the other targets still render.
 */
export function evaluateTargets(store: GraphiteStore, targets: string[], from: number, until: number): EvaluateResult {
  const errors: string[] = [];
  const series: RenderedSeries[] = [];
  if (!store || typeof store.fetch !== 'function') return { series, error: 'no Graphite store to read from' };
  const list = Array.isArray(targets) ? targets : [targets as unknown as string];
  const f = Math.floor(Number(from));
  const u = Math.floor(Number(until));
  if (!Number.isFinite(f) || !Number.isFinite(u)) return { series, error: `invalid time range: from=${from} until=${until}` };
  if (f >= u) return { series, error: `invalid time range: from (${f}) must be before until (${u})` };
  const ev = new Evaluator(store);
  list.forEach((t, i) => {
    if (typeof t !== 'string' || !t.trim()) return;
    const prefix = list.length > 1 ? `target ${i + 1}: ` : '';
    const e = parseTarget(t);
    if (isParseError(e)) {
      errors.push(prefix + e.error);
      return;
    }
    try {
      for (const s of ev.series(e, f, u)) {
        series.push({ name: s.name, start: s.start, end: s.end, step: s.step, values: consolidatedValues(s) });
      }
    } catch (err) {
      errors.push(prefix + (err instanceof Error ? err.message : String(err)));
    }
  });
  return errors.length ? { series, error: errors.join('\n') } : { series };
}

export interface Columns {
  x: number[];
  series: { target: string; values: Value[] }[];
}

/**
 * One shared x axis (unix seconds) for uPlot. With maxDataPoints, each series is consolidated as
 * graphite-web's renderViewJson does it: valuesPerPoint = ceil(points / maxDataPoints), the start nudged
 * so buckets line up between refreshes, then averaged (xFilesFactor 0).
 */
export function toColumns(
  input: RenderedSeries[] | EvaluateResult | null | undefined,
  maxDataPointsOrOpts?: number | { maxDataPoints?: number },
): Columns {
  const list: RenderedSeries[] = Array.isArray(input) ? input : (input?.series ?? []);
  const maxDataPoints = typeof maxDataPointsOrOpts === 'number' ? maxDataPointsOrOpts : maxDataPointsOrOpts?.maxDataPoints;
  if (!list.length) return { x: [], series: [] };
  const startTime = Math.min(...list.map((s) => s.start));
  const endTime = Math.max(...list.map((s) => s.end));
  const timeRange = endTime - startTime;
  const points: { target: string; pts: Map<number, Value> }[] = [];
  const xs = new Set<number>();
  for (const s0 of list) {
    let start = s0.start;
    let values = s0.values;
    let vpp = 1;
    if (maxDataPoints !== undefined && Number.isFinite(maxDataPoints) && maxDataPoints >= 1) {
      if (maxDataPoints === 1) vpp = Math.max(1, values.length);
      else {
        const n = timeRange / s0.step;
        if (maxDataPoints < n) {
          vpp = Math.ceil(n / maxDataPoints);
          const secondsPerPoint = vpp * s0.step;
          const nudge = secondsPerPoint + (start % s0.step) - (start % secondsPerPoint);
          start += nudge;
          // `for r in range(1, valuesToLose): del series[0]` drops one value fewer than the nudge.
          const valuesToLose = Math.trunc(nudge / s0.step);
          values = values.slice(Math.max(0, valuesToLose - 1));
        }
      }
    }
    const consolidated = vpp > 1 ? consolidatedValues(makeSeries(s0.name, start, s0.end, s0.step, values, { valuesPerPoint: vpp })) : values;
    const pts = new Map<number, Value>();
    // TimeSeries.datapoints: zip(values, range(start, end + 1, step × valuesPerPoint))
    const stride = s0.step * vpp;
    for (let i = 0, t = start; i < consolidated.length && t <= s0.end; i++, t += stride) {
      pts.set(t, consolidated[i]);
      xs.add(t);
    }
    points.push({ target: s0.name, pts });
  }
  const x = [...xs].sort((a, b) => a - b);
  return { x, series: points.map((p) => ({ target: p.target, values: x.map((t) => (p.pts.has(t) ? p.pts.get(t)! : null)) })) };
}
