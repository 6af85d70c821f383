// Public API: Kubernetes' three patch types, as `kubectl patch --type strategic|merge|json` sends them.
import { PatchError } from './errors';
import { strategicMergePatch } from './strategic';
import { jsonMergePatch } from './merge';
import { jsonPatch } from './jsonpatch';

export type PatchType = 'strategic' | 'merge' | 'json';
export { PatchError, strategicMergePatch, jsonMergePatch, jsonPatch };
export { supportedPatchKinds } from './meta';

/** Applies `patch` of the given type to a copy of `original`. Throws PatchError with the server's wording. */
export function applyPatch(original: unknown, patch: unknown, type: PatchType, kind: string): unknown {
  try {
    switch (type) {
      case 'strategic':
        return strategicMergePatch(original, patch, kind);
      case 'merge':
        return jsonMergePatch(original, patch);
      case 'json':
        return jsonPatch(original, patch);
      default:
        throw new PatchError(`unknown patch type ${String(type)}`);
    }
  } catch (e) {
    if (e instanceof PatchError) throw e;
    throw new PatchError(e instanceof Error ? e.message : String(e));
  }
}
