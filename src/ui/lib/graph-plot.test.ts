import { describe, expect, it } from 'vitest';
import { plotOptions, seriesKey, toAligned } from './graph-plot';

describe('uPlot glue', () => {
  it("keeps Graphite's None as null (a gap), never 0", () => {
    const d = toAligned({ x: [10, 20, 30], series: [{ target: 'a', values: [1, null, 3] }] });
    expect(Array.from(d[0] as ArrayLike<number>)).toEqual([10, 20, 30]);
    expect(d[1]).toEqual([1, null, 3]);
  });

  it('series do not span gaps and take colours from the theme palette', () => {
    const o = plotOptions(['a', 'b'], { fg: '#000', grid: '#ccc', palette: ['red', 'blue'] }, 400, 200);
    expect(o.series.slice(1).map((s) => [s.label, s.stroke, s.spanGaps])).toEqual([
      ['a', 'red', false],
      ['b', 'blue', false],
    ]);
    expect(o.legend?.live).toBe(true);
  });

  it('legend values: None for gaps, short numbers otherwise', () => {
    const o = plotOptions(['a'], { fg: '#000', grid: '#ccc', palette: ['red'] }, 400, 200);
    const v = o.series[1]!.value as (u: unknown, v: number | null) => string;
    expect(v(null, null)).toBe('None');
    expect(v(null, 1.23456)).toBe('1.235');
  });

  it('a new set of series names needs new plot options', () => {
    expect(seriesKey({ x: [], series: [{ target: 'a', values: [] }] })).not.toBe(seriesKey({ x: [], series: [{ target: 'b', values: [] }] }));
  });
});
