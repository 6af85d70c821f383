import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useHarness } from './ui-harness';

async function open(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return { page, errors };
}

async function setTargets(page: Page, text: string) {
  const box = page.getByLabel(/^Targets/).first();
  await box.fill(text);
  await box.press('Control+Enter');
}

describe('graphs with the simulation worker', () => {
  const h = useHarness({ real: true });

  it('a panel renders a target after a statsd flush', async () => {
    const { page, errors } = await open(h.browser, `${h.url}?c=graph`);
    await setTargets(page, 'stats.counters.foo.count');
    await expect.poll(() => page.locator('.u-legend .u-series').count()).toBe(1); // only the time column: no data yet
    await page.evaluate(async () => {
      const sim = (globalThis as unknown as { __sim: { call(m: string, p: unknown): Promise<unknown> } }).__sim;
      await sim.call('udp.send', { host: '127.0.0.1', port: 8125, data: 'foo:1|c' });
      await sim.call('statsd.flush', {});
    });
    // The flushed event makes the panel re-query: the series appears in the legend with its name.
    await expect.poll(() => page.locator('.u-legend').textContent(), { timeout: 15000 }).toContain('stats.counters.foo.count');
    expect(await page.locator('.chart canvas').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a bad target shows the evaluator error with its column, under the box', async () => {
    const { page } = await open(h.browser, `${h.url}?c=graph`);
    await setTargets(page, 'sumSeries(stats.counters.*.count');
    const err = page.locator('[role="alert"]').first();
    await expect.poll(() => err.textContent(), { timeout: 15000 }).toMatch(/column \d+/);
    const col = Number(/column (\d+)/.exec((await err.textContent()) ?? '')![1]);
    // The caret line points at that column of the target.
    const where = (await err.locator('pre.where').textContent())!.split('\n');
    expect(where[0]).toBe('sumSeries(stats.counters.*.count');
    expect(where[1]!.indexOf('^') + 1).toBe(col);
    expect(await page.getByLabel(/^Targets/).first().getAttribute('aria-invalid')).toBe('true');
  });
});

describe('graph panel UI (in-page backend)', () => {
  const h = useHarness({ real: false });

  it('suggests metric tree children as you type `stats.` and accepts with Enter', async () => {
    const { page } = await open(h.browser, `${h.url}?c=graph`);
    const box = page.getByLabel(/^Targets/).first();
    await box.fill('');
    await box.pressSequentially('stats.');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['countersbranch', 'timersbranch']);
    await box.press('Enter');
    expect(await box.inputValue()).toBe('stats.counters.');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('foo');
    // Function names come from src/sim/graphite's FUNCTION_LIST, with their signatures.
    await box.fill('');
    await box.pressSequentially('aliasBy');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aliasByNode.*aliasByNode\(seriesList/)]),
    );
    await box.press('Escape');
    expect(await page.getByRole('option').count()).toBe(0);
  });

  it('re-queries after every flush unless paused; the dashboard persists across reload', async () => {
    const { page } = await open(h.browser, `${h.url}?c=graph`);
    await setTargets(page, 'stats.counters.foo.count');
    const flush = () => page.evaluate(() => (globalThis as unknown as { __fake: { flush(): void } }).__fake.flush());
    await flush();
    await expect.poll(() => page.locator('.u-legend').textContent()).toContain('stats.counters.foo.count');
    await page.getByRole('button', { name: 'Pause' }).click();
    await setTargets(page, 'stats.counters.foo.count\nstats.counters.bar.count');
    await flush();
    await page.waitForTimeout(300);
    expect(await page.locator('.status').textContent()).toContain('Paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('.u-legend').textContent()).toContain('stats.counters.bar.count');
    await page.getByRole('button', { name: 'Gunicorn dashboard' }).click();
    await expect.poll(() => page.locator('section.panel').count()).toBe(4);
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    await expect.poll(() => page.locator('section.panel').count()).toBe(4);
    expect(await page.getByLabel(/^Targets/).nth(1).inputValue()).toBe('aliasByNode(stats.counters.*.gunicorn.requests.rate, 2)');
  });

  it('`show` (a lesson\'s graph action) adds a panel with those targets first, once', async () => {
    const { page } = await open(h.browser, `${h.url}?c=graph&show=${encodeURIComponent('sumSeries(stats.counters.*.count)')}`);
    await expect.poll(() => page.getByLabel(/^Targets/).first().inputValue()).toBe('sumSeries(stats.counters.*.count)');
    const n = await page.locator('section.panel').count();
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    await expect.poll(() => page.locator('section.panel').count()).toBe(n);
  });

  it('a parse error names the line and column when there are several targets', async () => {
    const { page } = await open(h.browser, `${h.url}?c=graph`);
    await setTargets(page, 'stats.counters.foo.count\nsumSeries(a.b))');
    const err = page.locator('[role="alert"]').first();
    await expect.poll(() => err.textContent()).toContain("line 2: column 15: unexpected ')'");
  });
});
