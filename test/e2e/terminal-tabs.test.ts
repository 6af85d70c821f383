/**
 * Issue 3 "Terminal", several tabs: the course runs `gunicorn … myproject:app` in the FOREGROUND and uses a second
 * terminal for curl. Terminal 1 keeps gunicorn running while Terminal 2 (opened with "+") curls it; back in
 * Terminal 1, Ctrl-C shuts gunicorn down with its own lines (gunicorn/arbiter.py: "Handling signal: int",
 * "Shutting down: Master"). The tabs survive a reload, are a keyboard-driven tablist, and closing one stops what
 * runs in its foreground.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, openPage, screenshot } from './browser';

type TermWindow = { __terminals: { get(tab: string): { text(): string; running: boolean } | undefined } };

/** The whole scrollback of one tab's terminal. */
function scrollback(page: Page, tab: string): Promise<string> {
  return page.evaluate((t) => (globalThis as unknown as TermWindow).__terminals.get(t)?.text() ?? '', tab);
}

function running(page: Page, tab: string): Promise<boolean | undefined> {
  return page.evaluate((t) => (globalThis as unknown as TermWindow).__terminals.get(t)?.running, tab);
}

/** What the tab's xterm shows on screen (its rendered rows). */
function screenRows(page: Page, tab: string): Promise<string> {
  return page.evaluate((t) => {
    const rows = document.querySelectorAll(`[data-testid="terminal-${t}"] .xterm-rows > div`);
    return [...rows].map((r) => r.textContent ?? '').join('\n');
  }, tab);
}

/** The line being edited in a tab: the text after the last prompt on screen. */
async function currentLine(page: Page, tab: string): Promise<string> {
  const lines = (await screenRows(page, tab)).split('\n').filter((l) => l.trim());
  return (lines[lines.length - 1] ?? '').replace(/^.*?\$\s?/, '').trimEnd();
}

const PROMPT = /learner@laptop:\S*\$/;
const GUNICORN = 'gunicorn -w 2 -b 127.0.0.1:4000 myproject:app';
const CURL = 'curl -s http://127.0.0.1:4000/';
// src/sim/programs/seed.ts: the course's myproject.py answers "/" with this line.
const FLASK_PAGE = "<h1 style='color:blue'>Hello There!</h1>";

describe('terminal tabs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gunicorn in the foreground of Terminal 1, curl in Terminal 2, Ctrl-C back in Terminal 1', async () => {
    const page = await openPage(browser);
    await expect.poll(() => scrollback(page, 'main'), { timeout: 20_000 }).toMatch(PROMPT);
    await expect(page.getByRole('tab', { name: 'Terminal 1' }).getAttribute('aria-selected')).resolves.toBe('true');

    await page.locator('[data-testid="terminal-main"] .xterm').click();
    await page.keyboard.type('pip install flask gunicorn');
    await page.keyboard.press('Enter');
    await expect.poll(() => scrollback(page, 'main'), { timeout: 20_000 }).toMatch(/Successfully installed .*gunicorn/);
    await expect.poll(() => running(page, 'main')).toBe(false);

    await page.keyboard.type(GUNICORN);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => ((await scrollback(page, 'main')).match(/Booting worker with pid/g) ?? []).length, { timeout: 20_000 })
      .toBe(2);
    expect(await running(page, 'main')).toBe(true); // the foreground job holds Terminal 1

    await page.getByRole('button', { name: 'New terminal' }).click();
    const tab2 = page.getByRole('tab', { name: 'Terminal 2' });
    await expect.poll(() => tab2.getAttribute('aria-selected')).toBe('true');
    await expect(page.locator('[data-testid="terminal-t2"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="terminal-main"]').isVisible()).resolves.toBe(false);
    await expect.poll(() => screenRows(page, 't2'), { timeout: 15_000 }).toMatch(PROMPT);

    // No click: the new terminal has the keyboard focus.
    await page.keyboard.type(CURL);
    await page.keyboard.press('Enter');
    await expect.poll(() => scrollback(page, 't2'), { timeout: 15_000 }).toContain(FLASK_PAGE);
    await expect.poll(() => running(page, 't2')).toBe(false);
    expect(await screenRows(page, 't2')).toContain('Hello There!');
    // Each tab shows only its own shell's output.
    expect(await scrollback(page, 't2')).not.toContain('Booting worker');
    expect(await scrollback(page, 'main')).not.toContain('Hello There!');
    expect(await running(page, 'main')).toBe(true);

    // One history for all tabs: Up in Terminal 2 brings its curl, then Terminal 1's gunicorn.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => currentLine(page, 't2')).toBe(CURL);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => currentLine(page, 't2')).toBe(GUNICORN);
    await page.keyboard.press('Control+u');
    await expect.poll(() => currentLine(page, 't2')).toBe('');
    await screenshot(page, 'terminal-tabs-1280x720');

    await page.getByRole('tab', { name: 'Terminal 1' }).click();
    await expect(page.locator('[data-testid="terminal-main"]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Control+c');
    await expect.poll(() => scrollback(page, 'main'), { timeout: 15_000 }).toContain('Handling signal: int');
    await expect.poll(() => scrollback(page, 'main')).toContain('Shutting down: Master');
    await expect.poll(() => running(page, 'main')).toBe(false);
    await expect.poll(async () => (await scrollback(page, 'main')).trimEnd()).toMatch(/learner@laptop:\S*\$$/);
    await expect.poll(() => screenRows(page, 'main')).toContain('Shutting down: Master');

    // Gone from Terminal 2 too: the server really stopped.
    await tab2.click();
    await page.keyboard.type(CURL);
    await page.keyboard.press('Enter');
    const lastCurl = async () => {
      const text = await scrollback(page, 't2');
      return text.slice(text.lastIndexOf('$ ' + CURL) + 2 + CURL.length);
    };
    await expect.poll(async () => (await scrollback(page, 't2')).split('$ ' + CURL).length - 1).toBe(2);
    await expect.poll(lastCurl, { timeout: 15_000 }).toMatch(PROMPT); // the prompt after the second curl
    expect(await lastCurl()).not.toContain('Hello There!'); // -s: nothing at all when the connection is refused

    // A lesson's "show me" and the editor's Apply type into Terminal 1 (the registry's 'main'): it comes to the front.
    await page.evaluate(async () => {
      const w = globalThis as unknown as { __terminals: { get(t: string): { type(s: string, o: object): Promise<void> } } };
      await w.__terminals.get('main').type('echo typed by show me', { delayMs: 0 });
    });
    await expect.poll(() => page.getByRole('tab', { name: 'Terminal 1' }).getAttribute('aria-selected')).toBe('true');
    await expect(page.locator('[data-testid="terminal-main"]').isVisible()).resolves.toBe(true);
    await expect.poll(() => screenRows(page, 'main')).toMatch(/^typed by show me\s*$/m);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))).toBe('terminal-main');
    await page.context().close();
  });

  it('tabs survive a reload with fresh shells; arrows move between tabs; Delete and × close, stopping the foreground job', async () => {
    const page = await openPage(browser);
    await expect.poll(() => scrollback(page, 'main'), { timeout: 20_000 }).toMatch(PROMPT);
    const add = page.getByRole('button', { name: 'New terminal' });
    await add.click();
    await add.click();
    await add.click();
    await expect(page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab').count()).resolves.toBe(4);
    await expect(add.isDisabled()).resolves.toBe(true); // at most 4
    await expect.poll(() => scrollback(page, 't4'), { timeout: 15_000 }).toMatch(PROMPT);
    await page.keyboard.type('cd /tmp');
    await page.keyboard.press('Enter');
    await expect.poll(() => screenRows(page, 't4')).toMatch(/learner@laptop:\/tmp\$/);

    await page.reload();
    await expect.poll(() => scrollback(page, 't4'), { timeout: 20_000 }).toMatch(PROMPT);
    const names = await page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab').allTextContents();
    expect(names.map((n) => n.replace('×', '').trim())).toEqual(['Terminal 1', 'Terminal 2', 'Terminal 3', 'Terminal 4']);
    await expect(page.getByRole('tab', { name: 'Terminal 4' }).getAttribute('aria-selected')).resolves.toBe('true');
    // A fresh shell after the reload: back in the project folder, not in /tmp.
    expect(await scrollback(page, 't4')).toMatch(/learner@laptop:~\S*\$/);
    expect(await scrollback(page, 't4')).not.toContain(':/tmp$');

    // axe-core on the tab strip and panels: no serious or critical violation (tablist roles, names, no nested controls).
    const axe = await new AxeBuilder({ page: page as never }).include('.term-tabs').analyze();
    const bad = (axe.violations as { id: string; impact?: string | null; nodes: { target: unknown }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    expect(bad).toEqual([]);

    // Keyboard: Home, arrows (wrapping), End, as the WAI-ARIA tabs pattern.
    await page.getByRole('tab', { name: 'Terminal 4' }).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-main');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-t4');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-main');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-t4');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-t3');
    await expect(page.locator('[data-testid="terminal-t3"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="terminal-t4"]').isVisible()).resolves.toBe(false);

    // A server in the foreground of Terminal 3; Delete on its tab closes it, and the close stops the server.
    await page.locator('[data-testid="terminal-t3"] .xterm').click();
    await page.keyboard.type('pip install flask gunicorn >/dev/null; ' + GUNICORN);
    await page.keyboard.press('Enter');
    await expect.poll(() => scrollback(page, 't3'), { timeout: 20_000 }).toContain('Booting worker with pid');
    await page.getByRole('tab', { name: 'Terminal 3' }).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('tab', { name: 'Terminal 3' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('termtab-t2');
    await page.getByRole('tab', { name: 'Terminal 1' }).click();
    await page.keyboard.type('curl http://127.0.0.1:4000/');
    await page.keyboard.press('Enter');
    // curl's text for exit code 7 when nothing listens any more.
    await expect
      .poll(() => scrollback(page, 'main'), { timeout: 15_000 })
      .toMatch(/curl: \(7\) Failed to connect to 127\.0\.0\.1 port 4000/);

    // The × of Terminal 2 (mouse); "+" then opens a new tab with a new id (a fresh shell, never t2's old one).
    await page.getByTestId('close-t2').click();
    await expect.poll(() => page.getByRole('tab', { name: 'Terminal 2' }).count()).toBe(0);
    await add.click();
    await expect.poll(() => page.getByRole('tab', { name: 'Terminal 5' }).getAttribute('aria-selected')).toBe('true');
    await page.reload();
    await expect.poll(() => scrollback(page, 'main'), { timeout: 20_000 }).toMatch(PROMPT);
    const after = await page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab').allTextContents();
    expect(after.map((n) => n.replace('×', '').trim())).toEqual(['Terminal 1', 'Terminal 4', 'Terminal 5']);
    await page.context().close();
  });
});
