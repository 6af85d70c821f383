// kubectl apply's patch: CreateThreeWayMergePatch, ported from k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
// (diffMaps / handleMapDiff / handleSliceDiff / diffLists / diffListsOfMaps / diffListsOfScalars, then mergeMap of
// the deletions and delta patches with MergeOptions{}). kubectl calls it from
// k8s.io/kubectl/pkg/cmd/apply/patcher.go (patchSimple) with original = the last-applied annotation,
// modified = the new manifest (with its own last-applied annotation), current = the live object, overwrite = true.
// The merge and the patch metadata are strategic.ts's and meta.ts's; this file only adds the diff side.
import { stringify } from 'yaml';
import { PatchError } from './errors';
import { goFormat } from './goformat';
import { lookupForSlice, lookupForStruct, schemaForKind, schemaForTable, type PatchMetaTable, type PatchSchema } from './meta';
import {
  ErrNoListOfLists,
  deduplicateScalars,
  deleteDirective,
  deleteFromPrimitiveListDirectivePrefix,
  directiveMarker,
  errBadArgType,
  errNoMergeKey,
  extractRetainKeysPatchStrategy,
  isMap,
  jsonDeepEqual,
  kindOf,
  mergeDirective,
  mergeKeyValueEqual,
  mergeMapWithOptions,
  normalizeSliceOrder,
  retainKeysDirective,
  setElementOrderDirectivePrefix,
  sliceElementType,
  type JMap,
} from './strategic';

/** apimachinery's DiffOptions. */
interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeysDirective: boolean;
}

/**
 * CreateThreeWayMergePatch(original, modified, current, schema, overwrite) for a kind of the cluster
 * (Deployment, Pod, Service, …). The result is the patch kubectl sends; `{}` means "unchanged".
 * overwrite=false (`kubectl apply --overwrite=false`) refuses patches that conflict with changes made from
 * original to current. Throws PatchError (with apimachinery's wording) on malformed input or a conflict.
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown, kind = 'Deployment', overwrite = true): JMap {
  const schema = schemaForKind(kind);
  if (!schema) throw new PatchError('strategic merge patch format is not supported');
  return threeWay(original, modified, current, schema, overwrite);
}

/** Same, against another patch-metadata table (apimachinery's tests use their `MergeItem` type). */
export function createThreeWayMergePatchWithTable(
  original: unknown,
  modified: unknown,
  current: unknown,
  table: PatchMetaTable,
  rootId: string,
  overwrite = true,
): JMap {
  return threeWay(original, modified, current, schemaForTable(table, rootId), overwrite);
}

function threeWay(original: unknown, modified: unknown, current: unknown, schema: PatchSchema, overwrite: boolean): JMap {
  // Go json.Unmarshals each document afresh: work on copies, absent documents are empty maps.
  const o = documentMap(original);
  const m = documentMap(modified);
  const c = documentMap(current);
  // The patch is the difference from current to modified without deletions, plus deletions from
  // original to modified: delta is applied to deletions as a patch, which should be strictly additive.
  const delta = diffMaps(c, m, schema, { ignoreDeletions: true, setElementOrder: true, ignoreChangesAndAdditions: false, buildRetainKeysDirective: false });
  const deletions = diffMaps(o, m, schema, { setElementOrder: true, ignoreChangesAndAdditions: true, ignoreDeletions: false, buildRetainKeysDirective: false });
  const patch = mergeMapWithOptions(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  if (!overwrite) {
    const changed = diffMaps(o, c, schema, { setElementOrder: false, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeysDirective: false });
    if (mergingMapFieldsHaveConflicts(patch, changed, schema, '', ''))
      throw new PatchError(`patch:\n${toYaml(patch)}\nconflicts with changes made from original to current:\n${toYaml(changed)}\n`);
  }
  return patch;
}

/** mergepatch.ToYAMLOrError: sigs.k8s.io/yaml output (keys sorted). */
const toYaml = (v: unknown): string => stringify(v, { sortMapEntries: true });

// MergingMapsHaveConflicts: do the two patches touch the same keys with different values?
function mergingMapFieldsHaveConflicts(left: unknown, right: unknown, schema: PatchSchema, strategy: string, mergeKey: string): boolean {
  if (isMap(left)) {
    if (!isMap(right)) return true;
    const l = directiveMarker in left;
    const r = directiveMarker in right;
    // a directive acts on the whole map: one side with it, or different ones, conflict
    if ((l || r) && (l !== r || left[directiveMarker] !== right[directiveMarker])) return true;
    if (strategy === 'replace') return false;
    return mapsHaveConflicts(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesHaveConflicts(left, right, schema, strategy, mergeKey);
  }
  return !jsonDeepEqual(left, right);
}

function mapsHaveConflicts(left: JMap, right: JMap, schema: PatchSchema): boolean {
  for (const key of Object.keys(left)) {
    if (key === directiveMarker || key === retainKeysDirective || !(key in right)) continue;
    const lv = left[key];
    let sub = schema;
    let strategy = '';
    let mergeKey = '';
    if (Array.isArray(lv) || isMap(lv)) {
      const found = Array.isArray(lv) ? lookupForSlice(schema, key) : lookupForStruct(schema, key);
      sub = found.sub;
      strategy = extractRetainKeysPatchStrategy(found.meta.strategies)[1];
      mergeKey = found.meta.mergeKey;
    }
    if (mergingMapFieldsHaveConflicts(lv, right[key], sub, strategy, mergeKey)) return true;
  }
  return false;
}

function slicesHaveConflicts(left: unknown[], right: unknown[], schema: PatchSchema, strategy: string, mergeKey: string): boolean {
  const kind = sliceElementType(left, right);
  if (strategy === mergeDirective) {
    // merging lists of scalars never conflict; lists of maps are compared item by merge key
    if (kind !== 'map') return false;
    const l = byMergeKey(left, mergeKey);
    const r = byMergeKey(right, mergeKey);
    return [...l.keys()].some((k) => r.has(k) && mergingMapFieldsHaveConflicts(l.get(k), r.get(k), schema, '', ''));
  }
  if (left.length !== right.length) return true;
  if (kind !== 'map') {
    left = sortScalars(deduplicateScalars(left));
    right = sortScalars(deduplicateScalars(right));
  }
  return left.some((v, i) => mergingMapFieldsHaveConflicts(v, right[i], schema, '', ''));
}

function byMergeKey(list: unknown[], mergeKey: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const v of list) {
    if (!isMap(v)) throw new PatchError(`invalid element type in merging list:${goFormat(list)}`);
    if (!(mergeKey in v)) throw new PatchError(`cannot find merge key \`${mergeKey}\` in merging list element:${goFormat(v)}`);
    out.set(goFormat(v[mergeKey]), v);
  }
  return out;
}

function documentMap(v: unknown): JMap {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new PatchError('invalid JSON document');
  return JSON.parse(JSON.stringify(v)) as JMap;
}

// Returns a (recursive) strategic merge patch that yields modified when applied to original: additions and
// changes as values, map deletions as null, merging-list deletions as `$patch: delete` items or
// $deleteFromPrimitiveList, $setElementOrder for merging lists, $retainKeys for retainKeys fields.
function diffMaps(original: JMap, modified: JMap, schema: PatchSchema, opts: DiffOptions): JMap {
  const patch: JMap = {};
  const retainKeysList: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === directiveMarker) {
      // handleDirectiveMarker
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string')
        throw new PatchError(`invalid value for special key: ${directiveMarker}`);
      if (originalValue !== modifiedValue) patch[directiveMarker] = modifiedValue;
      continue;
    }
    if (kindOf(originalValue) !== kindOf(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isMap(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JMap, patch, schema, opts);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as unknown[], patch, schema, opts);
    else replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, opts);
  }
  // updatePatchIfMissing: nulls for deleted keys
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified)))
    patch[retainKeysDirective] = sortScalars(retainKeysList);
  return patch;
}

function handleMapDiff(key: string, originalValue: JMap, modifiedValue: JMap, patch: JMap, schema: PatchSchema, opts: DiffOptions): void {
  let lookup;
  try {
    lookup = lookupForStruct(schema, key);
  } catch (e) {
    // no metadata for the field: only an error if the values differ
    if (jsonDeepEqual(originalValue, modifiedValue)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(lookup.meta.strategies);
  if (strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
    return;
  }
  const value = diffMaps(originalValue, modifiedValue, lookup.sub, { ...opts, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(key: string, originalValue: unknown[], modifiedValue: unknown[], patch: JMap, schema: PatchSchema, opts: DiffOptions): void {
  let lookup;
  try {
    lookup = lookupForSlice(schema, key);
  } catch (e) {
    if (jsonDeepEqual(originalValue, modifiedValue)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(lookup.meta.strategies);
  if (strategy !== mergeDirective) {
    replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, opts);
    return;
  }
  const [addList, deletionList, setOrderList] = diffLists(originalValue, modifiedValue, lookup.sub, lookup.meta.mergeKey, {
    ...opts,
    buildRetainKeysDirective: retainKeys,
  });
  if (addList.length > 0) patch[key] = addList;
  if (deletionList.length > 0) patch[`${deleteFromPrimitiveListDirectivePrefix}/${key}`] = deletionList;
  if (setOrderList.length > 0) patch[`${setElementOrderDirectivePrefix}/${key}`] = setOrderList;
}

function replacePatchFieldIfNotEqual(key: string, original: unknown, modified: unknown, patch: JMap, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions || jsonDeepEqual(original, modified)) return;
  patch[key] = modified;
}

// Returns the patch list, a parallel deletion list (lists of primitives only) and the $setElementOrder list.
function diffLists(original: unknown[], modified: unknown[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  let patchList: unknown[];
  let deleteList: unknown[];
  let setOrderList: unknown[] = [];
  if (kind === 'map') {
    [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    // the deletions go at the end of the patch list
    patchList = [...patchList, ...deleteList];
    deleteList = [];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JMap)[mergeKey] }));
    }
  } else if (kind === 'slice') {
    throw new PatchError(ErrNoListOfLists);
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    // diffListsOfScalars sorted `original` in place (Go's sort.Sort on the caller's slice): that sorted list is
    // what is compared with modified here.
    if (opts.setElementOrder && ((!opts.ignoreDeletions && deleteList.length > 0) || (!opts.ignoreChangesAndAdditions && !jsonDeepEqual(original, modified))))
      setOrderList = modified;
  }
  return [patchList, deleteList, setOrderList];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

// Walks both lists sorted by their %v strings. Sorts `original` in place, as Go does.
function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): [unknown[], unknown[]] {
  const originalScalars = sortScalars(original);
  const modifiedScalars = sortScalars([...modified]);
  const addList: unknown[] = [];
  const deletionList: unknown[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < originalScalars.length || mi < modifiedScalars.length) {
    const oIn = oi < originalScalars.length;
    const mIn = mi < modifiedScalars.length;
    const os = oIn ? goFormat(originalScalars[oi]) : '';
    const ms = mIn ? goFormat(modifiedScalars[mi]) : '';
    if (oIn && mIn && os === ms) {
      oi++;
      mi++;
    } else if (!oIn || (oIn && mIn && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) addList.push(modifiedScalars[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletionList.push(originalScalars[oi]);
      oi++;
    }
  }
  return [addList, deduplicateScalars(deletionList)];
}

// Walks both lists sorted by merge key: recurse on matches, whole items for additions, delete directives.
function diffListsOfMaps(original: unknown[], modified: unknown[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletionList: unknown[] = [];
  const originalSorted = sortMapsByMergeKey(original, mergeKey);
  const modifiedSorted = sortMapsByMergeKey(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  while (oi < originalSorted.length || mi < modifiedSorted.length) {
    const oIn = oi < originalSorted.length;
    const mIn = mi < modifiedSorted.length;
    let oEl: JMap = {};
    let mEl: JMap = {};
    let os = '';
    let ms = '';
    if (oIn) {
      oEl = mapWithMergeKey(originalSorted[oi], mergeKey);
      os = goFormat(oEl[mergeKey]);
    }
    if (mIn) {
      mEl = mapWithMergeKey(modifiedSorted[mi], mergeKey);
      ms = goFormat(mEl[mergeKey]);
    }
    if (oIn && mIn && os === ms) {
      const value = diffMaps(oEl, mEl, schema, opts);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = mEl[mergeKey];
        patch.push(value);
      }
      oi++;
      mi++;
    } else if (!oIn || (oIn && mIn && os > ms)) {
      // ItemAddedToModifiedSlice
      if (!opts.ignoreChangesAndAdditions) patch.push(mEl);
      mi++;
    } else {
      // ItemRemovedFromModifiedSlice: CreateDeleteDirective
      if (!opts.ignoreDeletions) deletionList.push({ [mergeKey]: oEl[mergeKey], [directiveMarker]: deleteDirective });
      oi++;
    }
  }
  return [patch, deletionList];
}

function mapWithMergeKey(v: unknown, mergeKey: string): JMap {
  if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
  if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
  return v;
}

/** hasAdditionalNewField: original has a non-null key that modified lacks. */
function hasAdditionalNewField(original: JMap, modified: JMap): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !(k in modified));
}

// Go's sort.Sort with Less = sort.StringsAreSorted([%v(i), %v(j)]), i.e. "<=". For the short lists of a
// manifest pdqsort is an insertion sort (n <= 12), reproduced here; equal strings may swap, as in Go.
function sortByString(s: unknown[], str: (v: unknown) => string): unknown[] {
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && str(s[j]) <= str(s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return s;
}

/** sortScalars: sorts in place by the %v rendering. */
function sortScalars<T>(s: T[]): T[] {
  return sortByString(s, goFormat) as T[];
}

/** sortMergeListsByNameArray(s, …, recurse=false) for maps: a sorted copy. */
function sortMapsByMergeKey(s: unknown[], mergeKey: string): unknown[] {
  if (s.length === 0) return s;
  if (sliceElementType(s) !== 'map') return sortScalars(deduplicateScalars(s));
  return sortByString([...s], (v) => goFormat((v as JMap)[mergeKey]));
}
