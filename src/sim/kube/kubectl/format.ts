/**
 * kubectl's output building blocks: AGE (apimachinery pkg/util/duration HumanDuration), the tab-aligned table
 * (cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3), -o yaml (sigs.k8s.io/yaml: sorted keys, sequences
 * not indented, timestamps double-quoted) and -o json (4-space indent, sorted keys of the unstructured object).
 */
import { Document, isScalar, visit, Scalar } from 'yaml';
import { sortKeysDeep } from '../cluster/types';

/** apimachinery pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  if (ms < -1000) return '<invalid>';
  if (ms < 0) return '0s';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / 60000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / 3600000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function age(ts: string | undefined | null, now: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/** Align rows like Go's text/tabwriter with minwidth 6, padding 3; the last column is not padded. */
export function table(rows: string[][]): string {
  if (!rows.length) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(6, ...rows.map((r) => (r[c] ?? '').length + 3));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c]!) : cell))
        .join('')
        .replace(/\s+$/, ''),
    )
    .join('\n') + '\n';
}

export { sortKeysDeep };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function toYaml(obj: unknown): string {
  const doc = new Document(sortKeysDeep(obj));
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string') {
        if (TIMESTAMP.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
        else if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true });
}

export function toJson(obj: unknown): string {
  return JSON.stringify(sortKeysDeep(obj), null, 4) + '\n';
}

export function listOf(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
