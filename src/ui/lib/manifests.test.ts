import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { validateObject } from '../../sim/kube/schema';
import { DEFAULT_FORM, generate, shellQuote, twoWayPatch, validateForm, type ManifestForm } from './manifests';

const forms: [string, Partial<ManifestForm>][] = [
  ['defaults (pod-name prefix, NodePort)', {}],
  ['fixed prefix, ClusterIP, other namespace', { prefixMode: 'fixed', fixedPrefix: 'shop.web', serviceType: 'ClusterIP', namespace: 'metrics' }],
  ['statsd host with port, 0 replicas', { statsdHost: 'graphite.default.svc.cluster.local:9125', replicas: 0, workers: 5 }],
];

function gen(over: Partial<ManifestForm>) {
  const g = generate({ ...DEFAULT_FORM, ...over });
  expect(g.errors).toEqual([]);
  return g;
}

describe('manifest generator', () => {
  for (const [name, over] of forms) {
    it(`${name}: every file parses as YAML/JSON and matches the objects`, () => {
      const g = gen(over);
      const yamlFiles = g.files.filter((f) => f.name.endsWith('.yaml'));
      const docs = yamlFiles.flatMap((f) => parseAllDocuments(f.content).map((d) => {
        expect(d.errors).toEqual([]);
        return d.toJS();
      }));
      expect(docs).toEqual(g.objects);
      for (const f of yamlFiles) expect(f.content, 'no YAML anchors or aliases').not.toMatch(/[&*]a\d/);
      expect(JSON.parse(g.files.find((f) => f.name === 'patch.json')!.content)).toEqual(JSON.parse(JSON.stringify(g.patch)));
    });

    it(`${name}: every object passes the Kubernetes OpenAPI schema (kubernetes-models)`, () => {
      const g = gen(over);
      for (const o of g.objects) {
        const model = o.kind === 'Deployment' ? new Deployment(o as never) : new Service(o as never);
        expect(() => model.validate(), `${o.kind} ${(o.metadata as { name: string }).name}`).not.toThrow();
      }
    });

    it(`${name}: every object passes src/sim/kube/schema validateObject`, () => {
      for (const o of gen(over).objects) expect(validateObject(o)).toEqual([]);
    });
  }

  it('the schema check is not vacuous: a misspelled field fails kubernetes-models validation', () => {
    const d = gen({}).objects[0] as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    d.spec.template.spec.containers[0]!.replicas = 'two';
    delete (d.spec as Record<string, unknown>).selector;
    expect(() => new Deployment(d as never).validate()).toThrow(/selector/);
  });

  it('selector matches the pod template labels (apps/v1 requires it)', () => {
    for (const o of gen({}).objects.filter((x) => x.kind === 'Deployment')) {
      const spec = o.spec as { selector: { matchLabels: object }; template: { metadata: { labels: object } } };
      expect(spec.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
    }
  });

  it('pod-name prefix uses the downward API and $(MY_POD_NAME) in args', () => {
    const d = gen({}).objects[0] as { spec: { template: { spec: { containers: { env: unknown[]; args: string[] }[] } } } };
    const c = d.spec.template.spec.containers[0]!;
    expect(c.env).toEqual([{ name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
    expect(c.args).toContain('--statsd-prefix=$(MY_POD_NAME)');
    expect(c.args).toContain('--statsd-host=graphite:8125');
  });

  it('graphite+statsd exposes 80, 8125/UDP, 8126 and 2003 (graphite-project/docker-graphite-statsd)', () => {
    const svc = gen({}).objects[3] as { spec: { ports: { port: number; protocol: string; name: string }[] } };
    expect(svc.spec.ports.map((p) => `${p.port}/${p.protocol}`)).toEqual(['80/TCP', '8125/UDP', '8126/TCP', '2003/TCP']);
    expect(new Set(svc.spec.ports.map((p) => p.name)).size).toBe(4);
  });

  it('gunicorn command line quotes $(MY_POD_NAME) so a shell does not run it', () => {
    const g = gen({ workers: 3, containerPort: 5000 });
    expect(g.gunicornLine).toBe(
      "gunicorn --bind=0.0.0.0:5000 --workers=3 --statsd-host=graphite:8125 '--statsd-prefix=$(MY_POD_NAME)' app:app",
    );
  });

  it('kubectl patch adds the env and args with $setElementOrder/containers, keys sorted like Go json', () => {
    const g = gen({});
    expect(g.patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'backend' }],
            containers: [
              {
                name: 'backend',
                args: ['--bind=0.0.0.0:8000', '--workers=2', '--statsd-host=graphite:8125', '--statsd-prefix=$(MY_POD_NAME)', 'app:app'],
                env: [{ name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              },
            ],
          },
        },
      },
    });
    expect(g.patchCommand.startsWith(`kubectl patch deployment backend --patch '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"backend"}],"containers":[{"args":`)).toBe(true);
    expect(g.patchCommand.endsWith(`"name":"backend"}]}}}}'`)).toBe(true);
  });

  // Cases modelled on apimachinery strategicpatch's TestStrategicMergePatch "createStrategicMergePatchTestCaseData"
  // (patch_test.go): changed element of a merge list → its diff + merge key + $setElementOrder; deleted element →
  // {$patch: delete}; removed map key → null; non-merge list → replaced whole.
  it('twoWayPatch: merge lists, deletions and nulls as CreateTwoWayMergePatch', () => {
    const orig = { a: 1, b: { c: 2 }, containers: [{ name: 'x', image: 'i1' }, { name: 'y', image: 'i2' }], args: ['a', 'b'] };
    const mod = { b: { c: 3 }, containers: [{ name: 'z', image: 'i3' }, { name: 'x', image: 'i9' }], args: ['a'] };
    expect(twoWayPatch(orig, mod)).toEqual({
      a: null,
      b: { c: 3 },
      containers: [{ name: 'z', image: 'i3' }, { name: 'x', image: 'i9' }, { $patch: 'delete', name: 'y' }],
      '$setElementOrder/containers': [{ name: 'z' }, { name: 'x' }],
      args: ['a'],
    });
    expect(twoWayPatch(orig, orig)).toEqual({});
  });

  it('bad input gets field messages, never a throw', () => {
    expect(generate({ ...DEFAULT_FORM, appName: 'My_App', containerPort: 70000, namespace: '' }).errors.map((e) => e.field)).toEqual([
      'appName',
      'containerPort',
      'namespace',
    ]);
    expect(generate(null).errors.length).toBeGreaterThan(0);
    expect(generate({ ...DEFAULT_FORM, prefixMode: 'fixed', fixedPrefix: '' }).errors[0]!.field).toBe('fixedPrefix');
    expect(validateForm({ ...DEFAULT_FORM, image: 'UPPER/case' })[0]!.field).toBe('image');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

// The simulated cluster (src/sim/kube/cluster) applies what we generate, and its strategic merge patch (a port of
// apimachinery's) turns the Deployment with a fixed prefix into the pod-name one with our patch.
describe('generated manifests in the simulated cluster', () => {
  it('apply cleanly, and the kubectl patch switches the prefix to $(MY_POD_NAME)', async () => {
    const { World } = await import('../../sim/world');
    const { getCluster } = await import('../../sim/kube/cluster/cluster');
    const c = getCluster(new World());
    const fixed = generate({ ...DEFAULT_FORM, prefixMode: 'fixed', fixedPrefix: 'backend' });
    for (const o of fixed.objects) {
      const r = c.apply(structuredClone(o));
      expect('action' in r ? r.action : r, `${o.kind}`).toBe('created');
    }
    const podName = generate(DEFAULT_FORM);
    const r = c.patch('Deployment', 'default', 'backend', structuredClone(podName.patch), 'strategic');
    expect('obj' in r ? null : r).toBeNull();
    type Dep = { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const got = (r as unknown as { obj: Dep }).obj.spec.template.spec.containers[0]!;
    const want = (podName.objects[0] as Dep).spec.template.spec.containers[0]!;
    // The API server defaults fieldRef.apiVersion to v1, so `got` may hold more than we sent.
    expect(got.env).toMatchObject(want.env as object);
    expect(got.args).toEqual(want.args);
    expect(got.image).toBe(want.image);
  });
});
