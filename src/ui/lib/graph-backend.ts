/**
 * What the graph panels need from the simulation, as a small interface so components are testable with a fake.
 * The real one is the worker client (src/ui/lib/sim-client.ts): `graphBackendFromClient(getClient())`.
 */
import type { Events, Methods, RenderResult } from '../../worker/protocol';

export interface FindNode {
  path: string;
  text: string;
  leaf: boolean;
}

export interface GraphSource {
  id: string;
  label: string;
}

export interface GraphBackend {
  /** Evaluate targets over [from, until] (unix seconds; negative = relative to the simulated now). */
  render(targets: string[], from: number, until?: number): Promise<RenderResult>;
  /** Graphite /metrics/find: children matching a query like `stats.*`. */
  find(query: string): Promise<FindNode[]>;
  /** Called after each statsd flush (of the selected source); returns the unsubscribe function. */
  onFlushed(fn: () => void): () => void;
  /** Graphite instances that exist now ('local' on the laptop, one per graphite pod). */
  sources?(): Promise<GraphSource[]>;
  /** Called when the set of sources may have changed (pods came or went, world reset). */
  onSourcesChanged?(fn: () => void): () => void;
}

/** The subset of SimClient used here (structural, so a fake client works too). */
export interface ClientLike {
  call<M extends keyof Methods>(method: M, params: Methods[M]['params']): Promise<Methods[M]['result']>;
  on<E extends keyof Events>(name: E, fn: (data: Events[E]) => void): () => void;
}

/** `source` may be fixed or read at call time (the Graph's source picker). */
export function graphBackendFromClient(client: ClientLike, source?: string | (() => string | undefined)): GraphBackend {
  const src = () => (typeof source === 'function' ? source() : source);
  const withSource = () => {
    const s = src();
    return s ? { source: s } : {};
  };
  return {
    render: (targets, from, until) =>
      client.call('graphite.render', { targets, from, ...(until !== undefined ? { until } : {}), ...withSource() }),
    find: async (query) => (await client.call('graphite.find', { query, ...withSource() })).nodes,
    onFlushed: (fn) =>
      client.on('flushed', (d) => {
        const s = src();
        if (!s || d.source === s) fn();
      }),
    sources: async () => (await client.call('graphite.sources', {})).sources,
    onSourcesChanged: (fn) => {
      const known = new Set<string>();
      const offs = [
        client.on('changed', (d) => {
          if (d.what === 'kube' || d.what === 'reset' || d.what === 'metrics') fn();
        }),
        // A flush from a backend we have not seen yet: a new graphite pod is up.
        client.on('flushed', (d) => {
          if (!known.has(d.source)) {
            known.add(d.source);
            fn();
          }
        }),
      ];
      return () => offs.forEach((off) => off());
    },
  };
}

/** The source to show when the user has not picked one: the newest graphite pod, else the laptop's. */
export function defaultSource(sources: GraphSource[]): string | undefined {
  const pods = sources.filter((s) => s.id !== 'local');
  // Before the list has arrived, assume the laptop's: the list then confirms it, and the panels (keyed on the
  // source) are not torn down under the learner's typing a moment after the page opens.
  if (sources.length === 0) return 'local';
  return (pods[pods.length - 1] ?? sources.find((s) => s.id === 'local') ?? sources[0])?.id;
}
