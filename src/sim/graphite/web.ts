/**
 * graphite-web's HTTP API over a Graphite store, as the graphiteapp/graphite-statsd image serves it on port 80
 * (nginx in front of graphite-web 1.1.10). Modelled on graphite-project/graphite-web 1.1.10:
 * - urls.py / render/urls.py / metrics/urls.py: `/render[/]`, `/metrics[/]`, `/metrics/find[/]`,
 *   `/metrics/expand[/]`, `/metrics/index.json`, `/` (the browser page);
 * - render/views.py renderView + parseOptions: `target` (or `target[]`), `from`/`until`/`now` (attime.ts),
 *   `format=json|csv|raw|pickle|rickshaw|dygraph` (`rawData`, `pickle` flags), `maxDataPoints`, `noNullPoints`,
 *   `jsonp`, `pretty`; no format → a PNG graph;
 * - errors.py handleInputParameterError: bad options or targets → 400 "Invalid parameters (…)"; anything else
 *   (a target the grammar cannot parse) → 500 with templates/500.html;
 * - metrics/views.py find_view (treejson, completer, json, nodelist), expand_view, index_json, json_response_for.
 *
 * What is not drawn: the PNG is a real, valid image of the requested size but blank (no axes, no "No Data").
 */
import type { HttpRequest, HttpResponse } from '../net/network';
import type { GraphiteStore } from './store';
import { evaluateTargets, type RenderedSeries } from './evaluator';
import { parseTarget, isParseError } from './parser';
import { consolidatedValues, makeSeries, type Value } from './series';
import { parseATTime } from './attime';
import { pyJsonDumps, pyFloatRepr, csvRow, PyInt, type PyJson } from './pyformat';
import { pickleDumps, type PickleValue } from './pickle';
import { blankPng } from './png';

export interface GraphiteWebOptions {
  store: GraphiteStore;
  /** Current time, unix seconds (may be fractional). */
  now: () => number;
}

/** A Django QueryDict-like view of the query string and a form-encoded POST body. */
class Params {
  private m = new Map<string, string[]>();
  constructor(...sources: string[]) {
    for (const src of sources) {
      for (const [k, v] of new URLSearchParams(src)) {
        if (!this.m.has(k)) this.m.set(k, []);
        this.m.get(k)!.push(v);
      }
    }
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
  /** QueryDict.__getitem__ / get: the last value. */
  get(k: string): string | undefined {
    const l = this.m.get(k);
    return l ? l[l.length - 1] : undefined;
  }
  getlist(k: string): string[] {
    return this.m.get(k) ?? [];
  }
}

class InputParameterError extends Error {}

const textBody = (s: string) => new TextEncoder().encode(s).length;

function httpDate(sec: number): string {
  return new Date(Math.floor(sec) * 1000).toUTCString();
}

function respond(
  now: number,
  status: number,
  contentType: string,
  body: string,
  extra: Record<string, string> = {},
  binary = false,
): HttpResponse {
  const reasons: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };
  return {
    status,
    reason: reasons[status] ?? 'OK',
    headers: {
      Server: 'nginx',
      Date: httpDate(now),
      'Content-Type': contentType,
      'Content-Length': String(binary ? body.length : textBody(body)),
      Connection: 'keep-alive',
      ...extra,
    },
    body,
    durationMs: 4,
  };
}

/** errors.py handleInputParameterError → HttpResponseBadRequest(str(e)) (Django's default text/html). */
function badRequest(now: number, msg: string): HttpResponse {
  return respond(now, 400, 'text/html; charset=utf-8', msg);
}

/** handler500 = graphite.views.server_error: templates/500.html with the traceback's last line. */
function serverError(now: number, exception: string): HttpResponse {
  const html =
    `<body style="background-color: #666666; color: black;">\n<center>\n<h2 style='font-family: "Arial", sans-serif'>\n` +
    `<p>Graphite encountered an unexpected error while handling your request.</p>\n<p>Please contact your site administrator if the problem persists.</p>\n</h2>\n<br/>\n` +
    `<div style="width: 50%; text-align: center; font-family: monospace; background-color: black; font-weight: bold; color: #ff4422;">\n\n</div>\n\n` +
    `<div style="width: 70%; text-align: left; background-color: black; color: #44ff22; border: thin solid gray;">\n<pre>\n${escapeHtml(exception)}\n</pre>\n</div>\n\n</center>\n`;
  return respond(now, 500, 'text/html; charset=utf-8', html);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

/** Django's 404 page with DEBUG off. */
function notFound(now: number): HttpResponse {
  return respond(
    now,
    404,
    'text/html; charset=utf-8',
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
  );
}

/** The render views' per-series form after renderViewJson's maxDataPoints consolidation. */
interface OutSeries {
  name: string;
  start: number;
  end: number;
  step: number;
  valuesPerPoint: number;
  values: Value[];
}

const pyRepr = (v: Value) => (v === null ? 'None' : pyFloatRepr(v));

// ---------------------------------------------------------------- /render

interface RenderOptions {
  targets: string[];
  format?: string;
  jsonp?: string;
  pretty: boolean;
  maxDataPoints?: number;
  noNullPoints: boolean;
  from: number;
  until: number;
  width: number;
  height: number;
}

function parseRenderOptions(q: Params, nowSec: number): RenderOptions {
  const graphType = q.get('graphType') ?? 'line';
  if (graphType !== 'line' && graphType !== 'pie') throw new InputParameterError(`Invalid graphType '${graphType}', must be one of ['line', 'pie']`);
  const targets = q.getlist('target').length ? q.getlist('target') : q.getlist('target[]');
  let format: string | undefined;
  let jsonp: string | undefined;
  if (q.has('pickle')) format = 'pickle';
  if (q.has('rawData')) format = 'raw';
  if (q.has('format')) {
    format = q.get('format');
    if (q.has('jsonp')) jsonp = q.get('jsonp');
  }
  const mdp = q.get('maxDataPoints');
  const dim = (k: string, d: number) => {
    const v = q.get(k);
    // graph size, bounded here so a typo cannot allocate a giant image in the tab
    return v !== undefined && /^\d+$/.test(v) ? Math.min(Math.max(parseInt(v, 10), 1), 2000) : d;
  };
  const now = q.has('now') ? parseATTime(q.get('now')!, nowSec) : nowSec;
  const untilTime = q.has('until') ? parseATTime(q.get('until')!, now) : now;
  const fromTime = q.has('from') ? parseATTime(q.get('from')!, now) : parseATTime('-1d', now);
  const start = Math.min(fromTime, untilTime);
  const end = Math.max(fromTime, untilTime);
  if (start === end) throw new InputParameterError('Invalid empty time range');
  return {
    targets,
    format,
    jsonp,
    pretty: !!q.get('pretty'),
    maxDataPoints: mdp !== undefined && /^\d+$/.test(mdp) ? parseInt(mdp, 10) : undefined,
    noNullPoints: q.has('noNullPoints'),
    from: start,
    until: end,
    width: dim('width', 330),
    height: dim('height', 250),
  };
}

/** renderViewJson's maxDataPoints consolidation (nudged start, valuesToLose, series.consolidate). */
function consolidateForJson(list: RenderedSeries[], maxDataPoints: number | undefined): OutSeries[] {
  const out = list.map((s) => ({ name: s.name, start: s.start, end: s.end, step: s.step, valuesPerPoint: 1, values: s.values }));
  if (!out.length || maxDataPoints === undefined) return out;
  const timeRange = Math.max(...out.map((s) => s.end)) - Math.min(...out.map((s) => s.start));
  for (const s of out) {
    if (maxDataPoints === 1) s.valuesPerPoint = Math.max(1, s.values.length);
    else {
      const n = timeRange / s.step;
      if (maxDataPoints === 0) throw new Error('ZeroDivisionError: float division by zero');
      if (maxDataPoints < n) {
        const vpp = Math.ceil(n / maxDataPoints);
        const secondsPerPoint = Math.trunc(vpp * s.step);
        const nudge = secondsPerPoint + (s.start % s.step) - (s.start % secondsPerPoint);
        s.start += nudge;
        const valuesToLose = Math.trunc(nudge / s.step);
        s.values = s.values.slice(Math.max(0, valuesToLose - 1));
        s.valuesPerPoint = vpp;
      }
    }
    if (s.valuesPerPoint > 1) {
      s.values = consolidatedValues(makeSeries(s.name, s.start, s.end, s.step, s.values, { valuesPerPoint: s.valuesPerPoint }));
    }
  }
  return out;
}

/** TimeSeries.datapoints(): zip(values, range(start, end + 1, step × valuesPerPoint)). */
function datapoints(s: OutSeries): [Value, number][] {
  const pts: [Value, number][] = [];
  const stride = s.step * s.valuesPerPoint;
  for (let i = 0, t = s.start; i < s.values.length && t <= s.end; i++, t += stride) pts.push([s.values[i]!, t]);
  return pts;
}

function withJsonp(now: number, jsonp: string | undefined, output: string, type = 'application/json'): HttpResponse {
  return jsonp !== undefined ? respond(now, 200, 'text/javascript', `${jsonp}(${output})`, cacheHeaders(now)) : respond(now, 200, type, output, cacheHeaders(now));
}

/** patch_response_headers(response, cache_timeout=DEFAULT_CACHE_DURATION=60). */
function cacheHeaders(now: number): Record<string, string> {
  return { Expires: httpDate(now + 60), 'Cache-Control': 'max-age=60' };
}

function renderView(q: Params, nowSec: number, store: GraphiteStore): HttpResponse {
  let o: RenderOptions;
  try {
    o = parseRenderOptions(q, nowSec);
  } catch (e) {
    return badRequest(nowSec, `Invalid parameters (${e instanceof Error ? e.message : String(e)})`);
  }
  const targets = o.targets.filter((t) => t.trim());
  // The grammar runs first (evaluator.py grammar.parseString): a syntax error is not an InputParameterError.
  for (const t of targets) {
    const p = parseTarget(t);
    if (isParseError(p)) return serverError(nowSec, `pyparsing.ParseException: ${p.error}`);
  }
  const res = targets.length ? evaluateTargets(store, targets, o.from, o.until) : { series: [] as RenderedSeries[] };
  if (res.error) {
    return badRequest(nowSec, `Invalid parameters (${res.error.replace(/\n/g, '; ')}); targets: "${o.targets.join(', ')}"`);
  }
  const data = res.series;
  const now = nowSec;
  switch (o.format) {
    case 'json': {
      let out: OutSeries[];
      try {
        out = consolidateForJson(data, o.maxDataPoints);
      } catch (e) {
        return serverError(now, e instanceof Error ? e.message : String(e));
      }
      const list: PyJson[] = [];
      for (const s of out) {
        let pts = datapoints(s);
        if (o.noNullPoints) {
          pts = pts.filter(([v]) => v !== null && !Number.isNaN(v));
          if (!pts.length) continue;
        }
        list.push({ target: s.name, tags: { name: s.name }, datapoints: pts.map(([v, t]) => [v, new PyInt(t)]) });
      }
      const output = pyJsonDumps(list, { indent: o.pretty ? 2 : undefined }).replace(/NaN,/g, 'null,').replace(/Infinity,/g, '1e9999,');
      return withJsonp(now, o.jsonp, output);
    }
    case 'csv': {
      let body = '';
      for (const s of data)
        s.values.forEach((v, i) => {
          const ts = new Date((s.start + i * s.step) * 1000).toISOString().replace('T', ' ').slice(0, 19);
          body += csvRow([s.name, ts, v]);
        });
      return respond(now, 200, 'text/csv', body, cacheHeaders(now));
    }
    case 'raw': {
      const body = data.map((s) => `${s.name},${Math.trunc(s.start)},${Math.trunc(s.end)},${Math.trunc(s.step)}|${s.values.map(pyRepr).join(',')}\n`).join('');
      return respond(now, 200, 'text/plain', body, cacheHeaders(now));
    }
    case 'pickle': {
      // TimeSeries.getInfo() for each series, pickled with protocol=-1
      const info: PickleValue = data.map((s) => ({
        name: s.name,
        start: { int: s.start },
        end: { int: s.end },
        step: { int: s.step },
        values: s.values,
        pathExpression: s.name,
        valuesPerPoint: { int: 1 },
        consolidationFunc: 'average',
        xFilesFactor: 0,
      }));
      const shared = new Set(['name', 'start', 'end', 'step', 'values', 'pathExpression', 'valuesPerPoint', 'consolidationFunc', 'xFilesFactor', 'average']);
      return respond(now, 200, 'application/pickle', pickleDumps(info, shared), cacheHeaders(now), true);
    }
    case 'rickshaw': {
      const list: PyJson = data.map((s) => ({
        target: s.name,
        datapoints: s.values.map((y, i) => ({ x: new PyInt(s.start + i * s.step), y })).filter((p) => (p.x as PyInt).value < s.end),
      }));
      return withJsonp(now, o.jsonp, pyJsonDumps(list, { indent: o.pretty ? 2 : undefined }));
    }
    case 'dygraph': {
      let output = '{}';
      if (data.length) {
        const d0 = data[0]!;
        const rows: string[][] = [];
        for (let t = d0.start; t < d0.end; t += d0.step) rows.push([String(t)]);
        for (const s of data)
          s.values.forEach((v, i) => {
            if (!rows[i]) throw new Error('IndexError: list index out of range');
            rows[i]!.push(v === null || Number.isNaN(v) ? 'null' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : pyFloatRepr(v));
          });
        const labels = pyJsonDumps(['Time', ...data.map((s) => s.name)]);
        output = `{"labels" : ${labels}, "data" : [${rows.map((r) => `[${r[0]}000${r.slice(1).map((x) => ', ' + x).join('')}]`).join(', ')}]}`;
      }
      return withJsonp(now, o.jsonp, output);
    }
    case 'svg':
    case 'pdf':
    default:
      // renderViewGraph: the line graph as a PNG (format=svg/pdf would be those; here always a PNG)
      return respond(now, 200, 'image/png', blankPng(o.width, o.height), cacheHeaders(now), true);
  }
}

// ---------------------------------------------------------------- /metrics

/** json_response_for: ensure_ascii only when the client asked exactly for application/json. */
function jsonResponseFor(req: HttpRequest, q: Params, now: number, data: PyJson, jsonp?: string | false, extra: Record<string, string> = {}): HttpResponse {
  const accept = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? 'application/json';
  const ensureAscii = accept === 'application/json';
  let content = pyJsonDumps(data, { ensureAscii, indent: q.get('pretty') ? 2 : undefined });
  let type = 'application/json';
  if (jsonp) {
    content = `${jsonp}(${content})`;
    type = 'text/javascript';
  }
  if (!ensureAscii) type += ';charset=utf-8';
  return respond(now, 200, type, content, extra);
}

function queryParamAsInt(q: Params, name: string, d: number): number {
  if (!q.has(name)) return d;
  const v = q.get(name)!;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) {
    throw new InputParameterError(`Invalid int value '${v}' for param ${name}: invalid literal for int() with base 10: '${v}'`);
  }
  return parseInt(v, 10);
}

interface Node {
  path: string;
  name: string;
  isLeaf: boolean;
}

function findNodes(store: GraphiteStore, query: string): Node[] {
  return store.find(query).map((n) => ({ path: n.path, name: n.text, isLeaf: n.leaf }));
}

function findView(req: HttpRequest, q: Params, now: number, store: GraphiteStore): HttpResponse {
  const noCache = { Pragma: 'no-cache', 'Cache-Control': 'no-cache' };
  try {
    const format = q.get('format') ?? 'treejson';
    const leavesOnly = queryParamAsInt(q, 'leavesOnly', 0);
    queryParamAsInt(q, 'local', 0);
    const wildcards = queryParamAsInt(q, 'wildcards', 0);
    for (const k of ['now', 'from', 'until']) {
      const v = q.get(k);
      if (v === undefined || (k !== 'now' && v === '-1')) continue;
      try {
        parseATTime(v, now);
      } catch (e) {
        throw new InputParameterError(`Invalid value '${v}' for param ${k}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const position = queryParamAsInt(q, 'position', -1);
    const jsonp = q.get('jsonp') || false;
    let query = q.get('query');
    if (query === undefined) throw new InputParameterError("Missing required parameter 'query'");
    if (query === '') throw new InputParameterError("Required parameter 'query' is empty");
    const basePath = query.includes('.') ? query.slice(0, query.lastIndexOf('.') + 1) : '';
    if (format === 'completer') {
      query = query.replace(/\.\./g, '*.');
      if (!query.endsWith('*')) query += '*';
    }
    let matches = findNodes(store, query);
    if (leavesOnly) matches = matches.filter((n) => n.isLeaf);
    matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let content: PyJson;
    if (format === 'treejson') content = treeJson(matches, basePath, !!wildcards);
    else if (format === 'nodelist') {
      const found = new Set<string>();
      for (const m of matches) {
        const parts = m.path.split('.');
        const p = position < 0 ? parts.length + position : position;
        if (p < 0 || p >= parts.length) return serverError(now, 'IndexError: list index out of range');
        found.add(parts[p]!);
      }
      content = { nodes: [...found].sort() };
    } else if (format === 'json') {
      content = matches
        .map((n): { [k: string]: PyJson } => (n.isLeaf ? { path: n.path, is_leaf: true, intervals: [] } : { path: n.path, is_leaf: false }))
        .sort((a, b) => (String(a.path) < String(b.path) ? -1 : String(a.path) > String(b.path) ? 1 : 0));
    } else if (format === 'completer') {
      const results: PyJson[] = matches.map((n) => ({ path: n.isLeaf ? n.path : n.path + '.', name: n.name, is_leaf: n.isLeaf ? '1' : '0' }));
      if (results.length > 1 && wildcards) results.push({ name: '*' });
      content = { metrics: results };
    } else if (format === 'pickle') {
      const info: PickleValue = matches.map((n): { [k: string]: PickleValue } => (n.isLeaf ? { path: n.path, is_leaf: true, intervals: [] } : { path: n.path, is_leaf: false }));
      return respond(now, 200, 'application/pickle', pickleDumps(info, new Set(['path', 'is_leaf', 'intervals'])), noCache, true);
    } else {
      return respond(now, 400, 'text/plain', "Invalid value for 'format' parameter");
    }
    return jsonResponseFor(req, q, now, content, jsonp, noCache);
  } catch (e) {
    if (e instanceof InputParameterError) return badRequest(now, `Invalid parameters (${e.message})`);
    return serverError(now, e instanceof Error ? e.message : String(e));
  }
}

/** metrics/views.py tree_json. */
function treeJson(nodes: Node[], basePath: string, wildcards: boolean): PyJson[] {
  const branch = { allowChildren: new PyInt(1), expandable: new PyInt(1), leaf: new PyInt(0) };
  const leaf = { allowChildren: new PyInt(0), expandable: new PyInt(0), leaf: new PyInt(1) };
  const results: PyJson[] = [];
  if (nodes.length > 1 && wildcards) results.push({ text: '*', id: basePath + '*', ...(nodes.some((n) => !n.isLeaf) ? branch : leaf) });
  const found = new Set<string>();
  const branches: PyJson[] = [];
  const leaves: PyJson[] = [];
  for (const n of nodes) {
    if (found.has(n.name)) continue;
    found.add(n.name);
    const r = { text: n.name, id: basePath + n.name };
    if (n.isLeaf) leaves.push({ ...r, ...leaf });
    else branches.push({ ...r, ...branch });
  }
  return [...results, ...branches, ...leaves];
}

function expandView(req: HttpRequest, q: Params, now: number, store: GraphiteStore): HttpResponse {
  const groupByExpr = q.get('groupByExpr') === '1';
  const leavesOnly = q.get('leavesOnly') === '1';
  const per: Record<string, string[]> = {};
  for (const query of q.getlist('query')) {
    const s = new Set<string>();
    for (const n of findNodes(store, query)) if (n.isLeaf || !leavesOnly) s.add(n.path);
    per[query] = [...s].sort();
  }
  const results: PyJson = groupByExpr ? per : [...new Set(Object.values(per).flat())].sort();
  return jsonResponseFor(req, q, now, { results }, q.get('jsonp') || false, { Pragma: 'no-cache', 'Cache-Control': 'no-cache' });
}

// ---------------------------------------------------------------- routing

const BROWSER_PAGE =
  '<html>\n<head>\n  <title>Graphite Browser</title>\n</head>\n<body>\n  <noscript>Graphite Browser needs JavaScript.</noscript>\n</body>\n</html>\n';

/** Answer one HTTP request the way graphite-web behind the image's nginx does. Never throws. */
export function graphiteWebResponse(opts: GraphiteWebOptions, req: HttpRequest): HttpResponse {
  let now = 0;
  try {
    now = opts.now();
    const path = req.path ?? '/';
    const qi = path.indexOf('?');
    const pathname = qi >= 0 ? path.slice(0, qi) : path;
    const query = qi >= 0 ? path.slice(qi + 1) : '';
    const ctype = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    const form = req.method === 'POST' && ctype.startsWith('application/x-www-form-urlencoded') ? req.body ?? '' : '';
    const q = new Params(query, form);
    if (/^\/render\/?$/.test(pathname)) return renderView(q, now, opts.store);
    if (/^\/metrics(\/find)?\/?$/.test(pathname)) return findView(req, q, now, opts.store);
    if (/^\/metrics\/expand\/?$/.test(pathname)) return expandView(req, q, now, opts.store);
    if (pathname === '/metrics/index.json') return jsonResponseFor(req, q, now, opts.store.paths(), q.get('jsonp') || false);
    if (pathname === '/') return respond(now, 200, 'text/html; charset=utf-8', BROWSER_PAGE);
    return notFound(now);
  } catch (e) {
    return serverError(now, e instanceof Error ? e.message : String(e));
  }
}

/** An `onHttp` handler for a network Listener. */
export function createGraphiteWeb(opts: GraphiteWebOptions): (req: HttpRequest) => HttpResponse {
  return (req) => graphiteWebResponse(opts, req);
}
