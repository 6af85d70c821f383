/** `kubectl exec POD -- sh|bash` outside the worker (no enterShell provider): kubectl exec.go SetupTTY's rules. */
import { describe, expect, it } from 'vitest';
import { kubectl, pass } from './harness';
import { bootWorld } from '../../../boot';
import { getCluster } from '../../cluster/cluster';
import { podShellKind } from '../pod-shell';

async function backendPod() {
  // The fully wired world: the shell's programs (printenv, cat, curl ...) exist in the pod too.
  const w = bootWorld();
  const c = getCluster(w);
  await kubectl(w, 'apply -f /home/learner/myproject/k8s/graphite.yaml');
  await kubectl(w, 'apply -f /home/learner/myproject/k8s/backend-deployment.yaml');
  await pass(w, 5000);
  const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'backend')!.metadata.name as string;
  return { w, pod };
}

describe('kubectl exec POD -- sh without a terminal', () => {
  it('-it without a terminal warns "Unable to use a TTY" and the shell reads end-of-file: exit 0', async () => {
    const { w, pod } = await backendPod();
    const r = await kubectl(w, `exec -it ${pod} -- sh`);
    expect(r).toMatchObject({ code: 0, out: '', err: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
  });

  it('-i with piped stdin runs the script in the pod: its env, its hostname, its network', async () => {
    const { w, pod } = await backendPod();
    const r = await kubectl(w, `exec -i ${pod} -- sh`, 'printenv MY_POD_NAME\ncat /etc/hostname\ncurl -s -o /dev/null -w "%{http_code}\\n" localhost:8000/\n');
    expect(r.err).toBe('');
    expect(r.out).toBe(`${pod}\n${pod}\n200\n`);
  });

  it('sh -c runs the script; a failing status comes back as "command terminated with exit code N"', async () => {
    const { w, pod } = await backendPod();
    expect((await kubectl(w, `exec ${pod} -- sh -c 'echo $MY_POD_NAME; cd /app && pwd'`)).out).toBe(`${pod}\n/app\n`);
    const r = await kubectl(w, `exec ${pod} -- sh -c 'exit 4; echo no'`);
    expect(r).toMatchObject({ code: 4, out: '', err: 'command terminated with exit code 4\n' });
    const missing = await kubectl(w, `exec ${pod} -- sh -c`);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^sh: 0: -c requires an argument\n/);
  });

  it('without -i the shell has no stdin: it exits 0 at once, even with -t', async () => {
    const { w, pod } = await backendPod();
    expect(await kubectl(w, `exec ${pod} -- bash`)).toMatchObject({ code: 0, out: '', err: '' });
    expect(await kubectl(w, `exec -t ${pod} -- bash`)).toMatchObject({ code: 0, out: '', err: '' });
  });

  it('which shell an image has: Debian (python-slim) sh is dash; alpine (graphite-statsd) has ash and no bash', () => {
    expect(podShellKind('example/flask-backend:1.0', 'sh')).toBe('dash');
    expect(podShellKind('python:3.12-slim', '/bin/bash')).toBe('bash');
    expect(podShellKind('graphiteapp/graphite-statsd:1.1.10-5', 'sh')).toBe('ash');
    expect(podShellKind('graphiteapp/graphite-statsd:1.1.10-5', 'bash')).toBeNull();
    expect(podShellKind('python:3.12-alpine', 'bash')).toBeNull();
  });
});
