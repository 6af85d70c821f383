import { describe, it, expect } from 'vitest';
import { humanDuration, table } from '../../kubectl/format';
import { tabwrite } from '../../kubectl/describe';
import { jsonpath } from '../../kubectl/jsonpath';

describe('kubectl output helpers', () => {
  it('HumanDuration follows apimachinery pkg/util/duration (duration_test.go cases)', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const cases: [number, string][] = [
      [s, '1s'],
      [70 * s, '70s'],
      [190 * s, '3m10s'],
      [70 * m, '70m'],
      [47 * h, '47h'],
      [49 * h, '2d1h'],
      [(8 * 24 + 2) * h, '8d'],
      [367 * 24 * h, '367d'],
      [(365 * 2 * 24 + 25) * h, '2y1d'],
      [(365 * 8 * 24 + 2) * h, '8y'],
    ];
    for (const [d, want] of cases) expect(humanDuration(d)).toBe(want);
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5000)).toBe('<invalid>');
  });

  it('get tables pad each column to its widest cell + 3, at least 6 (printers.GetNewTabWriter)', () => {
    expect(table([['NAME', 'AGE'], ['a', '1s']])).toBe('NAME   AGE\na      1s\n');
    expect(table([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
    expect(table([['NAME', 'READY', 'AGE'], ['backend', '1/1', '5s']])).toBe('NAME      READY   AGE\nbackend   1/1     5s\n');
  });

  it('describe aligns a column over consecutive lines that have it (text/tabwriter)', () => {
    expect(tabwrite(['Name:\tx', 'Namespace:\tdefault', 'Pod Template:', '  Labels:\tapp=x'])).toBe(
      'Name:       x\nNamespace:  default\nPod Template:\n  Labels:  app=x\n',
    );
  });

  it('jsonpath: fields, wildcards, filters, range, errors', () => {
    const data = { items: [{ metadata: { name: 'a' }, n: 1 }, { metadata: { name: 'b' }, n: 2 }] };
    expect(jsonpath('{.items[*].metadata.name}', data)).toEqual({ out: 'a b' });
    expect(jsonpath('{.items[1].n}', data)).toEqual({ out: '2' });
    expect(jsonpath('{.items[?(@.n>1)].metadata.name}', data)).toEqual({ out: 'b' });
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\n"}{end}', data)).toEqual({ out: 'a\nb\n' });
    expect(jsonpath('{.nope}', data)).toEqual({ error: 'nope is not found' });
  });
});
