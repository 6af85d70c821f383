/** Driving the page's terminal and reading graph panels, for the end-to-end proofs (gunicorn, kube). */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

interface TermApi {
  type(text: string, opts?: { run?: boolean; delayMs?: number }): Promise<void>;
  text(): string;
  running: boolean;
}
type TermWindow = { __terminals: { when(tab?: string): Promise<TermApi>; get(tab?: string): TermApi | undefined } };

/** The whole scrollback of the main terminal (not only the rows on screen). */
export async function scrollback(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as TermWindow).__terminals.get('main')?.text() ?? '');
}

/** Wait for the first prompt, then pause the simulated clock: only `sleep` in the shell moves time. */
export async function readyAndPaused(page: Page): Promise<void> {
  await expect.poll(() => scrollback(page), { timeout: 20_000 }).toMatch(/learner@laptop:\S*\$/);
  await page.getByLabel('Simulated clock speed').selectOption('0');
  await page.evaluate(() => (globalThis as unknown as { __sim: { call(m: string, p: unknown): Promise<unknown> } }).__sim.call('clock.setSpeed', { speed: 0 }));
}

/** Real key presses into the terminal, Enter, and wait until the command has finished. */
export async function typeKeys(page: Page, command: string): Promise<void> {
  await page.locator('[data-testid="terminal-main"] .xterm').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await idle(page);
}

/** Type (or, with newlines, paste) through the terminal's own API — what a lesson's "show me" does. */
export async function run(page: Page, command: string): Promise<void> {
  await page.evaluate(
    async (c) => (await (globalThis as unknown as TermWindow).__terminals.when('main')).type(c, { delayMs: 0 }),
    command,
  );
  await idle(page);
}

/** A real clipboard paste (Ctrl+V) of several lines, as a learner pastes a heredoc from a tutorial. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('[data-testid="terminal-main"] .xterm').click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text.endsWith('\n') ? text : text + '\n');
  await page.keyboard.press('Control+V');
  await idle(page);
}

async function idle(page: Page): Promise<void> {
  // Let the input reach the session first, then wait until no command runs.
  await page.waitForTimeout(50);
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as TermWindow).__terminals.get('main')?.running), { timeout: 30_000 })
    .toBe(false);
}

/** What the scrollback shows after the last occurrence of `$ <command>`. */
export function outputOf(text: string, command: string): string {
  const i = text.lastIndexOf('$ ' + command);
  return i < 0 ? '' : text.slice(i + 2 + command.length);
}

/** Set the targets of the Graphs tab's first graph panel and draw. Returns the panel's selector. */
export async function showTargets(page: Page, targets: string[]): Promise<string> {
  await page.getByRole('tab', { name: 'Graphs' }).click();
  // The Graph component's panels (they follow its Graphite source picker), not the "Send to statsd" panel above.
  const panel = page.locator('#panel-graphs .grid section.panel').first();
  await panel.waitFor();
  const id = await panel.getAttribute('data-panel');
  const box = panel.getByLabel(/^Targets/);
  await box.fill(targets.join('\n'));
  await box.press('Control+Enter');
  return `#panel-graphs section.panel[data-panel="${id}"]`;
}

/** Series names in a panel's uPlot legend (without the time column). */
export async function legendSeries(page: Page, panel: string): Promise<string[]> {
  const names = await page.locator(`${panel} .u-legend .u-series .u-label`).allTextContents();
  return names.slice(1).map((n) => n.trim());
}

/**
 * Hover across the chart and collect, per legend series, the numbers uPlot's live legend shows under the
 * cursor ("None" where Graphite has no value). A series with only None is absent from the result's numbers.
 */
export async function hoveredBySeries(page: Page, panel: string): Promise<Map<string, number[]>> {
  const over = page.locator(`${panel} .u-over`).first();
  await page.locator(panel).first().scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  const seen = new Map<string, number[]>();
  if (!box) return seen;
  let peakX: number | undefined;
  for (let x = box.width - 1; x > 0; x -= Math.max(2, box.width / 120)) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const rows = await page.locator(`${panel} .u-legend .u-series`).evaluateAll((els) =>
      els.slice(1).map((e) => [e.querySelector('.u-label')?.textContent?.trim() ?? '', e.querySelector('.u-value')?.textContent?.trim() ?? '']),
    );
    for (const [name, v] of rows) {
      if (!seen.has(name!)) seen.set(name!, []);
      if (/^-?\d/.test(v!) && Number(v) !== 0) peakX = peakX ?? x;
      if (/^-?\d/.test(v!)) seen.get(name!)!.push(Number(v));
    }
  }
  // Leave the cursor on the newest non-zero point, so a screenshot shows its values in the legend.
  if (peakX !== undefined) await page.mouse.move(box.x + peakX, box.y + box.height / 2);
  return seen;
}
