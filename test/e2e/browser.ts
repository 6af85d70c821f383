import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export { CHROMIUM, launch } from './chromium';

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Open the site (optionally at a hash route) in a fresh context with empty storage. */
export async function openPage(browser: Browser, hash = '', viewport = { width: 1280, height: 720 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  await page.goto(baseUrl() + (hash ? '#' + hash.replace(/^#/, '') : ''));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name.replace(/[^a-z0-9_-]+/gi, '_') + '.png');
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
