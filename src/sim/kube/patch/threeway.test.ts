// CreateThreeWayMergePatch against apimachinery's own cases (testdata/apimachinery-threeway-cases.json, from
// pkg/util/strategicpatch/patch_test.go: createStrategicMergePatchTestCaseData and strategicMergePatchRawTestCases),
// checked as testThreeWayPatch does: the patch must equal `threeWay`, and applying it to `current` with
// StrategicMergePatch must give `result` (reflect.DeepEqual, list order included). As in the Go test, overwrite=false
// must report ErrConflict exactly for the "conflict" cases; overwrite=true (kubectl apply's default) must then give
// the expected patch and result.
import { describe, expect, it } from 'vitest';
import data from './testdata/apimachinery-threeway-cases.json';
import { mergeItemTable } from './testdata/merge-item-table';
import { createThreeWayMergePatch, createThreeWayMergePatchWithTable } from './threeway';
import { strategicMergePatch, strategicMergePatchWithTable, extractRetainKeysPatchStrategy, isMap, type JMap } from './strategic';
import { lookupForSlice, lookupForStruct, schemaForTable, type PatchSchema } from './meta';
import { goFormat } from './goformat';
import { PatchError } from './errors';

interface Case {
  test: string;
  description: string;
  original: unknown;
  modified: unknown;
  current: unknown;
  threeWay: unknown;
  result: unknown;
  sortInputs: boolean;
}
const cases = (data as { cases: Case[] }).cases;

// patch_test.go's sortJsonOrFail → sortMergeListsByName: merging lists sorted by merge key (recursively),
// scalar merging lists deduplicated and sorted, $deleteFromPrimitiveList and $retainKeys lists sorted.
const byString = (a: unknown, b: unknown) => (goFormat(a) < goFormat(b) ? -1 : goFormat(a) > goFormat(b) ? 1 : 0);
function sortMap(m: JMap, schema: PatchSchema): JMap {
  const out: JMap = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList')) out[k] = [...(v as unknown[])].sort(byString);
    else if (k.startsWith('$setElementOrder') || k === '$patch') out[k] = v;
    else if (isMap(v)) out[k] = sortMap(v, lookupForStruct(schema, k).sub);
    else if (Array.isArray(v)) {
      const { sub, meta } = lookupForSlice(schema, k);
      if (extractRetainKeysPatchStrategy(meta.strategies)[1] !== 'merge' || v.length === 0) out[k] = v;
      else if (!isMap(v[0])) out[k] = [...new Set(v)].sort(byString);
      else out[k] = v.map((e) => sortMap(e as JMap, sub)).sort((a, b) => byString(a[meta.mergeKey], b[meta.mergeKey]));
    } else out[k] = v;
  }
  return out;
}
const root = schemaForTable(mergeItemTable, 'MergeItem');
const prepare = (c: Case, v: unknown) => (c.sortInputs && isMap(v) ? sortMap(v, root) : v);

describe('apimachinery strategicpatch/patch_test.go three-way cases (CreateThreeWayMergePatch)', () => {
  it('has the cases of both tables', () => {
    expect(cases.filter((c) => c.sortInputs).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => !c.sortInputs).length).toBeGreaterThanOrEqual(90);
  });
  for (const c of cases) {
    it(`${c.test}: ${c.description}/ThreeWay`, () => {
      const [original, modified, current] = [c.original, c.modified, c.current].map((v) => prepare(c, v));
      // testThreeWayPatch: overwrite=false first; "conflict" cases must fail with ErrConflict, the others pass
      const strict = () => createThreeWayMergePatchWithTable(original, modified, current, mergeItemTable, 'MergeItem', false);
      if (c.description.includes('conflict')) expect(strict).toThrow('conflicts with changes made from original to current');
      else expect(strict()).toEqual(prepare(c, c.threeWay) ?? {});
      const patch = createThreeWayMergePatchWithTable(original, modified, current, mergeItemTable, 'MergeItem', true);
      expect(patch).toEqual(prepare(c, c.threeWay) ?? {});
      expect(strategicMergePatchWithTable(current, patch, mergeItemTable, 'MergeItem')).toEqual(prepare(c, c.result));
    });
  }
});

describe('three-way patch of a Deployment (kubectl apply)', () => {
  const manifest = (env: { name: string; value: string }[], extra: JMap = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'flask:1', env, ...extra }] },
      },
    },
  });
  const env2 = [
    { name: 'A', value: '1' },
    { name: 'B', value: '2' },
  ];

  it('removing an env entry from the manifest deletes it by merge key, with $setElementOrder', () => {
    const last = manifest(env2);
    const live = { ...manifest(env2), spec: { ...manifest(env2).spec, replicas: 3 } };
    const next = manifest([{ name: 'A', value: '1' }]);
    const patch = createThreeWayMergePatch(last, next, live);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'B', $patch: 'delete' }] }],
          },
        },
      },
    });
    const applied = strategicMergePatch(live, patch) as JMap;
    expect(applied).toEqual({ ...next, spec: { ...next.spec, replicas: 3 } }); // replicas: another writer's, kept
  });

  it('fields only the live object has survive; fields dropped from the manifest are nulled', () => {
    const last = { ...manifest(env2), metadata: { name: 'web', labels: { tier: 'front' } } };
    const live = {
      ...manifest(env2),
      metadata: { name: 'web', labels: { tier: 'front' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { ...manifest(env2).spec, replicas: 5 },
    };
    const next = manifest(env2);
    expect(createThreeWayMergePatch(last, next, live)).toEqual({ metadata: { labels: null } });
  });

  it('identical manifest gives the empty patch', () => {
    const m = manifest(env2);
    expect(createThreeWayMergePatch(m, m, { ...m, status: { replicas: 1 } })).toEqual({});
  });

  it('changing a value that another writer also changed: the manifest wins (overwrite=true)', () => {
    const last = { ...manifest(env2), spec: { ...manifest(env2).spec, replicas: 2 } };
    const live = { ...manifest(env2), spec: { ...manifest(env2).spec, replicas: 7 } };
    expect(createThreeWayMergePatch(last, last, live)).toEqual({ spec: { replicas: 2 } });
  });

  it('bad documents and unknown kinds give a PatchError, not another exception', () => {
    expect(() => createThreeWayMergePatch({}, [], {})).toThrow(PatchError);
    expect(() => createThreeWayMergePatch({}, {}, {}, 'Widget')).toThrow(PatchError);
    expect(() => createThreeWayMergePatch({}, { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, { spec: { template: { spec: { containers: [{ name: 'a' }] } } } })).toThrow(
      'does not contain declared merge key: name',
    );
  });
});
