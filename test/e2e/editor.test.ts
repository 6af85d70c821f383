import { describe, expect, it } from 'vitest';
import { useHarness } from './ui-harness';
import { defaultFiles } from '../../src/ui/lib/editor-files';

describe('YAML editor', () => {
  const h = useHarness({ real: false });

  it('monaco loads only when the editor is shown; a typo gets a marker; Apply runs kubectl apply -f', async () => {
    const page = await (await h.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(r.url());
    });
    await page.goto(`${h.url}?c=editor`);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForTimeout(500);
    const monacoChunk = (u: string) => /editor-monaco|editor\.api|monaco/i.test(u);
    expect(scripts.filter(monacoChunk)).toEqual([]);
    expect(await page.locator('.monaco-editor').count()).toBe(0);

    await page.getByRole('button', { name: 'Show editor' }).click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    expect(await page.locator('[data-language]').getAttribute('data-language')).toBe('yaml');
    expect(scripts.some(monacoChunk)).toBe(true);

    // Tabs are labelled and keyboard-reachable.
    const tabs = page.getByRole('tab');
    expect(await tabs.allTextContents()).toEqual(['backend-deployment.yaml', 'graphite.yaml', 'patch.json']);
    expect(await page.locator('.squiggly-error').count()).toBe(0);

    // Turn `image:` into `imagee:` in the app Deployment.
    const lines = defaultFiles()[0]!.content.split('\n');
    const imageLine = lines.findIndex((l) => /^\s+image:/.test(l));
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < imageLine; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Home'); // first non-blank character
    for (let i = 0; i < 'image'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('e');
    await page.keyboard.press('Escape');

    await expect.poll(() => page.locator('.squiggly-error').count(), { timeout: 20000 }).toBeGreaterThan(0);
    // Hovering the squiggle shows the schema's complaint about the unknown field.
    const squiggle = page.locator('.squiggly-error').first();
    const box = (await squiggle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // monaco-yaml's check against the Kubernetes OpenAPI schema, and our validateObject marker.
    await expect.poll(() => page.locator('.monaco-hover').allTextContents().then((t) => t.join(' ')), { timeout: 15000 }).toMatch(
      /Property imagee is not allowed/,
    );
    expect((await page.locator('.monaco-hover').allTextContents()).join(' ')).toMatch(/unknown field "spec\.template\.spec\.containers\[0\]\.imagee"/);

    // Completion of enum values from the schema: the Service's `type:`.
    const typeLine = lines.findIndex((l) => /^  type: NodePort/.test(l));
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < typeLine; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => page.locator('.suggest-widget .monaco-list-row').allTextContents(), { timeout: 15000 }).toEqual(
      expect.arrayContaining([expect.stringContaining('ClusterIP'), expect.stringContaining('LoadBalancer')]),
    );
    await page.keyboard.press('Escape');
    await page.keyboard.type('NodePort');

    // The edit reached the simulation's fs and localStorage.
    const path = '/home/learner/myproject/k8s/backend-deployment.yaml';
    await expect.poll(() => page.evaluate((p) => (globalThis as unknown as { __files: Record<string, string> }).__files[p] ?? '', path)).toContain('imagee:');
    expect(await page.evaluate(() => localStorage.getItem('mp.editor.files.v1'))).toContain('imagee:');

    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { __runCommands: string[] }).__runCommands)).toEqual([`kubectl apply -f ${path}`]);

    // A write from elsewhere (a lesson's "show me", the terminal) shows up in the editor.
    await page.evaluate((p) => {
      const w = globalThis as unknown as { __files: Record<string, string>; __changed(what: string): void };
      w.__files[p] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-elsewhere\n';
      w.__changed('fs');
    }, path);
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent()).toContain('from-elsewhere');

    // patch.json opens in JSON mode.
    await page.getByRole('tab', { name: 'patch.json' }).click();
    await expect.poll(() => page.locator('[data-language]').getAttribute('data-language')).toBe('json');
    expect(errors).toEqual([]);
  });
});
