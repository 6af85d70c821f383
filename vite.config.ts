import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base so dist/ works from any static file server path, offline.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: [
      // monaco-yaml's worker (via monaco-worker-manager/worker.js) imports monaco-editor by a path that
      // monaco-editor ≥0.55's "exports" map no longer allows; point it at the same file through the allowed path.
      { find: /^monaco-editor\/esm\/vs\/editor\/editor\.worker(\.js)?$/, replacement: 'monaco-editor/editor/editor.worker.js' },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4000 },
});
