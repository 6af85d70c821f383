/** "did you mean" for unknown commands: the closest known name within a small edit distance. */
export function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

export function suggestCommand(name: string, known: string[]): string | null {
  if (name.length < 2) return null;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    if (k.length < 2 || /^[[:.]/.test(k)) continue;
    const dist = editDistance(name.toLowerCase(), k);
    if (dist < bestD && dist <= limit) {
      best = k;
      bestD = dist;
    }
  }
  return best;
}
