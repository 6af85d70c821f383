import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let server: PreviewServer | undefined;

/**
 * Build the static site once into a private folder (so parallel runs never overwrite each other's files) and
 * serve it on loopback for every browser test. E2E_DIST=dir serves an existing build instead.
 */
export default async function setup(project: TestProject) {
  // An empty E2E_DIST counts as unset: an empty outDir would make Vite empty the project root.
  const given = process.env.E2E_DIST?.trim() || undefined;
  const outDir = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), 'mp-e2e-'));
  if (path.resolve(outDir) === path.resolve('.')) throw new Error('E2E_DIST must not be the project folder');
  if (!given) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, build: { outDir }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  project.provide('baseUrl', url);
  return async () => {
    await server?.close();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
