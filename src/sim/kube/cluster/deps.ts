/**
 * The one place the cluster calls modules other helpers own (patch, env, schema, gunicorn, app files).
 * Each call is wrapped so that a surprise in another module becomes a clear message, never a throw.
 */
import { applyPatch } from '../patch';
import { resolveEnvDetailed, resolveCommand } from '../env';
import { validateObject, knownKind, explain, formatErrors } from '../schema';
import type { KObj } from './types';

export type PatchType = 'strategic' | 'merge' | 'json';

export function runPatch(original: KObj, patch: unknown, type: PatchType, kind: string): { obj: KObj } | { error: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r: any = (applyPatch as any)(original, patch, type, kind);
    if (r && typeof r === 'object' && 'error' in r && typeof r.error === 'string') return { error: r.error };
    if (r && typeof r === 'object' && 'result' in r && r.result && typeof r.result === 'object') return { obj: r.result as KObj };
    if (r && typeof r === 'object' && 'obj' in r) return { obj: r.obj as KObj };
    if (r && typeof r === 'object' && !Array.isArray(r)) return { obj: r as KObj };
    return { error: 'patch did not produce an object' };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export interface EnvLookups {
  configMaps: Record<string, Record<string, string>>;
  secrets: Record<string, Record<string, string>>;
  node: { name?: string; ip?: string; allocatable?: Record<string, string | number> };
  serviceEnv: Record<string, string>;
}

/** The container's final environment, name → value, in definition order (then the service links). */
export function containerEnv(container: KObj, pod: KObj, lookups: EnvLookups): { env: Record<string, string>; errors: string[] } {
  try {
    const r = resolveEnvDetailed(container as never, pod as never, lookups);
    return { env: toStrings(r.env ?? {}), errors: Array.isArray(r.errors) ? r.errors.map(String) : [] };
  } catch (e) {
    return { env: {}, errors: [e instanceof Error ? e.message : String(e)] };
  }
}

function toStrings(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

/** command + args after $(VAR) expansion; [] when the container uses the image's entrypoint. */
export function containerArgv(container: KObj, env: Record<string, string>): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r: any = (resolveCommand as any)(container, env);
    if (Array.isArray(r)) return r.map(String);
    if (r && typeof r === 'object') return [...(r.command ?? []), ...(r.args ?? [])].map(String);
  } catch {
    /* fall through to the unexpanded command */
  }
  return [...(container.command ?? []), ...(container.args ?? [])].map(String);
}

export interface FieldError {
  path: string;
  message: string;
  type?: 'decode' | 'invalid' | 'kind';
}

/** The API server's text for decode errors (`... cannot be handled as a Deployment: strict decoding error: ...`). */
export function decodeMessage(obj: KObj, errors: FieldError[]): string {
  try {
    return formatErrors(obj, errors);
  } catch {
    return errors.map((e) => e.message).join(', ');
  }
}

export function schemaErrors(obj: KObj): FieldError[] {
  try {
    const r = validateObject(obj) as unknown;
    return Array.isArray(r) ? (r as FieldError[]) : [];
  } catch (e) {
    return [{ path: '', message: e instanceof Error ? e.message : String(e) }];
  }
}

export function kindStatus(apiVersion: string, kind: string): 'ok' | 'removed' | 'unknown' {
  try {
    return knownKind(apiVersion, kind);
  } catch {
    return 'unknown';
  }
}

export function explainPath(path: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r: any = (explain as any)(path);
    if (typeof r === 'string') return r;
    if (r && typeof r === 'object' && typeof r.error === 'string') return 'error: ' + r.error;
    if (r && typeof r === 'object' && typeof r.text === 'string') return r.text;
    return String(r ?? '');
  } catch (e) {
    return 'error: ' + (e instanceof Error ? e.message : String(e));
  }
}
