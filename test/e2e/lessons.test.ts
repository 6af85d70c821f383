/**
 * Issue 5 "Proof": every lesson walked in Chromium through the UI with its own "Show me" solutions, from first
 * step to last; each goal turns green and the lesson list shows n/n. Each lesson starts from a fresh world (a
 * fresh browser context, so a fresh worker and empty storage). Also: progress and the current lesson survive a
 * reload, "Reset lesson" resets the world and the steps, and the pager links go to the neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from '../../src/lessons/parse';
import type { Lesson } from '../../src/lessons/types';
import { launch, openPage, screenshot } from './browser';

const dir = path.resolve(__dirname, '../../lessons');
const lessons: Lesson[] = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => {
    const r = parseLesson(f, readFileSync(path.join(dir, f), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.lesson;
  });

const goalDone = (page: Page, stepId: string) => page.getByTestId(`goal-${stepId}`).getAttribute('data-done');

/**
 * Wait for a goal to turn green. The solution has been typed; some goals need simulated time (a statsd flush
 * every 10 s, pods starting), so after a short real wait we move the simulated clock on in small steps — as
 * time would pass while the learner reads.
 */
async function waitGoal(page: Page, stepId: string): Promise<boolean> {
  for (let i = 0; i < 60; i++) {
    if ((await goalDone(page, stepId)) === 'true') return true;
    if (i >= 3) await page.evaluate(() => (globalThis as any).__sim.call('clock.advance', { ms: 1000 }));
    await page.waitForTimeout(150);
  }
  return (await goalDone(page, stepId)) === 'true';
}

/** Play a step's "Show me" and wait until it has finished typing (the button is enabled again). */
async function showMe(page: Page, stepId: string) {
  const btn = page.getByTestId(`show-me-${stepId}`);
  await btn.scrollIntoViewIfNeeded();
  await btn.click();
  await expect.poll(() => btn.isEnabled(), { timeout: 30_000 }).toBe(true);
}

async function navCount(page: Page, lessonId: string): Promise<string> {
  const link = page.locator(`#lesson-list a[href="#/lesson/${lessonId}"] .count`);
  return (await link.textContent())?.trim() ?? '';
}

async function openList(page: Page) {
  const toggle = page.getByRole('button', { name: /All lessons|Hide lessons/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

describe('lessons: every goal reached with "Show me"', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the 11 lessons of the journey', () => {
    expect(lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  for (const lesson of lessons) {
    it(`lesson ${lesson.order}: ${lesson.id}`, async () => {
      const page = await openPage(browser, `/lesson/${lesson.id}`);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await expect.poll(() => page.locator('#lesson-title').textContent(), { timeout: 15_000 }).toBe(lesson.title);
        for (const step of lesson.steps) {
          // A fresh world: no goal of this step is reached before its solution is played.
          expect(await goalDone(page, step.id), `${lesson.id}/${step.id} done before "Show me"`).toBe('false');
          await showMe(page, step.id);
          const ok = await waitGoal(page, step.id);
          if (!ok) {
            await screenshot(page, `lesson-${String(lesson.order).padStart(2, '0')}-FAILED-${step.id}`);
            const term = await page.evaluate(() => document.querySelector('.xterm-rows')?.textContent ?? '');
            const parts = 'all' in step.check ? step.check.all : [step.check];
            const sub = await page.evaluate((checks) => (globalThis as any).__sim.call('lesson.check', { checks }), parts);
            const why = parts.map((c, i) => `${JSON.stringify(c)} → ${sub.results[i]}`).join('\n');
            throw new Error(`${lesson.id}/${step.id}: goal "${step.goal}" did not turn green.\n${why}\nterminal: ${term.slice(-1500)}`);
          }
          await expect.poll(() => page.locator(`#step-${step.id} .light`).getAttribute('aria-label')).toBe('done');
        }
        await expect.poll(() => page.locator('.finished').textContent()).toContain('All steps done');
        await openList(page);
        const n = lesson.steps.length;
        await expect.poll(() => navCount(page, lesson.id)).toBe(`${n}/${n}`);
        await page.getByRole('button', { name: 'Hide lessons' }).click();
        await page.locator('#lesson-column').evaluate((el) => (el.scrollTop = 0));
        if (lesson.graphs?.length) {
          // The lesson's graph panel (first in the list, below "Send to statsd") is scrolled into view.
          const first = page.locator('#panel-graphs .graphs [data-panel]').first();
          await expect.poll(async () => (await first.boundingBox())?.y ?? -1).toBeGreaterThan(60);
          expect((await first.boundingBox())!.y).toBeLessThan(300);
        }
        await screenshot(page, `lesson-${String(lesson.order).padStart(2, '0')}-${lesson.id}-1280x720`);
        expect(errors).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }

  it('lesson 1 on a phone (390×844): stacked, nothing wider than the screen', async () => {
    const page = await openPage(browser, `/lesson/${lessons[0]!.id}`, { width: 390, height: 844 });
    try {
      await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(lessons[0]!.title);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'lesson-01-phone-390x844');
    } finally {
      await page.context().close();
    }
  });

  it('keeps progress and the current lesson across a reload; "Reset lesson" resets the world and the steps', async () => {
    const l = lessons[1]!; // running-flask: its first step leaves state in the world (installed packages)
    const step = l.steps[0]!;
    const page = await openPage(browser, `/lesson/${l.id}`);
    try {
      await showMe(page, step.id);
      expect(await waitGoal(page, step.id)).toBe(true);
      // Reload at the bare URL: the last lesson comes back, and its step is still green.
      await page.goto(page.url().split('#')[0]!);
      await expect.poll(() => page.locator('#lesson-title').textContent(), { timeout: 15_000 }).toBe(l.title);
      await expect.poll(() => goalDone(page, step.id)).toBe('true');
      await openList(page);
      await expect.poll(() => navCount(page, l.id)).toBe(`1/${l.steps.length}`);

      await page.getByRole('button', { name: 'Reset lesson' }).click();
      await expect.poll(() => goalDone(page, step.id)).toBe('false');
      await expect.poll(() => navCount(page, l.id)).toBe(`0/${l.steps.length}`);
      // The world was reset too: the packages are gone, so the goal stays red after checks run again.
      await page.waitForTimeout(600);
      expect(await goalDone(page, step.id)).toBe('false');
      await page.reload();
      await expect.poll(() => page.locator('#lesson-title').textContent(), { timeout: 15_000 }).toBe(l.title);
      await page.waitForTimeout(600);
      expect(await goalDone(page, step.id)).toBe('false');
    } finally {
      await page.context().close();
    }
  });

  it('next / previous links go to the neighbouring lessons', async () => {
    const page = await openPage(browser, `/lesson/${lessons[1]!.id}`);
    try {
      const pager = page.getByRole('navigation', { name: 'Lesson navigation' });
      await pager.getByRole('link', { name: new RegExp(lessons[2]!.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
      await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(lessons[2]!.title);
      expect(page.url()).toContain(`#/lesson/${lessons[2]!.id}`);
      await pager.getByRole('link', { name: new RegExp(lessons[1]!.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
      await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(lessons[1]!.title);
    } finally {
      await page.context().close();
    }
  });
});
