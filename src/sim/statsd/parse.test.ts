import { describe, expect, it } from 'vitest';
import { createStatsd } from './index';
import { parseNumber, decodeDatagram } from './parse';

/** Feed one datagram, return the unflushed state and the counters. */
function feed(data: string | Uint8Array, config = {}) {
  const s = createStatsd(config);
  s.handlePacket(data, 1000);
  return { s, cur: s.current(), c: s.counters() };
}

describe('line protocol (stats.js handlePacket + lib/helpers.js is_valid_packet)', () => {
  it('stats.js: a datagram is split on "\\n"; each non-empty line is one metrics_received', () => {
    const { cur, c } = feed('a:1|c\n\nb:2|c\n');
    expect(cur.counters).toMatchObject({ a: 1, b: 2, 'statsd.packets_received': 1, 'statsd.metrics_received': 2 });
    expect(c).toMatchObject({ packetsReceived: 1, metricsReceived: 2, badLinesSeen: 0 });
  });

  it('stats.js: several value|type bits on one line share the key (split on ":")', () => {
    const { cur } = feed('multi:1|c:2|c:30|ms:7|g');
    expect(cur.counters.multi).toBe(3);
    expect(cur.timers.multi).toEqual([30]);
    expect(cur.gauges.multi).toBe(7);
  });

  it('stats.js: counters add value * (1 / sampleRate)', () => {
    const { cur } = feed('hits:1|c|@0.1\nhits:2|c');
    expect(cur.counters.hits).toBe(1 * (1 / 0.1) + 2);
  });

  it('stats.js: the sample rate is Number(rate.match(/^@([\\d\\.]+)/)[1]) — "@5e-1" passes the check and counts as 5', () => {
    const { cur } = feed('q:10|c|@5e-1');
    expect(cur.counters.q).toBe(10 * (1 / 5));
  });

  it('stats.js: timers keep every value and count 1/sampleRate per sample', () => {
    const s = createStatsd();
    s.handlePacket('lat:320|ms|@0.5\nlat:100|ms', 0);
    expect(s.current().timers.lat).toEqual([320, 100]);
    const out = s.flush(10000);
    expect(out.find((m) => m.path === 'stats.timers.lat.count')?.value).toBe(3);
  });

  it("stats.js: 'h' is not special-cased — anything but ms/g/s (after trim) is a counter, so 'x:5|h' counts 5", () => {
    const { cur } = feed('x:5|h\ny:2|kv\nz:1|');
    expect(cur.counters).toMatchObject({ x: 5, y: 2, z: 1 });
    expect(cur.timers).toEqual({});
  });

  it('stats.js: gauges set the value; a leading + or - adjusts an existing non-zero gauge', () => {
    const { cur } = feed('g:10|g\ng:+5|g\ng:-3|g\nh:-4|g\nz:0|g\nz:+2|g');
    expect(cur.gauges).toEqual({ g: 12, h: -4, z: 2 });
  });

  it('stats.js: sets count distinct members; an empty member is stored as "0"', () => {
    const { cur } = feed('u:alice|s\nu:bob|s\nu:alice|s\nv:|s');
    expect(cur.sets.u.sort()).toEqual(['alice', 'bob']);
    expect(cur.sets.v).toEqual(['0']);
  });

  it('stats.js sanitizeKeyName: whitespace runs → "_", "/" → "-", then only [a-zA-Z_-0-9.;=] kept', () => {
    const { cur } = feed('my app/req  time!#:1|c');
    expect(cur.counters).toHaveProperty('my_app-req_time', 1);
  });

  it('stats.js: keyNameSanitize:false keeps the raw key (the graphite backend sanitises the name at flush)', () => {
    const s = createStatsd({ keyNameSanitize: false });
    s.handlePacket('a b/c!:1|c', 0);
    expect(s.current().counters).toHaveProperty('a b/c!', 1);
    expect(s.flush(10000).map((m) => m.path)).toContain('stats.a_b-c');
  });

  it('stats.js DogStatsD: "|#k:v,t" tags are appended to the key as ";k=v;t" (first ":" → "=", first ";" → "_")', () => {
    const s = createStatsd({ graphite: { legacyNamespace: false } });
    s.handlePacket('req:1|c|#env:prod,canary\nreq:2|c|@0.5|#env:prod,canary\nt:5|ms|#a;b:c:d', 0);
    const cur = s.current();
    expect(cur.counters['req;env=prod;canary']).toBe(1 + 2 * 2);
    expect(cur.timers['t;a_b=cd']).toEqual([5]); // 'a;b:c:d' → 'a_b=c:d', then sanitising drops the second ':'
    // backends/graphite.js format(): the tags go after the metric name and suffix
    expect(s.flush(10000).map((m) => m.path)).toContain('stats.counters.req.rate;env=prod;canary');
  });

  it('stats.js DogStatsD: an empty tag list ("|#") adds nothing; text after a second "|#" is ignored', () => {
    const { cur } = feed('a:1|c|#\nb:1|c|#x:1|#y:2');
    expect(Object.keys(cur.counters)).toEqual(expect.arrayContaining(['a', 'b;x=1']));
  });

  it('Uint8Array datagrams decode as UTF-8 like Buffer#toString()', () => {
    const bytes = new TextEncoder().encode('caf\u00e9:1|c\nok:2|c');
    expect(decodeDatagram(bytes)).toBe('caf\u00e9:1|c\nok:2|c');
    const { cur } = feed(bytes);
    expect(cur.counters).toMatchObject({ caf: 1, ok: 2 });
  });

  it('parseNumber equals Number() for everything helpers.js isNumber accepts, and NaN for the empty string', () => {
    const samples = ['1', '-1', '+2.5', '0.1', '.5', '5.', '007', '123456789012345', '1234567890123456789', '1e3',
      '0x10', ' 4 ', 'Infinity', '-', '.', '', 'abc', '1.2.3', '-0', '0.30000000000000004', '9007199254740993'];
    for (const t of samples) {
      const got = parseNumber(t, 0, t.length);
      if (t === '') expect(got).toBeNaN();
      else expect(Object.is(got, Number(t))).toBe(true);
    }
  });
});

describe('bad lines (lib/helpers.js is_valid_packet; each bad bit is one bad_lines_seen)', () => {
  const cases: [string, string, RegExp][] = [
    ['helpers.js: a line with no ":" gets the bit "1", which has no type', 'justakey', /'justakey' has no ':'/],
    ['helpers.js: a bit with no "|" has no type (fields[1] undefined)', 'k:5', /'5' has no type/],
    ['helpers.js: an empty bit after a trailing ":" has no type', 'k:', /'' has no type/],
    ['helpers.js: a counter value must be a number', 'k:abc|c', /value 'abc' is not a number/],
    ['helpers.js: an empty counter value is not a number', 'k:|c', /value '' is not a number/],
    ['helpers.js: a gauge value must be a number', 'k:x1|g', /value 'x1' is not a number/],
    ['helpers.js: a timer value must be a number', 'k:fast|ms', /value 'fast' is not a number/],
    ['helpers.js: a timer value must be >= 0', 'k:-5|ms', /timer value '-5' is negative/],
    ['helpers.js: a sample rate must start with "@"', 'k:1|c|0.5', /sample rate '0.5' is not valid/],
    ['helpers.js: a sample rate must be a number', 'k:1|c|@abc', /sample rate '@abc' is not valid/],
    ['helpers.js: a sample rate must not be negative', 'k:1|c|@-0.5', /sample rate '@-0.5' is not valid/],
    ['helpers.js: "@" alone is not a sample rate (length must be > 1)', 'k:1|c|@', /sample rate '@' is not valid/],
    ['helpers.js: a set with a bad sample rate is bad too', 'k:a|s|@x', /sample rate '@x' is not valid/],
  ];
  for (const [name, line, reason] of cases) {
    it(name, () => {
      const { c, cur } = feed(`ok:1|c\n${line}\nafter:1|c`);
      expect(c.badLinesSeen).toBe(1);
      expect(cur.counters['statsd.bad_lines_seen']).toBe(1);
      expect(c.badLines[0].line).toBe(line);
      expect(c.badLines[0].reason).toMatch(/^line 2: /);
      expect(c.badLines[0].reason).toMatch(reason);
      // a bad line never stops the lines after it
      expect(cur.counters.after).toBe(1);
      expect(cur.counters.ok).toBe(1);
    });
  }

  it('stats.js: each bad bit of a line counts once; the good bits of that line still count', () => {
    const { c, cur } = feed('k:1|c:bad|c:2|c:oops');
    expect(c.badLinesSeen).toBe(2);
    expect(cur.counters.k).toBe(3);
    expect(c.badLines.map((b) => b.reason)).toEqual([
      "line 1: value 'bad' is not a number",
      "line 1: 'oops' has no type — expected value|type, e.g. 1|c, 320|ms, 42|g, user7|s",
    ]);
  });

  it('helpers.js: isNumber is !isNaN(str), so " " and "0x10" are accepted values (Number gives 0 and 16)', () => {
    const { c, cur } = feed('a: |c\nb:0x10|g');
    expect(c.badLinesSeen).toBe(0);
    expect(cur.counters.a).toBe(0);
    expect(cur.gauges.b).toBe(16);
  });

  it('helpers.js switches on the untrimmed type: " ms" is validated as a counter, so a negative timer slips through', () => {
    const { c, cur } = feed('t:-5| ms');
    expect(c.badLinesSeen).toBe(0);
    expect(cur.timers.t).toEqual([-5]);
  });

  it('stats.js: "@+1" passes is_valid_packet but its regex match is null and the reference throws (daemon crash); we report it, uncounted, and go on', () => {
    const { c, cur } = feed('k:1|c|@+1\nnext:1|c');
    expect(c.badLinesSeen).toBe(0);
    expect(cur.counters['statsd.bad_lines_seen']).toBe(0);
    expect(c.badLines[0].reason).toMatch(/line 1: sample rate '@\+1' must start with a digit — the reference statsd crashes/);
    expect(cur.counters.next).toBe(1);
  });

  it('keeps only the last 50 bad lines, with the time they arrived', () => {
    const s = createStatsd();
    for (let i = 0; i < 60; i++) s.handlePacket(`bad${i}`, i * 10);
    const c = s.counters();
    expect(c.badLinesSeen).toBe(60);
    expect(c.badLines).toHaveLength(50);
    expect(c.badLines[0]).toMatchObject({ line: 'bad10', at: 100 });
    expect(c.badLines[49]).toMatchObject({ line: 'bad59', at: 590 });
  });

  it('never throws on junk input', () => {
    const s = createStatsd();
    const junk: unknown[] = ['', '\n\n', '|||:::', ':|c', '\u0000\u0001:1|c', 'a'.repeat(70000), new Uint8Array([0xff, 0xfe, 0x3a]), undefined, null, 42];
    for (const j of junk) expect(() => s.handlePacket(j as string, 0)).not.toThrow();
    expect(() => s.flush(NaN)).not.toThrow();
  });
});
