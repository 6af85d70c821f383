import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonsPlugin } from './build/lessons-plugin';

export default defineConfig({
  plugins: [svelte(), lessonsPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
});
