// Patch metadata lookup — the role of apimachinery's PatchMetaFromStruct (strategicpatch/meta.go) and
// forkedjson.LookupPatchMetadataForStruct, backed by the table generated from Kubernetes' OpenAPI.
import metaFile from './patch-meta.json';
import { PatchError } from './errors';

interface FieldMeta {
  ref?: string;
  list?: boolean;
  map?: boolean;
  strategy?: string;
  key?: string;
  t?: string;
}
const types = metaFile.types as unknown as Record<string, Record<string, FieldMeta>>;
const kinds = metaFile.kinds as Record<string, string>;

/** The Go type a lookup is done in: a struct from the table, a map, or a scalar kind. */
export interface PatchSchema {
  kind: 'struct' | 'map' | 'slice' | 'scalar';
  /** struct id (e.g. core.v1.Container) or Go kind name for non-structs */
  id: string;
  /** Go's Name(): the reflect Kind string */
  name: string;
  elem?: FieldMeta;
}
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

export function schemaForKind(kind: string): PatchSchema | null {
  const id = kinds[kind];
  return id ? structSchema(id) : null;
}

const structSchema = (id: string): PatchSchema => ({ kind: 'struct', id, name: 'struct' });

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
function fieldSchema(f: FieldMeta): PatchSchema {
  if (f.list) return { kind: 'slice', id: 'slice', name: 'slice', elem: f };
  if (f.map) return { kind: 'map', id: 'map', name: 'map' };
  if (f.ref) return structSchema(f.ref);
  const k = goKindOfScalar(f.t);
  return k === 'struct' ? structSchema('') : { kind: 'scalar', id: k, name: k };
}

function findField(schema: PatchSchema, key: string): FieldMeta {
  if (schema.kind !== 'struct') {
    throw new PatchError(`merging an object in json but data type is not struct, instead is: ${schema.name}`);
  }
  const fields = types[schema.id];
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
  return { sub: fieldSchema(f), meta: metaOf(f) };
}

export function lookupForSlice(schema: PatchSchema, key: string): { sub: PatchSchema; meta: PatchMeta } {
  const f = findField(schema, key);
  if (!f.list) {
    if (schema.kind === 'struct' && !types[schema.id]) return { sub: structSchema(''), meta: metaOf(f) };
    throw new PatchError(`expected slice or array type, but got: ${schema.name}`);
  }
  const elem: PatchSchema = f.ref ? structSchema(f.ref) : { kind: 'scalar', id: 'string', name: 'string' };
  return { sub: elem, meta: metaOf(f) };
}

export const supportedPatchKinds = Object.keys(kinds);
