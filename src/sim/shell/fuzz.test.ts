/** Fuzz: 2,000 random shell-ish inputs never throw out of the public API and always end. */
import { describe, expect, it } from 'vitest';
import { parse, isIncomplete } from './parser';
import { tokenize } from './lexer';
import { makeShell } from './helpers.test-util';

const FRAGMENTS = ['echo', ' ', 'a', '"', "'", '$', '${', '}', '$(', ')', '(', '`', '|', '||', '&&', '&', ';', ';;', '\n', '<', '>', '>>', '<<', 'EOF', '<<-', '<<<', '2>&1', '\\', 'for x in 1 2; do', 'done', 'while false; do', 'if true; then', 'fi', 'else', '{', '}', '$((1+', '))', 'seq 3', 'cat', 'grep a', 'wc -l', 'sleep 1', 'x=1', '$x', '*', '~', '#', 'kill %1', 'jobs', 'true', 'false', '[ 1 -lt 2 ]', 'break', 'echo $?', 'printf %s', 'until true; do'];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('fuzz', () => {
  it('2,000 random inputs: parse and run never throw and always end', async () => {
    const rand = rng(42);
    const { sh, world } = makeShell();
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(rand() * 12);
      let src = '';
      for (let k = 0; k < len; k++) src += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)];
      expect(() => tokenize(src)).not.toThrow();
      expect(() => parse(src)).not.toThrow();
      expect(() => isIncomplete(src)).not.toThrow();
      // A filter with no input (cat, grep) waits for the terminal as the real one does: the learner's Ctrl-C ends it.
      const ctrlC = setTimeout(() => sh.interrupt(), 30);
      const code = await sh.run(src);
      clearTimeout(ctrlC);
      expect(Number.isInteger(code)).toBe(true);
      // Background jobs sleeping on the clock end when time passes.
      world.clock.advance(2000);
    }
  }, 60_000);
});
