/**
 * UI bench (`BENCH=ui npm run bench`):
 * 1. uPlot redraw: 20 series × 4,320 points (24 h at 20 s), in headless Chromium (uPlot needs a DOM and a canvas);
 *    median ms of N `setData` + draw.
 * 2. Built bundle sizes: `vite build` into a temp dir, raw + gzip of every assets/*.js, split into what the page
 *    loads first (the entry and its static imports), lazy chunks (dynamic imports: monaco, graphs, …) and workers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, launch } from '../test/e2e/chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERIES = 20;
const POINTS = 4320;
const RUNS = Number(process.env.UI_BENCH_RUNS ?? 30);

async function redrawBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`uPlot redraw: skipped (no Chromium at ${CHROMIUM})`);
    return;
  }
  // Launched as the browser tests launch it.
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.setContent('<!doctype html><html><body><div id="chart"></div></body></html>');
    await page.addStyleTag({ path: path.join(ROOT, 'node_modules/uplot/dist/uPlot.min.css') });
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/uplot/dist/uPlot.iife.min.js') });
    // Page code as a string: tsx's keepNames helpers (__name) do not exist in the page.
    const times = (await page.evaluate(`(async () => {
      const SERIES = ${SERIES}, POINTS = ${POINTS}, RUNS = ${RUNS};
      const make = (shift) => {
        const x = new Float64Array(POINTS);
        for (let i = 0; i < POINTS; i++) x[i] = 1700000000 + i * 20;
        const ys = [];
        for (let s = 0; s < SERIES; s++) {
          const y = new Array(POINTS);
          // Some None gaps, as Graphite returns them.
          for (let i = 0; i < POINTS; i++) y[i] = (i + shift) % 97 === 0 ? null : Math.sin((i + shift) / 50 + s) * 10 + s * 3;
          ys.push(y);
        }
        return [x, ...ys];
      };
      const opts = {
        width: 1200, height: 300, scales: { x: { time: true } },
        series: [{}, ...Array.from({ length: SERIES }, (_, s) => ({ label: 's' + s, stroke: 'hsl(' + s * 18 + ',70%,45%)', spanGaps: false }))],
      };
      const u = new uPlot(opts, make(0), document.getElementById('chart'));
      const datasets = Array.from({ length: RUNS + 3 }, (_, i) => make(i + 1));
      const out = [];
      for (let i = 0; i < datasets.length; i++) {
        const t0 = performance.now();
        u.setData(datasets[i]);
        // uPlot commits the redraw in a microtask queued by setData; this one runs after it.
        await new Promise((r) => queueMicrotask(r));
        const t1 = performance.now();
        if (i >= 3) out.push(t1 - t0); // 3 warm-up runs
        await new Promise((r) => setTimeout(r, 0));
      }
      u.destroy();
      return out;
    })()`)) as number[];
    times.sort((a, b) => a - b);
    const med = times[Math.floor(times.length / 2)]!;
    console.log(
      `uPlot redraw, ${SERIES} series × ${POINTS} points: median ${med.toFixed(1)} ms ` +
        `(min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)}, n=${times.length})`,
    );
  } finally {
    await browser.close();
  }
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

function kb(n: number): string {
  return (n / 1024).toFixed(1).padStart(8) + ' KB';
}

function sizesBench(): void {
  const out = mkdtempSync(path.join(tmpdir(), 'mp-bench-dist-'));
  try {
    const r = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--manifest', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      console.log(`bundle sizes: vite build failed:\n${(r.stderr || r.stdout).slice(-2000)}`);
      process.exitCode = 1;
      return;
    }
    const manifest = JSON.parse(readFileSync(path.join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    // Initial = entries + their static imports, transitively.
    const initial = new Set<string>();
    const visit = (key: string) => {
      const c = manifest[key];
      if (!c || initial.has(c.file)) return;
      initial.add(c.file);
      for (const i of c.imports ?? []) visit(i);
    };
    for (const [k, c] of Object.entries(manifest)) if (c.isEntry) visit(k);
    const chunkFiles = new Set(Object.values(manifest).map((c) => c.file));
    const rows: { file: string; raw: number; gz: number; kind: 'initial' | 'lazy' | 'worker' }[] = [];
    for (const f of readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.js'))) {
      const buf = readFileSync(path.join(out, 'assets', f));
      const rel = `assets/${f}`;
      const kind = initial.has(rel) ? 'initial' : chunkFiles.has(rel) ? 'lazy' : 'worker';
      rows.push({ file: rel, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length, kind });
    }
    for (const kind of ['initial', 'lazy', 'worker'] as const) {
      const list = rows.filter((r) => r.kind === kind).sort((a, b) => b.gz - a.gz);
      const raw = list.reduce((s, r) => s + r.raw, 0);
      const gz = list.reduce((s, r) => s + r.gz, 0);
      console.log(`${kind.padEnd(8)} JS: ${list.length} files, raw ${kb(raw)}, gzip ${kb(gz)}`);
      for (const r of list.slice(0, kind === 'initial' ? 20 : 8)) console.log(`    ${r.file.padEnd(48)} raw ${kb(r.raw)}  gzip ${kb(r.gz)}`);
      if (list.length > 8 && kind !== 'initial') console.log(`    … ${list.length - 8} more`);
    }
    const initialGz = rows.filter((r) => r.kind === 'initial').reduce((s, r) => s + r.gz, 0);
    const monacoInitial = rows.some((r) => r.kind === 'initial' && /editor-monaco|editor\.api|monaco/i.test(r.file));
    console.log(`initial JS gzip ${kb(initialGz).trim()} (budget 150 KB): ${initialGz <= 150 * 1024 ? 'ok' : 'OVER'}; monaco in initial: ${monacoInitial ? 'YES' : 'no'}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await redrawBench();
sizesBench();
