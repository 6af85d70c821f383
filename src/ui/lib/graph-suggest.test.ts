import { describe, expect, it } from 'vitest';
import { applySuggestion, functionSuggestions, metricSuggestions, suggestContext } from './graph-suggest';

const fns = [
  { name: 'sumSeries', signature: 'sumSeries(*seriesLists)' },
  { name: 'summarize', signature: "summarize(seriesList, intervalString, func='sum')" },
  { name: 'alias', signature: 'alias(seriesList, newName)' },
];

describe('target box suggestions', () => {
  it('`stats.` asks /metrics/find for the children of stats', () => {
    const c = suggestContext('stats.', 6);
    expect(c).toMatchObject({ kind: 'metric', query: 'stats.*', start: 0 });
  });

  it('inside a function call, only the path argument is the token', () => {
    const t = 'sumSeries(stats.counters.fo';
    const c = suggestContext(t, t.length);
    expect(c).toMatchObject({ kind: 'metric', token: 'stats.counters.fo', query: 'stats.counters.fo*', start: 10 });
  });

  it('a second argument after a comma starts a new token, {a,b} does not split', () => {
    const t = 'sumSeries(a.b, stats.{x,y}.c';
    const c = suggestContext(t, t.length);
    expect(c.token).toBe('stats.{x,y}.c');
  });

  it('a bare word suggests functions by prefix with their signature', () => {
    const c = suggestContext('sum', 3);
    expect(c.kind).toBe('function');
    expect(functionSuggestions(fns, c).map((s) => [s.label, s.detail])).toEqual([
      ['sumSeries', 'sumSeries(*seriesLists)'],
      ['summarize', "summarize(seriesList, intervalString, func='sum')"],
    ]);
  });

  it('branches keep drilling with a trailing dot; accepting replaces the partial node', () => {
    const t = 'aliasByNode(stats.cou, 2)';
    const c = suggestContext(t, 'aliasByNode(stats.cou'.length);
    const s = metricSuggestions([{ path: 'stats.counters', text: 'counters', leaf: false }], c);
    expect(s[0]!.insert).toBe('stats.counters.');
    const r = applySuggestion(t, c, s[0]!);
    expect(r.text).toBe('aliasByNode(stats.counters., 2)');
    expect(r.cursor).toBe('aliasByNode(stats.counters.'.length);
  });

  it('nothing to suggest after punctuation', () => {
    expect(suggestContext('sumSeries(', 10).kind).toBe('none');
  });
});
