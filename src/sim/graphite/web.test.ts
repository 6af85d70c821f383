/**
 * graphite-web's HTTP API (graphite-project/graphite-web 1.1.10 render/views.py, render/attime.py,
 * metrics/views.py, errors.py) against the simulated store, and end to end through the shell and curl.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from './store';
import { graphiteWebResponse } from './web';
import { parseATTime } from './attime';
import { pyFloatRepr } from './pyformat';
import { pickleDumps } from './pickle';
import { bootWorld } from '../boot';
import { Shell } from '../shell';
import { metricsBackends } from '../metrics';

const T0 = 1767225600; // 2026-01-01 00:00:00 UTC

function storeWith(points: { path: string; value: number; timestamp: number }[], now: number) {
  const store = createStore({ now: () => now });
  store.ingest(points);
  return store;
}

function get(store: ReturnType<typeof createStore>, now: number, path: string, headers: Record<string, string> = { Accept: '*/*' }) {
  return graphiteWebResponse({ store, now: () => now }, { method: 'GET', path, headers, body: '', remoteAddr: '127.0.0.1' });
}

describe('attime.parseATTime (render/attime.py)', () => {
  const now = T0 + 12 * 3600 + 34 * 60 + 56; // 2026-01-01 12:34:56 UTC, a Thursday
  it('relative offsets: -1h, -5min, -1h30min, now, now-2d, +1w', () => {
    expect(parseATTime('-1h', now)).toBe(now - 3600);
    expect(parseATTime('-5min', now)).toBe(now - 300);
    expect(parseATTime('-1h30min', now)).toBe(now - 5400);
    expect(parseATTime('now', now)).toBe(now);
    expect(parseATTime('now-2d', now)).toBe(now - 2 * 86400);
    expect(parseATTime('+1w', now)).toBe(now + 7 * 86400);
    expect(parseATTime('-1mon', now)).toBe(now - 30 * 86400); // a month is 30 days
    expect(parseATTime('-1y', now)).toBe(now - 365 * 86400);
    expect(parseATTime('-10s', now)).toBe(now - 10);
  });
  it('absolute: unix seconds, YYYYMMDD, HH:MM_YYYYMMDD, MM/DD/YY, named days', () => {
    expect(parseATTime('1767225600', now)).toBe(1767225600);
    expect(parseATTime('20260102', now)).toBe(T0 + 86400);
    expect(parseATTime('00:00_20260101', now)).toBe(T0);
    expect(parseATTime('14:30_20260101', now)).toBe(T0 + 14.5 * 3600);
    expect(parseATTime('01/02/26', now)).toBe(T0 + 86400);
    expect(parseATTime('midnight', now)).toBe(T0);
    expect(parseATTime('noon yesterday', now)).toBe(T0 - 12 * 3600);
    expect(parseATTime('6pm today', now)).toBe(T0 + 18 * 3600);
    expect(parseATTime('jan2', now)).toBe(T0 + 86400);
    expect(parseATTime('monday', now)).toBe(T0 - 3 * 86400); // Thu → the Monday before, at 00:00
    expect(parseATTime('midnight-1d', now)).toBe(T0 - 86400);
  });
  it('errors carry Python\'s messages', () => {
    expect(() => parseATTime('foo', now)).toThrow('Unknown day reference: foo');
    expect(() => parseATTime('-1x', now)).toThrow("Invalid offset unit 'x'");
    expect(() => parseATTime('-h', now)).toThrow("invalid literal for int() with base 10: ''");
    expect(() => parseATTime('20261301x', now)).toThrow('Unknown day reference');
    expect(() => parseATTime('feb', now)).toThrow('Day of month required after month name');
  });
});

describe('Python number text (repr(float), as json.dumps/csv/raw write values)', () => {
  it('matches CPython repr', () => {
    expect([3, 0.5, 1e16, 1.5e-5, 0.0001, 123456789.125, -2, NaN].map(pyFloatRepr)).toEqual(['3.0', '0.5', '1e+16', '1.5e-05', '0.0001', '123456789.125', '-2.0', 'nan']);
  });
});

describe('/render (render/views.py renderView)', () => {
  const now = T0 + 60;
  const store = storeWith(
    [
      { path: 'stats.counters.foo.count', value: 3, timestamp: T0 + 20 },
      { path: 'stats.counters.foo.count', value: 1.5, timestamp: T0 + 40 },
      { path: 'stats.counters.bar.count', value: 7, timestamp: T0 + 40 },
    ],
    now,
  );

  it('format=json: [{"target", "tags": {"name"}, "datapoints": [[value|null, ts]]}] with Python separators', () => {
    const r = get(store, now, '/render?target=stats.counters.foo.count&from=-1min&format=json');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('application/json');
    // whisper fetch: from T0 → first interval T0+10, until T0+60 → T0+70 (end), 10 s steps
    expect(r.body).toBe(
      '[{"target": "stats.counters.foo.count", "tags": {"name": "stats.counters.foo.count"}, "datapoints": ' +
        `[[null, ${T0 + 10}], [3.0, ${T0 + 20}], [null, ${T0 + 30}], [1.5, ${T0 + 40}], [null, ${T0 + 50}], [null, ${T0 + 60}]]}]`,
    );
    expect(JSON.parse(r.body)[0].datapoints[1]).toEqual([3, T0 + 20]);
  });

  it('noNullPoints drops nulls (and a series left empty); jsonp wraps in text/javascript', () => {
    const r = get(store, now, '/render?target=stats.counters.*.count&target=nothing.here&from=-1min&format=json&noNullPoints&jsonp=cb');
    expect(r.headers['Content-Type']).toBe('text/javascript');
    expect(r.body).toMatch(/^cb\(\[.*\]\)$/);
    const list = JSON.parse(r.body.slice(3, -1));
    expect(list.map((s: { target: string }) => s.target)).toEqual(['stats.counters.bar.count', 'stats.counters.foo.count']);
    expect(list[1].datapoints).toEqual([[3, T0 + 20], [1.5, T0 + 40]]);
  });

  it('maxDataPoints consolidates by averaging (renderViewJson)', () => {
    const r = get(store, now, '/render?target=stats.counters.foo.count&from=-1min&format=json&maxDataPoints=1');
    expect(JSON.parse(r.body)[0].datapoints).toEqual([[2.25, T0 + 10]]);
    const r3 = get(store, now, '/render?target=stats.counters.foo.count&from=-1min&format=json&maxDataPoints=3');
    const pts = JSON.parse(r3.body)[0].datapoints as [number | null, number][];
    expect(pts.length).toBeLessThanOrEqual(3);
    expect(pts.every(([, t]) => t % 20 === 0)).toBe(true); // buckets aligned on 2 × step
  });

  it('pretty=1 indents like json.dumps(indent=2)', () => {
    const r = get(store, now, '/render?target=stats.counters.bar.count&from=-20s&format=json&pretty=1');
    expect(r.body.split('\n').slice(0, 4)).toEqual(['[', '  {', '    "target": "stats.counters.bar.count",', '    "tags": {']);
  });

  it('format=csv: name,YYYY-MM-DD HH:MM:SS,value rows (excel dialect, \\r\\n, None empty)', () => {
    const r = get(store, now, '/render?target=stats.counters.foo.count&from=00:00_20260101&until=00:01_20260101&format=csv');
    expect(r.headers['Content-Type']).toBe('text/csv');
    const rows = r.body.split('\r\n');
    expect(rows[0]).toBe('stats.counters.foo.count,2026-01-01 00:00:10,');
    expect(rows[1]).toBe('stats.counters.foo.count,2026-01-01 00:00:20,3.0');
    expect(rows[3]).toBe('stats.counters.foo.count,2026-01-01 00:00:40,1.5');
    // a name with a comma is quoted (csv.QUOTE_MINIMAL)
    const q = get(store, now, '/render?target=sumSeries(stats.counters.foo.count,stats.counters.bar.count)&from=-1min&format=csv');
    expect(q.body.split('\r\n')[0]).toBe('"sumSeries(stats.counters.foo.count,stats.counters.bar.count)",2026-01-01 00:00:10,');
  });

  it('format=raw (and rawData): name,start,end,step|v,v,None', () => {
    const r = get(store, now, '/render?target=stats.counters.foo.count&from=-1min&format=raw');
    expect(r.headers['Content-Type']).toBe('text/plain');
    expect(r.body).toBe(`stats.counters.foo.count,${T0 + 10},${T0 + 70},10|None,3.0,None,1.5,None,None\n`);
    expect(get(store, now, '/render?target=stats.counters.foo.count&from=-1min&rawData=1').body).toBe(r.body);
  });

  it('format=pickle: TimeSeries.getInfo() list in pickle protocol 5', () => {
    const r = get(store, now, '/render?target=stats.counters.bar.count&from=-20s&format=pickle');
    expect(r.headers['Content-Type']).toBe('application/pickle');
    expect(r.body.startsWith('\x80\x05\x95')).toBe(true);
    expect(r.body.endsWith('.')).toBe(true);
    expect(r.body).toContain('stats.counters.bar.count');
  });

  it('no format: a PNG graph (image/png, binary), as renderViewGraph answers even without targets', () => {
    const r = get(store, now, '/render');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('image/png');
    expect(r.body.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
    expect(r.body.slice(12, 16)).toBe('IHDR');
    // 330 × 250, graphite-web's default size
    expect([...r.body.slice(16, 24)].map((c) => c.charCodeAt(0))).toEqual([0, 0, 1, 74, 0, 0, 0, 250]);
    expect(r.body.includes('\0')).toBe(true);
  });

  it('errors: bad time → 400 Invalid parameters; unknown function → 400 with targets; syntax error → 500 page', () => {
    const a = get(store, now, '/render?target=foo&from=yesterdayish&format=json');
    expect(a.status).toBe(400);
    expect(a.body).toBe('Invalid parameters (Unknown day reference: yesterdayish)');
    const e = get(store, now, '/render?target=foo&from=-1h&until=-1h&format=json');
    expect(e.body).toBe('Invalid parameters (Invalid empty time range)');
    const b = get(store, now, '/render?target=nosuchfn(stats.counters.foo.count)&format=json');
    expect(b.status).toBe(400);
    expect(b.body).toMatch(/^Invalid parameters \(.*unknown function 'nosuchfn'.*\); targets: "nosuchfn\(stats\.counters\.foo\.count\)"$/);
    const c = get(store, now, '/render?target=sumSeries(stats.counters.foo.count&format=json');
    expect(c.status).toBe(500);
    expect(c.body).toContain('Graphite encountered an unexpected error while handling your request.');
  });

  it('from after until is swapped, not an error (parseOptions min/max)', () => {
    const a = get(store, now, '/render?target=stats.counters.foo.count&from=now&until=-1min&format=raw');
    expect(a.body).toBe(get(store, now, '/render?target=stats.counters.foo.count&from=-1min&format=raw').body);
  });
});

describe('/metrics/find, /metrics/expand, /metrics/index.json (metrics/views.py)', () => {
  const now = T0 + 60;
  const store = storeWith(
    [
      { path: 'stats.counters.foo.count', value: 1, timestamp: T0 + 10 },
      { path: 'stats.counters.foo.rate', value: 0.1, timestamp: T0 + 10 },
      { path: 'stats.gauges.temp', value: 20, timestamp: T0 + 10 },
      { path: 'stats.numStats', value: 3, timestamp: T0 + 10 },
    ],
    now,
  );

  it('treejson: branches then leaves, {text, id, allowChildren, expandable, leaf}; no-cache headers', () => {
    const r = get(store, now, '/metrics/find?query=stats.*');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('application/json;charset=utf-8'); // Accept: */* → not ensure_ascii
    expect(r.headers['Cache-Control']).toBe('no-cache');
    expect(r.body).toBe(
      '[{"text": "counters", "id": "stats.counters", "allowChildren": 1, "expandable": 1, "leaf": 0}, ' +
        '{"text": "gauges", "id": "stats.gauges", "allowChildren": 1, "expandable": 1, "leaf": 0}, ' +
        '{"text": "numStats", "id": "stats.numStats", "allowChildren": 0, "expandable": 0, "leaf": 1}]',
    );
    expect(get(store, now, '/metrics/find?query=stats.*', { Accept: 'application/json' }).headers['Content-Type']).toBe('application/json');
    expect(get(store, now, '/metrics?query=stats.*').body).toBe(r.body);
  });

  it('completer, leavesOnly, wildcards, nodelist', () => {
    const c = JSON.parse(get(store, now, '/metrics/find?query=stats.counters.foo.&format=completer').body);
    expect(c).toEqual({
      metrics: [
        { path: 'stats.counters.foo.count', name: 'count', is_leaf: '1' },
        { path: 'stats.counters.foo.rate', name: 'rate', is_leaf: '1' },
      ],
    });
    const l = JSON.parse(get(store, now, '/metrics/find?query=stats.*&leavesOnly=1').body);
    expect(l.map((n: { id: string }) => n.id)).toEqual(['stats.numStats']);
    const w = JSON.parse(get(store, now, '/metrics/find?query=stats.*&wildcards=1').body);
    expect(w[0]).toEqual({ text: '*', id: 'stats.*', allowChildren: 1, expandable: 1, leaf: 0 });
    const n = JSON.parse(get(store, now, '/metrics/find?query=stats.counters.foo.*&format=nodelist').body);
    expect(n).toEqual({ nodes: ['count', 'rate'] });
  });

  it('errors: missing/empty query, bad int, bad format', () => {
    expect(get(store, now, '/metrics/find').body).toBe("Invalid parameters (Missing required parameter 'query')");
    expect(get(store, now, '/metrics/find?query=').body).toBe("Invalid parameters (Required parameter 'query' is empty)");
    const b = get(store, now, '/metrics/find?query=a&leavesOnly=yes');
    expect(b.status).toBe(400);
    expect(b.body).toBe("Invalid parameters (Invalid int value 'yes' for param leavesOnly: invalid literal for int() with base 10: 'yes')");
    const f = get(store, now, '/metrics/find?query=a&format=xml');
    expect([f.status, f.body]).toEqual([400, "Invalid value for 'format' parameter"]);
  });

  it('index.json lists every leaf; expand lists matching paths', () => {
    expect(JSON.parse(get(store, now, '/metrics/index.json').body)).toEqual([
      'stats.counters.foo.count',
      'stats.counters.foo.rate',
      'stats.gauges.temp',
      'stats.numStats',
    ]);
    expect(JSON.parse(get(store, now, '/metrics/expand?query=stats.counters.foo.*').body)).toEqual({
      results: ['stats.counters.foo.count', 'stats.counters.foo.rate'],
    });
  });

  it('unknown path → Django 404; never throws on odd input', () => {
    expect(get(store, now, '/nope').status).toBe(404);
    expect(get(store, now, '/renderx').status).toBe(404);
    const odd = graphiteWebResponse({ store, now: () => now }, { method: 'GET', path: '/render?target=%E0%A4%A&format=json', headers: {}, body: '', remoteAddr: '' });
    expect([200, 400, 500]).toContain(odd.status);
  });
});

describe('pickle (protocol 5, as CPython 3.8+ pickle.dumps(..., protocol=-1))', () => {
  it('matches the bytes CPython writes for a getInfo() list', () => {
    // python3 -c "import pickle; name='stats.a'; pe=''.join(['stats','.a']); info=[{'name':name,'start':1767225600,
    //   'end':1767225620,'step':10,'values':[1.5,None],'pathExpression':pe,'valuesPerPoint':1,
    //   'consolidationFunc':'average','xFilesFactor':0.0}, {...'name':'x','start':1,'end':2,'step':1,'values':[2.0],
    //   'pathExpression':'x'...}]; print(pickle.dumps(info, protocol=-1).hex())"
    const expected =
      '800595f3000000000000005d94287d94288c046e616d65948c0773746174732e61948c057374617274944a00b955698c03656e64944a14b955698c0473746570944b0a8c0676616c756573945d9428473ff80000000000004e658c0e7061746845787072657373696f6e948c0773746174732e61948c0e76616c756573506572506f696e74944b018c11636f6e736f6c69646174696f6e46756e63948c0761766572616765948c0c7846696c6573466163746f7294470000000000000000757d942868028c01789468044b0168054b0268064b0168075d944740000000000000006168098c017894680b4b01680c680d680e47000000000000000075652e';
    const info = (name: string, start: number, end: number, step: number, values: (number | null)[]) => ({
      name, start: { int: start }, end: { int: end }, step: { int: step }, values, pathExpression: name,
      valuesPerPoint: { int: 1 }, consolidationFunc: 'average', xFilesFactor: 0,
    });
    const shared = new Set(['name', 'start', 'end', 'step', 'values', 'pathExpression', 'valuesPerPoint', 'consolidationFunc', 'xFilesFactor', 'average']);
    const out = pickleDumps([info('stats.a', 1767225600, 1767225620, 10, [1.5, null]), info('x', 1, 2, 1, [2])], shared);
    expect([...out].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')).toBe(expected);
  });
});

describe('end to end: nc → statsd flush → curl graphite-web', () => {
  it('on the laptop (docker run -p 80:80 -p 8125:8125/udp): the flushed counter comes back from /render', async () => {
    const world = bootWorld();
    const out: string[] = [];
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: (t) => out.push(t), err: (t) => out.push(t) });
    await sh.run('echo -n "foo:5|c" | nc -u -w1 127.0.0.1 8125');
    await sh.run('sleep 10');
    out.length = 0;
    await sh.run("curl -s 'http://127.0.0.1/render?target=stats.counters.foo.count&from=-1min&format=json'");
    const list = JSON.parse(out.join(''));
    expect(list[0].target).toBe('stats.counters.foo.count');
    expect(list[0].datapoints.filter(([v]: [number | null]) => v !== null)).toEqual([[5, expect.any(Number)]]);
    out.length = 0;
    await sh.run("curl -s 'http://localhost/metrics/find?query=stats.counters.*'");
    expect(JSON.parse(out.join('')).map((n: { text: string }) => n.text)).toContain('foo');
  });

  it('in the cluster: kubectl apply -f k8s/graphite.yaml, then the NodePort 30080 on 192.168.49.2 answers /render', async () => {
    const world = bootWorld();
    const out: string[] = [];
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: (t) => out.push(t), err: (t) => out.push(t) });
    await sh.run('kubectl apply -f k8s/graphite.yaml');
    for (let i = 0; i < 60 && ![...metricsBackends(world).keys()].some((k) => k.startsWith('pod/')); i++) {
      world.clock.advance(1000);
      await new Promise((r) => setTimeout(r, 0));
    }
    const pod = [...metricsBackends(world).values()].find((b) => b.id.startsWith('pod/'));
    expect(pod, out.join('')).toBeDefined();
    // a counter sent inside the pod's network namespace, as an app container would
    expect(world.net.sendUdp(pod!.host, '127.0.0.1', 8125, 'bar:7|c')).toEqual({ delivered: true });
    await sh.run('sleep 10');
    out.length = 0;
    await sh.run("curl -s 'http://192.168.49.2:30080/render?target=stats.counters.bar.count&from=-1min&format=json'");
    const list = JSON.parse(out.join(''));
    expect(list[0].datapoints.filter(([v]: [number | null]) => v !== null)).toEqual([[7, expect.any(Number)]]);
  });
});

describe('curl and the PNG answer (curl src/tool_cb_wrt.c, src/tool_msgs.c)', () => {
  it('a binary body to the terminal: the wrapped Warning, exit 23; -o file or a pipe gets the bytes', async () => {
    const world = bootWorld();
    const out: string[] = [];
    const err: string[] = [];
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: (t) => out.push(t), err: (t) => err.push(t) });
    await sh.run("curl 'http://127.0.0.1/render?target=stats.counters.foo.count'; echo \"exit $?\"");
    expect(err.join('')).toBe(
      'Warning: Binary output can mess up your terminal. Use "--output -" to tell \n' +
        'Warning: curl to output it to your terminal anyway, or consider "--output \n' +
        'Warning: <FILE>" to save to a file.\n',
    );
    expect(out.join('')).toBe('exit 23\n');
    err.length = out.length = 0;
    await sh.run("curl -s 'http://127.0.0.1/render'; echo \"exit $?\"");
    expect([err.join(''), out.join('')]).toEqual(['', 'exit 23\n']); // -s mutes the warning, not the refusal
    err.length = out.length = 0;
    await sh.run("curl -s -o graph.png 'http://127.0.0.1/render' && wc -c < graph.png");
    expect(world.fs('laptop').read('/home/learner/myproject/graph.png')?.startsWith('\x89PNG')).toBe(true);
    await sh.run("curl -s 'http://127.0.0.1/render' | head -c 4 > head.bin");
    expect(world.fs('laptop').read('/home/learner/myproject/head.bin')).toBe('\x89PNG');
    expect(err.join('')).toBe('');
  });
});
