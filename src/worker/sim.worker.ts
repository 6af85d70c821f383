/// <reference lib="webworker" />
/**
 * Web Worker entry: hosts the simulation (SimHost) and speaks the protocol of ./protocol.ts.
 * Every request gets exactly one response; nothing thrown inside a handler escapes the worker.
 */
import type { EventMessage, RequestMessage, ResponseMessage } from './protocol';
import { SimHost } from './sim-host';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: ResponseMessage | EventMessage): void {
  try {
    scope.postMessage(msg);
  } catch (e) {
    // Only non-cloneable data can fail here; report it instead of losing the response.
    if (msg.kind === 'res') scope.postMessage({ kind: 'res', id: msg.id, ok: false, error: `response not cloneable: ${String(e)}` });
  }
}

let host: SimHost | null = null;
let bootError: string | null = null;
try {
  host = new SimHost((name, data) => post({ kind: 'event', name, data } as EventMessage), { realtime: true });
} catch (e) {
  bootError = `the simulation failed to start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(bootError, e);
}

scope.onmessage = async (ev: MessageEvent<RequestMessage>) => {
  const msg = ev.data;
  if (!msg || msg.kind !== 'req' || typeof msg.id !== 'number') return;
  if (!host) {
    post({ kind: 'res', id: msg.id, ok: false, error: bootError ?? 'the simulation is not running' });
    return;
  }
  const r = await host.handle(msg.method, msg.params);
  post({ kind: 'res', id: msg.id, ...r });
};
