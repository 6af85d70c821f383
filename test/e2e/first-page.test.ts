/**
 * Issue 2 §4/§5: on the first page a person sends `foo:1|c` as one UDP datagram to 127.0.0.1:8125, flushes,
 * and sees `stats.counters.foo.rate` plotted (statsd/statsd backends/graphite.js names a counter's per-second
 * rate `stats.counters.<key>.rate`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, screenshot } from './browser';
import { hoveredValues } from './uplot';

describe('first page: send to statsd', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends foo:1|c, counts the packet, and plots stats.counters.foo.rate after a flush', async () => {
    const page = await openPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Pause the simulated clock so that only our flushes happen (a scheduled flush between "send" and "flush
    // now" would take the count and leave 0 for ours: Graphite keeps the last value written to a 10 s slot).
    await page.getByLabel('Simulated clock speed').selectOption('0');
    const box = page.getByLabel(/Metric lines/);
    await box.fill('foo:1|c');
    // Three flush intervals, each with one datagram, so the graph has several non-null points.
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Send datagram' }).click();
      await expect.poll(() => page.locator('.send .send-status').textContent()).toContain('sent 1 datagram');
      await page.getByRole('button', { name: 'Flush now' }).click();
      await expect.poll(() => page.locator('.send .send-status').textContent()).toMatch(/flushed: \d+ points/);
      await page.evaluate(() => (globalThis as any).__sim.call('clock.advance', { ms: 10_000 }));
    }
    await expect.poll(() => page.locator('[data-counter="packets"]').textContent()).toBe('3');
    const panel = '.send [data-panel="first-page"]';
    await expect.poll(() => page.locator(`${panel} .u-legend`).textContent(), { timeout: 10_000 }).toContain('stats.counters.foo.rate');
    // statsd's counter rate = count / (flushInterval / 1000) = 1 / 10 = 0.1 per second (statsd/statsd
    // stats.js flushMetrics → backends/graphite.js). Scheduled flushes with nothing received send 0.
    expect(await hoveredValues(page, panel)).toContain(0.1);
    expect(errors).toEqual([]);
    await screenshot(page, 'first-page-1280x720');
  });

  it('shows a bad line with its reason and counts it', async () => {
    const page = await openPage(browser);
    await page.getByLabel(/Metric lines/).fill('good:1|c\nfoo:abc|c');
    await page.getByRole('button', { name: 'Send datagram' }).click();
    await expect.poll(() => page.locator('[data-counter="bad"]').textContent()).toBe('1');
    const bad = page.getByRole('region', { name: 'Last bad lines' });
    await expect.poll(() => bad.textContent()).toContain('foo:abc|c');
  });
});
