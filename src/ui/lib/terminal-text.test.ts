import { describe, expect, it } from 'vitest';
import { bufferText, type BufferLike } from './terminal-text';

/** A fake xterm buffer of `cols` columns: each row is [text, isWrapped]. */
function buffer(cols: number, rows: [string, boolean][]): BufferLike {
  return {
    length: rows.length,
    getLine: (y) => {
      const r = rows[y];
      if (!r) return undefined;
      const full = r[0].padEnd(cols, ' ');
      return { isWrapped: r[1], translateToString: (trim?: boolean) => (trim ? full.replace(/\s+$/, '') : full) };
    },
  };
}

describe('bufferText', () => {
  it('joins soft-wrapped rows into one line, keeping spaces at the wrap point', () => {
    const b = buffer(10, [
      ['$ echo one', false],
      [' two three', true],
      [' four', true],
      ['one two th', false],
      ['ree four', true],
      ['', false],
    ]);
    expect(bufferText(b)).toBe('$ echo one two three four\none two three four');
  });

  it('keeps hard line breaks and drops trailing empty rows', () => {
    const b = buffer(8, [
      ['a  ', false],
      ['', false],
      ['b', false],
      ['', false],
      ['', false],
    ]);
    expect(bufferText(b)).toBe('a\n\nb');
  });

  it('a wrapped row that ends exactly at the edge keeps its space before the continuation', () => {
    const b = buffer(4, [
      ['ab c', false],
      ['d', true],
    ]);
    expect(bufferText(b)).toBe('ab cd');
    const spaceAtEdge = buffer(4, [
      ['abc ', false],
      ['d', true],
    ]);
    expect(bufferText(spaceAtEdge)).toBe('abc d');
  });
});
