import { describe, expect, it } from 'vitest';
import { bootWorld } from '../../src/sim/boot';
import { Shell } from '../../src/sim/shell';

describe('bash job notices for the playground servers', () => {
  it('`kill %1` on the Flask dev server: "[1]+  Terminated" right after the kill, before the next command', async () => {
    const world = bootWorld();
    const out: string[] = [];
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: (t) => out.push(t), err: (t) => out.push(t) });
    await sh.run('pip install flask > /dev/null');
    await sh.run('python myproject.py &');
    out.length = 0;
    await sh.run('kill %1');
    expect(out.join('')).toMatch(/^\[1\]\+  Terminated +python myproject\.py\n$/);
    out.length = 0;
    await sh.run('echo next');
    expect(out.join('')).toBe('next\n');
  });

  it('gunicorn stops gracefully on SIGTERM, so bash says Done', async () => {
    const world = bootWorld();
    const out: string[] = [];
    const sh = new Shell(world, { host: 'laptop', cwd: '/home/learner/myproject', out: (t) => out.push(t), err: (t) => out.push(t) });
    await sh.run('pip install flask gunicorn > /dev/null');
    await sh.run('gunicorn -b 127.0.0.1:4000 myproject:app &');
    await sh.run('sleep 1');
    out.length = 0;
    await sh.run('kill %1');
    await sh.run('sleep 1');
    expect(out.join('')).toMatch(/\[1\]\+  Done +gunicorn -b 127\.0\.0\.1:4000 myproject:app\n/);
  });
});
