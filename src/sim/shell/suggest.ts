/** "did you mean" for unknown commands: the closest known name within a small edit distance. */
/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps (gerp → grep). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
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
