import { describe, expect, it } from 'vitest';
import { makeShell } from './helpers.test-util';
import type { ProgramSpec } from './program';
import { STEP_LIMIT } from './interpreter';

/** A tiny long-running program for job control: prints, then waits for a signal or N simulated seconds. */
const server: ProgramSpec = {
  name: 'fakeserver',
  summary: 'test server',
  async run(ctx) {
    ctx.out(`started ${ctx.pid}\n`);
    const secs = Number(ctx.argv[1] ?? 0);
    if (secs > 0) {
      const ok = await ctx.sleep(secs * 1000);
      if (ok) {
        ctx.out('finished\n');
        return 0;
      }
    } else await ctx.signal;
    const sig = ctx.signalled();
    ctx.out(`got ${sig}\n`);
    return sig === 'SIGINT' ? 130 : 143;
  },
};

const withServer = () => makeShell((w) => w.programs.register(server));

describe('variables and expansion', () => {
  it('expands $VAR ${VAR} ${VAR:-default} $? $$ and splits unquoted results', async () => {
    const { run, sh } = makeShell();
    expect((await run('X="a  b"; echo $X; echo "$X"; echo ${X}c ${NOPE:-dflt} "${NOPE-}"')).out).toBe('a b\na  b\na bc dflt \n');
    expect((await run('false; echo $?; true; echo $?')).out).toBe('1\n0\n');
    expect((await run('echo $$')).out).toBe(`${sh.pid}\n`);
  });
  it('backslash-newline is a line continuation inside ${X:-...} too (bash removes it before the word is read)', async () => {
    const { run } = makeShell();
    expect((await run('echo ${NOPE:-a\\\nb} a\\\nb ${NOPE:-\\}x}')).out).toBe('ab ab }x\n');
  });
  it('VAR=x cmd sets the variable only for that command; export passes it to programs', async () => {
    const { run } = makeShell();
    expect((await run('FOO=1 env | grep ^FOO=; echo "[$FOO]"')).out).toBe('FOO=1\n[]\n');
    expect((await run('BAR=2; env | grep -c ^BAR=; export BAR; env | grep ^BAR=')).out).toBe('0\nBAR=2\n');
    expect((await run('export A=3; unset A; echo "[$A]"')).out).toBe('[]\n');
  });
  it('command substitution, backticks and arithmetic', async () => {
    const { run } = makeShell();
    expect((await run('echo "n=$(seq 3 | wc -l)" `echo bt` $((2*3+1))')).out).toBe('n=3 bt 7\n');
    expect((await run('i=0; i=$((i+1)); echo $i')).out).toBe('1\n');
    expect((await run('echo $((1/0))')).err).toContain('division by 0');
  });
  it('heredocs expand unless the delimiter is quoted; <<- strips tabs; <<< adds a newline', async () => {
    const { run } = makeShell();
    expect((await run('N=x\ncat <<EOF\nval=$N $(echo s)\nEOF')).out).toBe('val=x s\n');
    expect((await run("cat <<'EOF'\nval=$N\nEOF")).out).toBe('val=$N\n');
    expect((await run('cat <<-EOF\n\tindented\n\tEOF')).out).toBe('indented\n');
    expect((await run('cat <<< "here string"')).out).toBe('here string\n');
  });
  it('the <<EOF>> line prints bash\'s error, our note and runs nothing', async () => {
    const { run, world } = makeShell();
    const r = await run('cat - <<EOF>>\nhello\nEOF>>');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n').slice(0, 2)).toEqual([
      "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')",
      "bash: syntax error near unexpected token `newline'",
    ]);
    expect(r.err).toContain('fix:  cat - <<EOF');
    expect(world.fs().all()).toEqual({});
  });
});

describe('control flow', () => {
  it('&& || ; and pipes pass stdout to stdin in order', async () => {
    const { run } = makeShell();
    expect((await run('false && echo no || echo yes; true && echo both')).out).toBe('yes\nboth\n');
    expect((await run('printf "b\\na\\nb\\n" | grep b | wc -l')).out).toBe('2\n');
    expect((await run('! false && echo negated')).out).toBe('negated\n');
  });
  it('for, while, until, if/elif/else with [ ] and test', async () => {
    const { run } = makeShell();
    expect((await run('for x in a "b c"; do echo "<$x>"; done')).out).toBe('<a>\n<b c>\n');
    expect((await run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done')).out).toBe('0\n1\n2\n');
    expect((await run('i=0; until test $i = 2; do i=$((i+1)); done; echo $i')).out).toBe('2\n');
    expect((await run('x=5; if [ $x -gt 9 ]; then echo big; elif [ $x -gt 3 ]; then echo mid; else echo small; fi')).out).toBe('mid\n');
    expect((await run('for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done')).out).toBe('1\n2\n');
    expect((await run('[ abc -eq 1 ]')).err).toBe('bash: [: abc: integer expression expected\n');
    expect((await run('[ 1 = 1')).err).toBe("bash: [: missing `]'\n");
  });
  it('stops an endless loop after the step budget with a clear message', async () => {
    const { run } = makeShell();
    const r = await run('while true; do echo x > /dev/null; done');
    expect(r.err).toBe(`bash: stopped after ${STEP_LIMIT} steps: this playground limits loops (press Ctrl-C to stop earlier)\n`);
    expect(r.code).toBe(1);
  });
  it('stops a sleeping loop after its simulated time budget', async () => {
    const { run } = makeShell();
    const r = await run('while true; do sleep 3600; done');
    expect(r.err).toContain('hours of simulated time');
  });
});

describe('redirections and files', () => {
  it('> >> < 2>&1 and /dev/null go to the host filesystem', async () => {
    const { run, world } = makeShell();
    await run('echo one > f.txt; echo two >> f.txt');
    expect(world.fs().read('/home/learner/f.txt')).toBe('one\ntwo\n');
    expect((await run('wc -l < f.txt')).out).toBe('2\n');
    expect((await run('cat nope 2>&1 | grep -c "No such"')).out).toBe('1\n');
    const quiet = await run('cat nope 2>/dev/null');
    expect(quiet.err).toBe('');
    expect(quiet.code).toBe(1);
    expect((await run('cat < missing')).err).toBe('bash: missing: No such file or directory\n');
  });
  it('cd and pwd, with bash\'s errors', async () => {
    const { run, sh } = makeShell();
    expect((await run('cd /tmp; pwd')).out).toBe('/tmp\n');
    expect(sh.prompt()).toBe('learner@laptop:/tmp$ ');
    expect((await run('cd; pwd')).out).toBe('/home/learner\n');
    expect(sh.prompt()).toBe('learner@laptop:~$ ');
    expect((await run('cd /nope')).err).toBe('bash: cd: /nope: No such file or directory\n');
    expect((await run('cd a b')).err).toBe('bash: cd: too many arguments\n');
  });
});

describe('commands', () => {
  it('unknown command: 127 and a did-you-mean hint when close', async () => {
    const { run } = makeShell();
    const r = await run('gerp x');
    expect(r.code).toBe(127);
    expect(r.err).toBe("bash: gerp: command not found\ndid you mean 'grep'?\n");
    expect((await run('qqqqqq')).err).toBe('bash: qqqqqq: command not found\n');
  });
  it('syntax errors print bash\'s text and return 2', async () => {
    const { run } = makeShell();
    expect(await run('echo | | x')).toEqual({ code: 2, out: '', err: "bash: syntax error near unexpected token `|'\n" });
  });
  it('history, type, exit', async () => {
    const { run, sh } = makeShell();
    await run('echo a');
    await run('echo a');
    await run(' secret');
    expect((await run('history')).out).toBe('    1  echo a\n    2  history\n');
    expect(sh.history).toEqual(['echo a', 'history']);
    expect((await run('type cd ls for nope')).out).toBe('cd is a shell builtin\nls is /usr/bin/ls\nfor is a shell keyword\n');
    const ex = await run('exit 3');
    expect(ex.code).toBe(3);
    expect(ex.err).toContain('stays open');
  });
});

describe('jobs and signals', () => {
  it('& prints [1] PID, jobs lists it, the Done notice comes at the next prompt', async () => {
    const { run, world, sh, rec } = withServer();
    const r = await run('fakeserver 5 &');
    const pid = sh.jobs()[0].pid;
    expect(r.err).toBe(`[1] ${pid}\n`);
    await new Promise((r2) => setTimeout(r2, 0)); // the job's own output arrives asynchronously
    expect(rec.out).toBe(`started ${pid}\n`);
    expect((await run('echo $!')).out).toBe(`${pid}\n`);
    expect((await run('jobs')).out).toBe('[1]+  Running                 fakeserver 5 &\n');
    expect(world.procs.get(pid)?.alive).toBe(true);
    world.clock.advance(5000);
    await new Promise((r2) => setTimeout(r2, 0));
    const next = await run('true');
    expect(next.err).toBe('[1]+  Done                    fakeserver 5\n');
    expect(sh.jobs()).toEqual([]);
  });
  it('kill %1 terminates a background job; kill -9 PID kills it', async () => {
    const { run, sh } = withServer();
    await run('fakeserver &');
    await run('fakeserver &');
    const [a, b] = sh.jobs();
    // bash reaps the job and reports it before the next prompt, i.e. with the kill itself.
    const k1 = await run('kill %1');
    expect(k1.code).toBe(0);
    expect(k1.err).toContain('[1]-  Terminated              fakeserver');
    const n1 = await run(`kill -9 ${b.pid}`);
    expect(n1.err).toContain('[2]+  Killed                  fakeserver');
    expect((await run('true')).err).toBe('');
    expect(a.pid).not.toBe(b.pid);
  });
  it('kill errors use bash\'s texts', async () => {
    const { run } = makeShell();
    expect((await run('kill %1')).err).toBe('bash: kill: %1: no such job\n');
    expect((await run('kill 999999')).err).toBe('bash: kill: (999999) - No such process\n');
    expect((await run('kill -FOO 1')).err).toBe('bash: kill: FOO: invalid signal specification\n');
    expect((await run('fg')).err).toBe('bash: fg: current: no such job\n');
  });
  it('sleep N advances the simulated clock at once in the foreground', async () => {
    const { run, world } = makeShell();
    const t0 = world.clock.now();
    const fired: number[] = [];
    world.clock.every(10_000, (now) => fired.push(now - t0));
    await run('sleep 30');
    expect(world.clock.now() - t0).toBe(30_000);
    expect(fired).toEqual([10_000, 20_000, 30_000]);
    await run('sleep 1m 2s');
    expect(world.clock.now() - t0).toBe(92_000);
  });
  it('a background sleep waits for clock time; fg fast-forwards it', async () => {
    const { run, world } = makeShell();
    const t0 = world.clock.now();
    await run('sleep 100 &');
    expect(world.clock.now()).toBe(t0);
    const r = await run('fg %1');
    expect(r.out).toBe('sleep 100\n');
    expect(r.code).toBe(0);
    expect(world.clock.now() - t0).toBe(100_000);
  });
  it('Ctrl-C sends SIGINT to the foreground program: exit 130 and ^C', async () => {
    const { sh, world, rec } = withServer();
    const p = sh.run('fakeserver; echo not-reached');
    await new Promise((r2) => setTimeout(r2, 0));
    expect(rec.out).toMatch(/^started \d+\n$/);
    const pid = Number(/started (\d+)/.exec(rec.out)![1]);
    expect(world.procs.get(pid)?.alive).toBe(true);
    sh.interrupt();
    expect(await p).toBe(130);
    expect(rec.out).toContain('^C\ngot SIGINT\n');
    expect(rec.out).not.toContain('not-reached');
    expect(world.procs.get(pid)).toBeUndefined();
  });
  it('Ctrl-C stops a loop of builtins between steps', async () => {
    const { sh, rec } = makeShell();
    const p = sh.run('while true; do :; done');
    setTimeout(() => sh.interrupt(), 0);
    expect(await p).toBe(130);
    expect(rec.err).toBe('');
  });
});

describe('completion', () => {
  it('completes commands, builtins, files and variables', async () => {
    const { sh, run } = makeShell();
    await run('echo x > notes.txt; echo y > notebook.md');
    expect(sh.complete('gr', 2)).toEqual({ start: 0, candidates: ['grep'] });
    expect(sh.complete('ec', 2).candidates).toEqual(['echo']);
    expect(sh.complete('cat note', 8)).toEqual({ start: 4, candidates: ['notebook.md', 'notes.txt'] });
    expect(sh.complete('echo $HO', 8).candidates).toEqual(['$HOME', '$HOSTNAME']);
    expect(sh.complete('ls | wc -', 9).candidates).toEqual([]);
    expect(sh.complete('man gre', 7).candidates).toEqual(['grep']);
  });
  it('delegates to ProgramSpec.complete for flags', async () => {
    const { sh } = makeShell((w) =>
      w.programs.register({ name: 'tool', summary: 't', run: () => 0, complete: (r) => ['--workers', '--bind'].filter((f) => f.startsWith(r.word)) }),
    );
    expect(sh.complete('tool --w', 8)).toEqual({ start: 5, candidates: ['--workers'] });
  });
});
