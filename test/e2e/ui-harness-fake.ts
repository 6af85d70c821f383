/**
 * An in-page stand-in for the worker's Graphite (only for the harness's `fake=1` mode): a few series that grow
 * on every `flush()`, wildcard find, and a parse error with its column for unbalanced parentheses.
 */
import type { GraphBackend } from '../../src/ui/lib/graph-backend';

export function fakeBackend(): GraphBackend & { flush(): void } {
  let flushes = 0;
  const listeners = new Set<() => void>();
  const now = () => 1_700_000_000 + flushes * 10;
  return {
    async render(targets, from) {
      for (const t of targets) {
        let depth = 0;
        for (let i = 0; i < t.length; i++) {
          if (t[i] === '(') depth++;
          if (t[i] === ')' && --depth < 0) return { x: [], series: [], error: `column ${i + 1}: unexpected ')'` };
        }
        if (depth > 0) return { x: [], series: [], error: `column ${t.length + 1}: expected ')'` };
      }
      const end = now();
      const start = end + from;
      const x: number[] = [];
      for (let s = Math.ceil(start / 10) * 10; s <= end; s += 10) x.push(s);
      const series = flushes === 0 ? [] : targets.map((t) => ({ target: t, values: x.map((s, i) => (i % 7 === 3 ? null : (s % 100) / 10)) }));
      return { x, series };
    },
    async find(q) {
      const tree: Record<string, string[]> = { '': ['stats'], stats: ['counters', 'timers'], 'stats.counters': ['foo'] };
      const parent = q.slice(0, Math.max(0, q.lastIndexOf('.')));
      const partial = q.slice(q.lastIndexOf('.') + 1).replace(/\*$/, '');
      return (tree[parent] ?? []).filter((n) => n.startsWith(partial)).map((n) => ({ path: parent ? `${parent}.${n}` : n, text: n, leaf: n === 'foo' }));
    },
    onFlushed(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    flush() {
      flushes++;
      for (const l of listeners) l();
    },
  };
}
