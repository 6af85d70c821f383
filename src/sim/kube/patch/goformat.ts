// Go's fmt %v rendering of decoded JSON values, used to reproduce apimachinery's error texts
// (e.g. `map: map[image:foo] does not contain declared merge key: name`).

export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    // fmt prints map keys sorted.
    return `map[${Object.keys(m)
      .sort()
      .map((k) => `${k}:${goFormat(m[k])}`)
      .join(' ')}]`;
  }
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** %v of a float64: shortest repr, exponent form from 1e21 on (strconv 'g' with shortest precision). */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** reflect.TypeOf(v).String() for a decoded JSON value. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}
