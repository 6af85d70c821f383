/**
 * Issue 5 "A share link that encodes a sandbox state (commands and files) in the URL" and "progress and
 * workspace kept across reload": a link made in one browser restores files and re-runs commands in another;
 * a reload brings edited files back and offers to re-run the session's commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openPage, screenshot } from './browser';

type Sim = { __sim: { call(m: string, p: unknown): Promise<any> } };

async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('[data-testid="terminal-main"] .xterm-rows > div');
    return [...rows].map((r) => r.textContent ?? '').join('\n');
  });
}

async function ready(page: Page) {
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/learner@laptop:.*\$/);
}

/** Type a command with real key presses and wait until the prompt is back. */
async function typeCommand(page: Page, command: string) {
  await page.locator('[data-testid="terminal-main"] .xterm').click();
  const before = (await terminalText(page)).split('\n').filter((l) => /learner@laptop:.*\$/.test(l)).length;
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await terminalText(page)).split('\n').filter((l) => /learner@laptop:.*\$/.test(l)).length, { timeout: 10_000 })
    .toBeGreaterThan(before);
}

const readFile = (page: Page, path: string) =>
  page.evaluate((p) => (globalThis as unknown as Sim).__sim.call('fs.read', { path: p }).then((r) => r.content as string | null), path);
const packets = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Sim).__sim.call('statsd.counters', {}).then((r) => r.packetsReceived as number));

const PATCH = '/home/learner/myproject/k8s/patch.json';

describe('share links', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('commands and an edited file travel in the link to a fresh browser, which restores and re-runs them', async () => {
    const a = await openPage(browser);
    await ready(a);
    await a.getByLabel('Simulated clock speed').selectOption('0');
    await typeCommand(a, `echo "share.test:1|c" | nc -u -w0 127.0.0.1 8125`);
    await typeCommand(a, `printf 'caf\u00e9 "quoted" \\n' > notes.txt`);
    // Edit a file in the editor (monaco): a line at the end of patch.json.
    await a.getByRole('tab', { name: 'Editor' }).click();
    await a.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
    await a.getByRole('tab', { name: 'patch.json' }).click();
    await a.locator('.monaco-editor .view-lines').click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type('\n', { delay: 10 });
    await a.keyboard.type('"shared"', { delay: 10 });
    await expect.poll(() => readFile(a, PATCH), { timeout: 10_000 }).toContain('"shared"');
    const editedPatch = (await readFile(a, PATCH))!;

    await a.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: 'Share this sandbox' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const link = await dialog.getByLabel('Link').inputValue();
    expect(link.startsWith(baseUrl().replace(/#.*$/, ''))).toBe(true);
    expect(link).toMatch(/#\/share\/z[A-Za-z0-9_-]+$/);
    expect(await dialog.textContent()).toContain('The link restores 2 files and runs 2 commands.');
    // Escape closes it and focus returns to the Share button.
    await a.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => a.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Share');
    await a.context().close();

    // A fresh browser context: empty storage, a new simulation.
    const b = await openPage(browser, new URL(link).hash);
    const ask = b.getByRole('dialog', { name: 'Open a shared sandbox' });
    await expect.poll(() => ask.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await ask.textContent()).toContain('This link restores 2 files and runs 2 commands.');
    expect(await ask.textContent()).toContain('echo "share.test:1|c" | nc -u -w0 127.0.0.1 8125');
    await screenshot(b, 'share-open-dialog');
    await ask.getByRole('button', { name: 'Restore and run' }).click();

    await expect.poll(() => b.evaluate(() => location.hash), { timeout: 10_000 }).toBe('#/lesson/sandbox');
    await expect.poll(() => b.getByTestId('session-progress').textContent(), { timeout: 30_000 }).toBe(
      'Restored 2 files and ran 2 commands.',
    );
    // The commands were typed into the terminal and had their effect: statsd got the datagram.
    expect(await terminalText(b)).toContain('nc -u -w0 127.0.0.1 8125');
    expect(await packets(b)).toBe(1);
    await b.getByRole('button', { name: 'Flush now' }).click().catch(() => {});
    const find = await b.evaluate(() => (globalThis as unknown as Sim).__sim.call('graphite.find', { query: 'stats.counters.share.*' }));
    expect(find.nodes.map((n: { path: string }) => n.path)).toContain('stats.counters.share.test');
    expect(await readFile(b, '/home/learner/myproject/notes.txt')).toBe('café "quoted" \n');
    expect(await readFile(b, PATCH)).toBe(editedPatch);
    // The editor opens with the shared version too.
    await b.getByRole('tab', { name: 'Editor' }).click();
    await b.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
    await b.getByRole('tab', { name: 'patch.json' }).click();
    expect(await b.evaluate(() => JSON.parse(localStorage.getItem('mp.editor.files.v1') ?? '{}')['patch.json'])).toBe(editedPatch);
    await b.locator('.monaco-editor .view-lines').click();
    await b.keyboard.press('Control+End'); // monaco renders only the lines in view
    await expect.poll(() => b.locator('.monaco-editor .view-lines').textContent(), { timeout: 10_000 }).toContain('"shared"');
    await screenshot(b, 'share-restored');
    await b.context().close();
  });

  it('a tampered link says so and changes nothing', async () => {
    const p = await openPage(browser, '#/share/zNotReallyDeflate');
    const ask = p.getByRole('dialog', { name: 'Open a shared sandbox' });
    await expect.poll(() => ask.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await ask.getByRole('alert').textContent()).toMatch(/damaged or incomplete/);
    await p.keyboard.press('Escape');
    await expect.poll(() => ask.isVisible()).toBe(false);
    expect(await p.evaluate(() => location.hash)).not.toMatch(/share/);
    await p.context().close();
  });

  it('after a reload: edited files are back without opening the editor, and the session can be re-run', async () => {
    const p = await openPage(browser);
    await ready(p);
    await p.getByLabel('Simulated clock speed').selectOption('0');
    await typeCommand(p, `echo "reload.test:1|c" | nc -u -w0 127.0.0.1 8125`);
    await typeCommand(p, `echo "reload.test:1|c" | nc -u -w0 127.0.0.1 8125`);
    expect(await packets(p)).toBe(2);
    // What the editor saves when the learner edits patch.json (editor-files.ts saveFiles).
    await p.evaluate(() => localStorage.setItem('mp.editor.files.v1', JSON.stringify({ 'patch.json': '{"edited": true}\n' })));

    await p.reload();
    await ready(p);
    await expect.poll(() => readFile(p, PATCH), { timeout: 10_000 }).toBe('{"edited": true}\n');
    expect(await packets(p)).toBe(0); // a new world
    const offer = p.getByRole('region', { name: 'Restore session' });
    await expect.poll(() => offer.textContent(), { timeout: 10_000 }).toContain('re-run the 2 commands from before the reload');
    await offer.getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(() => p.getByTestId('session-progress').textContent(), { timeout: 30_000 }).toBe(
      'Session restored: re-ran 2 commands.',
    );
    expect(await packets(p)).toBe(2);

    // Reload again: the replayed commands are this world's session now, offered once more.
    await p.reload();
    await ready(p);
    await expect.poll(() => offer.textContent(), { timeout: 10_000 }).toContain('re-run the 2 commands');
    await offer.getByRole('button', { name: 'Dismiss' }).click();
    await p.reload();
    await ready(p);
    await new Promise((r) => setTimeout(r, 500));
    expect(await offer.count()).toBe(0);
    await p.context().close();
  });
});
