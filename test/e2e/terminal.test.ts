/**
 * Issue 3 "Terminal": the seed's `echo "foo:1|c" | nc -u -w0 127.0.0.1 8125` typed into the terminal reaches
 * statsd and is graphed after a flush; line editing and history behave like bash's readline; the layout is
 * usable at 1280×720 and on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, screenshot } from './browser';
import { hoveredValues } from './uplot';

async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('[data-testid="terminal-main"] .xterm-rows > div');
    return [...rows].map((r) => r.textContent ?? '').join('\n');
  });
}

async function focusTerminal(page: Page) {
  await page.locator('[data-testid="terminal-main"] .xterm').click();
}

/** The line being edited: text after the last prompt. */
async function currentLine(page: Page): Promise<string> {
  const lines = (await terminalText(page)).split('\n').filter((l) => l.trim());
  const last = lines[lines.length - 1] ?? '';
  return last.replace(/^.*?\$\s?/, '').trimEnd();
}

describe('terminal', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('echo "foo:1|c" | nc -u -w0 127.0.0.1 8125 reaches statsd and is plotted after a flush', async () => {
    const page = await openPage(browser);
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/learner@laptop:.*\$/);
    await page.getByLabel('Simulated clock speed').selectOption('0'); // only our flush (see first-page.test.ts)
    await focusTerminal(page);
    await page.keyboard.type('echo "foo:1|c" | nc -u -w0 127.0.0.1 8125');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-counter="packets"]').textContent()).toBe('1');
    await page.getByRole('button', { name: 'Flush now' }).click();
    const panel = '.send [data-panel="first-page"]';
    await expect.poll(() => page.locator(`${panel} .u-legend`).textContent(), { timeout: 10_000 }).toContain('stats.counters.foo.rate');
    // One datagram with one `foo:1|c` in a 10 s flush: rate 0.1/s (statsd/statsd backends/graphite.js).
    await expect.poll(() => hoveredValues(page, panel), { timeout: 10_000 }).toContain(0.1);
  });

  it('edits the line (Home, Left, Ctrl-U, Ctrl-W), recalls history with Up, and keeps history across a reload', async () => {
    const page = await openPage(browser);
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/\$/);
    await focusTerminal(page);
    await page.keyboard.type('cho one');
    await page.keyboard.press('Home');
    await page.keyboard.type('e');
    await expect.poll(() => currentLine(page)).toBe('echo one');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page)).toMatch(/^one\s*$/m);
    await page.keyboard.type('echo two three');
    await page.keyboard.press('Control+w');
    await expect.poll(() => currentLine(page)).toBe('echo two');
    await page.keyboard.press('Control+u');
    await expect.poll(() => currentLine(page)).toBe('');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => currentLine(page)).toBe('echo one');
    await page.keyboard.press('Control+c');
    await expect.poll(() => terminalText(page)).toContain('echo one^C');

    await page.reload();
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/\$/);
    await focusTerminal(page);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => currentLine(page)).toBe('echo one');
  });

  it('a pasted heredoc shows the PS2 prompt and runs as one command; Tab completes a command name', async () => {
    const page = await openPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/\$/);
    await focusTerminal(page);
    await page.evaluate(() => navigator.clipboard.writeText('cat <<EOF > /tmp/note.txt\nhello from a heredoc\nEOF\ncat /tmp/note.txt\n'));
    await page.keyboard.press('Control+V');
    await expect.poll(() => terminalText(page)).toMatch(/^> hello from a heredoc\s*\n> EOF/m);
    await expect.poll(() => terminalText(page)).toMatch(/cat \/tmp\/note.txt\s*\nhello from a heredoc/);
    await page.keyboard.type('ech');
    await page.keyboard.press('Tab');
    await expect.poll(() => currentLine(page)).toBe('echo');
  });

  it('Ctrl-C stops a foreground gunicorn with its own shutdown lines, then the prompt returns', async () => {
    const page = await openPage(browser);
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/\$/);
    await focusTerminal(page);
    await page.keyboard.type('pip install flask gunicorn >/dev/null; gunicorn -w 2 wsgi:app');
    await page.keyboard.press('Enter');
    // gunicorn/arbiter.py: "Booting worker with pid: %s" per worker; on SIGINT "Handling signal: int".
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('Booting worker with pid');
    await page.keyboard.press('Control+c');
    await expect.poll(() => terminalText(page)).toContain('Handling signal: int');
    await expect.poll(() => terminalText(page)).toContain('Shutting down: Master');
    await page.keyboard.type('echo back');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page)).toMatch(/^back\s*$/m);
  });

  it('the prompt shows the context and the input has an accessible label', async () => {
    const page = await openPage(browser);
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(/learner@laptop:~\S*\$/);
    const label = await page.locator('[data-testid="terminal-main"] textarea').getAttribute('aria-label');
    expect(label).toMatch(/Terminal/);
  });

  it('screenshots at 1280×720 and 390×844', async () => {
    const wide = await openPage(browser);
    await expect.poll(() => terminalText(wide), { timeout: 15_000 }).toMatch(/\$/);
    await screenshot(wide, 'layout-1280x720');
    const phone = await openPage(browser, '', { width: 390, height: 844 });
    // Stacked below the lesson: xterm only paints its rows while they are on screen.
    await phone.locator('[data-testid="terminal-main"]').scrollIntoViewIfNeeded();
    await expect.poll(() => terminalText(phone), { timeout: 15_000 }).toMatch(/\$/);
    // Stacked: nothing wider than the phone.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'layout-390x844');
  });
});
