import { describe, expect, it } from 'vitest';
import { World } from '../../world';
import { runProgram } from '../../programs/testing';
import { printenv } from './printenv';

// Behaviour of GNU coreutils printenv.c (exit 1 for an unset name, 2 for a usage error, -0 NUL-terminates).
describe('printenv (coreutils printenv.c)', () => {
  const env = { HOME: '/root', MY_POD_NAME: 'backend-7d4b9c8f6-x2x9k' };
  const run = (argv: string[]) => runProgram(printenv, new World(), ['printenv', ...argv], { env });

  it('prints the named values, one per line; exit 1 when one is unset or contains "="', async () => {
    expect(await run(['MY_POD_NAME'])).toMatchObject({ out: 'backend-7d4b9c8f6-x2x9k\n', code: 0 });
    expect(await run(['HOME', 'NOPE', 'MY_POD_NAME'])).toMatchObject({ out: '/root\nbackend-7d4b9c8f6-x2x9k\n', code: 1 });
    expect(await run(['HOME=/root'])).toMatchObject({ out: '', code: 1 });
  });

  it('without names prints NAME=VALUE for all; -0 ends entries with NUL; a bad option exits 2', async () => {
    const all = (await run([])).out.split('\n');
    expect(all).toContain('HOME=/root');
    expect(all).toContain('MY_POD_NAME=backend-7d4b9c8f6-x2x9k');
    expect((await run(['-0', 'HOME'])).out).toBe('/root\0');
    const bad = await run(['-x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("printenv: invalid option -- 'x'\nTry 'printenv --help' for more information.\n");
  });
});
