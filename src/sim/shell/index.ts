/** Public API of the shell: tokenizer, parser, the interpreter and the basic programs. */
export { tokenize, type Token } from './lexer';
export { parse, isIncomplete } from './parser';
export { ShellSyntaxError } from './errors';
export { Shell, STEP_LIMIT, type ShellOptions } from './interpreter';
export { registerBasicPrograms, BASIC_PROGRAMS } from './programs/index';
export type * from './ast';
