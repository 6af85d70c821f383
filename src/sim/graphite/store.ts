/**
 * The Graphite series store: one whisper-like database per metric, created from the storage schema and
 * aggregation rule that match its name (as carbon does on the first point), points written and rolled up
 * like whisper's update_many, read like whisper's fetch, plus the metric tree `/metrics/find` walks.
 *
 * Times are unix seconds. "now" (whisper compares every write and read against it) is `opts.now()` when
 * given, else the newest timestamp this store has ingested, which is what carbon's clock reads at the
 * moment statsd's flush arrives.
 */
import { RingArchive } from './archive';
import { compilePattern } from './glob';
import {
  IMAGE_AGGREGATION,
  IMAGE_SCHEMAS,
  aggregationFor,
  parseStorageAggregation,
  parseStorageSchemas,
  schemaFor,
  type AggregationMethod,
  type AggregationRule,
  type SchemaRule,
} from './schema';

export interface FetchResult {
  start: number;
  end: number;
  step: number;
  values: (number | null)[];
}

export interface FindNode {
  path: string;
  text: string;
  leaf: boolean;
}

export interface StoreOptions {
  /** Rules, or the text of a storage-schemas.conf. Default: the graphite-statsd image's file. */
  schemas?: SchemaRule[] | string;
  /** Rules, or the text of a storage-aggregation.conf. Default: the graphite-statsd image's file. */
  aggregation?: AggregationRule[] | string;
  /** Current time in unix seconds (e.g. the simulated clock). */
  now?: () => number;
  /** Most series kept (carbon would keep creating files; a browser tab should not). Default 20,000. */
  maxSeries?: number;
}

export interface SeriesInfo {
  path: string;
  schema: string;
  retentions: { secondsPerPoint: number; points: number }[];
  aggregation: string;
  aggregationMethod: AggregationMethod;
  xFilesFactor: number;
}

export interface GraphiteStore {
  /**
   * Write points as carbon does. `atSec`: carbon's clock at the write (unix s), when it is not the store's `now`
   * (metrics.ts: a statsd flush is stamped up to half a second ahead of the simulated clock).
   */
  ingest(points: { path: string; value: number; timestamp: number }[], atSec?: number): void;
  fetch(path: string, from: number, until: number): FetchResult | null;
  find(query: string): FindNode[];
  paths(): string[];
  clear(): void;
  /** Leaf paths matching a path expression (wildcards allowed), sorted. */
  expand(pattern: string): string[];
  /** The schema/aggregation a series was created with (like whisper-info), or null. */
  info(path: string): SeriesInfo | null;
  /** Ring-buffer slots allocated across all series (memory stays bounded by the schemas). */
  memory(): { series: number; slots: number };
  /** Points dropped since creation, with the last reason (bad value, out of retention, …). */
  dropped(): { count: number; lastReason: string | null };
  /** Set when the schema/aggregation options could not be parsed (the image defaults are used instead). */
  configError: string | null;
}

interface WhisperDb {
  archives: RingArchive[];
  maxRetention: number;
  method: AggregationMethod;
  xff: number;
  info: SeriesInfo;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  leaf: boolean;
}

/** whisper.aggregate for the known values of one lower-archive interval. */
function aggregate(method: AggregationMethod, known: number[], neighbors: (number | null)[]): number {
  switch (method) {
    case 'sum':
      return known.reduce((a, b) => a + b, 0);
    case 'last':
      return known[known.length - 1];
    case 'max':
      return Math.max(...known);
    case 'min':
      return Math.min(...known);
    case 'avg_zero':
      return neighbors.reduce<number>((a, b) => a + (b ?? 0), 0) / neighbors.length;
    case 'absmax':
      return known.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
    case 'absmin':
      return known.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
    default:
      return known.reduce((a, b) => a + b, 0) / known.length;
  }
}

/** whisper.__propagate: roll the higher archive's points of one lower interval up, if xFilesFactor allows. */
function propagate(db: WhisperDb, interval: number, higher: RingArchive, lower: RingArchive): boolean {
  const lowerStart = interval - (interval % lower.step);
  const n = lower.step / higher.step;
  const neighbors: (number | null)[] = new Array(n);
  const known: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = higher.read(lowerStart + i * higher.step);
    neighbors[i] = v;
    if (v !== null) known.push(v);
  }
  if (!known.length) return false;
  if (known.length / n >= db.xff) {
    lower.write(lowerStart, aggregate(db.method, known, neighbors));
    return true;
  }
  return false;
}

export function createStore(opts: StoreOptions = {}): GraphiteStore {
  let configError: string | null = null;
  let schemas: SchemaRule[] = IMAGE_SCHEMAS;
  let aggregation: AggregationRule[] = IMAGE_AGGREGATION;
  if (typeof opts.schemas === 'string') {
    const r = parseStorageSchemas(opts.schemas);
    if ('error' in r) configError = `storage-schemas.conf: ${r.error}`;
    else schemas = r;
  } else if (opts.schemas) schemas = opts.schemas;
  if (typeof opts.aggregation === 'string') {
    const r = parseStorageAggregation(opts.aggregation);
    if ('error' in r) configError = (configError ? configError + '; ' : '') + `storage-aggregation.conf: ${r.error}`;
    else aggregation = r;
  } else if (opts.aggregation) aggregation = opts.aggregation;
  const maxSeries = opts.maxSeries ?? 20000;

  const dbs = new Map<string, WhisperDb>();
  let root: TreeNode = { children: new Map(), leaf: false };
  let highWater = -Infinity;
  let droppedCount = 0;
  let lastReason: string | null = null;

  const drop = (reason: string): void => {
    droppedCount++;
    lastReason = reason;
  };
  const now = (): number => Math.floor(opts.now ? opts.now() : highWater);

  function create(path: string): WhisperDb {
    const schema = schemaFor(schemas, path);
    const agg = aggregationFor(aggregation, path);
    const archives = schema.retentions.map((r) => new RingArchive(r.secondsPerPoint, r.points));
    const db: WhisperDb = {
      archives,
      maxRetention: Math.max(...archives.map((a) => a.retention)),
      method: agg.aggregationMethod,
      xff: agg.xFilesFactor,
      info: {
        path,
        schema: schema.name,
        retentions: schema.retentions.map((r) => ({ ...r })),
        aggregation: agg.name,
        aggregationMethod: agg.aggregationMethod,
        xFilesFactor: agg.xFilesFactor,
      },
    };
    dbs.set(path, db);
    let node = root;
    for (const part of path.split('.')) {
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = { children: new Map(), leaf: false }));
      node = next;
    }
    node.leaf = true;
    return db;
  }

  /** whisper.file_update_many for one series: newest first, each point into the best archive for its age. */
  function updateMany(db: WhisperDb, pts: [number, number][], nowSec: number): void {
    pts.sort((a, b) => b[0] - a[0]);
    let ai = 0;
    let current: [number, number][] = [];
    const commit = (): void => {
      if (current.length) archiveUpdateMany(db, ai, current.reverse());
      current = [];
    };
    for (const p of pts) {
      const age = nowSec - p[0];
      while (ai < db.archives.length && db.archives[ai].retention < age) {
        commit();
        ai++;
      }
      if (ai >= db.archives.length) {
        drop(`timestamp ${p[0]} is older than the retention (${db.maxRetention}s)`);
        continue;
      }
      current.push(p);
    }
    if (ai < db.archives.length) commit();
  }

  /** whisper.__archive_update_many: align, last write per interval wins, then propagate to lower archives. */
  function archiveUpdateMany(db: WhisperDb, ai: number, pts: [number, number][]): void {
    const archive = db.archives[ai];
    const step = archive.step;
    const aligned: number[] = [];
    for (const [t, v] of pts) {
      const interval = t - (t % step);
      archive.write(interval, v);
      aligned.push(interval);
    }
    let higher = archive;
    for (let li = ai + 1; li < db.archives.length; li++) {
      const lower = db.archives[li];
      const intervals = new Set(aligned.map((i) => i - (i % lower.step)));
      let further = false;
      for (const interval of intervals) if (propagate(db, interval, higher, lower)) further = true;
      if (!further) break;
      higher = lower;
    }
  }

  /** The tree nodes a path expression matches, node by node. */
  function walk(pattern: string): { node: TreeNode; path: string }[] {
    let level: { node: TreeNode; path: string }[] = [{ node: root, path: '' }];
    for (const m of compilePattern(pattern)) {
      const next: { node: TreeNode; path: string }[] = [];
      for (const { node, path } of level)
        for (const [name, child] of node.children) if (m(name)) next.push({ node: child, path: path ? path + '.' + name : name });
      level = next;
    }
    return level;
  }

  const store: GraphiteStore = {
    configError,

    ingest(points, atSec) {
      if (!Array.isArray(points)) return;
      const bySeries = new Map<string, [number, number][]>();
      for (const p of points) {
        if (!p || typeof p.path !== 'string' || !p.path || p.path.includes('..')) {
          drop(`bad metric path ${JSON.stringify(p?.path)}`);
          continue;
        }
        const value = Number(p.value);
        const ts = Math.floor(Number(p.timestamp));
        if (!Number.isFinite(value) || !Number.isFinite(ts)) {
          drop(`${p.path}: value ${p.value} / timestamp ${p.timestamp} is not a number`);
          continue;
        }
        let list = bySeries.get(p.path);
        if (!list) bySeries.set(p.path, (list = []));
        list.push([ts, value]);
        if (ts > highWater) highWater = ts;
      }
      const nowSec = atSec === undefined ? now() : Math.floor(atSec);
      for (const [path, pts] of bySeries) {
        let db = dbs.get(path);
        if (!db) {
          if (dbs.size >= maxSeries) {
            drop(`${path}: too many series (limit ${maxSeries})`);
            continue;
          }
          db = create(path);
        }
        // whisper.file_update: a point from the future is not covered by any archive.
        const inRange = pts.filter((p) => {
          if (p[0] > nowSec) drop(`${path}: timestamp ${p[0]} is in the future`);
          return p[0] <= nowSec;
        });
        if (inRange.length) updateMany(db, inRange, nowSec);
      }
    },

    fetch(path, from, until) {
      const db = dbs.get(path);
      if (!db) return null;
      const nowSec = now();
      let fromTime = Math.floor(Number(from));
      let untilTime = Math.floor(Number(until));
      if (!Number.isFinite(fromTime) || !Number.isFinite(untilTime) || fromTime > untilTime) return null;
      // whisper.file_fetch: clamp to [now - maxRetention, now], pick the first archive that covers `from`.
      const oldest = nowSec - db.maxRetention;
      if (fromTime > nowSec) return null;
      if (untilTime < oldest) return null;
      if (fromTime < oldest) fromTime = oldest;
      if (untilTime > nowSec) untilTime = nowSec;
      const diff = nowSec - fromTime;
      const archive = db.archives.find((a) => a.retention >= diff) ?? db.archives[db.archives.length - 1];
      const step = archive.step;
      const fromInterval = fromTime - (fromTime % step) + step;
      let untilInterval = untilTime - (untilTime % step) + step;
      if (fromInterval === untilInterval) untilInterval += step;
      const n = (untilInterval - fromInterval) / step;
      const values: (number | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = archive.read(fromInterval + i * step);
      return { start: fromInterval, end: untilInterval, step, values };
    },

    find(query) {
      if (typeof query !== 'string' || !query) return [];
      const level = walk(query);
      // graphite-web metrics/views.py find_view + tree_json: sorted by name, one entry per name,
      // branches before leaves, each id = the query up to its last '.' + the name (so a wildcard in a
      // parent node stays in the path, as the tree view shows it).
      const base = query.slice(0, query.lastIndexOf('.') + 1);
      const branches: FindNode[] = [];
      const leaves: FindNode[] = [];
      const seen = new Set<string>();
      const named = level.map((l) => ({ ...l, text: l.path.slice(l.path.lastIndexOf('.') + 1) }));
      named.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      for (const { node, text } of named) {
        if (seen.has(text)) continue;
        seen.add(text);
        if (node.children.size) branches.push({ path: base + text, text, leaf: false });
        else if (node.leaf) leaves.push({ path: base + text, text, leaf: true });
      }
      return [...branches, ...leaves];
    },

    paths() {
      return [...dbs.keys()].sort();
    },

    expand(pattern) {
      if (typeof pattern !== 'string' || !pattern) return [];
      return walk(pattern)
        .filter((l) => l.node.leaf)
        .map((l) => l.path)
        .sort();
    },

    clear() {
      dbs.clear();
      root = { children: new Map(), leaf: false };
      highWater = -Infinity;
      droppedCount = 0;
      lastReason = null;
    },

    info(path) {
      const db = dbs.get(path);
      return db ? { ...db.info, retentions: db.info.retentions.map((r) => ({ ...r })) } : null;
    },

    memory() {
      let slots = 0;
      for (const db of dbs.values()) for (const a of db.archives) slots += a.allocatedSlots();
      return { series: dbs.size, slots };
    },

    dropped() {
      return { count: droppedCount, lastReason };
    },
  };
  return store;
}
