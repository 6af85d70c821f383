/**
 * Issue 5 "Accessibility": axe-core finds no serious or critical violation on any lesson page, nor with the
 * Editor and Manifests tabs opened; moderate ones are printed for review. Also: every control in the lesson
 * column is reachable with Tab and shows a visible focus ring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from '../../src/lessons/parse';
import { launch, openPage } from './browser';

const dir = path.resolve(__dirname, '../../lessons');
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => {
    const r = parseLesson(f, readFileSync(path.join(dir, f), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.lesson;
  });

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] };

/** Run axe; return serious/critical violations as readable lines, print the moderate ones. */
async function audit(page: Page, where: string): Promise<string[]> {
  const r = await new AxeBuilder({ page: page as never }).analyze();
  const v = r.violations as Violation[];
  const fmt = (x: Violation) =>
    `${where}: [${x.impact}] ${x.id} — ${x.help}\n` +
    x.nodes.slice(0, 4).map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n');
  const moderate = v.filter((x) => x.impact === 'moderate' || x.impact === 'minor');
  if (moderate.length) console.log(moderate.map(fmt).join('\n'));
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map(fmt);
}

describe('accessibility (axe-core)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('no serious or critical violation on any lesson page', async () => {
    const page = await openPage(browser, `/lesson/${lessons[0]!.id}`);
    const problems: string[] = [];
    try {
      for (const l of lessons) {
        await page.goto(page.url().split('#')[0] + `#/lesson/${l.id}`);
        await expect.poll(() => page.locator('#lesson-title').textContent(), { timeout: 15_000 }).toBe(l.title);
        await page.locator('.xterm').first().waitFor();
        // Open a hint so its markup is audited too.
        await page.locator('.step-actions button', { hasText: 'Hint' }).first().click();
        problems.push(...(await audit(page, `lesson ${l.order} (${l.id})`)));
      }
    } finally {
      await page.context().close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('no serious or critical violation with the Editor and Manifests tabs open, or the lesson list shown', async () => {
    const page = await openPage(browser, `/lesson/${lessons[0]!.id}`);
    const problems: string[] = [];
    try {
      await page.getByRole('button', { name: 'All lessons' }).click();
      problems.push(...(await audit(page, 'lesson list')));
      await page.getByRole('tab', { name: 'Editor' }).click();
      await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
      problems.push(...(await audit(page, 'Editor tab')));
      await page.getByRole('tab', { name: 'Manifests' }).click();
      await page.locator('#panel-manifests').waitFor();
      await page.waitForTimeout(500);
      problems.push(...(await audit(page, 'Manifests tab')));
    } finally {
      await page.context().close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every control in the lesson column is reachable with Tab and shows a visible focus ring', async () => {
    const page = await openPage(browser, `/lesson/${lessons[1]!.id}`);
    try {
      await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(lessons[1]!.title);
      await page.getByRole('button', { name: 'All lessons' }).click();
      const controls = await page
        .locator('#lesson-column')
        .locator('a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])')
        .evaluateAll((els) =>
          els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e, i) => ((e as HTMLElement).dataset.a11yId = String(i))),
        );
      expect(controls.length).toBeGreaterThan(10);
      const reached = new Set<string>();
      const noRing: string[] = [];
      // Start from the keyboard (Tab away and back), so :focus-visible applies as it does for a keyboard user.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      for (let i = 0; i < controls.length + 5; i++) {
        const info = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a || !a.closest('#lesson-column')) return null;
          const s = getComputedStyle(a);
          const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
          return { id: a.dataset.a11yId ?? '', ring, text: (a.textContent ?? '').trim().slice(0, 40) };
        });
        if (info) {
          reached.add(info.id);
          if (!info.ring) noRing.push(info.text);
        }
        await page.keyboard.press('Tab');
      }
      const missed = controls.filter((id) => !reached.has(id));
      expect(missed, 'controls never reached with Tab').toEqual([]);
      expect(noRing, 'focused controls without a visible focus ring').toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
