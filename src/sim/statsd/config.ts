/**
 * statsd configuration: the keys of statsd's exampleConfig.js (statsd/statsd v0.9.0–0.10.2) with the defaults the
 * reference daemon applies in stats.js and backends/graphite.js.
 *
 * Namespace default — why `legacyNamespace: true`:
 * backends/graphite.js `init` does `legacyNamespace = legacyNamespace !== undefined ? legacyNamespace : true`, and
 * the image the learner runs (graphiteapp/graphite-statsd, conf/opt/statsd/config/udp.js) only sets graphiteHost,
 * graphitePort, port, flushInterval and servers — it never sets `graphite.legacyNamespace`. Its
 * storage-aggregation.conf even carries a `[count_legacy] pattern = ^stats_counts.*` rule for that layout. So
 * `echo "foo:1|c" | nc -u -w0 127.0.0.1 8125` against that image produces `stats.foo` (rate) and
 * `stats_counts.foo` (count), not `stats.counters.foo.rate`. We follow the image. Pass
 * `{ graphite: { legacyNamespace: false } }` for the `stats.counters.<k>.rate/.count` layout.
 */

export interface HistogramRule {
  /** Substring matched against the timer key (`key.indexOf(metric) > -1`); first match wins. */
  metric: string;
  /** Ordered, non-inclusive upper bin limits; 'inf' is the catch-all. */
  bins: (number | string)[];
}

export interface GraphiteBackendConfig {
  legacyNamespace: boolean;
  globalPrefix: string;
  prefixCounter: string;
  prefixTimer: string;
  prefixGauge: string;
  prefixSet: string;
  /** Appended (with a leading '.') to every path; unset means no suffix. */
  globalSuffix?: string;
  /** Mirror of the top-level `prefixStats` (the issue lists it here; the reference reads `config.prefixStats`). */
  prefixStats: string;
}

export interface StatsdConfig {
  /** The image sets 127.0.0.1; with no graphiteHost the reference backend sends nothing at all. */
  graphiteHost: string;
  graphitePort: number;
  port: number;
  flushInterval: number;
  percentThreshold: number[];
  flush_counts: boolean;
  deleteIdleStats: boolean;
  deleteCounters: boolean;
  deleteGauges: boolean;
  deleteTimers: boolean;
  deleteSets: boolean;
  gaugesMaxTTL: number;
  histogram: HistogramRule[];
  keyNameSanitize: boolean;
  prefixStats: string;
  calculatedTimerMetrics: string[];
  graphite: GraphiteBackendConfig;
}

/** What createStatsd accepts: any Partial<StatsdConfig>, plus partial `graphite` and a single percentile. */
export type StatsdInput = Partial<Omit<StatsdConfig, 'graphite' | 'percentThreshold'>> & {
  graphite?: Partial<GraphiteBackendConfig>;
  percentThreshold?: number | number[];
};

function bool(v: unknown, dflt: boolean): boolean {
  return v === undefined || v === null ? dflt : Boolean(v);
}
function str(v: unknown, dflt: string): string {
  return v === undefined || v === null ? dflt : String(v);
}

/** Resolve defaults exactly as stats.js (config callback) and backends/graphite.js (init) do. Never throws. */
export function resolveConfig(input: StatsdInput = {}): StatsdConfig {
  const c = (input ?? {}) as StatsdInput;
  const g = (c.graphite ?? {}) as Partial<GraphiteBackendConfig>;

  // stats.js: `flushInterval = Number(config.flushInterval || 10000)`; a non-number would make the reference flush
  // in a tight loop, so anything not a positive finite number falls back to the default here.
  let flushInterval = Number(c.flushInterval || 10000);
  if (!Number.isFinite(flushInterval) || flushInterval <= 0) flushInterval = 10000;

  // stats.js: `pctThreshold = config.percentThreshold || 90`, listified.
  const rawPct = c.percentThreshold || 90;
  const percentThreshold = (Array.isArray(rawPct) ? rawPct : [rawPct]).map(Number).filter((p) => Number.isFinite(p));

  // stats.js: deleteIdleStats turns every deleteX on unless that one is set explicitly.
  const deleteIdleStats = bool(c.deleteIdleStats, false);
  const dflt = deleteIdleStats;
  // stats.js: gaugesMaxTTL forced to 1 unless an integer > 1.
  const ttl = c.gaugesMaxTTL;
  const gaugesMaxTTL = typeof ttl === 'number' && ttl % 1 === 0 && ttl > 1 ? ttl : 1;

  const prefixStats = str(c.prefixStats ?? g.prefixStats, 'statsd');
  const histogram = Array.isArray(c.histogram)
    ? c.histogram.filter((h) => h && typeof h.metric === 'string' && Array.isArray(h.bins))
    : [];

  return {
    graphiteHost: str(c.graphiteHost, '127.0.0.1'),
    graphitePort: Number(c.graphitePort || 2003),
    port: Number(c.port || 8125),
    flushInterval,
    percentThreshold,
    flush_counts: bool(c.flush_counts, true),
    deleteIdleStats,
    deleteCounters: bool(c.deleteCounters, dflt),
    deleteGauges: bool(c.deleteGauges, dflt),
    deleteTimers: bool(c.deleteTimers, dflt),
    deleteSets: bool(c.deleteSets, dflt),
    gaugesMaxTTL,
    histogram,
    keyNameSanitize: bool(c.keyNameSanitize, true),
    prefixStats,
    calculatedTimerMetrics: Array.isArray(c.calculatedTimerMetrics) ? c.calculatedTimerMetrics.map(String) : [],
    graphite: {
      legacyNamespace: bool(g.legacyNamespace, true),
      globalPrefix: str(g.globalPrefix, 'stats'),
      prefixCounter: str(g.prefixCounter, 'counters'),
      prefixTimer: str(g.prefixTimer, 'timers'),
      prefixGauge: str(g.prefixGauge, 'gauges'),
      prefixSet: str(g.prefixSet, 'sets'),
      ...(g.globalSuffix !== undefined && g.globalSuffix !== null ? { globalSuffix: String(g.globalSuffix) } : {}),
      prefixStats,
    },
  };
}
