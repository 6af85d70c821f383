import { describe, it, expect } from 'vitest';
import { boot, kubectl, pass } from './harness';
import { gunicornFromScript, shExpand } from '../../cluster/runtime';
import { getBackend } from '../../../metrics';

const SH_STYLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: myregistry/backend:1.0
        command: ["sh", "-c", "cd /app && exec gunicorn $GUNICORN_ARGS myproject:app"]
        env:
        - name: MY_POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: GUNICORN_ARGS
          value: "-b 0.0.0.0:8000 --statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME)"
`;

function deployment(name: string, container: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
${container}
`;
}

describe('what containers run', () => {
  it('sh -c scripts: $VAR expansion as sh does it, then the gunicorn command', () => {
    const env = { GUNICORN_ARGS: '-w 2 --statsd-prefix=p1', Q: 'x y' };
    expect(shExpand('gunicorn $GUNICORN_ARGS app:app', env)).toBe('gunicorn -w 2 --statsd-prefix=p1 app:app');
    expect(shExpand("echo '$Q' \"${Q}\"", env)).toBe("echo '$Q' \"x y\"");
    expect(gunicornFromScript('cd /app && exec gunicorn $GUNICORN_ARGS myproject:app', env)).toEqual(['gunicorn', '-w', '2', '--statsd-prefix=p1', 'myproject:app']);
    expect(gunicornFromScript('python -m gunicorn -b :80 a:b', env)).toEqual(['gunicorn', '-b', ':80', 'a:b']);
    expect(gunicornFromScript('sleep 3600', env)).toBeNull();
  });

  it('a `sh -c "gunicorn $GUNICORN_ARGS ..."` container serves and reports under its pod name', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f k8s/graphite.yaml');
    const r = await kubectl(w, 'apply -f -', SH_STYLE);
    expect(r.out).toBe('deployment.apps/web created\n');
    await pass(w, 3000);
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'web')!;
    expect(pod.status.phase).toBe('Running');
    const res = w.net.http('laptop', pod.status.podIP, 8000, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(typeof res === 'string' ? res : res.status).toBe(200);
    await pass(w, 200);
    const graphite = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'graphite')!.metadata.name;
    const paths = getBackend(w, `pod/${graphite}`)!.statsd.flush(w.clock.now()).map((p) => p.path);
    expect(paths.some((p) => p.includes(`${pod.metadata.name}.gunicorn.requests`))).toBe(true);
  });

  it('an app image without a command runs the default gunicorn on 0.0.0.0:8000 with the app in /app', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment('app', '      - name: app\n        image: myregistry/backend:1.0'));
    await pass(w, 3000);
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'app')!;
    expect(w.fs(pod.metadata.name).read('/app/myproject.py')).toContain('Flask');
    const res = w.net.http('laptop', pod.status.podIP, 8000, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(typeof res === 'string' ? res : res.status).toBe(200);
    expect(w.procs.list(pod.metadata.name).some((p) => p.cmdline.includes('gunicorn -b 0.0.0.0:8000 myproject:app'))).toBe(true);
  });

  it('a base image sleeps (Running, no listeners); a crashing gunicorn ends in CrashLoopBackOff', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f -', deployment('idle', '      - name: idle\n        image: busybox:1.36'));
    await kubectl(w, 'apply -f -', deployment('bad', '      - name: bad\n        image: myregistry/backend:1.0\n        command: ["gunicorn", "nosuchmodule:app"]'));
    await pass(w, 3000);
    const idle = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'idle')!;
    expect(idle.status.phase).toBe('Running');
    expect(w.net.list(idle.metadata.name)).toHaveLength(0);
    expect((await kubectl(w, 'get pods -l app=bad')).out).toMatch(/0\/1\s+CrashLoopBackOff\s+0\s/);
    // back-off 10 s, then the kubelet starts it again (RESTARTS 1) and it fails again
    await pass(w, 11000);
    expect((await kubectl(w, 'get pods -l app=bad')).out).toMatch(/0\/1\s+(Error|CrashLoopBackOff)\s+1 \(\d+s ago\)\s/);
    const bad = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'bad')!;
    expect((await kubectl(w, `logs ${bad.metadata.name}`)).out).toContain("ModuleNotFoundError: No module named 'nosuchmodule'");
  });

  it('stopping a pod frees its IP, listeners and processes (world.dropHost)', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f k8s/graphite.yaml');
    await pass(w, 3000);
    const pod = c.list('Pod', 'default')[0]!;
    expect(w.net.list(pod.metadata.name).map((l) => `${l.proto}/${l.port}`).sort()).toEqual(['tcp/2003', 'tcp/80', 'udp/8125']);
    expect(getBackend(w, `pod/${pod.metadata.name}`)).toBeDefined();
    await kubectl(w, `delete pod ${pod.metadata.name}`);
    expect(w.net.list(pod.metadata.name)).toHaveLength(0);
    expect(w.procs.list(pod.metadata.name)).toHaveLength(0);
    expect(getBackend(w, `pod/${pod.metadata.name}`)).toBeUndefined();
  });

  it('snapshot() gives plain state for lesson checks', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f k8s/graphite.yaml');
    await kubectl(w, 'apply -f k8s/backend-deployment.yaml');
    await pass(w, 3000);
    const s = c.snapshot();
    const be = s.deployments.find((d) => d.name === 'backend')!;
    expect(be).toMatchObject({ replicas: 2, ready: 2, revision: 1, images: ['example/flask-backend:1.0'], rolledOut: true });
    const pods = s.pods.filter((p) => p.labels.app === 'backend');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.env.MY_POD_NAME).toBe(p.name);
    expect(s.services.find((x) => x.name === 'graphite')!.ports[0]).toMatchObject({ port: 80, nodePort: 30080, protocol: 'TCP' });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
