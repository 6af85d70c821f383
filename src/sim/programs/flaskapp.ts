/**
 * The learner's Flask application, read from its Python source in the simulated filesystem so that an
 * edited myproject.py changes what the server answers. We understand the shapes the course uses:
 *
 *   app = Flask(__name__)
 *   @app.route("/path", methods=["GET", "POST"])      (also @app.get / @app.post)
 *   def view():
 *       time.sleep(0.5) | time.sleep(random.uniform(0.2, 1.5))   → latency
 *       raise ValueError("...") | 1 / 0                             → 500 + traceback in the error log
 *       abort(404)                                                   → that status, Werkzeug's HTML
 *       return "<h1>..</h1>" | return "text", 201 | return {"k": 1} | return jsonify(...)
 *
 * Responses follow Flask 3.1 / Werkzeug 3.1: text/html; charset=utf-8 for strings, application/json for
 * dicts, Werkzeug's exception pages (werkzeug/exceptions.py NotFound, MethodNotAllowed, InternalServerError)
 * and Flask's log line for an unhandled exception ("ERROR in app: Exception on /error [GET]", flask/app.py
 * log_exception) followed by the traceback through flask/app.py (line numbers of Flask 3.1.2).
 */
import { SITE_PACKAGES, pyFrame } from './pyenv';
import { mulberry32 } from '../random';

const FLASK_APP_PY = `${SITE_PACKAGES}/flask/app.py`;
const VIEW_CALL = 'self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)';

export interface RouteModel {
  rule: string;
  methods: string[];
  func: string;
  defLine: number;
  /** Latency the view adds: fixed ms or a uniform range. */
  sleepMs: { min: number; max: number } | null;
  outcome:
    | { kind: 'return'; body: string; status: number; json: boolean }
    | { kind: 'raise'; type: string; message: string; line: number; code: string }
    | { kind: 'abort'; status: number; line: number };
}

export interface FlaskAppModel {
  file: string;
  module: string;
  appVar: string;
  /** Display name Flask uses (`app.name`): the module name, or the file stem when run as __main__. */
  routes: RouteModel[];
  runCall: { host: string | null; port: number | null; debug: boolean } | null;
}

export interface AppResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
  /** Time spent inside the application, ms (µs resolution). */
  appMs: number;
  /** Flask's error log text for an unhandled exception (no trailing newline), else null. */
  errorLog: string | null;
}

export const REASONS: Record<number, string> = {
  200: 'OK', 201: 'CREATED', 202: 'ACCEPTED', 204: 'NO CONTENT', 301: 'MOVED PERMANENTLY', 302: 'FOUND', 304: 'NOT MODIFIED',
  308: 'PERMANENT REDIRECT', 400: 'BAD REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT FOUND',
  405: 'METHOD NOT ALLOWED', 409: 'CONFLICT', 418: "I'M A TEAPOT", 429: 'TOO MANY REQUESTS', 500: 'INTERNAL SERVER ERROR',
  502: 'BAD GATEWAY', 503: 'SERVICE UNAVAILABLE', 504: 'GATEWAY TIMEOUT',
};

/** werkzeug/exceptions.py: name + description of the HTTPExceptions abort() raises. */
const HTTP_ERRORS: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  401: ['Unauthorized', "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."],
  403: ['Forbidden', "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."],
  404: ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  418: ["I'm a teapot", 'This server is a teapot, not a coffee machine'],
  429: ['Too Many Requests', 'This user has exceeded an allotted request count. Try again later.'],
  500: ['Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'],
  502: ['Bad Gateway', 'The proxy server received an invalid response from an upstream server.'],
  503: ['Service Unavailable', 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.'],
};

export function errorPage(status: number): string {
  const [name, desc] = HTTP_ERRORS[status] ?? [REASONS[status] ?? 'Error', ''];
  return `<!doctype html>\n<html lang=en>\n<title>${status} ${name}</title>\n<h1>${name}</h1>\n<p>${desc}</p>\n`;
}

function pyString(s: string): string | null {
  const m = /^(?:[rubf]{0,2})("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/i.exec(s.trim());
  if (!m) return null;
  const q = m[1]!;
  const inner = q.startsWith('"""') || q.startsWith("'''") ? q.slice(3, -3) : q.slice(1, -1);
  return inner.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1');
}

function seconds(expr: string): { min: number; max: number } | null {
  const e = expr.trim();
  if (/^\d+(\.\d+)?$/.test(e)) return { min: parseFloat(e) * 1000, max: parseFloat(e) * 1000 };
  const u = /^random\.uniform\(\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(e);
  if (u) {
    const a = parseFloat(u[1]!) * 1000;
    const b = parseFloat(u[2]!) * 1000;
    return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  const r = /^random\.random\(\)\s*\*\s*([\d.]+)$|^([\d.]+)\s*\*\s*random\.random\(\)$/.exec(e);
  if (r) return { min: 0, max: parseFloat(r[1] ?? r[2]!) * 1000 };
  return null;
}

/** Turn a Python dict literal (JSON-ish) into Flask's jsonify output (sorted keys, compact, newline). */
function jsonBody(expr: string): string | null {
  try {
    const js = expr.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
    const v = JSON.parse(js) as unknown;
    const sort = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, y]) => [k, sort(y)])) : x;
    return JSON.stringify(sort(v)) + '\n';
  } catch {
    return null;
  }
}

function parseView(body: { line: number; text: string }[]): Pick<RouteModel, 'sleepMs' | 'outcome'> {
  let sleepMs = null as RouteModel['sleepMs'];
  for (const { line, text } of body) {
    const t = text.trim();
    const sl = /^time\.sleep\((.*)\)$/.exec(t) ?? /^sleep\((.*)\)$/.exec(t);
    if (sl) {
      const s = seconds(sl[1]!);
      if (s) sleepMs = { min: (sleepMs?.min ?? 0) + s.min, max: (sleepMs?.max ?? 0) + s.max };
      continue;
    }
    const ab = /^(?:flask\.)?abort\((\d{3})/.exec(t);
    if (ab) return { sleepMs, outcome: { kind: 'abort', status: parseInt(ab[1]!, 10), line } };
    const ra = /^raise\s+([A-Za-z_][\w.]*)(?:\((.*)\))?$/.exec(t);
    if (ra) {
      const msg = ra[2] !== undefined ? (pyString(ra[2]) ?? ra[2]) : '';
      return { sleepMs, outcome: { kind: 'raise', type: ra[1]!, message: msg, line, code: t } };
    }
    if (/(^|[^/])\/\s*0(\D|$)/.test(t) && !/^return\s+["']/.test(t))
      return { sleepMs, outcome: { kind: 'raise', type: 'ZeroDivisionError', message: 'division by zero', line, code: t } };
    const re = /^return\s+(.*)$/.exec(t);
    if (re) {
      let expr = re[1]!.trim();
      let status = 200;
      const tuple = /^(.*?),\s*(\d{3})\s*$/.exec(expr);
      if (tuple && (pyString(tuple[1]!) !== null || tuple[1]!.trim().startsWith('{') || tuple[1]!.trim().startsWith('jsonify'))) {
        expr = tuple[1]!.trim();
        status = parseInt(tuple[2]!, 10);
      }
      const j = /^(?:flask\.)?jsonify\((.*)\)$/.exec(expr);
      if (j || expr.startsWith('{')) {
        const b = jsonBody(j ? j[1]! : expr);
        if (b !== null) return { sleepMs, outcome: { kind: 'return', body: b, status, json: true } };
      }
      const s = pyString(expr);
      return { sleepMs, outcome: { kind: 'return', body: s ?? expr, status, json: false } };
    }
  }
  // A view that returns nothing: Flask raises TypeError.
  return {
    sleepMs,
    outcome: {
      kind: 'raise', type: 'TypeError', line: body[body.length - 1]?.line ?? 0, code: '',
      message: "The view function did not return a valid response. The function either returned None or ended without a return statement.",
    },
  };
}

/** Parse a module's Flask app. Returns null when the module creates no Flask app. */
export function parseFlaskApp(src: string, file: string, module: string): FlaskAppModel | null {
  const lines = src.split('\n');
  const appDecl = /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\(/m.exec(src);
  if (!appDecl) return null;
  const appVar = appDecl[1]!;
  const routes: RouteModel[] = [];
  const deco = new RegExp(`^@${appVar}\\.(route|get|post|put|delete|patch)\\((.*)\\)\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    const m = deco.exec(lines[i]!.trim());
    if (!m || /^\s/.test(lines[i]!)) continue;
    const argsTxt = m[2]!;
    const rule = pyString(argsTxt.split(',')[0]!.trim()) ?? '/';
    let methods = m[1] === 'route' ? ['GET'] : [m[1]!.toUpperCase()];
    const mm = /methods\s*=\s*[\[(]([^\])]*)[\])]/.exec(argsTxt);
    if (mm) methods = mm[1]!.split(',').map((x) => (pyString(x.trim()) ?? '').toUpperCase()).filter(Boolean);
    // Skip further decorators, find the def.
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim().startsWith('@')) j++;
    const def = /^def\s+([A-Za-z_]\w*)\s*\(/.exec(lines[j]?.trim() ?? '');
    if (!def) continue;
    const body: { line: number; text: string }[] = [];
    for (let k = j + 1; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      if (!/^\s/.test(l)) break;
      body.push({ line: k + 1, text: l });
    }
    routes.push({ rule, methods, func: def[1]!, defLine: j + 1, ...parseView(body) });
  }
  let runCall: FlaskAppModel['runCall'] = null;
  const run = new RegExp(`^\\s+${appVar}\\.run\\((.*)\\)\\s*$`, 'm').exec(src);
  if (run && /^if\s+__name__\s*==\s*["']__main__["']\s*:/m.test(src)) {
    const a = run[1]!;
    const host = /host\s*=\s*(["'][^"']*["'])/.exec(a);
    const port = /port\s*=\s*(\d+)/.exec(a);
    runCall = {
      host: host ? pyString(host[1]!) : null,
      port: port ? parseInt(port[1]!, 10) : null,
      debug: /debug\s*=\s*True/.test(a),
    };
  }
  return { file, module, appVar, routes, runCall };
}


export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Python logging's default asctime: 2026-01-01 12:00:05,123 (UTC on the laptop). */
export function asctime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
}

/** Rule matching with Flask's <converters>: <name>, <int:id>, <path:p>. */
function matchRule(rule: string, path: string): boolean {
  const re = '^' + rule.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '<' || c === '>' ? c : '\\' + c))
    .replace(/<(?:(int|float|path|string|uuid):)?\w+>/g, (_m, conv: string | undefined) =>
      conv === 'int' ? '\\d+' : conv === 'float' ? '\\d+\\.\\d+' : conv === 'path' ? '.+' : '[^/]+') + '$';
  return new RegExp(re).test(path);
}

export class FlaskApp {
  private rng: () => number;
  constructor(
    readonly model: FlaskAppModel,
    seed = hashSeed(model.file),
  ) {
    this.rng = mulberry32(seed);
  }

  /** Handle one request; `now` is the simulated time (for the error log's asctime). */
  handle(method: string, rawPath: string, now: number): AppResponse {
    const path = rawPath.split('?')[0] || '/';
    const base = 0.25 + this.rng() * 0.9; // Flask + Werkzeug routing overhead, ms
    const m = method.toUpperCase();
    const candidates = this.model.routes.filter((r) => matchRule(r.rule, path));
    const html = { 'Content-Type': 'text/html; charset=utf-8' };
    if (!candidates.length) {
      // Flask redirects /slow → /slow/ when only the slash version exists (strict_slashes).
      const slash = this.model.routes.find((r) => r.rule === path + '/');
      if (slash) {
        const body = `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${path}/">${path}/</a>. If not, click the link.\n`;
        return { status: 308, reason: REASONS[308]!, headers: { ...html, Location: `${path}/` }, body, appMs: round3(base), errorLog: null };
      }
      return { status: 404, reason: REASONS[404]!, headers: html, body: errorPage(404), appMs: round3(base), errorLog: null };
    }
    const route = candidates.find((r) => r.methods.includes(m) || (m === 'HEAD' && r.methods.includes('GET')) || m === 'OPTIONS');
    if (!route) {
      const allow = new Set<string>(['OPTIONS']);
      for (const r of candidates) for (const x of r.methods) allow.add(x), x === 'GET' && allow.add('HEAD');
      return { status: 405, reason: REASONS[405]!, headers: { ...html, Allow: [...allow].sort().join(', ') }, body: errorPage(405), appMs: round3(base), errorLog: null };
    }
    let ms = base;
    if (route.sleepMs) ms += route.sleepMs.min + (route.sleepMs.max - route.sleepMs.min) * this.rng();
    const o = route.outcome;
    if (o.kind === 'abort') return { status: o.status, reason: REASONS[o.status] ?? 'UNKNOWN', headers: html, body: errorPage(o.status), appMs: round3(ms), errorLog: null };
    if (o.kind === 'raise') {
      const tb = [
        `[${asctime(now + ms)}] ERROR in app: Exception on ${path} [${m}]`,
        'Traceback (most recent call last):',
        ...pyFrame(FLASK_APP_PY, 1511, 'wsgi_app', 'response = self.full_dispatch_request()', 'self.full_dispatch_request()'),
        ...pyFrame(FLASK_APP_PY, 919, 'full_dispatch_request', 'rv = self.handle_user_exception(e)', 'self.handle_user_exception(e)'),
        ...pyFrame(FLASK_APP_PY, 917, 'full_dispatch_request', 'rv = self.dispatch_request()', 'self.dispatch_request()'),
        ...pyFrame(FLASK_APP_PY, 902, 'dispatch_request', `return ${VIEW_CALL}  # type: ignore[no-any-return]`, VIEW_CALL),
        ...(o.code ? pyFrame(this.model.file, o.line, route.func, o.code) : []),
        o.message ? `${o.type}: ${o.message}` : o.type,
      ].join('\n');
      return { status: 500, reason: REASONS[500]!, headers: html, body: errorPage(500), appMs: round3(ms), errorLog: tb };
    }
    const headers = o.json ? { 'Content-Type': 'application/json' } : html;
    return { status: o.status, reason: REASONS[o.status] ?? 'UNKNOWN', headers, body: m === 'HEAD' ? '' : o.body, appMs: round3(ms), errorLog: null };
  }
}
