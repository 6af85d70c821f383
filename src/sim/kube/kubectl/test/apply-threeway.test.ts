// `kubectl apply` on an existing object: kubectl's client-side apply (k8s.io/kubectl/pkg/cmd/apply/patcher.go
// patchSimple) computes strategicpatch.CreateThreeWayMergePatch(last-applied, manifest, live, overwrite=true) and
// PATCHes it. These tests drive the kubectl program end to end and look at the live objects.
import { describe, it, expect } from 'vitest';
import { boot, kubectl, pass } from './harness';
import { LAST_APPLIED } from '../../cluster/cluster';
import { computeHash } from '../../cluster/names';

function deployment(opts: { replicas?: number; env?: [string, string][]; image?: string } = {}): string {
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    ...(opts.replicas !== undefined ? [`  replicas: ${opts.replicas}`] : []),
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - name: web',
    `        image: ${opts.image ?? 'nginx:1.25'}`,
  ];
  if (opts.env?.length) {
    lines.push('        env:');
    for (const [n, v] of opts.env) lines.push(`        - name: ${n}`, `          value: "${v}"`);
  }
  return lines.join('\n') + '\n';
}

const ENV: [string, string][] = [
  ['STATSD_HOST', 'graphite'],
  ['STATSD_PORT', '8125'],
  ['DEBUG', '1'],
];

describe('kubectl apply on an existing object: three-way strategic merge patch', () => {
  it('apply → scale → apply again (no replicas in the manifest) keeps the scaled count', async () => {
    const { w, c } = boot();
    expect((await kubectl(w, 'apply -f -', deployment())).out).toBe('deployment.apps/web created\n');
    expect(c.get('Deployment', 'default', 'web')!.spec.replicas).toBe(1); // defaulted by the API server
    expect((await kubectl(w, 'scale deployment/web --replicas=4')).out).toBe('deployment.apps/web scaled\n');
    const r = await kubectl(w, 'apply -f -', deployment());
    expect(r.out).toBe('deployment.apps/web unchanged\n');
    expect(c.get('Deployment', 'default', 'web')!.spec.replicas).toBe(4);
    // a real change elsewhere still leaves replicas alone
    expect((await kubectl(w, 'apply -f -', deployment({ image: 'nginx:1.26' }))).out).toBe('deployment.apps/web configured\n');
    const d = c.get('Deployment', 'default', 'web')!;
    expect(d.spec.replicas).toBe(4);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.26');
  });

  it('replicas that were in the last manifest and are dropped from it are removed (then defaulted to 1)', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment({ replicas: 3 }));
    expect(c.get('Deployment', 'default', 'web')!.spec.replicas).toBe(3);
    expect((await kubectl(w, 'apply -f -', deployment())).out).toBe('deployment.apps/web configured\n');
    expect(c.get('Deployment', 'default', 'web')!.spec.replicas).toBe(1);
  });

  it('removing an env var from the manifest removes it from the live Deployment and rolls out new pods', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment({ env: ENV }));
    await pass(w, 3000);
    const before = c.get('Deployment', 'default', 'web')!;
    const oldHash = computeHash(before.spec.template);
    expect(c.list('Pod', 'default').map((p) => p.metadata.name)).toEqual([expect.stringMatching(new RegExp(`^web-${oldHash}-`))]);

    const r = await kubectl(w, 'apply -f -', deployment({ env: [ENV[0]!, ENV[2]!] }));
    expect(r.out).toBe('deployment.apps/web configured\n');
    const after = c.get('Deployment', 'default', 'web')!;
    expect(after.spec.template.spec.containers[0].env).toEqual([
      { name: 'STATSD_HOST', value: 'graphite' },
      { name: 'DEBUG', value: '1' },
    ]);
    const newHash = computeHash(after.spec.template);
    expect(newHash).not.toBe(oldHash);
    expect(after.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    await pass(w, 5000);
    const pods = c.list('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods.map((p) => p.metadata.name)).toEqual([expect.stringMatching(new RegExp(`^web-${newHash}-`))]);
    expect((await kubectl(w, `exec ${pods[0]!.metadata.name} -- env`)).out).not.toContain('STATSD_PORT=');
  });

  it('an env var another writer added (kubectl set env) survives an apply that does not mention it', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment({ env: [ENV[0]!] }));
    // what `kubectl set env deployment/web EXTRA=1` sends: a strategic merge patch adding an env entry
    await kubectl(w, `patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"EXTRA","value":"1"}]}]}}}}'`);
    // apimachinery's mergeSlice → normalizeElementOrder: a patch item the live list lacks goes first
    expect(c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual(['EXTRA', 'STATSD_HOST']);
    await kubectl(w, 'apply -f -', deployment({ env: [ENV[0]!, ENV[2]!] }));
    // $setElementOrder orders the manifest's entries (STATSD_HOST, DEBUG); the server-only EXTRA keeps its place
    // before STATSD_HOST, as in the live list (mergeSortedSlice)
    expect(c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual([
      'EXTRA',
      'STATSD_HOST',
      'DEBUG',
    ]);
  });

  it('keeps the restartedAt annotation kubectl rollout restart put on the pod template', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment());
    await pass(w, 2000);
    expect((await kubectl(w, 'rollout restart deployment/web')).out).toBe('deployment.apps/web restarted\n');
    const restarted = c.get('Deployment', 'default', 'web')!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    expect(restarted).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await kubectl(w, 'apply -f -', deployment())).out).toBe('deployment.apps/web unchanged\n');
    expect((await kubectl(w, 'apply -f -', deployment({ image: 'nginx:1.26' }))).out).toBe('deployment.apps/web configured\n');
    expect(c.get('Deployment', 'default', 'web')!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(restarted);
  });

  it('apply unchanged → "unchanged", nothing written (generation and revision stay)', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment({ env: ENV }));
    const before = JSON.stringify(c.get('Deployment', 'default', 'web'));
    expect((await kubectl(w, 'apply -f -', deployment({ env: ENV }))).out).toBe('deployment.apps/web unchanged\n');
    expect(JSON.stringify(c.get('Deployment', 'default', 'web'))).toBe(before);
  });

  it('updates last-applied-configuration as kubectl writes it; a label dropped from the manifest is deleted, others kept', async () => {
    const { w, c } = boot();
    const labelled = (labels: string[], image?: string) =>
      deployment({ image }).replace('  name: web\n', `  name: web\n  labels:\n${labels.map((l) => `    ${l}\n`).join('')}`);
    await kubectl(w, 'apply -f -', labelled(['tier: front', 'team: a']));
    await kubectl(w, `patch deployment web -p '{"metadata":{"labels":{"owner":"ops"}}}'`);
    expect(c.get('Deployment', 'default', 'web')!.metadata.labels).toEqual({ tier: 'front', team: 'a', owner: 'ops' });
    expect((await kubectl(w, 'apply -f -', labelled(['team: a'], 'nginx:1.26'))).out).toBe('deployment.apps/web configured\n');
    const d = c.get('Deployment', 'default', 'web')!;
    // tier was in the last applied manifest and is gone from the new one: deleted; owner came from elsewhere: kept
    expect(d.metadata.labels).toEqual({ team: 'a', owner: 'ops' });
    expect(d.metadata.annotations[LAST_APPLIED]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"team":"a"},"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.26","name":"web"}]}}}}\n',
    );
    // dropping the whole labels map from the manifest deletes the map (updatePatchIfMissing → labels: null)
    await kubectl(w, 'apply -f -', deployment({ image: 'nginx:1.26' }));
    expect(c.get('Deployment', 'default', 'web')!.metadata.labels).toBeUndefined();
  });

  it('on an object made by kubectl create (no annotation): nothing is deleted, the annotation is added', async () => {
    const { w, c } = boot();
    expect((await kubectl(w, 'create -f -', deployment({ replicas: 2, env: ENV }))).out).toBe('deployment.apps/web created\n');
    expect(c.get('Deployment', 'default', 'web')!.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    const r = c.apply(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } },
      {},
    );
    expect('action' in r && r.action).toBe('configured');
    expect('warning' in r && r.warning).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
    );
    const d = c.get('Deployment', 'default', 'web')!;
    // no original: only additions/changes, so replicas and env stay
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0].env).toHaveLength(3);
    expect(d.metadata.annotations[LAST_APPLIED]).toContain('"name":"web"');
  });

  it('kubectl apply prints the missing-annotation warning on stderr, then "configured"', async () => {
    const { w } = boot();
    await kubectl(w, 'create -f -', deployment({ replicas: 2, env: ENV }));
    const r = await kubectl(w, 'apply -f -', deployment({ replicas: 2, env: ENV, image: 'nginx:1.26' }));
    expect(r.err).toMatch(/^Warning: resource deployments\/web is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
    expect(r.out).toBe('deployment.apps/web configured\n');
  });

  it('the patch that was sent is what kubectl computes (env deletion by merge key, $setElementOrder)', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment({ env: ENV }));
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', env: [{ name: 'STATSD_HOST', value: 'graphite' }, { name: 'DEBUG', value: '1' }] }] } },
      },
    };
    const r = c.apply(manifest);
    if (!('action' in r)) throw new Error(r.message);
    const patch = r.patch as { metadata: { annotations: Record<string, string> }; spec: unknown };
    expect(Object.keys(patch).sort()).toEqual(['metadata', 'spec']);
    expect(Object.keys(patch.metadata.annotations)).toEqual([LAST_APPLIED]);
    expect(patch.spec).toEqual({
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'web' }],
          containers: [{ name: 'web', '$setElementOrder/env': [{ name: 'STATSD_HOST' }, { name: 'DEBUG' }], env: [{ name: 'STATSD_PORT', $patch: 'delete' }] }],
        },
      },
    });
  });
});
