/**
 * Storage schemas and aggregation rules, as carbon reads them from storage-schemas.conf and
 * storage-aggregation.conf: sections scanned in order, first `pattern` (a regex searched anywhere in the
 * metric name) wins.
 *
 * The defaults are the files the graphiteapp/graphite-statsd Docker image ships
 * (graphite-project/docker-graphite-statsd, conf/opt/graphite/conf/storage-schemas.conf and
 * conf/opt/graphite/conf/storage-aggregation.conf), copied here verbatim minus comments.
 * Retention strings are parsed like whisper.parseRetentionDef (graphite-project/whisper, whisper.py).
 */

export type AggregationMethod = 'average' | 'sum' | 'last' | 'max' | 'min' | 'avg_zero' | 'absmax' | 'absmin';

export interface Retention {
  secondsPerPoint: number;
  points: number;
}

export interface SchemaRule {
  name: string;
  pattern: RegExp;
  retentions: Retention[];
}

export interface AggregationRule {
  name: string;
  pattern: RegExp;
  xFilesFactor: number;
  aggregationMethod: AggregationMethod;
}

/** graphite-project/docker-graphite-statsd conf/opt/graphite/conf/storage-schemas.conf */
export const IMAGE_STORAGE_SCHEMAS = `[carbon]
pattern = ^carbon\\.
retentions = 10s:6h,1m:90d

[default_1min_for_1day]
pattern = .*
retentions = 10s:6h,1m:6d,10m:1800d
`;

/** graphite-project/docker-graphite-statsd conf/opt/graphite/conf/storage-aggregation.conf */
export const IMAGE_STORAGE_AGGREGATION = `[min]
pattern = \\.lower$
xFilesFactor = 0.1
aggregationMethod = min

[max]
pattern = \\.upper(_\\d+)?$
xFilesFactor = 0.1
aggregationMethod = max

[sum]
pattern = \\.sum$
xFilesFactor = 0
aggregationMethod = sum

[count]
pattern = \\.count$
xFilesFactor = 0
aggregationMethod = sum

[count_legacy]
pattern = ^stats_counts.*
xFilesFactor = 0
aggregationMethod = sum

[default_average]
pattern = .*
xFilesFactor = 0.3
aggregationMethod = average
`;

/** When no rule matches, carbon creates the file with whisper.create's defaults (xFilesFactor 0.5, average). */
export const DEFAULT_AGGREGATION: AggregationRule = {
  name: 'default',
  pattern: /.*/,
  xFilesFactor: 0.5,
  aggregationMethod: 'average',
};

const AGG_METHODS: AggregationMethod[] = ['average', 'sum', 'last', 'max', 'min', 'avg_zero', 'absmax', 'absmin'];

const UNITS: [string, number][] = [
  ['seconds', 1],
  ['minutes', 60],
  ['hours', 3600],
  ['days', 86400],
  ['weeks', 86400 * 7],
  ['years', 86400 * 365],
];

/** whisper.getUnitString: the first unit word that starts with `s` ('m' is minutes). */
function unitSeconds(s: string): number | null {
  for (const [word, mult] of UNITS) if (word.startsWith(s)) return mult;
  return null;
}

/** whisper.parseRetentionDef: "10s:6h" → 10 s per point, 2160 points; "60:1440" → plain numbers. */
export function parseRetentionDef(def: string): Retention | { error: string } {
  const parts = def.trim().split(':');
  if (parts.length < 2) return { error: `Invalid retention definition '${def.trim()}'` };
  const precisionText = parts[0];
  const pointsText = parts.slice(1).join(':');
  let precision: number;
  if (/^\d+$/.test(precisionText)) precision = Number(precisionText);
  else {
    const m = /^(\d+)([a-z]+)$/.exec(precisionText);
    const mult = m ? unitSeconds(m[2]) : null;
    if (!m || mult === null) return { error: `Invalid precision specification '${precisionText}'` };
    precision = Number(m[1]) * mult;
  }
  if (precision <= 0) return { error: `Invalid precision specification '${precisionText}'` };
  let points: number;
  if (/^\d+$/.test(pointsText)) points = Number(pointsText);
  else {
    const m = /^(\d+)([a-z]+)$/.exec(pointsText);
    const mult = m ? unitSeconds(m[2]) : null;
    if (!m || mult === null) return { error: `Invalid retention specification '${pointsText}'` };
    points = Math.floor((Number(m[1]) * mult) / precision);
  }
  return { secondsPerPoint: precision, points };
}

/** whisper.validateArchiveList, returning a message instead of raising. */
export function validateArchiveList(list: Retention[]): string | null {
  if (!list.length) return 'You must specify at least one archive configuration!';
  const sorted = [...list].sort((a, b) => a.secondsPerPoint - b.secondsPerPoint);
  for (let i = 0; i < sorted.length - 1; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    if (!(a.secondsPerPoint < b.secondsPerPoint)) return `two archives with the same precision (${a.secondsPerPoint}s)`;
    if (b.secondsPerPoint % a.secondsPerPoint !== 0)
      return `Higher precision archives' precision must evenly divide all lower precision archives' precision (${a.secondsPerPoint}, ${b.secondsPerPoint})`;
    if (!(b.secondsPerPoint * b.points > a.secondsPerPoint * a.points))
      return 'Lower precision archives must cover larger time intervals than higher precision archives';
    if (a.points < b.secondsPerPoint / a.secondsPerPoint)
      return 'Each archive must have at least enough points to consolidate to the next archive';
  }
  return null;
}

interface ConfSection {
  name: string;
  line: number;
  entries: Record<string, string>;
}

/** The INI subset carbon's config files use: [section] headers, key = value lines, # comments. */
function parseConf(text: string): ConfSection[] | { error: string } {
  const out: ConfSection[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.*)\]$/.exec(line);
    if (sec) {
      out.push({ name: sec[1].trim(), line: i + 1, entries: {} });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) return { error: `line ${i + 1}: expected 'key = value' or '[section]', got '${line}'` };
    if (!out.length) return { error: `line ${i + 1}: '${line}' is outside any [section]` };
    out[out.length - 1].entries[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

function compile(pattern: string | undefined, where: string): RegExp | { error: string } {
  if (pattern === undefined) return { error: `${where}: missing 'pattern'` };
  try {
    return new RegExp(pattern);
  } catch (e) {
    return { error: `${where}: invalid pattern '${pattern}': ${(e as Error).message}` };
  }
}

export function parseStorageSchemas(text: string): SchemaRule[] | { error: string } {
  const conf = parseConf(text);
  if ('error' in conf) return conf;
  const rules: SchemaRule[] = [];
  for (const s of conf) {
    const where = `line ${s.line} [${s.name}]`;
    const pattern = compile(s.entries.pattern, where);
    if ('error' in pattern) return pattern;
    if (!s.entries.retentions) return { error: `${where}: missing 'retentions'` };
    const retentions: Retention[] = [];
    for (const def of s.entries.retentions.split(',')) {
      const r = parseRetentionDef(def);
      if ('error' in r) return { error: `${where}: ${r.error}` };
      retentions.push(r);
    }
    const bad = validateArchiveList(retentions);
    if (bad) return { error: `${where}: ${bad}` };
    retentions.sort((a, b) => a.secondsPerPoint - b.secondsPerPoint);
    rules.push({ name: s.name, pattern, retentions });
  }
  return rules;
}

export function parseStorageAggregation(text: string): AggregationRule[] | { error: string } {
  const conf = parseConf(text);
  if ('error' in conf) return conf;
  const rules: AggregationRule[] = [];
  for (const s of conf) {
    const where = `line ${s.line} [${s.name}]`;
    const pattern = compile(s.entries.pattern, where);
    if ('error' in pattern) return pattern;
    const xff = s.entries.xFilesFactor === undefined ? DEFAULT_AGGREGATION.xFilesFactor : Number(s.entries.xFilesFactor);
    if (!Number.isFinite(xff) || xff < 0 || xff > 1)
      return { error: `${where}: xFilesFactor must be a number between 0 and 1, got '${s.entries.xFilesFactor}'` };
    const method = (s.entries.aggregationMethod ?? DEFAULT_AGGREGATION.aggregationMethod) as AggregationMethod;
    if (!AGG_METHODS.includes(method))
      return { error: `${where}: unknown aggregationMethod '${method}' (one of ${AGG_METHODS.join(', ')})` };
    rules.push({ name: s.name, pattern, xFilesFactor: xff, aggregationMethod: method });
  }
  return rules;
}

/** The image's rules, parsed once. */
export const IMAGE_SCHEMAS = parseStorageSchemas(IMAGE_STORAGE_SCHEMAS) as SchemaRule[];
export const IMAGE_AGGREGATION = parseStorageAggregation(IMAGE_STORAGE_AGGREGATION) as AggregationRule[];

/** carbon/storage.py defaultSchema: one minute per point for a week, used when no rule matches. */
export const DEFAULT_SCHEMA: SchemaRule = { name: 'default', pattern: /.*/, retentions: [{ secondsPerPoint: 60, points: 10080 }] };

export function schemaFor(rules: SchemaRule[], metric: string): SchemaRule {
  for (const r of rules) if (r.pattern.test(metric)) return r;
  return DEFAULT_SCHEMA;
}

export function aggregationFor(rules: AggregationRule[], metric: string): AggregationRule {
  for (const r of rules) if (r.pattern.test(metric)) return r;
  return DEFAULT_AGGREGATION;
}
