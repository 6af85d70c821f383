import { describe, expect, it } from 'vitest';
import { applyPatch, jsonMergePatch, jsonPatch, PatchError, strategicMergePatch } from './index';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app', labels: { app: 'app' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'app' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      metadata: { labels: { app: 'app' } },
      spec: {
        containers: [
          {
            name: 'backend',
            image: 'app:1',
            ports: [{ containerPort: 8000 }],
            env: [
              { name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'LOG_LEVEL', value: 'info' },
            ],
          },
          { name: 'sidecar', image: 'side:1' },
        ],
      },
    },
  },
});

describe('strategic merge patch on Deployment (patch metadata from Kubernetes OpenAPI)', () => {
  it("course patch: $setElementOrder/containers and $setElementOrder/env add GUNICORN_ARGS after MY_POD_NAME", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'backend' }, { name: 'sidecar' }],
            containers: [
              {
                name: 'backend',
                '$setElementOrder/env': [{ name: 'MY_POD_NAME' }, { name: 'GUNICORN_ARGS' }, { name: 'LOG_LEVEL' }],
                env: [{ name: 'GUNICORN_ARGS', value: '--statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME)' }],
              },
            ],
          },
        },
      },
    };
    const out = strategicMergePatch(deployment(), patch) as ReturnType<typeof deployment>;
    const [backend, sidecar] = out.spec.template.spec.containers;
    expect(backend.env!.map((e) => e.name)).toEqual(['MY_POD_NAME', 'GUNICORN_ARGS', 'LOG_LEVEL']);
    expect(backend.env![1]).toEqual({ name: 'GUNICORN_ARGS', value: '--statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME)' });
    expect(backend.image).toBe('app:1'); // merged by name, not replaced
    expect(sidecar).toEqual({ name: 'sidecar', image: 'side:1' });
    expect(JSON.stringify(out)).not.toContain('$setElementOrder');
  });

  it('merges ports by containerPort and keeps the others (without $setElementOrder, patch items come first: mergeSortedSlice)', () => {
    const out = strategicMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'backend', ports: [{ containerPort: 9102, name: 'metrics' }] }] } } },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 9102, name: 'metrics' }, { containerPort: 8000 }]);
  });

  it('$patch: delete removes a container by name; null deletes a key', () => {
    const out = strategicMergePatch(deployment(), {
      metadata: { labels: null },
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['backend']);
    expect('labels' in out.metadata).toBe(false);
  });

  it('strategy carries retainKeys: $retainKeys drops rollingUpdate when switching to Recreate', () => {
    const out = strategicMergePatch(deployment(), {
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('args has no patch strategy, so a patch replaces the list', () => {
    const d = deployment() as any;
    d.spec.template.spec.containers[0].args = ['a', 'b'];
    const out = strategicMergePatch(d, { spec: { template: { spec: { containers: [{ name: 'backend', args: ['c'] }] } } } }) as any;
    expect(out.spec.template.spec.containers[0].args).toEqual(['c']);
  });

  it('$deleteFromPrimitiveList/finalizers removes from a merge primitive list', () => {
    const out = strategicMergePatch(
      { metadata: { name: 'x', finalizers: ['a', 'b', 'c'] } },
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    ) as any;
    expect(out.metadata.finalizers).toEqual(['a', 'c']);
  });

  it('errors are worded as apimachinery words them', () => {
    expect(() => strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(
      'map: map[image:x] does not contain declared merge key: name',
    );
    expect(() => strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } } } })).toThrow(
      'merging lists cannot yet be specified in the patch',
    );
    expect(() => strategicMergePatch(deployment(), { spec: { strategy: { $patch: 'bogus' } } })).toThrow(
      'unknown patch type: bogus in map: map[$patch:bogus]',
    );
    expect(() => strategicMergePatch(deployment(), { spec: { bogus: {} } })).not.toThrow(); // not in original: copied
    expect(() => strategicMergePatch({ spec: { bogus: {} } }, { spec: { bogus: { a: 1 } } })).toThrow(
      'unable to find api field in struct DeploymentSpec for the json field "bogus"',
    );
    expect(() => strategicMergePatch({}, {}, 'Widget')).toThrow('strategic merge patch format is not supported');
  });

  it('does not modify its inputs', () => {
    const d = deployment();
    const before = JSON.stringify(d);
    strategicMergePatch(d, { spec: { replicas: 3 } });
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('JSON merge patch (RFC 7386) and JSON patch (RFC 6902)', () => {
  it('RFC 7386 appendix A examples', () => {
    expect(jsonMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(jsonMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(jsonMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(jsonMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(jsonMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(jsonMergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
    expect(jsonMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });
  it('merge patch replaces lists wholesale (containers lose their other fields)', () => {
    const out = applyPatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'backend', image: 'app:2' }] } } } }, 'merge', 'Deployment') as any;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'backend', image: 'app:2' }]);
  });
  it('json patch replace/add and errors', () => {
    const out = jsonPatch(deployment(), [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'X', value: '1' } },
    ]) as any;
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers[0].env[2]).toEqual({ name: 'X', value: '1' });
    expect(() => jsonPatch(deployment(), [{ op: 'replace', path: '/spec/nope/x', value: 1 }])).toThrow(PatchError);
    expect(() => jsonPatch(deployment(), { op: 'add' })).toThrow(PatchError);
  });
});
