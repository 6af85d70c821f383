/**
 * `kubectl exec -it deploy/backend -- bash` typed into the terminal opens a shell inside the pod in the same
 * terminal: the pod's prompt (Debian bash: root@<pod>:/app#), the pod's env and cluster DNS, and `exit` brings
 * the laptop prompt back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, screenshot } from './browser';
import { readyAndPaused, run, scrollback, typeKeys } from './terminal-drive';

/** What the scrollback shows after the last `<prompt-end><command>` line. */
function after(text: string, command: string): string {
  const i = text.lastIndexOf(command + '\n');
  return i < 0 ? '' : text.slice(i + command.length + 1);
}

describe('kubectl exec -it: a shell inside the pod in the same terminal', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('typing kubectl exec -it … -- bash shows the pod prompt; printenv and DNS answer from the pod; exit returns', async () => {
    const page = await openPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await readyAndPaused(page);
    await run(page, 'kubectl apply -f k8s/graphite.yaml -f k8s/backend-deployment.yaml');
    await run(page, 'kubectl rollout status deployment/backend');
    expect(await scrollback(page)).toContain('deployment "backend" successfully rolled out');

    await typeKeys(page, 'kubectl exec -it deploy/backend -- bash');
    const prompt = /root@(backend-[a-z0-9]+-[a-z0-9]{5}):\/app# $/;
    await expect.poll(async () => (await scrollback(page)).trimEnd() + ' ', { timeout: 10_000 }).toMatch(prompt);
    const pod = ((await scrollback(page)).trimEnd() + ' ').match(prompt)![1]!;

    await typeKeys(page, 'printenv MY_POD_NAME');
    expect(after(await scrollback(page), 'printenv MY_POD_NAME')).toMatch(new RegExp(`^${pod}\\n`));
    await typeKeys(page, 'nc -zv graphite 80');
    expect(after(await scrollback(page), 'nc -zv graphite 80')).toMatch(/succeeded|open/);
    await screenshot(page, 'exec-1-pod-shell');

    await typeKeys(page, 'exit');
    await expect.poll(async () => (await scrollback(page)).trimEnd(), { timeout: 10_000 }).toMatch(/exit\n\S*learner@laptop:~\/myproject\$$/);
    await typeKeys(page, 'nc -zv graphite 80');
    expect(after(await scrollback(page), 'nc -zv graphite 80')).not.toMatch(/succeeded|open/);
    await screenshot(page, 'exec-2-back-on-laptop');
    expect(errors).toEqual([]);
  });
});
