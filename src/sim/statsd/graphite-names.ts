/**
 * Metric paths as statsd's backends/graphite.js builds them (`init` namespaces + `format`):
 *   format(namespace, key, ...parts) = namespace.concat(sk(keyName), parts).join('.') + globalSuffix + tags
 * where `key.split(';')` separates the key name from DogStatsD-style tags (`;a=b;c`), which are re-appended after the
 * suffix, and sk() sanitises the key name only when keyNameSanitize is off (otherwise stats.js already did).
 */
import type { StatsdConfig } from './config';
import { sanitizeKeyName } from './parse';

export interface Namespaces {
  legacy: boolean;
  global: string[];
  counter: string[];
  timer: string[];
  gauge: string[];
  set: string[];
  /** '' or '.<globalSuffix>' */
  suffix: string;
  prefixStats: string;
  sanitizeHere: boolean;
}

export function namespaces(config: StatsdConfig): Namespaces {
  const g = config.graphite;
  const suffix = g.globalSuffix !== undefined ? '.' + g.globalSuffix : '';
  const base = { suffix, prefixStats: config.prefixStats, sanitizeHere: !config.keyNameSanitize };
  if (g.legacyNamespace === false) {
    const root = g.globalPrefix !== '' ? [g.globalPrefix] : [];
    const sub = (p: string) => (p !== '' ? root.concat(p) : root.slice());
    return {
      ...base,
      legacy: false,
      global: root,
      counter: sub(g.prefixCounter),
      timer: sub(g.prefixTimer),
      gauge: sub(g.prefixGauge),
      set: sub(g.prefixSet),
    };
  }
  // Legacy layout ignores globalPrefix and the per-type prefixes entirely.
  return {
    ...base,
    legacy: true,
    global: ['stats'],
    counter: ['stats'],
    timer: ['stats', 'timers'],
    gauge: ['stats', 'gauges'],
    set: ['stats', 'sets'],
  };
}

/** A `format` bound to one namespace: `nsPath(key, 'rate')`. Caches the namespace prefix string. */
export function formatter(ns: string[], n: Namespaces): (key: string, tail?: string) => string {
  const head = ns.length ? ns.join('.') + '.' : '';
  const { suffix, sanitizeHere } = n;
  return (key, tail) => {
    const semi = key.indexOf(';');
    let name = semi < 0 ? key : key.slice(0, semi);
    if (sanitizeHere) name = sanitizeKeyName(name);
    const tags = semi < 0 ? '' : key.slice(semi);
    return head + name + (tail === undefined ? '' : '.' + tail) + suffix + tags;
  };
}
