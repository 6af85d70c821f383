// Patch metadata lookup — the role of apimachinery's PatchMetaFromStruct (strategicpatch/meta.go) and
// forkedjson.LookupPatchMetadataForStruct, backed by the table generated from Kubernetes' OpenAPI.
import metaFile from './patch-meta.json';
import { PatchError } from './errors';

export interface FieldMeta {
  ref?: string;
  list?: boolean;
  map?: boolean;
  strategy?: string;
  key?: string;
  t?: string;
}
export type PatchMetaTable = Record<string, Record<string, FieldMeta>>;
const k8sTypes = metaFile.types as unknown as PatchMetaTable;
const kinds = metaFile.kinds as Record<string, string>;

/** The Go type a lookup is done in: a struct from the table, a map, or a scalar kind. */
export interface PatchSchema {
  kind: 'struct' | 'map' | 'slice' | 'scalar';
  /** struct id (e.g. core.v1.Container) or Go kind name for non-structs */
  id: string;
  /** Go's Name(): the reflect Kind string */
  name: string;
  elem?: FieldMeta;
  table: PatchMetaTable;
}
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

export function schemaForKind(kind: string): PatchSchema | null {
  const id = kinds[kind];
  return id ? structSchema(id, k8sTypes) : null;
}

/** The root schema for a struct in another table (used by tests with apimachinery's MergeItem type). */
export const schemaForTable = (table: PatchMetaTable, id: string): PatchSchema => structSchema(id, table);

const structSchema = (id: string, table: PatchMetaTable): PatchSchema => ({ kind: 'struct', id, name: 'struct', table });

function goKindOfScalar(t: string | undefined): string {
  switch (t) {
    case 'integer':
      return 'int32';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'object':
      return 'struct';
    default:
      return 'string';
  }
}

/** Type of the field itself (struct, map, slice or scalar). */
function fieldSchema(f: FieldMeta, table: PatchMetaTable): PatchSchema {
  if (f.list) return { kind: 'slice', id: 'slice', name: 'slice', elem: f, table };
  if (f.map) return { kind: 'map', id: 'map', name: 'map', table };
  if (f.ref) return structSchema(f.ref, table);
  const k = goKindOfScalar(f.t);
  return k === 'struct' ? structSchema('', table) : { kind: 'scalar', id: k, name: k, table };
}

function findField(schema: PatchSchema, key: string): FieldMeta {
  if (schema.kind !== 'struct') {
    throw new PatchError(`merging an object in json but data type is not struct, instead is: ${schema.name}`);
  }
  const fields = schema.table[schema.id];
  if (!fields) return {}; // free-form object (e.g. RawExtension): no metadata
  if (Object.prototype.hasOwnProperty.call(fields, key)) return fields[key];
  // encoding/json falls back to a case-insensitive match
  const fold = Object.keys(fields).find((k) => k.toLowerCase() === key.toLowerCase());
  if (fold) return fields[fold];
  const goName = schema.id.split('.').pop() ?? schema.id;
  throw new PatchError(`unable to find api field in struct ${goName} for the json field "${key}"`);
}

function metaOf(f: FieldMeta): PatchMeta {
  return { strategies: f.strategy ? f.strategy.split(',') : [], mergeKey: f.key ?? '' };
}

export function lookupForStruct(schema: PatchSchema, key: string): { sub: PatchSchema; meta: PatchMeta } {
  const f = findField(schema, key);
  return { sub: fieldSchema(f, schema.table), meta: metaOf(f) };
}

export function lookupForSlice(schema: PatchSchema, key: string): { sub: PatchSchema; meta: PatchMeta } {
  const f = findField(schema, key);
  if (!f.list) {
    if (schema.kind === 'struct' && !schema.table[schema.id]) return { sub: structSchema('', schema.table), meta: metaOf(f) };
    throw new PatchError(`expected slice or array type, but got: ${schema.name}`);
  }
  const elem: PatchSchema = f.ref ? structSchema(f.ref, schema.table) : { kind: 'scalar', id: 'string', name: 'string', table: schema.table };
  return { sub: elem, meta: metaOf(f) };
}

export const supportedPatchKinds = Object.keys(kinds);
