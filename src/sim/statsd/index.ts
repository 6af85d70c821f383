/** statsd, faithful to statsd/statsd (stats.js, lib/process_metrics.js, backends/graphite.js). */
export { createStatsd } from './statsd';
export type { Statsd, FlushedMetric, StatsdCounters, StatsdCurrent } from './statsd';
export { resolveConfig } from './config';
export type { StatsdConfig, StatsdInput, GraphiteBackendConfig, HistogramRule } from './config';
export type { BadLine } from './aggregator';
export { sanitizeKeyName } from './parse';
