/**
 * uPlot glue: columnar render results → uPlot's AlignedData, theme-aware options. Graphite's None stays null,
 * and with `spanGaps: false` uPlot leaves a gap there instead of drawing through it (Graphite draws gaps too).
 */
import type uPlot from 'uplot';
import type { RenderResult } from '../../worker/protocol';

/** Fallback palette when the page defines no --graph-N variables (the Tableau 10 palette, readable on dark and light). */
const FALLBACK = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export interface Theme {
  fg: string;
  grid: string;
  palette: string[];
}

/** Colours from CSS variables (--graph-fg, --graph-grid, --graph-1 … --graph-10), with fallbacks. */
export function readTheme(el: Element): Theme {
  const cs = getComputedStyle(el);
  const v = (name: string, dflt: string) => cs.getPropertyValue(name).trim() || dflt;
  return {
    fg: v('--graph-fg', v('--fg', '#444')),
    grid: v('--graph-grid', 'rgba(128,128,128,0.2)'),
    palette: FALLBACK.map((c, i) => v(`--graph-${i + 1}`, c)),
  };
}

export function toAligned(r: RenderResult): uPlot.AlignedData {
  return [Float64Array.from(r.x), ...r.series.map((s) => s.values)] as unknown as uPlot.AlignedData;
}

/** A stable key for the set of series names: uPlot needs new options when it changes. */
export function seriesKey(r: RenderResult): string {
  return r.series.map((s) => s.target).join('\u0000');
}

function fmt(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return 'None';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return (Math.round(v * 1000) / 1000).toString();
}

/** uPlot points.filter: indices of non-null values whose neighbours are both null (or missing). */
export function isolatedPoints(u: uPlot, seriesIdx: number): number[] | null {
  const ys = u.data[seriesIdx] as (number | null | undefined)[] | undefined;
  if (!ys) return null;
  const out: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    if (ys[i] == null) continue;
    if (ys[i - 1] == null && ys[i + 1] == null) out.push(i);
  }
  return out;
}

export function plotOptions(names: string[], theme: Theme, width: number, height: number): uPlot.Options {
  const axis = { stroke: theme.fg, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
  return {
    width,
    height,
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [axis, { ...axis, size: 60 }],
    series: [
      { label: 'time' },
      ...names.map((n, i) => ({
        label: n,
        stroke: theme.palette[i % theme.palette.length],
        width: 1.5,
        spanGaps: false,
        // Lines only, except a value with gaps (None) on both sides: it has no line to be part of, so draw it
        // as a dot (otherwise the first flush after a start looks like no data at all).
        points: { show: true, size: 5, filter: isolatedPoints },
        value: (_u: uPlot, v: number | null) => fmt(v),
      })),
    ],
  };
}
