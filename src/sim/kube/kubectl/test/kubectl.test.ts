import { describe, it, expect } from 'vitest';
import { boot, kubectl, pass, startKubectl } from './harness';
import { computeHash } from '../../cluster/names';
import { getBackend } from '../../../metrics';
import { settle } from '../../../programs/testing';
import { K8S_DIR } from '../../../k8s-files';
import { LAST_APPLIED } from '../../cluster/cluster';
import { completeKubectl } from '../../kubectl/complete';

const SEED_OLD = `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: backend
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: backend
    spec:
      containers:
      - name: backend
        image: myregistry/backend:1.0
`;

async function upAll() {
  const env = boot();
  await kubectl(env.w, 'apply -f k8s/graphite.yaml');
  await kubectl(env.w, 'apply -f k8s/backend-deployment.yaml');
  await pass(env.w, 3000);
  return env;
}

describe('kubectl apply', () => {
  it("prints kubectl's resource-mapping error for extensions/v1beta1, then the fix, and creates nothing", async () => {
    const { w, c } = boot();
    const r = await kubectl(w, 'apply -f -', SEED_OLD);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines[0]).toBe(
      'error: resource mapping not found for name: "backend" namespace: "" from "STDIN": no matches for kind "Deployment" in version "extensions/v1beta1"',
    );
    expect(lines[1]).toBe('ensure CRDs are installed first');
    expect(r.err).toContain('apiVersion: apps/v1');
    expect(r.err).toMatch(/selector:\n\s+matchLabels:\n\s+app: backend/);
    expect(c.list('Deployment', 'default')).toHaveLength(0);
  });

  it('apps/v1 without spec.selector is rejected the way the API server words it', async () => {
    const { w, c } = boot();
    const r = await kubectl(w, 'apply -f -', SEED_OLD.replace('extensions/v1beta1', 'apps/v1'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^The Deployment "backend" is invalid: /);
    expect(r.err).toContain('spec.selector: Required value');
    expect(c.list('Deployment', 'default')).toHaveLength(0);
  });

  it('created → unchanged → configured, with last-applied-configuration as kubectl writes it', async () => {
    const { w, c } = boot();
    let r = await kubectl(w, 'apply -f k8s/backend-deployment.yaml');
    expect(r.out).toBe('deployment.apps/backend created\nservice/backend created\n');
    r = await kubectl(w, 'apply -f k8s/backend-deployment.yaml');
    expect(r.out).toBe('deployment.apps/backend unchanged\nservice/backend unchanged\n');
    const d = c.get('Deployment', 'default', 'backend')!;
    const last = d.metadata.annotations[LAST_APPLIED] as string;
    // kubectl: json.Marshal of the config (sorted keys), namespace filled in, empty annotations map, newline.
    expect(last.startsWith('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"backend"},"name":"backend","namespace":"default"},"spec":')).toBe(true);
    expect(last.endsWith('}\n')).toBe(true);
    const fs = w.fs('laptop');
    fs.write(`${K8S_DIR}/backend-deployment.yaml`, fs.read(`${K8S_DIR}/backend-deployment.yaml`)!.replace('replicas: 2', 'replicas: 3'));
    r = await kubectl(w, 'apply -f k8s/backend-deployment.yaml');
    expect(r.out).toBe('deployment.apps/backend configured\nservice/backend unchanged\n');
    expect(c.get('Deployment', 'default', 'backend')!.spec.replicas).toBe(3);
  });

  it('reads several documents from a heredoc and reports a missing file as kubectl does', async () => {
    const { w } = boot();
    const stdin = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: team\ndata:\n  a: "1"\n`;
    const r = await kubectl(w, 'apply -f -', stdin);
    expect(r.out).toBe('namespace/team created\nconfigmap/cfg created\n');
    const g = await kubectl(w, 'get cm -n team');
    expect(g.out).toMatch(/^NAME\s+DATA\s+AGE\ncfg\s+1\s+0s\n$/);
    const miss = await kubectl(w, 'apply -f nope.yaml');
    expect(miss.err).toBe('error: the path "nope.yaml" does not exist\n');
    expect(miss.code).toBe(1);
  });

  it('an unknown field is a strict decoding error from the server', async () => {
    const { w } = boot();
    const y = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndatta:\n  a: "1"\n`;
    const r = await kubectl(w, 'apply -f -', y);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"');
  });
});

describe('kubectl get', () => {
  it('pods go Pending → ContainerCreating → Running, in kubectl’s column layout', async () => {
    const { w, c } = boot();
    await kubectl(w, 'apply -f k8s/graphite.yaml');
    const name = c.list('Pod', 'default')[0]!.metadata.name as string;
    const row = async () => (await kubectl(w, 'get pods')).out.split('\n')[1]!;
    expect(await row()).toMatch(/0\/1\s+Pending\s+0\s+0s$/);
    await pass(w, 500);
    expect(await row()).toMatch(/0\/1\s+ContainerCreating\s+0/);
    await pass(w, 2000);
    const out = (await kubectl(w, 'get pods')).out;
    // tabwriter: each column is as wide as its longest cell + 3 (and at least 6)
    const pad = name.length + 3;
    expect(out).toBe(`${'NAME'.padEnd(pad)}READY   STATUS    RESTARTS   AGE\n${name.padEnd(pad)}1/1     Running   0          2s\n`);
  });

  it('names follow <deployment>-<pod-template-hash>-<5 chars> with the hash of the pod template', async () => {
    const { c } = await upAll();
    const d = c.get('Deployment', 'default', 'backend')!;
    const hash = computeHash(d.spec.template);
    expect(c.get('ReplicaSet', 'default', `backend-${hash}`)).toBeDefined();
    const pods = c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^backend-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    for (const p of pods) expect(p.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
  });

  it('services show ClusterIP from 10.96.0.0/12 and NodePort ports', async () => {
    const { w } = await upAll();
    const out = (await kubectl(w, 'get svc graphite')).out;
    const [header, row] = out.split('\n');
    expect(header).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    const m = row!.match(/^graphite\s+NodePort\s+(10\.(\d+)\.\d+\.\d+)\s+<none>\s+80:30080\/TCP,8125:(\d+)\/UDP\s+\d+s$/);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThanOrEqual(96);
    expect(Number(m![2])).toBeLessThanOrEqual(111);
    expect(Number(m![3])).toBeGreaterThanOrEqual(30000);
    expect(Number(m![3])).toBeLessThanOrEqual(32767);
  });

  it('errors: unknown type, NotFound, empty namespace, bad selector', async () => {
    const { w } = boot();
    expect((await kubectl(w, 'get foo')).err).toBe('error: the server doesn\'t have a resource type "foo"\n');
    const nf = await kubectl(w, 'get deploy nope');
    expect(nf.err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(nf.code).toBe(1);
    expect((await kubectl(w, 'get pods')).err).toBe('No resources found in default namespace.\n');
    expect((await kubectl(w, 'get svc nope')).err).toBe('Error from server (NotFound): services "nope" not found\n');
  });

  it('-o name, -o jsonpath, -o json, -l and -A', async () => {
    const { w, c } = await upAll();
    const names = c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend').map((p) => p.metadata.name);
    expect((await kubectl(w, 'get pods -l app=backend -o name')).out).toBe(names.map((n) => `pod/${n}\n`).join(''));
    expect((await kubectl(w, "get pods -l app=backend -o jsonpath='{.items[*].metadata.name}'")).out).toBe(names.join(' '));
    const range = await kubectl(w, `get pods -l app=backend -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'`);
    expect(range.out.trim().split('\n')).toHaveLength(2);
    const filt = await kubectl(w, `get deploy backend -o jsonpath='{.status.conditions[?(@.type=="Available")].status}'`);
    expect(filt.out).toBe('True');
    const json = JSON.parse((await kubectl(w, 'get deploy backend -o json')).out);
    expect(json.kind).toBe('Deployment');
    expect(json.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    const all = (await kubectl(w, 'get pods -A')).out;
    expect(all.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(all).toContain('kube-system');
  });
});

describe('cluster networking', () => {
  it('a pod resolves graphite, graphite.default, .svc and .svc.cluster.local; the laptop does not', async () => {
    const { w, c } = await upAll();
    const ip = c.get('Service', 'default', 'graphite')!.spec.clusterIP;
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'backend')!.metadata.name;
    for (const n of ['graphite', 'graphite.default', 'graphite.default.svc', 'graphite.default.svc.cluster.local']) expect(w.net.resolve(n, pod)).toBe(ip);
    expect(w.net.resolve('graphite.other', pod)).toBeNull();
    expect(w.net.resolve('graphite', 'laptop')).toBeNull();
  });

  it("downward API end to end: each pod's name is its statsd prefix in the lines that reach the graphite pod", async () => {
    const { w, c } = await upAll();
    const backends = c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend').map((p) => p.metadata.name as string);
    const graphite = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'graphite')!.metadata.name;
    // From the laptop through the NodePort: kube-proxy spreads requests over both endpoints.
    for (let i = 0; i < 4; i++) {
      const r = w.net.http('laptop', c.nodeIP, 30800, { method: 'GET', path: '/', headers: {}, body: '' });
      expect(typeof r === 'string' ? r : r.status).toBe(200);
    }
    await pass(w, 500);
    const b = getBackend(w, `pod/${graphite}`)!;
    expect(b).toBeDefined();
    const paths = b.statsd.flush(w.clock.now()).map((p) => p.path);
    for (const name of backends) expect(paths.some((p) => p.includes(`${name}.gunicorn.requests`))).toBe(true);
  });
});

describe('patch and rollout', () => {
  it('the strategic patch with $setElementOrder rolls out pods with a new hash and the new env order', async () => {
    const { w, c } = await upAll();
    const before = c.get('Deployment', 'default', 'backend')!;
    const oldHash = computeHash(before.spec.template);
    const r = await kubectl(w, 'patch deployment backend --patch-file k8s/patch.json');
    expect(r.out).toBe('deployment.apps/backend patched\n');
    const st = await kubectl(w, 'rollout status deployment/backend');
    expect(st.out.trim().split('\n').pop()).toBe('deployment "backend" successfully rolled out');
    const d = c.get('Deployment', 'default', 'backend')!;
    expect(d.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual(['MY_POD_NAME', 'MY_NAMESPACE', 'GUNICORN_CMD_ARGS']);
    const newHash = computeHash(d.spec.template);
    expect(newHash).not.toBe(oldHash);
    await pass(w, 1500);
    const rs = (await kubectl(w, 'get rs -l app=backend')).out;
    expect(rs).toMatch(new RegExp(`backend-${oldHash}\\s+0\\s+0\\s+0`));
    expect(rs).toMatch(new RegExp(`backend-${newHash}\\s+2\\s+2\\s+2`));
    const pods = c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend');
    expect(pods.every((p) => p.metadata.name.startsWith(`backend-${newHash}-`))).toBe(true);
    const pe = await kubectl(w, `exec ${pods[0]!.metadata.name} -- printenv GUNICORN_CMD_ARGS`);
    expect(pe.out).toBe(`--statsd-host=graphite:8125 --statsd-prefix=default.${pods[0]!.metadata.name}\n`);
    expect((await kubectl(w, 'patch deployment backend --patch-file k8s/patch.json')).out).toBe('deployment.apps/backend patched (no change)\n');
    const hist = (await kubectl(w, 'rollout history deployment/backend')).out;
    expect(hist).toBe('deployment.apps/backend \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('merge and json patches, scale, set image, restart and undo', async () => {
    const { w, c } = await upAll();
    expect((await kubectl(w, `patch deploy backend --type merge -p '{"spec":{"replicas":3}}'`)).out).toBe('deployment.apps/backend patched\n');
    expect(c.get('Deployment', 'default', 'backend')!.spec.replicas).toBe(3);
    expect((await kubectl(w, `patch deploy backend --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`)).out).toBe('deployment.apps/backend patched\n');
    expect((await kubectl(w, 'scale deployment/backend --replicas=2')).out).toBe('deployment.apps/backend scaled\n');
    expect((await kubectl(w, 'patch deploy backend --type foo -p {}')).err).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect((await kubectl(w, 'set image deployment/backend backend=example/flask-backend:2.0')).out).toBe('deployment.apps/backend image updated\n');
    await kubectl(w, 'rollout status deployment/backend');
    expect(c.get('Deployment', 'default', 'backend')!.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect((await kubectl(w, 'rollout restart deployment/backend')).out).toBe('deployment.apps/backend restarted\n');
    const d = c.get('Deployment', 'default', 'backend')!;
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    await kubectl(w, 'rollout status deployment/backend');
    expect((await kubectl(w, 'rollout undo deployment/backend --to-revision=1')).out).toBe('deployment.apps/backend rolled back\n');
    await kubectl(w, 'rollout status deployment/backend');
    const back = c.get('Deployment', 'default', 'backend')!;
    expect(back.spec.template.spec.containers[0].image).toBe('example/flask-backend:1.0');
    expect(back.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
    expect((await kubectl(w, 'rollout undo deployment/backend --to-revision=9')).err).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('pause twice, resume twice, and rollout on a kind without rollout support answer as kubectl does', async () => {
    // k8s.io/kubectl pkg/polymorphichelpers/objectpauser.go, objectresumer.go ("is already paused", "is not paused",
    // "pausing is not supported"), reported by pkg/cmd/rollout/rollout_pause.go as `error: %s %q %v`;
    // rollout_status.go StatusViewerFor: "no status viewer has been implemented for %v" (GroupKind: ReplicaSet.apps),
    // history.go / rollback.go: "... for %q".
    const { w } = await upAll();
    expect((await kubectl(w, 'rollout pause deployment/backend')).out).toBe('deployment.apps/backend paused\n');
    expect((await kubectl(w, 'rollout pause deployment/backend')).err).toBe('error: deployments.apps "backend" is already paused\n');
    expect((await kubectl(w, 'rollout resume deployment/backend')).out).toBe('deployment.apps/backend resumed\n');
    expect((await kubectl(w, 'rollout resume deployment/backend')).err).toBe('error: deployments.apps "backend" is not paused\n');
    const rs = (await kubectl(w, 'get rs -l app=backend -o name')).out.trim().split('\n')[0]!;
    const name = rs.split('/')[1]!;
    expect((await kubectl(w, `rollout status ${rs}`)).err).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n');
    expect((await kubectl(w, `rollout history ${rs}`)).err).toBe('error: no history viewer has been implemented for "ReplicaSet.apps"\n');
    expect((await kubectl(w, `rollout undo ${rs}`)).err).toBe('error: no rollbacker has been implemented for "ReplicaSet.apps"\n');
    expect((await kubectl(w, `rollout pause ${rs}`)).err).toBe(`error: replicasets.apps "${name}" pausing is not supported\n`);
    expect((await kubectl(w, 'rollout status service/backend')).err).toBe('error: no status viewer has been implemented for Service\n');
  });
});

describe('describe, logs, exec, delete, port-forward', () => {
  it('describe deployment aligns like kubectl and lists the ReplicaSets and events', async () => {
    const { w } = await upAll();
    const out = (await kubectl(w, 'describe deployment backend')).out;
    expect(out.startsWith('Name:                   backend\nNamespace:              default\n')).toBe(true);
    expect(out).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(out).toMatch(/\nPod Template:\n  Labels:  app=backend\n  Containers:\n   backend:\n    Image:      example\/flask-backend:1.0\n/);
    expect(out).toMatch(/NewReplicaSet:\s+backend-\w+ \(2\/2 replicas created\)/);
    expect(out).toMatch(/Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set backend-\w+ from 0 to 2/);
  });

  it('logs show gunicorn’s boot lines; exec shows the resolved env', async () => {
    const { w, c } = await upAll();
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'backend')!.metadata.name;
    const logs = await kubectl(w, `logs ${pod}`);
    expect(logs.out).toMatch(/\[INFO\] Starting gunicorn 23\.0\.0/);
    expect(logs.out).toMatch(/Listening at: http:\/\/0\.0\.0\.0:8000/);
    expect((await kubectl(w, `logs ${pod} --tail 1`)).out.split('\n')).toHaveLength(2);
    expect((await kubectl(w, 'logs deploy/backend')).err).toMatch(/^Found 2 pods, using pod\/backend-/);
    expect((await kubectl(w, `exec ${pod} -- printenv MY_POD_NAME`)).out).toBe(`${pod}\n`);
    const env = (await kubectl(w, `exec ${pod} -- env`)).out;
    expect(env).toContain(`HOSTNAME=${pod}\n`);
    expect(env).toContain(`GUNICORN_CMD_ARGS=--statsd-host=graphite:8125 --statsd-prefix=${pod}\n`);
    expect(env).toMatch(/GRAPHITE_SERVICE_HOST=10\.\d+\.\d+\.\d+\n/);
    const missing = await kubectl(w, `exec ${pod} -- printenv NOPE`);
    expect(missing.code).toBe(1);
    expect((await kubectl(w, `exec ${pod} env`)).err).toMatch(/^error: exec \[POD\] \[COMMAND\] is not supported anymore/);
  });

  it('deleting a pod: Terminating, then the ReplicaSet replaces it with a new name', async () => {
    const { w, c } = await upAll();
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'backend')!.metadata.name;
    const r = await kubectl(w, `delete pod ${pod}`);
    expect(r.out).toBe(`pod "${pod}" deleted\n`);
    expect(w.net.list(pod)).toHaveLength(0);
    await pass(w, 2500);
    const pods = c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend');
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).not.toContain(pod);
    expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
    expect((await kubectl(w, 'delete deploy backend')).out).toBe('deployment.apps "backend" deleted\n');
    await pass(w, 1500);
    expect(c.list('Pod', 'default').filter((p) => p.metadata.labels.app === 'backend')).toHaveLength(0);
    expect(c.list('ReplicaSet', 'default').filter((p) => p.metadata.labels.app === 'backend')).toHaveLength(0);
  });

  it('port-forward svc/backend serves the app on the laptop until Ctrl-C', async () => {
    const { w } = await upAll();
    const pf = startKubectl(w, 'port-forward svc/backend 8080:8000');
    await settle();
    expect(pf.out()).toBe('Forwarding from 127.0.0.1:8080 -> 8000\nForwarding from [::1]:8080 -> 8000\n');
    const r = w.net.http('laptop', '127.0.0.1', 8080, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(typeof r === 'string' ? r : r.status).toBe(200);
    expect(pf.out()).toContain('Handling connection for 8080\n');
    pf.signal('SIGINT');
    await pf.done;
    expect(w.net.http('laptop', '127.0.0.1', 8080, { method: 'GET', path: '/', headers: {}, body: '' })).toBe('ECONNREFUSED');
  });

  it('completes subcommands, resource types and object names', async () => {
    const { w } = await upAll();
    const req = (argv: string[], word: string) => completeKubectl({ argv, word, world: w, host: 'laptop', cwd: '/home/learner/myproject' });
    expect(req(['kubectl'], 'ro')).toEqual(['rollout']);
    expect(req(['kubectl', 'get'], 'dep')).toContain('deployments');
    expect(req(['kubectl', 'get', 'deploy'], 'b')).toEqual(['backend']);
    expect(req(['kubectl', 'rollout', 'status'], 'deploy/')).toEqual(['deploy/backend', 'deploy/graphite']);
  });
});

describe('other subcommands', () => {
  it('explain comes from the schema; version, cluster-info, config current-context; unknown commands', async () => {
    const { w } = boot();
    const ex = await kubectl(w, 'explain deployment.spec.selector');
    expect(ex.out).toMatch(/KIND:\s+Deployment/);
    expect(ex.out).toContain('matchLabels');
    expect((await kubectl(w, 'explain foo')).err).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect((await kubectl(w, 'version')).out).toBe('Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n');
    expect((await kubectl(w, 'cluster-info')).out).toMatch(/^Kubernetes control plane is running at https:\/\/192\.168\.49\.2:8443\n/);
    expect((await kubectl(w, 'config current-context')).out).toBe('minikube\n');
    const bad = await kubectl(w, 'gett pods');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: unknown command "gett" for "kubectl"\n\nDid you mean this\?\n\tget\n/);
  });

  it('create -f twice: AlreadyExists as the API server says it; patch errors', async () => {
    const { w } = boot();
    expect((await kubectl(w, 'create -f k8s/graphite.yaml')).out).toBe('deployment.apps/graphite created\nservice/graphite created\n');
    const again = await kubectl(w, 'create -f k8s/graphite.yaml');
    expect(again.err).toBe(
      'Error from server (AlreadyExists): error when creating "k8s/graphite.yaml": deployments.apps "graphite" already exists\nError from server (AlreadyExists): error when creating "k8s/graphite.yaml": services "graphite" already exists\n',
    );
    expect((await kubectl(w, `patch deploy nope -p '{}'`)).err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    const typeErr = await kubectl(w, `patch deploy graphite -p '{"spec":{"replicas":"two"}}'`);
    expect(typeErr.err).toMatch(/^Error from server \(BadRequest\): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string/);
    expect((await kubectl(w, `patch deploy graphite -p '{bad'`)).err).toMatch(/^error: unable to parse "\{bad": yaml: line 1: /);
    expect((await kubectl(w, 'patch deploy graphite')).err).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });

  it('a NodePort outside 30000-32767 is refused with the API server text', async () => {
    const { w } = boot();
    const y = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  selector: {app: s}\n  ports:\n  - port: 80\n    nodePort: 8080\n`;
    const r = await kubectl(w, 'apply -f -', y);
    expect(r.err).toBe(
      'The Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
  });
});

describe('minikube', () => {
  it('ip and service --url point at the node IP and NodePort, which the laptop can reach', async () => {
    const { w } = await upAll();
    const { minikubeProgram } = await import('../../kubectl/minikube');
    const { runProgram } = await import('../../../programs/testing');
    expect((await runProgram(minikubeProgram, w, ['minikube', 'ip'])).out).toBe('192.168.49.2\n');
    const url = (await runProgram(minikubeProgram, w, ['minikube', 'service', 'backend', '--url'])).out;
    expect(url).toBe('http://192.168.49.2:30800\n');
    const r = w.net.http('laptop', '192.168.49.2', 30800, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(typeof r === 'string' ? r : r.status).toBe(200);
  });
});

describe('events and log following', () => {
  it('get events lists the controllers’ and kubelet’s events', async () => {
    const { w } = await upAll();
    const out = (await kubectl(w, 'get events')).out;
    expect(out.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(out).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/backend\s+Scaled up replica set backend-\w+ from 0 to 2/);
    expect(out).toMatch(/Normal\s+SuccessfulCreate\s+replicaset\/backend-\w+\s+Created pod: backend-/);
    expect(out).toMatch(/Normal\s+Started\s+pod\/backend-\S+\s+Started container backend/);
  });

  it('a selector kubectl cannot parse is refused the same way by get, describe, delete and logs', async () => {
    const { w } = boot();
    const runs = await Promise.all(['get pods', 'describe pods', 'delete pods', 'logs'].map((v) => kubectl(w, `${v} -l 'app in (x'`)));
    expect(runs[0]!.err).toMatch(/^error: /);
    for (const r of runs) expect({ code: r.code, err: r.err, out: r.out }).toEqual({ code: 1, err: runs[0]!.err, out: '' });
  });

  it("refuses a manifest whose namespace differs from -n before sending anything (cli-runtime builder's check)", async () => {
    const { w, c } = boot();
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: kube-system\ndata:\n  a: b\n';
    for (const verb of ['apply', 'create']) {
      const r = await kubectl(w, `${verb} -n default -f -`, cm);
      expect(r).toMatchObject({ code: 1, out: '' });
      expect(r.err).toBe(`error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`);
    }
    expect(c.get('ConfigMap', 'kube-system', 'cfg')).toBeUndefined();
  });

  it('logs -f prints what the container writes until Ctrl-C', async () => {
    const { w, c } = await upAll();
    const pod = c.list('Pod', 'default').find((p) => p.metadata.labels.app === 'backend')!;
    const run = startKubectl(w, `logs -f ${pod.metadata.name}`);
    await settle();
    const before = run.out();
    expect(before).toContain('Booting worker');
    // Deleting the pod stops gunicorn (SIGTERM): its shutdown lines arrive while following.
    await kubectl(w, `delete pod ${pod.metadata.name} --wait=false`);
    await settle();
    expect(run.out().length).toBeGreaterThan(before.length);
    expect(run.out().slice(before.length)).toMatch(/Handling signal: term/);
    run.signal('SIGINT');
    expect(await run.done).toBe(130);
  });
});
