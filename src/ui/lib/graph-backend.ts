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

export interface GraphBackend {
  /** Evaluate targets over [from, until] (unix seconds; negative = relative to the simulated now). */
  render(targets: string[], from: number, until?: number): Promise<RenderResult>;
  /** Graphite /metrics/find: children matching a query like `stats.*`. */
  find(query: string): Promise<FindNode[]>;
  /** Called after each statsd flush; returns the unsubscribe function. */
  onFlushed(fn: () => void): () => void;
}

/** The subset of SimClient used here (structural, so a fake client works too). */
export interface ClientLike {
  call<M extends keyof Methods>(method: M, params: Methods[M]['params']): Promise<Methods[M]['result']>;
  on<E extends keyof Events>(name: E, fn: (data: Events[E]) => void): () => void;
}

export function graphBackendFromClient(client: ClientLike, source?: string): GraphBackend {
  return {
    render: (targets, from, until) =>
      client.call('graphite.render', { targets, from, ...(until !== undefined ? { until } : {}), ...(source ? { source } : {}) }),
    find: async (query) => (await client.call('graphite.find', { query, ...(source ? { source } : {}) })).nodes,
    onFlushed: (fn) => client.on('flushed', (d) => {
      if (!source || d.source === source) fn();
    }),
  };
}
