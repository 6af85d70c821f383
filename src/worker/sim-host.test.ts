import { describe, expect, it } from 'vitest';
import { SimHost } from './sim-host';
import type { EventName, Events } from './protocol';

function host() {
  const events: { name: EventName; data: unknown }[] = [];
  const h = new SimHost(<E extends EventName>(name: E, data: Events[E]) => events.push({ name, data }));
  return { h, events };
}

async function ok(h: SimHost, method: string, params: unknown) {
  const r = await h.handle(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error}`);
  return r.result as any;
}

describe('SimHost: every request answers, errors become messages', () => {
  it('unknown methods and bad params give ok:false with a clear message, never a throw', async () => {
    const { h } = host();
    expect(await h.handle('nope', {})).toEqual({ ok: false, error: "unknown method 'nope'" });
    const bad = await h.handle('udp.send', { host: '127.0.0.1', port: 70000, data: 'x' });
    expect(bad).toEqual({ ok: false, error: 'udp.send: port must be 1-65535 (got 70000)' });
    expect((await h.handle('clock.setSpeed', { speed: -2 })).ok).toBe(false);
    expect((await h.handle('clock.advance', { ms: 'x' })).ok).toBe(false);
    expect((await h.handle('graphite.render', { targets: 'x', from: -60 })).ok).toBe(false);
    expect((await h.handle('fs.write', { path: 'rel', content: '' })).ok).toBe(false);
    expect((await h.handle('udp.send', null)).ok).toBe(false);
  });

  it('a name that does not resolve is reported like a resolver error', async () => {
    const { h } = host();
    expect(await ok(h, 'udp.send', { host: 'no-such-host', port: 8125, data: 'foo:1|c' })).toEqual({
      delivered: false,
      error: 'no-such-host: Name or service not known',
    });
  });

  it('clock.advance moves simulated time; clock.now reports it with the speed', async () => {
    const { h } = host();
    const t0 = (await ok(h, 'clock.now', {})).now;
    expect((await ok(h, 'clock.advance', { ms: 2500 })).now).toBe(t0 + 2500);
    await ok(h, 'clock.setSpeed', { speed: 10 });
    expect(await ok(h, 'clock.now', {})).toEqual({ now: t0 + 2500, speed: 10 });
  });
});

describe('SimHost with the booted world (local statsd + Graphite on 127.0.0.1:8125)', () => {
  it('udp.send foo:1|c → counters → flush event → stats.counters.foo.rate = 0.1 (1 per 10 s flush)', async () => {
    const { h, events } = host();
    const sources = (await ok(h, 'graphite.sources', {})).sources;
    expect(sources.map((s: { id: string }) => s.id)).toContain('local');
    expect(await ok(h, 'udp.send', { host: '127.0.0.1', port: 8125, data: 'foo:1|c\nfoo:abc|c' })).toEqual({ delivered: true });
    const c = await ok(h, 'statsd.counters', {});
    expect(c.packetsReceived).toBe(1);
    expect(c.badLinesSeen).toBe(1);
    expect(c.badLines[0].line).toContain('foo:abc|c');
    const f = await ok(h, 'statsd.flush', {});
    expect(f.points).toBeGreaterThan(0);
    expect(events.some((e) => e.name === 'flushed' && (e.data as { source: string }).source === 'local')).toBe(true);
    const r = await ok(h, 'graphite.render', { targets: ['stats.counters.foo.rate'], from: -300 });
    expect(r.error).toBeUndefined();
    expect(r.series[0].target).toBe('stats.counters.foo.rate');
    expect(r.series[0].values.filter((v: number | null) => v !== null)).toEqual([0.1]);
    expect(r.x.length).toBe(r.series[0].values.length);
    const nodes = (await ok(h, 'graphite.find', { query: 'stats.counters.*' })).nodes;
    expect(nodes.map((n: { text: string }) => n.text)).toContain('foo');
  });

  it('the statsd flush timer fires from clock.advance (flushInterval 10 s) and emits flushed', async () => {
    const { h, events } = host();
    await ok(h, 'clock.advance', { ms: 10_000 });
    expect(events.filter((e) => e.name === 'flushed').length).toBe(1);
  });

  it('shell.run runs a command in the tab and its output arrives as term.out; world.reset starts fresh', async () => {
    const { h, events } = host();
    const r = await ok(h, 'shell.run', { line: 'echo hello', tab: 'main' });
    expect(r.code).toBe(0);
    expect(r.prompt).toMatch(/learner@laptop/);
    expect(events.filter((e) => e.name === 'term.out').map((e) => (e.data as { text: string }).text).join('')).toBe('hello\n');
    await ok(h, 'udp.send', { host: '127.0.0.1', port: 8125, data: 'foo:1|c' });
    await ok(h, 'world.reset', {});
    expect((await ok(h, 'statsd.counters', {})).packetsReceived).toBe(0);
  });

  it("coalesces 'changed' events: a burst of datagrams gives one changed:statsd", async () => {
    const { h, events } = host();
    for (let i = 0; i < 200; i++) await ok(h, 'udp.send', { host: '127.0.0.1', port: 8125, data: `foo:${i}|c` });
    await new Promise((r) => setTimeout(r, 80));
    expect(events.filter((e) => e.name === 'changed' && (e.data as { what: string }).what === 'statsd').length).toBe(1);
  });

  it('shell.setHistory hands saved history to the shell (`history` lists it)', async () => {
    const { h, events } = host();
    await ok(h, 'shell.setHistory', { entries: ['echo one', 'echo two'] });
    await ok(h, 'shell.run', { line: 'history', tab: 'main' });
    const out = events.filter((e) => e.name === 'term.out').map((e) => (e.data as { text: string }).text).join('');
    expect(out).toMatch(/1\s+echo one\n\s*2\s+echo two/);
  });
});

describe('kubectl exec -it: a shell inside the pod, stacked on the tab', () => {
  /** Text written to a tab since `from` (an index into events). */
  function outSince(events: { name: EventName; data: unknown }[], from: number, tab = 'main'): string {
    return events
      .slice(from)
      .filter((e) => e.name === 'term.out' && ((e.data as { tab?: string }).tab ?? 'main') === tab)
      .map((e) => (e.data as { text: string }).text)
      .join('');
  }

  /** Let simulated time pass in steps, giving programs (pods starting, gunicorn booting) their turns. */
  async function pass(h: SimHost, ms: number) {
    for (let t = 0; t < ms; t += 100) {
      await ok(h, 'clock.advance', { ms: 100 });
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  async function cluster() {
    const { h, events } = host();
    await ok(h, 'shell.run', { line: 'kubectl apply -f k8s/graphite.yaml -f k8s/backend-deployment.yaml' });
    await pass(h, 5000);
    const from = events.length;
    await ok(h, 'shell.run', { line: "kubectl get pods -l app=backend -o jsonpath='{.items[0].metadata.name}'" });
    const backendPod = outSince(events, from).trim();
    expect(backendPod).toMatch(/^backend-[a-z0-9]+-[a-z0-9]{5}$/);
    return { h, events, backendPod };
  }

  it('bash in the app pod: the pod prompt, its env, its localhost:8000, cluster DNS; exit returns to the laptop', async () => {
    const { h, events } = await cluster();
    const laptopPrompt = (await ok(h, 'shell.prompt', {})).prompt;
    expect(laptopPrompt).toMatch(/^learner@laptop:/);

    let from = events.length;
    const entered = await ok(h, 'shell.run', { line: 'kubectl exec -it deploy/backend -- bash' });
    expect(entered.code).toBe(0);
    // deploy/backend picks one of the two pods; the prompt names it (Debian's bash.bashrc PS1 \u@\h:\w\$).
    const m = entered.prompt.match(/^root@(backend-[a-z0-9]+-[a-z0-9]{5}):\/app# $/);
    expect(m, entered.prompt).not.toBeNull();
    const pod = m![1]!;
    expect((await ok(h, 'shell.prompt', {})).prompt).toBe(entered.prompt);

    from = events.length;
    expect((await ok(h, 'shell.run', { line: 'printenv MY_POD_NAME' })).code).toBe(0);
    expect(outSince(events, from)).toBe(pod + '\n');

    from = events.length;
    expect((await ok(h, 'shell.run', { line: 'curl -s -o /dev/null -w "%{http_code}" localhost:8000/' })).code).toBe(0);
    expect(outSince(events, from)).toBe('200');

    // The graphite Service's name resolves through the pod's resolv.conf (search default.svc.cluster.local).
    from = events.length;
    const inside = await ok(h, 'shell.run', { line: 'nc -zv graphite 80' });
    expect(inside.code, outSince(events, from)).toBe(0);

    from = events.length;
    const left = await ok(h, 'shell.run', { line: 'exit' });
    expect(outSince(events, from)).toBe('exit\n');
    expect(left).toEqual({ code: 0, prompt: laptopPrompt });

    // On the laptop the same name does not resolve.
    from = events.length;
    const outside = await ok(h, 'shell.run', { line: 'nc -zv graphite 80' });
    expect(outside.code).not.toBe(0);
    expect(outSince(events, from)).toMatch(/graphite/);
  });

  it('exit N: kubectl reports "command terminated with exit code N" and returns N; the rest of the line does not run', async () => {
    const { h, events, backendPod } = await cluster();
    const entered = await ok(h, 'shell.run', { line: `kubectl exec -it ${backendPod} -- sh` });
    // python:3.12-slim's /bin/sh is dash: PS1 "# " for root.
    expect(entered.prompt).toBe('# ');
    const from = events.length;
    const r = await ok(h, 'shell.run', { line: 'exit 3; echo not-here' });
    expect(outSince(events, from)).toBe('command terminated with exit code 3\n');
    expect(r.code).toBe(3);
    expect(r.prompt).toMatch(/^learner@laptop:/);
  });

  it('the outer command line goes on after the session: `kubectl exec -it ... -- sh; echo back $?`', async () => {
    const { h, events, backendPod } = await cluster();
    expect((await ok(h, 'shell.run', { line: `kubectl exec -it ${backendPod} -- sh; echo back $?` })).prompt).toBe('# ');
    const from = events.length;
    const r = await ok(h, 'shell.run', { line: 'exit 0' });
    expect(outSince(events, from)).toBe('back 0\n');
    expect(r.prompt).toMatch(/^learner@laptop:/);
  });

  it('deleting the pod while inside ends the session with kubectl’s exit code 137 message', async () => {
    const { h, events, backendPod } = await cluster();
    expect((await ok(h, 'shell.run', { line: `kubectl exec -it ${backendPod} -- bash` })).prompt).toBe(`root@${backendPod}:/app# `);
    const from = events.length;
    await ok(h, 'shell.run', { line: `kubectl delete pod ${backendPod} --wait=false`, tab: 'other' });
    await pass(h, 35_000);
    expect(outSince(events, from, 'main')).toBe('command terminated with exit code 137\n');
    expect((await ok(h, 'shell.prompt', {})).prompt).toMatch(/^learner@laptop:/);
    const r = await ok(h, 'shell.run', { line: 'echo $?' });
    expect(r.prompt).toMatch(/^learner@laptop:/);
    expect(outSince(events, from, 'main')).toMatch(/137\n137\n$/);
  });

  it('without -i the shell gets no stdin and exits at once; graphite’s alpine image has no bash', async () => {
    const { h, events, backendPod } = await cluster();
    let from = events.length;
    const r = await ok(h, 'shell.run', { line: `kubectl exec ${backendPod} -- sh` });
    expect(r.code).toBe(0);
    expect(r.prompt).toMatch(/^learner@laptop:/);
    expect(outSince(events, from)).toBe('');
    from = events.length;
    const g = await ok(h, 'shell.run', { line: 'kubectl exec -it deploy/graphite -- bash' });
    expect(g.code).not.toBe(0);
    expect(outSince(events, from)).toMatch(/exec: "bash": executable file not found in \$PATH/);
    // busybox ash: PS1 "\w \$ " in the container's working directory.
    expect((await ok(h, 'shell.run', { line: 'kubectl exec -it deploy/graphite -- sh' })).prompt).toBe('/ # ');
    expect((await ok(h, 'shell.run', { line: 'exit' })).prompt).toMatch(/^learner@laptop:/);
  });
});

describe('closing a terminal tab', () => {
  it("hangs up its shell: the foreground program is interrupted and background jobs get SIGHUP (bash's huponexit)", async () => {
    const events: string[] = [];
    const host = new SimHost((name, data) => {
      if (name === 'term.out') events.push((data as { text: string }).text);
    });
    const call = async (method: string, params: unknown) => {
      const r = await host.handle(method, params);
      if (!r.ok) throw new Error(r.error);
      return r.result;
    };
    await call('shell.run', { line: 'pip install flask > /dev/null', tab: 't2' });
    await call('shell.run', { line: 'python myproject.py &', tab: 't2' });
    await call('shell.run', { line: 'ss -lnt', tab: 'main' });
    expect(events.join('')).toMatch(/0\.0\.0\.0:5000/);
    await call('shell.close', { tab: 't2' });
    await new Promise((r) => setTimeout(r, 0));
    events.length = 0;
    await call('shell.run', { line: 'ss -lnt', tab: 'main' });
    // The Flask dev server installs no SIGHUP handler: it died with the terminal.
    expect(events.join('')).not.toMatch(/:5000/);
    await expect(call('shell.close', { tab: 'main' })).rejects.toThrow('the main terminal stays open');
  });
});
