/**
 * The page's typed client for the simulation worker: `call(method, params)` returns the result or
 * rejects with the worker's error text; `on(event, fn)` subscribes to pushed events.
 * One client per page: use `getClient()`.
 */
import type { EventMessage, EventName, Events, MethodName, Methods, WorkerOutMessage } from '../../worker/protocol';

type Listener<E extends EventName> = (data: Events[E]) => void;

/** Anything that can carry the protocol (a Worker, or a fake in tests). */
export interface Port {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
}

export class SimClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Map<EventName, Set<(data: unknown) => void>>();

  constructor(private port: Port) {
    port.addEventListener('message', (ev: MessageEvent) => this.receive(ev.data as WorkerOutMessage));
  }

  call<M extends MethodName>(method: M, params: Methods[M]['params']): Promise<Methods[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.port.postMessage({ kind: 'req', id, method, params });
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Subscribe; returns the unsubscribe function. */
  on<E extends EventName>(name: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as (data: unknown) => void);
    return () => set!.delete(fn as (data: unknown) => void);
  }

  private receive(msg: WorkerOutMessage): void {
    if (!msg || typeof msg !== 'object') return;
    if (msg.kind === 'res') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    } else if (msg.kind === 'event') {
      const e = msg as EventMessage;
      for (const fn of this.listeners.get(e.name) ?? []) {
        try {
          fn(e.data);
        } catch (err) {
          console.error(`listener for '${e.name}' failed`, err);
        }
      }
    }
  }
}

let client: SimClient | null = null;

export function getClient(): SimClient {
  if (!client) {
    const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
    worker.addEventListener('error', (e) => console.error('simulation worker error:', e.message));
    client = new SimClient(worker);
    // Handy in the console and for browser tests.
    (globalThis as { __sim?: SimClient }).__sim = client;
  }
  return client;
}
