/** Shared helpers for the basic programs: reading file operands / stdin like coreutils. */
import type { ProgramContext } from '../program';
import { resolvePath } from '../../fs';
import { KNOWN_DIRS } from '../interpreter';
import { SIGNUM } from '../interpreter';

export interface Input {
  name: string;
  text: string;
}

/** Read a file operand; null after printing coreutils' message (`cat: x: No such file or directory`). */
export function readOperand(ctx: ProgramContext, name: string, prog: string, style: 'plain' | 'open' = 'plain'): string | null {
  if (name === '-') return ctx.stdin ?? '';
  const path = resolvePath(ctx.cwd, name, ctx.env.HOME ?? '/home/learner');
  if (path === '/dev/null') return '';
  const fs = ctx.world.fs(ctx.host);
  const text = fs.read(path);
  if (text !== null) return text;
  const isDir = fs.isDir(path) || KNOWN_DIRS.has(path);
  if (style === 'open') {
    ctx.err(isDir ? `${prog}: error reading '${name}': Is a directory\n` : `${prog}: cannot open '${name}' for reading: No such file or directory\n`);
  } else {
    ctx.err(`${prog}: ${name}: ${isDir ? 'Is a directory' : 'No such file or directory'}\n`);
  }
  return null;
}

/**
 * With no stdin (the terminal) a filter like `cat` waits for typed input until Ctrl-D or Ctrl-C; the playground
 * cannot type into a running program, so it waits for the signal, as the real one seems to.
 */
export async function waitForTerminal(ctx: ProgramContext): Promise<number> {
  const sig = await ctx.signal;
  return 128 + SIGNUM[sig];
}

/** Split text into lines, keeping track of whether the last one had a newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

/** Parse a count like head/tail's -n argument. */
export function parseCount(s: string | undefined): number | null {
  if (s === undefined || !/^[+-]?[0-9]+$/.test(s)) return null;
  return Math.abs(Number(s));
}
