import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonsPlugin } from './build/lessons-plugin';

// Relative base so dist/ works from any static file server path, offline.
export default defineConfig({
  base: './',
  plugins: [svelte(), lessonsPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4000 },
});
