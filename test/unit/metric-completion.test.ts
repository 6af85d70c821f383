import { describe, expect, it } from 'vitest';
import { bootWorld } from '../../src/sim/boot';
import { Shell } from '../../src/sim/shell';

describe('Tab completion of metric names', () => {
  it('completes names statsd has seen, before and after a flush, keeping the opening quote', async () => {
    const world = bootWorld();
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: () => {}, err: () => {} });
    expect(sh.complete('echo "demo.gu', 13).candidates).toEqual([]);
    await sh.run(`printf 'demo.gunicorn.requests:1|c\\ndemo.gunicorn.request.duration:12|ms\\n' | nc -u -w0 127.0.0.1 8125`);
    // Not flushed yet: statsd's current keys.
    expect(sh.complete('echo "demo.gunicorn.req', 23)).toEqual({
      start: 5,
      candidates: ['"demo.gunicorn.request.duration', '"demo.gunicorn.requests'],
    });
    await sh.run('sleep 10');
    await sh.run('echo "other:1|g" | nc -u -w0 127.0.0.1 8125');
    // After the flush the counter lives on as stats.counters.demo.gunicorn.requests.{count,rate} in Graphite.
    expect(sh.complete('printf dem', 10).candidates).toEqual(['demo.gunicorn.request.duration', 'demo.gunicorn.requests']);
    expect(sh.complete('echo "oth', 9).candidates).toEqual(['"other']);
    // Once a value is typed, nothing more to complete.
    expect(sh.complete('echo "other:', 12).candidates).toEqual([]);
  });
});
