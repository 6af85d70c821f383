// JSON merge patch, RFC 7386 section 2 (MergePatch pseudo-code): objects merge recursively,
// null deletes, anything else (arrays included) replaces.
export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const target: Record<string, unknown> = isObject(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else target[k] = jsonMergePatch(target[k], v);
  }
  return target;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
