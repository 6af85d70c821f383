/**
 * Evaluate a lesson step's check against the simulated world's state (never against typed text). Pure: runs
 * in the worker after every change and in Node tests. A check that cannot be evaluated (a subsystem not
 * started yet) is simply false.
 */
import type { World } from '../sim/world';
import type { Check } from './types';
import { metricsBackends, type MetricsBackend } from '../sim/metrics';
import { evaluateTargets } from '../sim/graphite';
import { kubeObjects, podsOf } from './kube-view';

/** How far back graphite checks look (simulated seconds). */
const GRAPHITE_WINDOW_S = 6 * 3600;

export function evaluateCheck(world: World, check: Check): boolean {
  try {
    return evaluate(world, check);
  } catch {
    return false;
  }
}

function evaluate(world: World, c: Check): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(world, x));
  if ('any' in c) return c.any.some((x) => evaluate(world, x));
  if ('listening' in c) {
    const { port, proto = 'tcp', host = 'laptop', owner } = c.listening;
    return world.net
      .list(host)
      .some((l) => l.port === port && l.proto === proto && (!owner || l.owner.name === owner));
  }
  if ('notListening' in c) {
    const { port, proto = 'tcp', host = 'laptop' } = c.notListening;
    return !world.net.list(host).some((l) => l.port === port && l.proto === proto);
  }
  if ('http' in c) {
    const { port, server, status, min = 1 } = c.http;
    let n = 0;
    for (const e of world.net.httpLog) {
      if (port !== undefined && e.port !== port) continue;
      if (server !== undefined && e.server !== server) continue;
      if (status !== undefined && e.status !== status) continue;
      n++;
    }
    return n >= min;
  }
  if ('fact' in c) {
    const v = world.facts.get(c.fact.key);
    if (c.fact.includes !== undefined) {
      if (v instanceof Set) return v.has(c.fact.includes);
      if (Array.isArray(v)) return v.includes(c.fact.includes);
      if (v && typeof v === 'object') return c.fact.includes in v;
      return false;
    }
    if (c.fact.equals !== undefined) return JSON.stringify(v) === JSON.stringify(c.fact.equals);
    return v !== undefined;
  }
  if ('statsd' in c) {
    const { packets = 0, badLines = 0, metrics = 0 } = c.statsd;
    return backends(world, c.statsd.source).some((b) => {
      const k = b.statsd.counters();
      return k.packetsReceived >= packets && k.badLinesSeen >= badLines && k.metricsReceived >= metrics;
    });
  }
  if ('graphite' in c) {
    const { path, points = 1, min } = c.graphite;
    const now = Math.floor(world.clock.now() / 1000);
    return backends(world, c.graphite.source).some((b) => {
      const r = evaluateTargets(b.store, [path], now - GRAPHITE_WINDOW_S, now);
      return r.series.some((s) => {
        const vals = s.values.filter((v): v is number => v !== null);
        return vals.length >= points && (min === undefined || vals.some((v) => v >= min));
      });
    });
  }
  if ('kube' in c) {
    const k = c.kube;
    const objs = kubeObjects(world, k.kind, k.namespace ?? 'default').filter(
      (o) => (!k.name || o.name === k.name) && (!k.label || matchesLabel(o.labels, k.label)) && (k.ready === undefined || o.ready === k.ready),
    );
    const withField = objs.filter((o) => {
      if (!k.field) return true;
      const v = getPath(o.object, k.field);
      if (k.equals !== undefined && JSON.stringify(v) !== JSON.stringify(k.equals)) return false;
      if (k.contains !== undefined && !JSON.stringify(v ?? '').includes(k.contains)) return false;
      return v !== undefined;
    });
    return withField.length >= (k.count ?? 1);
  }
  if ('podEnv' in c) {
    const { label, name, equals, contains } = c.podEnv;
    const pods = podsOf(world, label).filter((p) => p.running);
    if (pods.length === 0) return false;
    return pods.every((p) => {
      const v = p.env[name];
      if (v === undefined) return false;
      if (equals !== undefined && v !== equals.replaceAll('{pod}', p.name)) return false;
      if (contains !== undefined && !v.includes(contains.replaceAll('{pod}', p.name))) return false;
      return true;
    });
  }
  if ('file' in c) {
    const content = world.fs(c.file.host ?? 'laptop').read(c.file.path);
    return content !== null && (c.file.contains === undefined || content.includes(c.file.contains));
  }
  if ('process' in c) {
    const re = new RegExp(c.process.cmd);
    const n = world.procs.list(c.process.host ?? 'laptop').filter((p) => re.test(p.cmdline)).length;
    return n >= (c.process.count ?? 1);
  }
  return false;
}

function backends(world: World, source = 'local'): MetricsBackend[] {
  const all = [...metricsBackends(world).values()];
  if (source === '*') return all;
  return all.filter((b) => b.id === source || (source.endsWith('*') && b.id.startsWith(source.slice(0, -1))));
}

function matchesLabel(labels: Record<string, string>, sel: string): boolean {
  return sel.split(',').every((kv) => {
    const [k, v] = kv.split('=');
    return k !== undefined && labels[k.trim()] === v?.trim();
  });
}

/** `a.b.0.c` → obj.a.b[0].c */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
