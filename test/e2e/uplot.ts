/** Reading uPlot charts in browser tests. */
import type { Page } from 'playwright-core';

/** Hover across the chart from right to left until the legend shows a number for series 1. */
export async function hoveredValue(page: Page, panel: string): Promise<string | null> {
  const over = page.locator(`${panel} .u-over`).first();
  const box = await over.boundingBox();
  if (!box) return null;
  for (let x = box.width - 1; x > 0; x -= Math.max(2, box.width / 120)) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const v = (await page.locator(`${panel} .u-legend .u-series`).nth(1).locator('.u-value').textContent())?.trim() ?? '';
    if (/^-?\d/.test(v)) return v;
  }
  return null;
}
