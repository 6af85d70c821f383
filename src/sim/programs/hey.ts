/**
 * hey (rakyll/hey) load generator: `hey -n N -c C [-q QPS] [-z 10s] [-m GET] URL`.
 * C workers each send requests back to back (optionally throttled to QPS each); simulated time advances
 * through ctx.sleep, so gunicorn's statsd lines go out at the right simulated times and statsd flushes
 * happen during the run. Output: requester/print.go defaultTmpl and report.go histogram()/latencies().
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import { parseUrl } from './curl';

export const HEY_MAX_REQUESTS = 200_000;

const USAGE = `Usage: hey [options...] <url>

Options:
  -n  Number of requests to run. Default is 200.
  -c  Number of workers to run concurrently. Total number of requests cannot
      be smaller than the concurrency level. Default is 50.
  -q  Rate limit, in queries per second (QPS) per worker. Default is no rate limit.
  -z  Duration of application to send requests. When duration is reached,
      application stops and exits. If duration is specified, n is ignored.
      Examples: -z 10s -z 3m.
  -o  Output type. If none provided, a summary is printed.
      "csv" is the only supported alternative. Dumps the response
      metrics in comma-separated values format.

  -m  HTTP method, one of GET, POST, PUT, DELETE, HEAD, OPTIONS.
  -H  Custom HTTP header. You can specify as many as needed by repeating the flag.
      For example, -H "Accept: text/html" -H "Content-Type: application/xml" .
  -t  Timeout for each request in seconds. Default is 20, use 0 for infinite.
  -d  HTTP request body.
  -T  Content-type, defaults to "text/html".
  -U  User-Agent, defaults to version "hey/0.0.1".

`;

/** Go's time.ParseDuration for the forms people type (10s, 1m30s, 500ms, 2h). */
function goDuration(s: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|us|µs|ns)/g;
  let total = 0, seen = '', m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const v = parseFloat(m[1]!);
    total += v * ({ h: 3600000, m: 60000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 1e-6 } as Record<string, number>)[m[2]!]!;
    seen += m[0];
  }
  return seen === s && s ? total : null;
}

const f4 = (x: number) => x.toFixed(4);

export function heyReport(lats: number[], totalSec: number, codes: Map<number, number>, sizeTotal: number, errors: Map<string, number>): string {
  const n = lats.length;
  const sorted = [...lats].sort((a, b) => a - b);
  const fastest = sorted[0] ?? 0, slowest = sorted[n - 1] ?? 0;
  const avg = n ? lats.reduce((a, b) => a + b, 0) / n : 0;
  const rps = n / totalSec;
  // report.go histogram(): 10 equal buckets between fastest and slowest, bars normalised to 40 chars.
  const bc = 10;
  const marks: number[] = [];
  const bs = (slowest - fastest) / bc;
  for (let i = 0; i < bc; i++) marks.push(fastest + bs * i);
  marks.push(slowest);
  const counts = new Array<number>(bc + 1).fill(0);
  let bi = 0;
  for (let i = 0; i < n; ) {
    if (sorted[i]! <= marks[bi]!) {
      i++;
      counts[bi]!++;
    } else if (bi < marks.length - 1) bi++;
    else break;
  }
  const max = Math.max(0, ...counts);
  const hist = marks.map((mk, i) => `  ${mk.toFixed(3)} [${counts[i]}]\t|${'■'.repeat(max > 0 ? Math.floor((counts[i]! * 40 + Math.floor(max / 2)) / max) : 0)}\n`).join('');
  const pctls = [10, 25, 50, 75, 90, 95, 99];
  const data = new Array<number>(pctls.length).fill(0);
  for (let i = 0, j = 0; i < n && j < pctls.length; i++) {
    if (Math.floor((i * 100) / n) >= pctls[j]!) data[j++] = sorted[i]!;
  }
  const lat = pctls.map((p, i) => (data[i]! > 0 ? `\n  ${p}%% in ${f4(data[i]!)} secs` : '\n  0%% in 0.0000 secs')).join('').replace(/%%/g, '%');
  const avgConn = n ? 0.0001 : 0;
  let s = `\nSummary:\n  Total:\t${f4(totalSec)} secs\n  Slowest:\t${f4(slowest)} secs\n  Fastest:\t${f4(fastest)} secs\n  Average:\t${f4(avg)} secs\n  Requests/sec:\t${f4(rps)}\n  `;
  if (sizeTotal > 0) s += `\n  Total data:\t${sizeTotal} bytes\n  Size/request:\t${Math.floor(sizeTotal / Math.max(1, n))} bytes`;
  s += `\n\nResponse time histogram:\n${hist}\n\nLatency distribution:${lat}\n\n`;
  s += `Details (average, fastest, slowest):\n  DNS+dialup:\t${f4(avgConn)} secs, ${f4(fastest)} secs, ${f4(0)} secs\n  DNS-lookup:\t${f4(0)} secs, ${f4(0)} secs, ${f4(0)} secs\n  req write:\t${f4(0)} secs, ${f4(0)} secs, ${f4(0)} secs\n  resp wait:\t${f4(avg)} secs, ${f4(slowest)} secs, ${f4(fastest)} secs\n  resp read:\t${f4(0)} secs, ${f4(0)} secs, ${f4(0)} secs\n\n`;
  s += `Status code distribution:${[...codes].sort((a, b) => a[0] - b[0]).map(([c, k]) => `\n  [${c}]\t${k} responses`).join('')}\n\n`;
  if (errors.size) s += `Error distribution:${[...errors].map(([e, k]) => `\n  [${k}]\t${e}`).join('')}\n`;
  return s + '\n';
}

export async function runHey(ctx: ProgramContext): Promise<number> {
  const a = ctx.argv.slice(1);
  let n = 200, c = 50, q = 0, z = 0, method = 'GET', body = '';
  const headers: Record<string, string> = { 'User-Agent': 'hey/0.0.1', 'Content-Type': 'text/html' };
  const pos: string[] = [];
  const usage = (msg: string) => {
    ctx.err((msg ? `${msg}\n\n` : '') + USAGE + '\n');
    return 1;
  };
  for (let i = 0; i < a.length; i++) {
    const t = a[i]!;
    if (!t.startsWith('-')) {
      pos.push(...a.slice(i)); // Go's flag package stops at the first non-flag
      break;
    }
    const [name, eq] = t.replace(/^--?/, '').split(/=(.*)/s) as [string, string | undefined];
    const val = () => (eq !== undefined ? eq : a[++i]);
    const num = (v: string | undefined, flt = false) => (v !== undefined && (flt ? /^\d+(\.\d+)?$/ : /^-?\d+$/).test(v) ? Number(v) : NaN);
    switch (name) {
      case 'n': case 'c': case 't': {
        const v = val();
        const x = num(v);
        if (Number.isNaN(x)) return usage(`invalid value "${v ?? ''}" for flag -${name}: parse error`);
        if (name === 'n') n = x; else if (name === 'c') c = x;
        break;
      }
      case 'q': { const v = val(); const x = num(v, true); if (Number.isNaN(x)) return usage(`invalid value "${v ?? ''}" for flag -q: parse error`); q = x; break; }
      case 'z': { const v = val() ?? ''; const d = goDuration(v); if (d === null) return usage(`invalid value "${v}" for flag -z: parse error`); z = d; break; }
      case 'm': method = (val() ?? 'GET').toUpperCase(); break;
      case 'd': body = val() ?? ''; break;
      case 'H': { const v = val() ?? ''; const m = /^([\w-]+):\s*(.+)/.exec(v); if (!m) return usage(`could not parse the provided input; input = ${v}`); headers[m[1]!] = m[2]!; break; }
      case 'T': headers['Content-Type'] = val() ?? ''; break;
      case 'U': headers['User-Agent'] = val() ?? ''; break;
      case 'h': return usage("Flag '-h' is deprecated, please use '-H' instead.");
      case 'help': return usage('');
      default: return usage(`flag provided but not defined: -${name}`);
    }
  }
  if (pos.length < 1) return usage('');
  if (z > 0) {
    if (c <= 0) return usage('-c cannot be smaller than 1.');
  } else {
    if (n <= 0 || c <= 0) return usage('-n and -c cannot be smaller than 1.');
    if (n < c) return usage('-n cannot be less than -c.');
  }
  if (z === 0 && n > HEY_MAX_REQUESTS) {
    ctx.err(`hey (simulated): -n ${n} is more than this playground runs at once; use at most -n ${HEY_MAX_REQUESTS} (or -z for a duration).\n`);
    return 1;
  }
  const u = parseUrl(pos[0]!);
  if (!u || !/^https?$/.test(u.scheme)) {
    ctx.err(`parse ${JSON.stringify(pos[0])}: invalid URI for request\n`);
    return 1;
  }
  headers.Host = u.port === 80 ? u.host : `${u.host}:${u.port}`;
  // Event-driven run: each worker's next start time in a min-heap.
  const start = ctx.world.clock.now();
  const deadline = z > 0 ? start + z : Infinity;
  const limit = z > 0 ? HEY_MAX_REQUESTS : n;
  const next: number[] = new Array<number>(c).fill(start);
  const lats: number[] = [];
  const codes = new Map<number, number>();
  const errors = new Map<string, number>();
  let size = 0, sent = 0, end = start;
  const heap = next.map((t, i) => [t, i] as [number, number]);
  const pop = () => {
    let bestI = 0;
    for (let i = 1; i < heap.length; i++) if (heap[i]![0] < heap[bestI]![0]) bestI = i;
    return bestI;
  };
  while (sent < limit && heap.length) {
    const i = pop();
    const [t] = heap[i]!;
    if (t >= deadline) break;
    if (t > ctx.world.clock.now()) {
      const ok = await ctx.sleep(t - ctx.world.clock.now());
      if (!ok) break;
    }
    sent++;
    const res = ctx.world.net.http(ctx.host, u.host, u.port, { method, path: u.path, headers, body });
    let dur: number;
    if (typeof res === 'string') {
      const ip = ctx.world.net.resolve(u.host, ctx.host);
      const key = res === 'ENOTFOUND'
        ? `Get "${u.scheme}://${headers.Host}${u.path}": dial tcp: lookup ${u.host}: no such host`
        : `Get "${u.scheme}://${headers.Host}${u.path}": dial tcp ${ip}:${u.port}: connect: connection refused`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      dur = 0.3;
    } else {
      dur = res.durationMs + 0.15;
      lats.push(dur / 1000);
      codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      size += new TextEncoder().encode(res.body).length;
    }
    end = Math.max(end, t + dur);
    const gap = q > 0 ? Math.max(dur, 1000 / q) : dur;
    heap[i] = [t + gap, heap[i]![1]];
  }
  if (end > ctx.world.clock.now() && !ctx.signalled()) await ctx.sleep(end - ctx.world.clock.now());
  const total = Math.max((Math.min(ctx.world.clock.now(), end) - start) / 1000, 1e-6);
  ctx.out(heyReport(lats, total, codes, size, errors));
  return 0;
}

export const heyProgram: ProgramSpec = {
  name: 'hey',
  summary: 'HTTP load generator: send N requests with C concurrent workers and print a latency summary',
  examples: ['hey -n 200 -c 10 http://127.0.0.1:4000/', 'hey -z 30s -c 5 -q 2 http://127.0.0.1:4000/slow'],
  man: `HEY(1)

NAME
    hey - HTTP load generator (github.com/rakyll/hey)

SYNOPSIS
    hey [-n N] [-c C] [-q QPS] [-z DURATION] [-m METHOD] URL

OPTIONS
    -n N      number of requests (default 200; at most ${HEY_MAX_REQUESTS} here)
    -c C      concurrent workers (default 50); -n cannot be less than -c
    -q QPS    rate limit per worker
    -z DUR    run for a duration (10s, 2m) instead of -n
    -m METHOD HTTP method; -H 'K: V' extra header; -d BODY request body

OUTPUT
    Summary (total, slowest, fastest, average, requests/sec), response time
    histogram, latency distribution and status code distribution. Simulated
    time advances while it runs, so the statsd graphs show the load.`,
  run: runHey,
  complete: (r) => ['-n', '-c', '-q', '-z', '-m', '-H', '-d', 'http://127.0.0.1:4000/'].filter((x) => x.startsWith(r.word)),
};
