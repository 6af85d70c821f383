import { describe, it, expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { World } from '../../world';
import { getCluster } from './cluster';
import { GRAPHITE_YAML, BACKEND_YAML } from '../../k8s-files';
import { markInstalled } from '../../programs/pyenv';

describe('smoke', () => {
  it('runs', async () => {
    const w = new World();
    markInstalled(w, 'flask');
    markInstalled(w, 'gunicorn');
    const c = getCluster(w);
    for (const y of [GRAPHITE_YAML, BACKEND_YAML])
      for (const d of parseAllDocuments(y)) {
        const r = c.apply(d.toJS());
        console.log('action' in r ? r.action : r);
      }
    for (let i = 0; i < 10; i++) {
      w.clock.advance(500);
      await new Promise((r) => setTimeout(r, 0));
    }
    for (const p of c.list('Pod', 'default')) console.log(p.metadata.name, p.status.phase, p.status.podIP, JSON.stringify(p.status.containerStatuses?.[0]?.state));
    const be = c.list('Pod', 'default').find((p) => p.metadata.name.startsWith('backend'))!;
    console.log(c.runtime.log(be, 'backend'));
    console.log(w.net.resolve('graphite', be.metadata.name), w.net.resolve('graphite', 'laptop'));
    const r = w.net.http('laptop', c.nodeIP, 30800, { method: 'GET', path: '/', headers: {}, body: '' });
    console.log(r);
    w.clock.advance(11000);
    await new Promise((r) => setTimeout(r, 0));
    const gp = c.list('Pod', 'default').find((p) => p.metadata.name.startsWith('graphite'))!;
    console.log(c.runtime.log(be, 'backend'));
    expect(c.list('Deployment', 'default').length).toBe(2);
  });
});
