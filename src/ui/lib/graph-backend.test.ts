import { describe, expect, it } from 'vitest';
import { defaultSource, graphBackendFromClient, type ClientLike } from './graph-backend';

function fakeClient() {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Map<string, ((d: unknown) => void)[]>();
  const client = {
    call: async (method: string, params: unknown) => {
      calls.push({ method, params });
      if (method === 'graphite.sources') return { sources: [{ id: 'local', label: 'laptop' }] };
      if (method === 'graphite.find') return { nodes: [] };
      return { x: [], series: [] };
    },
    on: (name: string, fn: (d: unknown) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return () => listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== fn));
    },
  };
  const emit = (name: string, d: unknown) => (listeners.get(name) ?? []).forEach((f) => f(d));
  return { client: client as unknown as ClientLike, calls, emit };
}

describe('graph backend over the worker client', () => {
  it('sends the source chosen at call time and only reacts to its flushes', async () => {
    const { client, calls, emit } = fakeClient();
    let source = 'local';
    const b = graphBackendFromClient(client, () => source);
    await b.render(['a.b'], -300);
    source = 'pod/graphite-abc';
    await b.find('stats.*');
    expect(calls.map((c) => c.params)).toEqual([
      { targets: ['a.b'], from: -300, source: 'local' },
      { query: 'stats.*', source: 'pod/graphite-abc' },
    ]);
    let n = 0;
    b.onFlushed(() => n++);
    emit('flushed', { now: 1, source: 'local' });
    emit('flushed', { now: 2, source: 'pod/graphite-abc' });
    expect(n).toBe(1);
  });

  it('tells about new sources on kube changes and on a flush from an unseen backend', () => {
    const { client, emit } = fakeClient();
    const b = graphBackendFromClient(client);
    let n = 0;
    const off = b.onSourcesChanged!(() => n++);
    emit('changed', { what: 'kube' });
    emit('changed', { what: 'statsd' });
    emit('flushed', { now: 1, source: 'pod/x' });
    emit('flushed', { now: 2, source: 'pod/x' });
    expect(n).toBe(2);
    off();
    emit('changed', { what: 'kube' });
    expect(n).toBe(2);
  });

  it('defaults to the newest graphite pod, else the laptop', () => {
    expect(defaultSource([{ id: 'local', label: 'laptop' }])).toBe('local');
    expect(defaultSource([{ id: 'local', label: 'laptop' }, { id: 'pod/a', label: 'a' }, { id: 'pod/b', label: 'b' }])).toBe('pod/b');
    // The list not arrived yet: assume the laptop's, so panels keyed on the source are not rebuilt when it arrives.
    expect(defaultSource([])).toBe('local');
  });
});
