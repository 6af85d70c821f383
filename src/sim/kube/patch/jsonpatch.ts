// JSON patch (RFC 6902) through fast-json-patch; failures are reworded like the API server's
// (evanphx/json-patch) messages, e.g. `replace operation does not apply: doc is missing key: /spec/x: missing value`.
import { applyPatch as fjpApply, JsonPatchError, type Operation } from 'fast-json-patch';
import { PatchError } from './errors';

export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  for (const op of ops) {
    if (typeof op !== 'object' || op === null || typeof (op as { op?: unknown }).op !== 'string') {
      throw new PatchError('Unexpected kind: unknown');
    }
  }
  const doc = JSON.parse(JSON.stringify(original ?? {}));
  try {
    return fjpApply(doc, ops as Operation[], true, true).newDocument;
  } catch (e) {
    if (e instanceof JsonPatchError) throw new PatchError(reword(e, ops as Operation[]));
    throw new PatchError(e instanceof Error ? e.message : String(e));
  }
}

function reword(e: JsonPatchError, ops: Operation[]): string {
  const op = e.operation as Operation | undefined ?? ops[e.index ?? 0];
  const path = op?.path ?? '';
  switch (e.name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
      if (op?.op === 'replace') return `replace operation does not apply: doc is missing key: ${path}: missing value`;
      if (op?.op === 'remove') return `remove operation does not apply: doc is missing path: "${path}": missing value`;
      return `${op?.op ?? 'add'} operation does not apply: doc is missing path: "${path}": missing value`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `${op?.op} operation does not apply: doc is missing from path: ${(op as { from?: string }).from ?? ''}: missing value`;
    case 'TEST_OPERATION_FAILED':
      return `testing value ${path} failed: test failed`;
    case 'OPERATION_OP_INVALID':
      return `Unexpected kind: ${op?.op}`;
    case 'OPERATION_VALUE_REQUIRED':
      return `${op?.op} operation, missing value`;
    default:
      return e.message.split('\n')[0];
  }
}
