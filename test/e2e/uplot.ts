/** Reading uPlot charts in browser tests. */
import type { Page } from 'playwright-core';

/**
 * Hover across the chart from right to left and collect the numbers the legend shows for series 1
 * (uPlot's live legend shows the value under the cursor; no number where Graphite has None).
 */
export async function hoveredValues(page: Page, panel: string): Promise<number[]> {
  const over = page.locator(`${panel} .u-over`).first();
  await page.locator(panel).first().scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) return [];
  const seen: number[] = [];
  for (let x = box.width - 1; x > 0; x -= Math.max(2, box.width / 150)) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const v = (await page.locator(`${panel} .u-legend .u-series`).nth(1).locator('.u-value').textContent())?.trim() ?? '';
    if (/^-?\d/.test(v) && !seen.includes(Number(v))) seen.push(Number(v));
  }
  return seen;
}
