/**
 * Issue 3 "Proof": start gunicorn with `--statsd-host=127.0.0.1:8125 --statsd-prefix=demo`, run `hey`, and see
 * `demo` request rates and status codes plotted. gunicorn/instrument/statsd.py sends, per request,
 * `<prefix>gunicorn.requests:1|c`, `<prefix>gunicorn.request.duration:<ms>|ms` and
 * `<prefix>gunicorn.request.status.<code>:1|c` (the prefix gets a trailing dot added by gunicorn);
 * statsd/statsd backends/graphite.js (legacyNamespace: false) names a counter's rate `stats.counters.<key>.rate`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, screenshot } from './browser';
import { hoveredBySeries, legendSeries, outputOf, readyAndPaused, run, scrollback, showTargets, typeKeys } from './terminal-drive';

const GUNICORN = 'gunicorn -w 2 -b 127.0.0.1:4000 --statsd-host=127.0.0.1:8125 --statsd-prefix=demo myproject:app &';

describe('gunicorn → statsd → Graphite → graph (issue 3)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pip install, gunicorn in the background, hey traffic: demo request rates and 200/404 status rates are plotted', async () => {
    const page = await openPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await readyAndPaused(page);

    await typeKeys(page, 'pip install flask gunicorn');
    expect(outputOf(await scrollback(page), 'pip install flask gunicorn')).toMatch(/Successfully installed .*flask-\S+ .*gunicorn-23\.0\.0/);

    await typeKeys(page, GUNICORN);
    // gunicorn/arbiter.py + glogging.py: the master's boot lines, then one "Booting worker" per worker (-w 2).
    await expect.poll(async () => (outputOf(await scrollback(page), GUNICORN).match(/Booting worker with pid: \d+/g) ?? []).length).toBe(2);
    const boot = outputOf(await scrollback(page), GUNICORN);
    expect(boot).toMatch(/^\[1\] \d+/m); // bash's job line for `&`
    expect(boot).toMatch(/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[(\d+)\] \[INFO\] Starting gunicorn 23\.0\.0/);
    expect(boot).toMatch(/\[INFO\] Listening at: http:\/\/127\.0\.0\.1:4000 \(\d+\)/);
    expect(boot).toContain('[INFO] Using worker: sync');
    expect(boot).not.toMatch(/ERROR|Traceback/);

    await run(page, 'hey -n 500 -c 10 http://127.0.0.1:4000/');
    const ok = outputOf(await scrollback(page), 'hey -n 500 -c 10 http://127.0.0.1:4000/');
    // rakyll/hey requester/print.go's default template.
    expect(ok).toMatch(/Summary:\n\s+Total:\s+[\d.]+ secs\n\s+Slowest:/);
    expect(ok).toMatch(/Requests\/sec:\s+[\d.]+/);
    expect(ok).toContain('Response time histogram:');
    expect(ok).toContain('Latency distribution:');
    expect(ok).toMatch(/Status code distribution:\n\s+\[200\]\s+500 responses/);

    await run(page, 'hey -n 50 http://127.0.0.1:4000/nope');
    expect(outputOf(await scrollback(page), 'hey -n 50 http://127.0.0.1:4000/nope')).toMatch(/\[404\]\s+50 responses/);

    // statsd flushes every 10 s of simulated time; the clock is paused, so `sleep` moves it.
    await run(page, 'sleep 10');
    // …and one more flush with no traffic (statsd sends a counter's rate as 0 then), so the line has two points.
    await run(page, 'sleep 10');

    const panel = await showTargets(page, [
      'stats.counters.demo.gunicorn.requests.rate',
      'stats.counters.demo.gunicorn.request.status.*.rate',
    ]);
    await expect
      .poll(() => legendSeries(page, panel), { timeout: 15_000 })
      .toEqual([
        'stats.counters.demo.gunicorn.requests.rate',
        'stats.counters.demo.gunicorn.request.status.200.rate',
        'stats.counters.demo.gunicorn.request.status.404.rate',
      ]);
    const values = await hoveredBySeries(page, panel);
    for (const v of values.values()) expect(v).toContain(0);
    // 550 requests, all inside one 10 s flush: 55/s in total, 50/s answered 200 and 5/s 404.
    expect(values.get('stats.counters.demo.gunicorn.requests.rate')).toContain(55);
    expect(values.get('stats.counters.demo.gunicorn.request.status.200.rate')).toContain(50);
    expect(values.get('stats.counters.demo.gunicorn.request.status.404.rate')).toContain(5);
    await screenshot(page, 'gunicorn-demo-rates');
    expect(errors).toEqual([]);
  });
});
