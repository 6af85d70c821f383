/**
 * Per-timer statistics exactly as statsd's lib/process_metrics.js computes them at flush (same summation order,
 * so the floating-point results are bit-identical): percentiles (count_/mean_/upper_ or lower_/sum_/sum_squares_
 * per percentThreshold, 'top' for negative ones), std, upper, lower, count, count_ps, sum, sum_squares, mean, median,
 * histogram bins, then the calculatedTimerMetrics filter.
 */
import type { HistogramRule } from './config';

export interface PercentileSpec {
  pct: number;
  /** process_metrics: ('' + pct).replace('.', '_').replace('-', 'top') */
  clean: string;
}

export function percentileSpecs(pcts: number[]): PercentileSpec[] {
  return pcts.map((pct) => ({ pct, clean: ('' + pct).replace('.', '_').replace('-', 'top') }));
}

/** Ordered name → value pairs for one timer, in the order process_metrics creates the object's properties. */
export class TimerData {
  names: string[] = [];
  values: number[] = [];
  /** Only for duplicate percentile names: a JS object keeps a re-assigned key at its first position. */
  private index: Map<string, number> | null;
  constructor(dedupe: boolean) {
    this.index = dedupe ? new Map() : null;
  }
  put(name: string, v: number): void {
    if (this.index) {
      const at = this.index.get(name);
      if (at !== undefined) {
        this.values[at] = v;
        return;
      }
      this.index.set(name, this.names.length);
    }
    this.names.push(name);
    this.values.push(v);
  }
}

/** process_metrics' histogram rule lookup: first rule whose metric is a substring of the key. */
export function binsFor(key: string, rules: HistogramRule[]): (number | string)[] {
  for (let i = 0; i < rules.length; i++) {
    if (key.indexOf(rules[i].metric) > -1) return rules[i].bins;
  }
  return [];
}

/**
 * process_metrics' filter_timer_metrics: keep a metric when its name, with a trailing `_<digits>` or `_top<digits>`
 * replaced by `_percent`, is listed. An empty list keeps everything.
 */
export function timerMetricFilter(list: string[]): ((name: string) => boolean) | null {
  if (list.length === 0) return null;
  const cache = new Map<string, boolean>();
  return (name) => {
    let keep = cache.get(name);
    if (keep === undefined) {
      keep = list.includes(name.replace(/_(top)?\d+$/, '_percent'));
      cache.set(name, keep);
    }
    return keep;
  };
}

const byNumber = (a: number, b: number) => a - b;

export function computeTimer(
  key: string,
  values: number[],
  timerCount: number,
  flushInterval: number,
  pcts: PercentileSpec[],
  dedupe: boolean,
  histogram: HistogramRule[],
): TimerData {
  const d = new TimerData(dedupe);
  const count = values.length;
  if (count === 0) {
    // `current_timer_data["count"] = current_timer_data["count_ps"] = 0;` creates count_ps first.
    d.put('count_ps', 0);
    d.put('count', 0);
    return d;
  }
  values.sort(byNumber);
  const min = values[0];
  const max = values[count - 1];

  const cumul = new Array<number>(count);
  const cumulSq = new Array<number>(count);
  cumul[0] = min;
  cumulSq[0] = min * min;
  for (let i = 1; i < count; i++) {
    cumul[i] = values[i] + cumul[i - 1];
    cumulSq[i] = values[i] * values[i] + cumulSq[i - 1];
  }

  let sum = min;
  let sumSquares = min * min;
  let mean = min;
  let thresholdBoundary = max;
  for (let p = 0; p < pcts.length; p++) {
    const { pct, clean } = pcts[p];
    let numInThreshold = count;
    if (count > 1) {
      numInThreshold = Math.round((Math.abs(pct) / 100) * count);
      if (numInThreshold === 0) continue;
      if (pct > 0) {
        thresholdBoundary = values[numInThreshold - 1];
        sum = cumul[numInThreshold - 1];
        sumSquares = cumulSq[numInThreshold - 1];
      } else {
        thresholdBoundary = values[count - numInThreshold];
        // process_metrics reads cumulativeValues[-1] (undefined → NaN) when the "top" slice is every value.
        const before = count - numInThreshold - 1;
        sum = cumul[count - 1] - (before >= 0 ? cumul[before] : NaN);
        sumSquares = cumulSq[count - 1] - (before >= 0 ? cumulSq[before] : NaN);
      }
      mean = sum / numInThreshold;
    }
    d.put('count_' + clean, numInThreshold);
    d.put('mean_' + clean, mean);
    d.put((pct > 0 ? 'upper_' : 'lower_') + clean, thresholdBoundary);
    d.put('sum_' + clean, sum);
    d.put('sum_squares_' + clean, sumSquares);
  }

  sum = cumul[count - 1];
  sumSquares = cumulSq[count - 1];
  mean = sum / count;
  let sumOfDiffs = 0;
  for (let i = 0; i < count; i++) sumOfDiffs += (values[i] - mean) * (values[i] - mean);
  const mid = Math.floor(count / 2);
  const median = count % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;

  d.put('std', Math.sqrt(sumOfDiffs / count));
  d.put('upper', max);
  d.put('lower', min);
  d.put('count', timerCount);
  d.put('count_ps', timerCount / (flushInterval / 1000));
  d.put('sum', sum);
  d.put('sum_squares', sumSquares);
  d.put('mean', mean);
  d.put('median', median);

  // Histogram: bins are non-inclusive upper limits; values above the last bin are dropped (by design upstream).
  const bins = histogram.length ? binsFor(key, histogram) : [];
  let i = 0;
  for (let b = 0; b < bins.length; b++) {
    const bin = bins[b];
    let freq = 0;
    // `bins[bin_i] == 'inf' || values[i] < bins[bin_i]` — loose comparison, so '100' works like 100.
    for (; i < count && (bin == 'inf' || values[i] < (bin as number)); i++) freq += 1;
    d.put('histogram.bin_' + bin.toString().replace('.', '_'), freq);
  }
  return d;
}
