/** The basic programs every host has (echo, cat, grep, ls ...). */
import type { ProgramRegistry } from '../program';
import { echo, printf } from './echo';
import { cat, grep, head, seq, tail, wc } from './text';
import { clear, env, falseProg, help, ls, man, ps, sleep, trueProg, which } from './system';
import { printenv } from './printenv';

export const BASIC_PROGRAMS = [echo, printf, cat, seq, env, clear, help, man, head, tail, grep, wc, ls, trueProg, falseProg, sleep, which, ps, printenv];

export function registerBasicPrograms(reg: ProgramRegistry): void {
  for (const p of BASIC_PROGRAMS) reg.register(p);
}
