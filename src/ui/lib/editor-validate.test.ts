import { describe, expect, it } from 'vitest';
import { kubeMarkers, splitPath, type KubeChecks } from './editor-validate';
import * as kubeSchema from '../../sim/kube/schema';

// A fake of the schema module's contract (validateObject → {path,message}[], knownKind → 'ok'|'removed'|'unknown')
// to test where markers land; the real module is exercised below and in the browser test.
const checks: KubeChecks = {
  knownKind: (v, k) => (v === 'extensions/v1beta1' && k === 'Deployment' ? 'removed' : 'ok'),
  CURRENT_VERSION: { Deployment: 'apps/v1' },
  validateObject: (o) => {
    const c = (o as { spec?: { template?: { spec?: { containers?: Record<string, unknown>[] } } } }).spec?.template?.spec?.containers?.[0];
    return c && 'imagee' in c ? [{ path: 'spec.template.spec.containers[0].imagee', message: 'unknown field "imagee"' }] : [];
  },
};

const yaml = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: web
          imagee: nginx
---
apiVersion: extensions/v1beta1
kind: Deployment
`;

describe('kube markers', () => {
  it('splits field paths with indexes', () => {
    expect(splitPath('spec.containers[0].env[2].name')).toEqual(['spec', 'containers', 0, 'env', 2, 'name']);
  });

  it('puts a field error on its key and a removed API version on apiVersion', () => {
    const m = kubeMarkers(yaml, checks);
    expect(m).toHaveLength(2);
    expect(m[0]).toMatchObject({ startLineNumber: 8, startColumn: 11, endColumn: 17, severity: 'error' });
    expect(m[0]!.message).toBe('spec.template.spec.containers[0].imagee: unknown field "imagee"');
    expect(m[1]).toMatchObject({ startLineNumber: 10, startColumn: 1 });
    expect(m[1]!.message).toContain('no matches for kind "Deployment" in version "extensions/v1beta1"');
    expect(m[1]!.message).toContain('use apiVersion: apps/v1');
  });

  it('no markers for valid input, for syntax errors (monaco-yaml reports those) or without checks', () => {
    expect(kubeMarkers('apiVersion: apps/v1\nkind: Deployment\n', checks)).toEqual([]);
    expect(kubeMarkers('a: [', checks)).toEqual([]);
    expect(kubeMarkers(yaml, null)).toEqual([]);
  });

  it('a throwing validator becomes a marker, not an exception', () => {
    const bad: KubeChecks = { knownKind: () => 'ok', validateObject: () => { throw new Error('boom'); } };
    expect(kubeMarkers('kind: X\n', bad)[0]!.message).toContain('boom');
  });
});

describe('kube markers with src/sim/kube/schema', () => {
  it('marks the typo `imagee:` on its key and the removed extensions/v1beta1 on apiVersion', () => {
    const m = kubeMarkers(yaml, kubeSchema);
    const typo = m.find((x) => x.message.includes('imagee'));
    expect(typo).toMatchObject({ startLineNumber: 8, startColumn: 11 });
    const removed = m.find((x) => x.message.includes('extensions/v1beta1'));
    expect(removed).toMatchObject({ startLineNumber: 10 });
    expect(removed!.message).toContain('apps/v1');
  });
});
