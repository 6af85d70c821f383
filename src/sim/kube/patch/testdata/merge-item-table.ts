// Patch metadata of apimachinery's test types MergeItem / RetainKeysMergeItem
// (pkg/util/strategicpatch/patch_test.go), transcribed from their Go struct tags.
import type { PatchMetaTable } from '../meta';

const item = {
  name: { t: 'string' },
  value: { t: 'string' },
  other: { t: 'string' },
  simpleMap: { map: true },
  mergingIntList: { list: true, strategy: 'merge' },
  mergingList: { list: true, ref: 'MergeItem', strategy: 'merge', key: 'name' },
  nonMergingList: { list: true, ref: 'MergeItem' },
};

export const mergeItemTable: PatchMetaTable = {
  MergeItem: {
    ...item,
    nonMergingIntList: { list: true },
    // *MergeItem: LookupPatchMetadataForSlice accepts a pointer and uses its element type (meta.go)
    mergeItemPtr: { list: true, ref: 'MergeItem', strategy: 'merge', key: 'name' },
    replacingItem: { ref: 'RawExtension', strategy: 'replace' },
    jsonItem: { ref: 'JSONItem' },
    retainKeysMap: { ref: 'RetainKeysMergeItem', strategy: 'retainKeys' },
    retainKeysMergingList: { list: true, ref: 'MergeItem', strategy: 'merge,retainKeys', key: 'name' },
  },
  RetainKeysMergeItem: item,
};
