// Cases from kubernetes/apimachinery pkg/util/strategicpatch/patch_test.go (see testdata/apimachinery-cases.json),
// applied like testPatchApplication does: StrategicMergePatch(original, patch) must equal the expected result
// exactly (reflect.DeepEqual, list order included).
import { describe, expect, it } from 'vitest';
import data from './testdata/apimachinery-cases.json';
import { strategicMergePatchWithTable } from './strategic';
import { mergeItemTable } from './testdata/merge-item-table';


interface Case {
  test: string;
  description: string;
  original: unknown;
  patch: unknown;
  expected?: unknown;
  expectedError?: string;
}
const cases = (data as { cases: Case[] }).cases;

describe('apimachinery strategicpatch/patch_test.go', () => {
  it('has enough cases, including $setElementOrder ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => JSON.stringify(c.patch).includes('$setElementOrder')).length).toBeGreaterThan(20);
  });
  for (const c of cases) {
    it(`${c.test}: ${c.description}`, () => {
      if (c.expectedError) {
        expect(() => strategicMergePatchWithTable(c.original, c.patch, mergeItemTable, 'MergeItem')).toThrow(c.expectedError);
      } else {
        expect(strategicMergePatchWithTable(c.original, c.patch, mergeItemTable, 'MergeItem')).toEqual(c.expected);
      }
    });
  }
});
