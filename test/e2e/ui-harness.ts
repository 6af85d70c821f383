/**
 * A tiny page that mounts one of the workspace components (Graph, Editor, Manifests) on its own, built with the
 * project's Vite config into a temp dir and served on loopback. Lets the graphs/editor browser tests and the UI
 * bench run without depending on the layout. `?c=graph|editor|manifests`. Built with `real: true`, Graph talks
 * to the simulation worker; otherwise to an in-page fake (window.__fake, see ui-harness-fake.ts).
 */
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

const main = (real: boolean) => `
import { mount } from 'svelte';
import '${ROOT}/src/ui/styles/theme.css';
const q = new URLSearchParams(location.search);
const c = q.get('c') ?? 'graph';
const target = document.getElementById('app');
const log = (window.__runCommands = []);
async function start() {
  if (c === 'graph') {
    const { default: Graph } = await import('${ROOT}/src/ui/Graph.svelte');
    let props;
    ${
      real
        ? `const { getClient } = await import('${ROOT}/src/ui/lib/sim-client.ts');
    props = { client: getClient() };`
        : `const { fakeBackend } = await import('${ROOT}/test/e2e/ui-harness-fake.ts');
    window.__fake = fakeBackend();
    props = { backend: window.__fake };`
    }
    const show = q.get('show') ? q.get('show').split(String.fromCharCode(10)) : undefined;
    mount(Graph, { target, props: { ...props, show, storageKey: 'harness.graphs' } });
  } else if (c === 'editor') {
    const { default: Editor } = await import('${ROOT}/src/ui/Editor.svelte');
    const files = {};
    const fs = { read: async (p) => files[p] ?? null, write: async (p, t) => { files[p] = t; } };
    window.__files = files;
    // Hidden until the test presses "show": monaco must not load before.
    target.innerHTML = '<button id="show">Show editor</button><div id="ed" style="display:none;height:500px"></div>';
    // A client stub for 'changed' events only: window.__changed('fs') plays the worker telling us fs changed.
    const listeners = [];
    window.__changed = (what) => listeners.forEach((fn) => fn({ what }));
    const client = { call: async () => null, on: (name, fn) => (listeners.push(fn), () => {}) };
    mount(Editor, { target: document.getElementById('ed'), props: { fs, client, onapply: (cmd) => log.push(cmd) } });
    document.getElementById('show').onclick = () => (document.getElementById('ed').style.display = 'block');
  } else {
    const { default: Manifests } = await import('${ROOT}/src/ui/Manifests.svelte');
    mount(Manifests, { target });
  }
  document.body.dataset.ready = '1';
}
start().catch((e) => { document.body.dataset.error = String(e && e.stack || e); console.error(e); });
`;

export interface Harness {
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function startHarness(opts: { real?: boolean } = {}): Promise<Harness> {
  // Under node_modules/.cache so that bare imports ('svelte') resolve from the project's node_modules.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'mp-ui-harness-'));
  writeFileSync(path.join(dir, 'main.js'), main(opts.real ?? false));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><title>UI harness</title></head>' +
      '<body><main id="app"></main><script type="module" src="./main.js"></script></body></html>',
  );
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: dir,
    logLevel: 'warn',
    build: { outDir: path.join(dir, 'dist'), emptyOutDir: true },
  });
  const server: PreviewServer = await preview({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: dir,
    logLevel: 'warn',
    build: { outDir: path.join(dir, 'dist') },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('harness preview server has no URL');
  return {
    url,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: build and serve the harness and launch Chromium before its tests, close both after.
 * Read `browser` and `url` inside the tests (they are set by then).
 */
export function useHarness(opts: { real?: boolean } = {}): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(opts);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get url() {
      return h!.url;
    },
  };
}

export function distAssets(dir: string): string[] {
  return readdirSync(path.join(dir, 'dist', 'assets'));
}
