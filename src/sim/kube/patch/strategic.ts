// Strategic merge patch, ported from k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (apply side:
// StrategicMergeMapPatchUsingLookupPatchMeta → mergeMap with MergeParallelList and IgnoreUnmatchedNulls),
// including its error texts (pkg/util/mergepatch/errors.go). The patch metadata (patchStrategy /
// patchMergeKey struct tags) comes from ./patch-meta.json, generated from Kubernetes' OpenAPI.
import { PatchError } from './errors';
import { goFormat, goTypeName } from './goformat';
import { lookupForSlice, lookupForStruct, schemaForKind, schemaForTable, type PatchMetaTable, type PatchSchema } from './meta';

export type JMap = Record<string, unknown>;

export const directiveMarker = '$patch';
export const deleteDirective = 'delete';
const replaceDirective = 'replace';
export const mergeDirective = 'merge';
const retainKeysStrategy = 'retainKeys';
export const deleteFromPrimitiveListDirectivePrefix = '$deleteFromPrimitiveList';
export const retainKeysDirective = '$' + retainKeysStrategy;
export const setElementOrderDirectivePrefix = '$setElementOrder';

export const ErrNoListOfLists = 'lists of lists are not supported';
const ErrBadPatchFormatForPrimitiveList = 'invalid patch format of primitive list';
const ErrBadPatchFormatForRetainKeys = 'invalid patch format of retainKeys';
const ErrBadPatchFormatForSetElementOrderList = 'invalid patch format of setElementOrder list';

export const errNoMergeKey = (m: JMap, k: string) => new PatchError(`map: ${goFormat(m)} does not contain declared merge key: ${k}`);
export const errBadArgType = (expected: string, actual: unknown) =>
  new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: JMap) => new PatchError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

export const isMap = (v: unknown): v is JMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * apimachinery's MergeOptions. The API server applies patches with both true (StrategicMergeMapPatch);
 * CreateThreeWayMergePatch merges its deletions and delta patches client-side with both false.
 */
export interface MergeOptions {
  /** apply $deleteFromPrimitiveList / $setElementOrder lists (false: keep them in the merged patch) */
  mergeParallelList: boolean;
  /** drop `null`s that match nothing (false: keep them, the result is still a patch) */
  ignoreUnmatchedNulls: boolean;
}
const serverSide: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** MergeOptions plus how the Go caller built the original's slices (their capacity decides what aliasing shows). */
interface MergeRun extends MergeOptions {
  capacityOf: (n: number) => number;
}

/** Go's reflect.Type of a decoded JSON value (numbers are always float64 after json.Unmarshal). */
export function kindOf(v: unknown): 'map' | 'slice' | 'string' | 'float64' | 'bool' | 'nil' {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  return 'bool';
}

/** Applies a strategic merge patch to a deep copy of `original`; `kind` selects the Go type (Deployment default). */
export function strategicMergePatch(original: unknown, patch: unknown, kind = 'Deployment'): unknown {
  const schema = schemaForKind(kind);
  if (!schema) throw new PatchError('strategic merge patch format is not supported');
  const o = original === undefined || original === null ? {} : clone(original);
  const p = clone(patch);
  if (!isMap(o) || !isMap(p)) throw new PatchError('invalid JSON document');
  // the API server builds `original` with DefaultUnstructuredConverter: cap == len
  return mergeMap(o, p, schema, { ...serverSide, capacityOf: exactCapacity });
}

/** Same, against another patch-metadata table (apimachinery's own tests use a `MergeItem` test type). */
export function strategicMergePatchWithTable(original: unknown, patch: unknown, table: PatchMetaTable, rootId: string): unknown {
  const o = original === undefined || original === null ? {} : clone(original);
  const p = clone(patch);
  if (!isMap(o) || !isMap(p)) throw new PatchError('invalid JSON document');
  // apimachinery's tests json.Unmarshal the original: cap grows like append
  return mergeMap(o, p, schemaForTable(table, rootId), { ...serverSide, capacityOf: appendCapacity });
}

/**
 * apimachinery's mergeMap with explicit options, on the maps themselves (both are modified, like Go's).
 * CreateThreeWayMergePatch uses it with MergeOptions{} to merge its deletions and delta patches.
 */
export function mergeMapWithOptions(original: JMap | null, patch: JMap, schema: PatchSchema, options: MergeOptions): JMap {
  // both patches are freshly built maps; no deletions alias their lists
  return mergeMap(original, patch, schema, { ...options, capacityOf: exactCapacity });
}

// Go slices share backing arrays: apimachinery deletes list items in place (append(s[:k], s[k+1:]...))
// and appends into spare capacity, and the caller's view of the live list (used as "server order" when
// ordering the result) sees those writes. Reproducing that is what makes $setElementOrder results match
// Kubernetes exactly, so lists of the original are modelled as (backing array, len).
interface GoSlice {
  arr: unknown[]; // backing array; arr.length is the capacity
  len: number;
}
const exactCapacity = (n: number) => n;
const appendCapacity = (n: number) => (n === 0 ? 0 : 2 ** Math.ceil(Math.log2(n)));

function goSlice(list: unknown[], capacityOf: MergeRun['capacityOf']): GoSlice {
  const arr = [...list];
  arr.length = capacityOf(list.length);
  return { arr, len: list.length };
}
const view = (s: GoSlice): unknown[] => s.arr.slice(0, s.len);
function goDelete(s: GoSlice, k: number): GoSlice {
  for (let i = k; i < s.len - 1; i++) s.arr[i] = s.arr[i + 1];
  return { arr: s.arr, len: s.len - 1 };
}
function goAppend(s: GoSlice, v: unknown): GoSlice {
  if (s.len < s.arr.length) {
    s.arr[s.len] = v;
    return { arr: s.arr, len: s.len + 1 };
  }
  const arr = s.arr.slice(0, s.len);
  arr.push(v);
  arr.length = s.len === 0 ? 1 : s.len < 256 ? s.len * 2 : s.len + (s.len + 768) / 4;
  return { arr, len: s.len + 1 };
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function mergeMap(original: JMap | null, patch: JMap, schema: PatchSchema, options: MergeRun): JMap {
  if (directiveMarker in patch) return handleDirectiveInMergeMap(patch[directiveMarker], patch);
  const orig: JMap = original ?? {};
  applyRetainKeysDirective(orig, patch, options);
  mergePatchIntoOriginal(orig, patch, schema, options);

  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(deleteFromPrimitiveListDirectivePrefix)) {
      // preprocessDeletionListForMerging: when not merging parallel lists, the directive stays in the result
      if (!options.mergeParallelList) {
        orig[key] = patchV;
        continue;
      }
      k = extractKey(key, deleteFromPrimitiveListDirectivePrefix);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (options.ignoreUnmatchedNulls) continue;
    }
    const discardNulls = (v: unknown) => (options.ignoreUnmatchedNulls ? discardNullValuesFromPatch(v) : v);
    if (!(k in orig)) {
      if (!isDeleteList) setWithoutDirectives(orig, k, discardNulls(patchV));
      continue;
    }
    const ot = kindOf(orig[k]);
    const pt = kindOf(patchV);
    if (ot !== pt) {
      if (!isDeleteList) setWithoutDirectives(orig, k, discardNulls(patchV));
      continue;
    }
    if (ot === 'map') {
      const { sub, meta } = lookupForStruct(schema, k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = strategy !== replaceDirective ? mergeMap(orig[k] as JMap, patchV as JMap, sub, options) : patchV;
    } else if (ot === 'slice') {
      const { sub, meta } = lookupForSlice(schema, k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = mergeSliceHandler(goSlice(orig[k] as unknown[], options.capacityOf), patchV as unknown[], sub, strategy, meta.mergeKey, isDeleteList, options);
    } else {
      setWithoutDirectives(orig, k, patchV);
    }
  }
  return orig;
}

function setWithoutDirectives(m: JMap, k: string, v: unknown): void {
  const [nv, keep] = removeDirectives(v);
  if (keep) m[k] = nv;
  else delete m[k];
}

function handleDirectiveInMergeMap(directive: unknown, patch: JMap): JMap {
  if (directive === replaceDirective) {
    delete patch[directiveMarker];
    return patch;
  }
  if (directive === deleteDirective) return {};
  throw errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === deleteFromPrimitiveListDirectivePrefix) throw new PatchError(ErrBadPatchFormatForPrimitiveList);
    if (prefix === setElementOrderDirectivePrefix) throw new PatchError(ErrBadPatchFormatForSetElementOrderList);
    throw new PatchError(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(i + 1);
}

export function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  if (strategies.length === 0) return [false, ''];
  if (strategies.length === 1) return strategies[0] === retainKeysStrategy ? [true, ''] : [false, strategies[0]];
  if (strategies.length === 2) {
    if (strategies[0] === retainKeysStrategy) return [true, strategies[1]];
    if (strategies[1] === retainKeysStrategy) return [true, strategies[0]];
  }
  throw new PatchError(`unexpected patch strategy: ${goFormat(strategies)}`);
}

function applyRetainKeysDirective(original: JMap, patch: JMap, options: MergeRun): void {
  if (!(retainKeysDirective in patch)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!options.mergeParallelList) {
    // `original` is itself a patch (the three-way deletions): the directives must agree, or be copied over.
    if (retainKeysDirective in original) {
      if (!jsonDeepEqual(original[retainKeysDirective], retain))
        throw new PatchError(
          `${goFormat(original[retainKeysDirective])} and ${goFormat(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
    } else original[retainKeysDirective] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError(ErrBadPatchFormatForRetainKeys);
  const set = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListDirectivePrefix) || k.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!set.has(k)) throw new PatchError(ErrBadPatchFormatForRetainKeys);
  }
  for (const k of Object.keys(original)) if (!set.has(k)) delete original[k];
}

// mergePatchIntoOriginal: processes each $setElementOrder/<list> together with <list>.
// Precedence of order: $setElementOrder > order in patch list > order in live list.
function mergePatchIntoOriginal(original: JMap, patch: JMap, schema: PatchSchema, options: MergeRun): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderDirectivePrefix)) continue;
    const setOrder = patch[key];
    if (!options.mergeParallelList) {
      // keep the directive in the merged patch; both patches must carry the same order
      if (key in original) {
        if (!jsonDeepEqual(original[key], setOrder)) throw new PatchError(ErrBadPatchFormatForSetElementOrderList);
      } else original[key] = setOrder;
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType('[]interface {}', setOrder);
    const originalKey = extractKey(key, setElementOrderDirectivePrefix);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    let originalFieldValue: unknown[] = [];
    let patchFieldValue: unknown[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[originalKey])) throw errBadArgType('[]interface {}', original[originalKey]);
      originalFieldValue = original[originalKey] as unknown[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[originalKey])) throw errBadArgType('[]interface {}', patch[originalKey]);
      patchFieldValue = patch[originalKey] as unknown[];
    }
    const { sub, meta } = lookupForSlice(schema, originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchFieldValue, setOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalFieldValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchFieldValue)[0] as unknown[];
    else if (foundOriginal && foundPatch) {
      const live = goSlice(originalFieldValue, options.capacityOf);
      merged = mergeSliceHandler(live, patchFieldValue, sub, strategy, meta.mergeKey, false, options);
      originalFieldValue = view(live); // the live list as Go sees it afterwards (shared backing array)
    } else continue;

    const [patchItems, serverOnly] = meta.mergeKey
      ? partitionMapsByPresentInList(merged, setOrder, meta.mergeKey)
      : partitionPrimitivesByPresentInList(merged, setOrder);
    const kind = sliceElementType(originalFieldValue, patchFieldValue);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, setOrder, originalFieldValue, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrderList.length) {
    if (isMap(nonDelete[pi]) && directiveMarker in (nonDelete[pi] as JMap)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], setOrderList[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrderList.length) {
    throw new PatchError(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderDirectivePrefix} list:\n${goFormat(setOrderList)}\n`,
    );
  }
}

export function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isMap(right)) throw errBadArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of l) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
    if (v[directiveMarker] === deleteDirective) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

function partitionPrimitivesByPresentInList(original: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(by);
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(original: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    const found = findMapInSliceBasedOnKeyValue(by, mergeKey, v[mergeKey]).found;
    (found ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

function removeDirectives(obj: unknown): [unknown, boolean] {
  if (obj === null || obj === undefined) return [obj, true];
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  if (isMap(obj)) {
    if (directiveMarker in obj) return [null, false];
    for (const k of Object.keys(obj)) {
      const [nv, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(v: unknown): unknown {
  if (Array.isArray(v)) v.forEach(discardNullValuesFromPatch);
  else if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  }
  return v;
}

function mergeSliceHandler(
  original: GoSlice,
  patch: unknown,
  schema: PatchSchema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  options: MergeRun,
): unknown[] {
  if (!Array.isArray(patch)) throw errBadArgType('[]interface {}', patch);
  if (strategy === mergeDirective || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, isDeleteList, options);
  return patch;
}

function mergeSlice(
  live: GoSlice,
  patch: unknown[],
  schema: PatchSchema,
  mergeKey: string,
  isDeleteList: boolean,
  options: MergeRun,
): unknown[] {
  let original = view(live);
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${schema.name}`);
    let rest: GoSlice;
    [rest, patch] = mergeSliceWithSpecialElements(live, patch, mergeKey);
    const restLen = rest.len;
    merged = view(mergeSliceWithoutSpecialElements(rest, patch, mergeKey, schema, options));
    original = rest.arr.slice(0, restLen);
  }
  const [patchItems, serverOnly] = mergeKey
    ? partitionMapsByPresentInList(merged, patch, mergeKey)
    : partitionPrimitivesByPresentInList(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string): [GoSlice, unknown[]] {
  let without: GoSlice = { arr: [], len: 0 };
  let replace = false;
  for (const v of patch) {
    const m = v as JMap;
    if (!(directiveMarker in m)) {
      without = goAppend(without, v);
      continue;
    }
    const t = m[directiveMarker];
    if (t === deleteDirective) {
      if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
      for (;;) {
        const { index, found } = findMapInSliceBasedOnKeyValue(view(original), mergeKey, m[mergeKey]);
        if (!found) break;
        original = goDelete(original, index);
      }
    } else if (t === replaceDirective) {
      replace = true;
    } else if (t === mergeDirective) {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(t, m);
    }
  }
  return replace ? [without, []] : [original, view(without)];
}

function mergeSliceWithoutSpecialElements(
  original: GoSlice,
  patch: unknown[],
  mergeKey: string,
  schema: PatchSchema,
  options: MergeRun,
): GoSlice {
  for (const v of patch) {
    const m = v as JMap;
    if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
    const { map, index, found } = findMapInSliceBasedOnKeyValue(view(original), mergeKey, m[mergeKey]);
    if (found) original.arr[index] = mergeMap(map, m, schema, options);
    else original = goAppend(original, v);
  }
  return original;
}

function findMapInSliceBasedOnKeyValue(l: unknown[], key: string, value: unknown): { map: JMap | null; index: number; found: boolean } {
  for (let i = 0; i < l.length; i++) {
    const v = l[i];
    if (!isMap(v)) throw new PatchError(`value for key ${i} is not a map`);
    if (key in v && v[key] === value) return { map: v, index: i, found: true };
  }
  return { map: null, index: 0, found: false };
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

// Exactly Go's "clever" in-place dedup, which moves the last element into a duplicate's slot.
export function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

export function sliceElementType(...slices: unknown[][]): string {
  let prev: string | null = null;
  for (const s of slices) {
    for (const v of s) {
      const t = kindOf(v);
      if (prev === null) {
        prev = t;
        if (prev === 'slice') throw new PatchError(ErrNoListOfLists);
      } else if (prev !== t) {
        throw new PatchError(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (prev === null) throw new PatchError('no elements in any of the given slices');
  return prev;
}

function index(l: unknown[], val: unknown, mergeKey: string, kind: string): number {
  const get = kind === 'map' ? (item: unknown) => (isMap(item) ? item[mergeKey] : null) : (item: unknown) => item;
  const want = get(val);
  for (let i = 0; i < l.length; i++) if (get(l[i]) === want) return i;
  return -1;
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

export function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const l of [toSort, order]) {
      for (const item of l) {
        if (!isMap(item)) throw errBadArgType('map[string]interface {}', item);
        if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      }
    }
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  // Go: sort.SliceStable with this (non-strict) less. For lists up to 20 items Go's stable sort is
  // a plain insertion sort, reproduced here (pod lists are far shorter than that).
  const less = (a: unknown, b: unknown) => {
    const ia = index(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = index(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  const out = [...toSort];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
  }
  return [...out, ...toDelete];
}

function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = index(serverOrder, left[i], mergeKey, kind);
      const ri = index(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** reflect.DeepEqual for decoded JSON values. */
export function jsonDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonDeepEqual(v, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonDeepEqual(a[k], b[k]));
  }
  return false;
}
