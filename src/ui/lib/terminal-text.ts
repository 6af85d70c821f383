/**
 * The text of an xterm buffer as the program wrote it: a row that xterm soft-wrapped (`isWrapped`: it
 * continues the row above because the line was wider than the terminal) joins the row above instead of
 * starting a new line — as xterm's own selection copy does — so a long command reads as one line.
 */
export interface BufferLike {
  readonly length: number;
  getLine(y: number): { readonly isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
}

export function bufferText(b: BufferLike): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const row = b.getLine(i);
    if (!row) continue;
    const next = i + 1 < b.length ? b.getLine(i + 1) : undefined;
    // A row continued by the next one was full width: its trailing spaces are part of the line.
    const text = row.translateToString(!next?.isWrapped);
    if (row.isWrapped && lines.length) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
