/** Basic programs: flags and error texts checked against GNU coreutils 9 / grep 3 / bash 5.2 on Debian. */
import { describe, expect, it } from 'vitest';
import { makeShell } from './helpers.test-util';

describe('echo / printf', () => {
  it('echo -n -e -E, and -x is an argument', async () => {
    const { run } = makeShell();
    expect((await run('echo -n a; echo b')).out).toBe('ab\n');
    expect((await run('echo -e "a\\tb\\nc"')).out).toBe('a\tb\nc\n');
    expect((await run('echo -E "a\\tb"')).out).toBe('a\\tb\n');
    expect((await run('echo -x')).out).toBe('-x\n');
  });
  it('printf formats and reuses the format; invalid numbers as bash', async () => {
    const { run } = makeShell();
    expect((await run("printf '%5s|%-3d|%x|%.2f\\n' ab 7 255 3.14159")).out).toBe('   ab|7  |ff|3.14\n');
    expect((await run("printf '%s\\n' a b c")).out).toBe('a\nb\nc\n');
    expect((await run("printf '%05d %%\\n' 42")).out).toBe('00042 %\n');
    const bad = await run("printf '%d\\n' abc");
    expect(bad).toEqual({ code: 1, out: '0\n', err: 'bash: printf: abc: invalid number\n' });
    expect((await run('printf')).code).toBe(2);
  });
});

describe('cat / head / tail / wc', () => {
  it('cat files, -n, and missing files', async () => {
    const { run } = makeShell();
    await run("printf 'a\\nb\\n' > f");
    expect((await run('cat -n f')).out).toBe('     1\ta\n     2\tb\n');
    expect(await run('cat f nope')).toEqual({ code: 1, out: 'a\nb\n', err: 'cat: nope: No such file or directory\n' });
    expect((await run('cat /tmp')).err).toBe('cat: /tmp: Is a directory\n');
  });
  it('head and tail with -n N, -N, -n +N', async () => {
    const { run } = makeShell();
    expect((await run('seq 10 | head -n 2')).out).toBe('1\n2\n');
    expect((await run('seq 10 | head -3')).out).toBe('1\n2\n3\n');
    expect((await run('seq 10 | tail -n 2')).out).toBe('9\n10\n');
    expect((await run('seq 10 | tail -n +9')).out).toBe('9\n10\n');
    expect((await run('head nope')).err).toBe("head: cannot open 'nope' for reading: No such file or directory\n");
    expect((await run('seq 3 | head -n x')).err).toBe('head: invalid number of lines: ‘x’\n');
  });
  it('wc widths follow GNU wc', async () => {
    const { run } = makeShell();
    expect((await run('echo hi | wc')).out).toBe('      1       1       3\n');
    await run("printf 'a b\\nc\\n' > f.txt");
    expect((await run('wc f.txt')).out).toBe('2 3 6 f.txt\n');
    expect((await run('wc -l f.txt')).out).toBe('2 f.txt\n');
    expect((await run('wc -l < f.txt')).out).toBe('2\n');
    expect((await run('wc f.txt f.txt')).out).toBe(' 2  3  6 f.txt\n 2  3  6 f.txt\n 4  6 12 total\n');
  });
});

describe('grep', () => {
  it('-i -v -c -E -n -o and exit statuses', async () => {
    const { run } = makeShell();
    await run("printf 'GET /a 200\\nPOST /b 500\\nget /c 404\\n' > log");
    expect((await run('grep GET log')).out).toBe('GET /a 200\n');
    expect((await run('grep -i get log')).out).toBe('GET /a 200\nget /c 404\n');
    expect((await run('grep -v GET log')).out).toBe('POST /b 500\nget /c 404\n');
    expect((await run('grep -c 0 log')).out).toBe('3\n');
    expect((await run("grep -E 'GET|POST' log")).out).toBe('GET /a 200\nPOST /b 500\n');
    expect((await run("grep 'GET|POST' log")).code).toBe(1); // BRE: | is literal
    expect((await run("grep 'GET\\|POST' log")).out).toBe('GET /a 200\nPOST /b 500\n');
    expect((await run('grep -n 500 log')).out).toBe('2:POST /b 500\n');
    expect((await run("grep -oE '[0-9]{3}' log")).out).toBe('200\n500\n404\n');
    expect((await run('grep x nope')).code).toBe(2);
    expect((await run('grep')).code).toBe(2);
  });
});

describe('seq / sleep / ls / env / which / ps / man / help / clear', () => {
  it('seq forms and errors', async () => {
    const { run } = makeShell();
    expect((await run('seq 3')).out).toBe('1\n2\n3\n');
    expect((await run('seq 0 5 10')).out).toBe('0\n5\n10\n');
    expect((await run('seq 1 0.5 2')).out).toBe('1.0\n1.5\n2.0\n');
    expect((await run('seq -w 8 10')).out).toBe('08\n09\n10\n');
    expect((await run('seq -s , 3')).out).toBe('1,2,3\n');
    expect((await run('seq')).err).toBe("seq: missing operand\nTry 'seq --help' for more information.\n");
    expect((await run('seq x')).err).toBe("seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n");
  });
  it('sleep errors', async () => {
    const { run } = makeShell();
    expect((await run('sleep')).err).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    expect((await run('sleep abc')).err).toBe("sleep: invalid time interval ‘abc’\nTry 'sleep --help' for more information.\n");
  });
  it('ls lists files and reports missing ones', async () => {
    const { run } = makeShell();
    await run('echo x > b.txt; echo y > a.py; echo z > .hidden');
    expect((await run('ls')).out).toBe('a.py  b.txt\n');
    expect((await run('ls -a -1')).out).toBe('.hidden\na.py\nb.txt\n');
    expect(await run('ls nope')).toEqual({ code: 2, out: '', err: "ls: cannot access 'nope': No such file or directory\n" });
    expect((await run('ls *.py')).out).toBe('a.py\n');
  });
  it('env prints and runs with extra variables', async () => {
    const { run } = makeShell();
    expect((await run('env | grep ^HOME=')).out).toBe('HOME=/home/learner\n');
    expect((await run('env X=1 env | grep ^X=')).out).toBe('X=1\n');
    expect((await run('env nosuch')).err).toBe('env: ‘nosuch’: No such file or directory\n');
  });
  it('which, ps, man, help, clear', async () => {
    const { run, sh } = makeShell();
    // procs.spawn's pid stride: the next pid after the shell's is pid + 1 + pid % 3.
    expect((await run('ps')).out).toBe(`    PID TTY          TIME CMD\n${String(sh.pid).padStart(7)} pts/0    00:00:00 bash\n${String(sh.pid + 1 + (sh.pid % 3)).padStart(7)} pts/0    00:00:00 ps\n`);
    expect((await run('which grep')).out).toBe('/usr/bin/grep\n');
    expect((await run('which nosuch')).code).toBe(1);
    expect((await run('man grep')).out).toContain('grep - print lines that match a pattern');
    expect(await run('man nosuch')).toEqual({ code: 16, out: '', err: 'No manual entry for nosuch\n' });
    expect((await run('man')).code).toBe(1);
    const h = (await run('help')).out;
    for (const n of ['echo', 'printf', 'cat', 'seq', 'env', 'clear', 'grep', 'sleep']) expect(h).toContain(`  ${n} `);
    expect(h).toContain('$ seq 5');
    expect((await run('clear')).out).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
  it('cat with no input waits for the terminal until Ctrl-C', async () => {
    const { sh } = makeShell();
    const p = sh.run('cat');
    await new Promise((r) => setTimeout(r, 0));
    sh.interrupt();
    expect(await p).toBe(130);
  });
});
