/**
 * Vite plugin: serves `virtual:lessons`, the lessons/*.md files compiled at build time (src/lessons/compile.ts),
 * and reloads them when a lesson file changes under `npm start`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { compileLessons } from '../src/lessons/compile';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;

export function lessonsPlugin(dir = fileURLToPath(new URL('../lessons', import.meta.url))): Plugin {
  return {
    name: 'metrics-playground-lessons',
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const names = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
      for (const n of names) this.addWatchFile(path.join(dir, n));
      const result = compileLessons(names.map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') })));
      return `export default ${JSON.stringify(result)};`;
    },
    handleHotUpdate(ctx) {
      if (!ctx.file.startsWith(dir)) return;
      const mod = ctx.server.moduleGraph.getModuleById(RESOLVED);
      if (mod) ctx.server.moduleGraph.invalidateModule(mod);
      ctx.server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
