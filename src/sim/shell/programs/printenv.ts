/**
 * printenv, as GNU coreutils' printenv.c: no NAME prints every exported variable as NAME=VALUE; with NAMEs prints
 * each one's value, exit 1 when one is unset (a NAME containing '=' never matches); -0/--null ends each entry
 * with NUL instead of newline; a bad option exits 2 (PRINTENV_FAILURE).
 */
import type { ProgramSpec } from '../program';

export const printenv: ProgramSpec = {
  name: 'printenv',
  summary: 'print all or part of the environment',
  examples: ['printenv', 'printenv HOME', 'printenv MY_POD_NAME'],
  man: `printenv [OPTION] [VARIABLE]...
  Print the values of the specified environment VARIABLE(s).
  If no VARIABLE is specified, print name and value pairs for them all.
  -0, --null  end each output line with NUL, not newline
  Exit status: 0 if all VARIABLEs are set, 1 if one is not, 2 on a usage error.`,
  run(ctx) {
    let end = '\n';
    const names: string[] = [];
    let opts = true;
    for (const a of ctx.argv.slice(1)) {
      if (opts && a === '--') opts = false;
      else if (opts && (a === '-0' || a === '--null')) end = '\0';
      else if (opts && a.startsWith('--') && a.length > 2) {
        ctx.err(`printenv: unrecognized option '${a}'\nTry 'printenv --help' for more information.\n`);
        return 2;
      } else if (opts && a.startsWith('-') && a.length > 1) {
        const bad = [...a.slice(1)].find((ch) => ch !== '0');
        if (bad !== undefined) {
          ctx.err(`printenv: invalid option -- '${bad}'\nTry 'printenv --help' for more information.\n`);
          return 2;
        }
        end = '\0';
      } else names.push(a);
    }
    if (!names.length) {
      ctx.out(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}${end}`).join(''));
      return 0;
    }
    let missing = 0;
    for (const n of names) {
      if (!n.includes('=') && Object.prototype.hasOwnProperty.call(ctx.env, n)) ctx.out(ctx.env[n] + end);
      else missing++;
    }
    return missing ? 1 : 0;
  },
};
