/** How the API server answers a PATCH whose body it cannot apply: the patch module's error text, as a value. */
import { applyPatch, type PatchType } from '../patch';
import type { KObj } from './types';

export function runPatch(original: KObj, patch: unknown, type: PatchType, kind: string): { obj: KObj } | { error: string } {
  try {
    const r = applyPatch(original, patch, type, kind);
    return r && typeof r === 'object' && !Array.isArray(r) ? { obj: r as KObj } : { error: 'patch did not produce an object' };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
