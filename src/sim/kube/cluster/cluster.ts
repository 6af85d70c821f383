/**
 * The simulated cluster: an object store with the API server's create/update/apply/patch/delete semantics,
 * the Deployment and ReplicaSet controllers, a kubelet that moves pods Pending → ContainerCreating → Running on
 * the simulated clock, and kube-proxy/CoreDNS (see network.ts). State lives in `world.subsystems.get('kube')`.
 */
import type { World } from '../../world';
import type { TimerId } from '../../clock';
import { NameRandom } from './names';
import {
  API_VERSION,
  NAMESPACED,
  RESOURCE,
  clone,
  deepEqual,
  isApiError,
  isKind,
  selectorMatches,
  sortKeysDeep,
  type ApiError,
  type KObj,
  type KindName,
} from './types';
import { applyDefaults } from './defaults';
import { invalidMessage, validateSemantics, type FieldErr } from './validate';
import { runPatch } from './deps';
import { validateObject, formatErrors } from '../schema';
import type { PatchType } from '../patch';
import { syncControllers } from './controllers';
import { installNetwork, allocateClusterIp, allocateNodePort } from './network';
import { PodRuntime } from './runtime';
import { createThreeWayMergePatch } from '../patch/threeway';
import { snapshotCluster, type ClusterSnapshot } from './snapshot';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const REVISION = 'deployment.kubernetes.io/revision';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** RFC 3339 in UTC, seconds precision, as metav1.Time marshals. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Pod lifecycle delays (simulated ms): scheduling, then image pull + container start. */
export const SCHEDULE_MS = 300;
export const START_MS = 1700;
export const TERMINATE_MS = 1000;

export interface ApplyResult {
  action: 'created' | 'configured' | 'unchanged';
  obj: KObj;
  /** the strategic merge patch kubectl apply sent (when "configured") */
  patch?: Record<string, unknown>;
  /** kubectl's stderr warning (the live object had no last-applied annotation) */
  warning?: string;
}

/** A Kubernetes Event (what `kubectl describe` lists under Events:). */
export interface KEvent {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: string;
  first: number;
  last: number;
  count: number;
}

export class Cluster {
  readonly events: KEvent[] = [];
  readonly world: World;
  readonly nodeName = 'minikube';
  readonly nodeIP = '192.168.49.2';
  readonly rand: NameRandom;
  readonly runtime: PodRuntime;
  private store = new Map<string, KObj>();
  private rv = 500;
  private nextPodIp = 3;
  private podTimers = new Map<string, TimerId[]>();
  private syncing = false;
  private dirty = false;

  constructor(world: World, seed = 0x5eed) {
    this.world = world;
    this.rand = new NameRandom(seed);
    this.runtime = new PodRuntime(this);
    this.runtime.setExitListener((pod, container, code) => this.containerExited(pod, container, code));
    this.bootstrap();
    installNetwork(this);
  }

  // ---------------------------------------------------------------- store

  private key(kind: string, ns: string | undefined, name: string): string {
    return `${kind}/${ns ?? ''}/${name}`;
  }

  get(kind: KindName, ns: string | undefined, name: string): KObj | undefined {
    const o = this.store.get(this.key(kind, NAMESPACED[kind] ? (ns ?? 'default') : '', name));
    return o ? clone(o) : undefined;
  }

  /** Live object (no copy) for controllers. */
  raw(kind: KindName, ns: string | undefined, name: string): KObj | undefined {
    return this.store.get(this.key(kind, NAMESPACED[kind] ? (ns ?? 'default') : '', name));
  }

  /** Objects of a kind, in a namespace (or all when ns is null), sorted by namespace then name as etcd lists them. */
  list(kind: KindName, ns: string | null = null): KObj[] {
    return this.rawList(kind, ns).map(clone);
  }

  rawList(kind: KindName, ns: string | null = null): KObj[] {
    const out: KObj[] = [];
    for (const o of this.store.values()) {
      if (o.kind !== kind) continue;
      if (ns !== null && NAMESPACED[kind] && o.metadata.namespace !== ns) continue;
      out.push(o);
    }
    return out.sort((a, b) =>
      (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '')
        ? a.metadata.name < b.metadata.name
          ? -1
          : a.metadata.name > b.metadata.name
            ? 1
            : 0
        : (a.metadata.namespace ?? '') < (b.metadata.namespace ?? '')
          ? -1
          : 1,
    );
  }

  /** Store an object as the server would after a write: new resourceVersion, tell observers. */
  put(obj: KObj): KObj {
    obj.metadata.resourceVersion = String(++this.rv);
    this.store.set(this.key(obj.kind, obj.metadata.namespace, obj.metadata.name), obj);
    this.dirty = true;
    return obj;
  }

  private drop(obj: KObj): void {
    this.store.delete(this.key(obj.kind, obj.metadata.namespace, obj.metadata.name));
    this.dirty = true;
  }

  now(): number {
    return this.world.clock.now();
  }

  uid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[this.rand.int(16)]).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.rand.int(4)]}${hex(3)}-${hex(12)}`;
  }

  /** Record an event; repeats of the same reason+message on an object are counted, as the event recorder does. */
  event(obj: KObj, type: KEvent['type'], reason: string, message: string, source: string): void {
    const now = this.now();
    const same = this.events.find((e) => e.uid === obj.metadata.uid && e.reason === reason && e.message === message);
    if (same) {
      same.count++;
      same.last = now;
      return;
    }
    this.events.push({ kind: obj.kind, namespace: obj.metadata.namespace ?? 'default', name: obj.metadata.name, uid: obj.metadata.uid, type, reason, message, source, first: now, last: now, count: 1 });
    if (this.events.length > 500) this.events.splice(0, this.events.length - 500);
  }

  eventsFor(obj: KObj): KEvent[] {
    return this.events.filter((e) => e.uid === obj.metadata.uid);
  }

  notFound(kind: KindName, name: string): ApiError {
    return { reason: 'NotFound', message: `${RESOURCE[kind]} "${name}" not found` };
  }

  // ---------------------------------------------------------------- API: create / update / apply / patch / delete

  /** POST: validate, default, fill metadata, store. */
  create(input: KObj, opts: { namespace?: string } = {}): KObj | ApiError {
    const obj = clone(input);
    const kind = obj.kind as KindName;
    if (!isKind(kind)) return { reason: 'BadRequest', message: `no kind "${String(obj.kind)}" is registered` };
    obj.metadata = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
    if (NAMESPACED[kind]) {
      // (a manifest's namespace that differs from -n is refused by kubectl itself, before any request)
      const ns = obj.metadata.namespace ?? opts.namespace ?? 'default';
      obj.metadata.namespace = ns;
      if (!this.raw('Namespace', undefined, ns)) return { reason: 'NotFound', message: `namespaces "${ns}" not found` };
    } else delete obj.metadata.namespace;
    const name = obj.metadata.name ?? '';
    if (name && this.raw(kind, obj.metadata.namespace, name))
      return { reason: 'AlreadyExists', message: `${RESOURCE[kind]} "${name}" already exists` };
    const bad = this.check(obj, null);
    if (bad) return bad;
    applyDefaults(obj);
    const md = obj.metadata;
    obj.apiVersion = API_VERSION[kind];
    md.uid = this.uid();
    md.creationTimestamp = rfc3339(this.now());
    if (kind === 'Deployment' || kind === 'ReplicaSet') md.generation = 1;
    if (kind === 'Service') {
      const err = this.initService(obj);
      if (err) return err;
    }
    if (kind === 'Pod') this.initPod(obj);
    if (kind === 'Deployment') obj.status = {};
    if (kind === 'ReplicaSet') obj.status = { replicas: 0 };
    this.put(obj);
    this.afterWrite(obj);
    return clone(obj);
  }

  /** PUT: replace spec/data while keeping server-owned metadata and status. */
  update(input: KObj): KObj | ApiError {
    const kind = input.kind as KindName;
    if (!isKind(kind)) return { reason: 'BadRequest', message: `no kind "${String(input.kind)}" is registered` };
    const live = this.raw(kind, input.metadata?.namespace, input.metadata?.name ?? '');
    if (!live) return this.notFound(kind, input.metadata?.name ?? '');
    const obj = clone(input);
    obj.apiVersion = API_VERSION[kind];
    const bad = this.check(obj, live);
    if (bad) return bad;
    applyDefaults(obj);
    for (const k of ['uid', 'creationTimestamp', 'generation', 'namespace', 'ownerReferences', 'deletionTimestamp'])
      if (live.metadata[k] !== undefined) obj.metadata[k] = live.metadata[k];
    if ('status' in live) obj.status = live.status;
    if (kind === 'Service') {
      obj.spec.clusterIP = live.spec.clusterIP;
      obj.spec.clusterIPs = live.spec.clusterIPs;
      const err = this.initService(obj, live);
      if (err) return err;
    }
    if (deepEqual(obj, live)) return clone(live);
    if ((kind === 'Deployment' || kind === 'ReplicaSet') && !deepEqual(obj.spec, live.spec))
      obj.metadata.generation = (live.metadata.generation ?? 1) + 1;
    this.put(obj);
    this.afterWrite(obj);
    return clone(obj);
  }

  /**
   * kubectl apply (client-side, k8s.io/kubectl/pkg/cmd/apply): create with the last-applied annotation, or
   * patcher.patchSimple — CreateThreeWayMergePatch(original = last-applied, modified = this manifest with its
   * new last-applied annotation, current = live object, overwrite = true), sent as a strategic merge patch.
   * Fields other writers set (replicas after `kubectl scale`, restartedAt …) survive; fields removed from the
   * manifest since the last apply are deleted. An empty patch means "unchanged" and nothing is written.
   */
  apply(input: KObj, opts: { namespace?: string } = {}): ApplyResult | ApiError {
    const kind = input.kind as KindName;
    if (!isKind(kind)) return { reason: 'BadRequest', message: `no kind "${String(input.kind)}" is registered` };
    const config = clone(input);
    config.metadata = config.metadata && typeof config.metadata === 'object' ? config.metadata : {};
    if (NAMESPACED[kind]) config.metadata.namespace ??= opts.namespace ?? 'default';
    // kubectl's GetModifiedConfiguration: the config with an (empty) annotations map, serialised with sorted keys.
    const annotations = { ...(config.metadata.annotations ?? {}) };
    delete annotations[LAST_APPLIED];
    config.metadata.annotations = annotations;
    const lastApplied = JSON.stringify(sortKeysDeep(config)) + '\n';
    config.metadata.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
    const live = this.raw(kind, config.metadata.namespace, config.metadata.name ?? '');
    if (!live) {
      const r = this.create(config, opts);
      return isApiError(r) ? r : { action: 'created', obj: r };
    }
    // util.GetOriginalConfiguration: the annotation, or nothing (kubectl then warns and patches it in).
    const previousText: string | undefined = live.metadata.annotations?.[LAST_APPLIED];
    const warning =
      previousText === undefined
        ? `Warning: resource ${RESOURCE[kind].split('.')[0]}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`
        : undefined;
    let patch: Record<string, unknown>;
    try {
      const original = previousText ? JSON.parse(previousText) : {};
      patch = createThreeWayMergePatch(original, config, clone(live), kind);
    } catch (e) {
      const why = e instanceof SyntaxError ? 'invalid JSON document' : e instanceof Error ? e.message : String(e);
      return { reason: 'BadRequest', message: `creating patch for ${RESOURCE[kind]}/${live.metadata.name}: ${why}` };
    }
    if (Object.keys(patch).length === 0) return { action: 'unchanged', obj: clone(live), ...(warning ? { warning } : {}) };
    const merged = runPatch(clone(live), patch, 'strategic', kind);
    if ('error' in merged) return { reason: 'BadRequest', message: merged.error };
    const r = this.update(merged.obj);
    if (isApiError(r)) return r;
    // kubectl prints "configured" whenever the computed patch is not empty (apply.go), even if the server changed nothing.
    return { action: 'configured', obj: r, patch, ...(warning ? { warning } : {}) };
  }

  /** PATCH with kubectl's types; `changed` false means kubectl prints "(no change)". */
  patch(kind: KindName, ns: string | undefined, name: string, patch: unknown, type: PatchType): { obj: KObj; changed: boolean } | ApiError {
    const live = this.raw(kind, ns, name);
    if (!live) return this.notFound(kind, name);
    const r = runPatch(clone(live), patch, type, kind);
    if ('error' in r) return { reason: 'BadRequest', message: r.error };
    const before = clone(live);
    const u = this.update(r.obj);
    if (isApiError(u)) return u;
    return { obj: u, changed: !deepEqual(before, this.raw(kind, ns, name)) };
  }

  /** DELETE with background cascading: dependents (by ownerReferences) go too. */
  delete(kind: KindName, ns: string | undefined, name: string): KObj | ApiError {
    const live = this.raw(kind, ns, name);
    if (!live) return this.notFound(kind, name);
    const copy = clone(live);
    if (kind === 'Namespace') {
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name))
        return { reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` };
      for (const k of ['Deployment', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap', 'Secret'] as KindName[])
        for (const o of this.rawList(k, name)) this.delete(k, name, o.metadata.name);
      this.drop(live);
      this.sync();
      return copy;
    }
    if (kind === 'Pod') {
      this.terminatePod(live);
    } else {
      this.drop(live);
      for (const k of ['ReplicaSet', 'Pod'] as KindName[])
        for (const o of this.rawList(k, live.metadata.namespace))
          if ((o.metadata.ownerReferences ?? []).some((r: KObj) => r.uid === live.metadata.uid)) this.delete(k, o.metadata.namespace, o.metadata.name);
    }
    this.sync();
    return copy;
  }

  private check(obj: KObj, live: KObj | null): ApiError | null {
    const kind = obj.kind as KindName;
    const name = obj.metadata?.name ?? '';
    const schema = validateObject(obj);
    const decode = schema.filter((e) => e.type === 'decode' || e.type === 'kind');
    if (decode.length) return { reason: 'BadRequest', message: formatErrors(obj, decode) };
    const used = new Set<number>();
    for (const s of this.rawList('Service'))
      if (!live || s.metadata.uid !== live.metadata.uid) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    const errs: FieldErr[] = validateSemantics(obj, used);
    if (live && (kind === 'Deployment' || kind === 'ReplicaSet') && live.spec?.selector && obj.spec?.selector && !deepEqual(live.spec.selector, obj.spec.selector))
      errs.push({ path: 'spec.selector', message: `Invalid value: ${goSelector(obj.spec.selector)}: field is immutable` });
    if (live && kind === 'Pod') {
      const a = clone(live.spec);
      const b = clone(obj.spec ?? {});
      applyDefaults({ kind: 'Pod', spec: b });
      for (const c of [...(a.containers ?? []), ...(b.containers ?? [])]) delete c.image;
      delete a.nodeName;
      if (!deepEqual(a, { ...b, nodeName: undefined }))
        errs.push({
          path: 'spec',
          message:
            'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        });
    }
    // The schema's required fields and selector rules, then ours, without saying the same thing twice.
    const merged: FieldErr[] = schema.filter((e) => e.type === 'invalid').map((e) => ({ path: e.path, message: e.message }));
    for (const e of errs) if (!merged.some((x) => x.path === e.path && x.message.split(':')[0] === e.message.split(':')[0])) merged.push(e);
    errs.splice(0, errs.length, ...merged);
    return errs.length ? { reason: 'Invalid', message: invalidMessage(kind, name, errs) } : null;
  }

  // ---------------------------------------------------------------- kind specifics

  private initService(svc: KObj, live?: KObj): ApiError | null {
    const spec = svc.spec;
    if (spec.type !== 'ExternalName' && !spec.clusterIP) {
      spec.clusterIP = allocateClusterIp(this);
      spec.clusterIPs = [spec.clusterIP];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const old = (live?.spec?.ports ?? []).find((q: KObj) => q.port === p.port && q.protocol === p.protocol);
        p.nodePort = old?.nodePort ?? allocateNodePort(this);
      }
    } else for (const p of spec.ports ?? []) delete p.nodePort;
    svc.status ??= { loadBalancer: {} };
    return null;
  }

  private initPod(pod: KObj): void {
    pod.status = { phase: 'Pending', qosClass: 'BestEffort' };
    this.schedulePodLifecycle(pod);
  }

  allocatePodIp(): string {
    const used = new Set(this.rawList('Pod').map((p) => p.status?.podIP).filter(Boolean));
    for (let i = 0; i < 252; i++) {
      const n = this.nextPodIp;
      this.nextPodIp = this.nextPodIp >= 254 ? 2 : this.nextPodIp + 1;
      const ip = `10.244.0.${n}`;
      if (!used.has(ip)) return ip;
    }
    return '10.244.0.254';
  }

  private timers(pod: KObj): TimerId[] {
    const k = pod.metadata.uid as string;
    let t = this.podTimers.get(k);
    if (!t) this.podTimers.set(k, (t = []));
    return t;
  }

  /** kubelet: schedule, then create the sandbox and start the containers, each a little later in simulated time. */
  private schedulePodLifecycle(pod: KObj): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name;
    const uid = pod.metadata.uid;
    const t0 = this.now();
    const still = () => {
      const p = this.raw('Pod', ns, name);
      return p && p.metadata.uid === uid && !p.metadata.deletionTimestamp ? p : undefined;
    };
    this.timers(pod).push(
      this.world.clock.at(t0 + SCHEDULE_MS, (now) => {
        const p = still();
        if (!p) return;
        this.event(p, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${this.nodeName}`, 'default-scheduler');
        p.spec.nodeName = this.nodeName;
        p.status.hostIP = this.nodeIP;
        p.status.hostIPs = [{ ip: this.nodeIP }];
        p.status.startTime = rfc3339(now);
        p.status.conditions = [
          { type: 'PodReadyToStartContainers', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(now) },
          { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) },
          { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(now), reason: 'ContainersNotReady', message: `containers with unready status: [${p.spec.containers.map((c: KObj) => c.name).join(' ')}]` },
          { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(now), reason: 'ContainersNotReady', message: `containers with unready status: [${p.spec.containers.map((c: KObj) => c.name).join(' ')}]` },
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(t0) },
        ];
        p.status.containerStatuses = p.spec.containers.map((c: KObj) => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
        }));
        this.put(p);
        this.sync();
      }),
    );
    this.timers(pod).push(
      this.world.clock.at(t0 + SCHEDULE_MS + START_MS, (now) => {
        const p = still();
        if (!p) return;
        const ip = this.allocatePodIp();
        p.status.podIP = ip;
        p.status.podIPs = [{ ip }];
        p.status.phase = 'Running';
        this.put(p);
        for (const ct of p.spec.containers) {
          this.event(p, 'Normal', 'Pulled', `Container image "${ct.image}" already present on machine`, 'kubelet');
          this.event(p, 'Normal', 'Created', `Created container: ${ct.name}`, 'kubelet');
          this.event(p, 'Normal', 'Started', `Started container ${ct.name}`, 'kubelet');
        }
        this.runtime.start(p);
        this.setContainerStates(p, new Map(), now);
        this.sync();
      }),
    );
  }

  /** Record what each container did when started (running, or exited with an error → CrashLoopBackOff). */
  setContainerStates(p: KObj, results: Map<string, { ok: boolean; exitCode?: number; reason?: string }>, now: number): void {
    const ts = rfc3339(now);
    let allReady = true;
    p.status.containerStatuses = p.spec.containers.map((c: KObj) => {
      const prev = (p.status.containerStatuses ?? []).find((s: KObj) => s.name === c.name) ?? { restartCount: 0 };
      if (!results.has(c.name) && prev.state?.running) return prev;
      const r = results.get(c.name) ?? { ok: true };
      const base = {
        name: c.name,
        image: c.image,
        imageID: `docker.io/${c.image.includes('/') ? c.image : 'library/' + c.image}@sha256:${this.uid().replace(/-/g, '').padEnd(64, '0').slice(0, 64)}`,
        containerID: 'docker://' + (this.uid() + this.uid()).replace(/-/g, '').slice(0, 64),
        restartCount: prev.restartCount ?? 0,
        lastState: prev.lastState ?? {},
      };
      if (r.ok) return { ...base, ready: true, started: true, state: { running: { startedAt: ts } } };
      allReady = false;
      return {
        ...base,
        ready: false,
        started: false,
        state: { terminated: { exitCode: r.exitCode ?? 1, reason: r.reason ?? 'Error', startedAt: ts, finishedAt: ts } },
      };
    });
    const readyStatus = allReady ? 'True' : 'False';
    for (const cond of p.status.conditions ?? []) {
      if (cond.type === 'PodReadyToStartContainers') {
        cond.status = 'True';
        cond.lastTransitionTime = ts;
      }
      if (cond.type === 'Ready' || cond.type === 'ContainersReady') {
        if (cond.status !== readyStatus) cond.lastTransitionTime = ts;
        cond.status = readyStatus;
        if (allReady) {
          delete cond.reason;
          delete cond.message;
        }
      }
    }
    this.put(p);
    if (!allReady) this.scheduleCrashRestart(p);
  }

  /** kubelet's restart back-off: 10 s, doubling, capped at 5 min; the container shows CrashLoopBackOff meanwhile. */
  private scheduleCrashRestart(p: KObj): void {
    const crashed = (p.status.containerStatuses as KObj[]).filter((s) => s.state.terminated);
    const restarts = Math.max(...crashed.map((s) => s.restartCount ?? 0));
    const delay = Math.min(10_000 * 2 ** restarts, 300_000);
    const ns = p.metadata.namespace;
    const name = p.metadata.name;
    const uid = p.metadata.uid;
    this.timers(p).push(
      this.world.clock.at(this.now() + 1000, () => {
        const q = this.raw('Pod', ns, name);
        if (!q || q.metadata.uid !== uid || q.metadata.deletionTimestamp) return;
        for (const s of q.status.containerStatuses ?? [])
          if (s.state.terminated) {
            s.lastState = { terminated: s.state.terminated };
            s.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${delay / 1000}s restarting failed container=${s.name} pod=${name}_${ns}(${uid})` } };
          }
        this.put(q);
        this.sync();
      }),
    );
    this.timers(p).push(
      this.world.clock.at(this.now() + delay, (now) => {
        const q = this.raw('Pod', ns, name);
        if (!q || q.metadata.uid !== uid || q.metadata.deletionTimestamp) return;
        this.runtime.stop(q);
        // The kubelet counts a restart when it starts the container again.
        for (const st of q.status.containerStatuses ?? []) if (st.state?.waiting?.reason === 'CrashLoopBackOff' || st.state?.terminated) st.restartCount = (st.restartCount ?? 0) + 1;
        this.runtime.start(q);
        const fresh = new Map<string, { ok: boolean }>();
        for (const c of q.spec.containers) fresh.set(c.name, { ok: true });
        this.setContainerStates(q, fresh, now);
        this.sync();
      }),
    );
  }

  /** A container's main process ended on its own: the kubelet records it and restarts it with back-off. */
  private containerExited(pod: KObj, container: string, code: number): void {
    const p = this.raw('Pod', pod.metadata.namespace, pod.metadata.name);
    if (!p || p.metadata.uid !== pod.metadata.uid || p.metadata.deletionTimestamp) return;
    this.event(p, 'Warning', 'BackOff', `Back-off restarting failed container ${container} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`, 'kubelet');
    this.setContainerStates(p, new Map([[container, { ok: false, exitCode: code, reason: code === 0 ? 'Completed' : 'Error' }]]), this.now());
    this.sync();
  }

  /** Graceful deletion: mark Terminating, stop the containers (SIGTERM), remove the object shortly after. */
  private terminatePod(p: KObj): void {
    if (p.metadata.deletionTimestamp) return;
    for (const id of this.podTimers.get(p.metadata.uid) ?? []) this.world.clock.cancel(id);
    this.podTimers.delete(p.metadata.uid);
    p.metadata.deletionTimestamp = rfc3339(this.now() + (p.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    p.metadata.deletionGracePeriodSeconds = p.spec.terminationGracePeriodSeconds ?? 30;
    for (const ct of p.spec.containers ?? []) this.event(p, 'Normal', 'Killing', `Stopping container ${ct.name}`, 'kubelet');
    this.runtime.stop(p);
    for (const s of p.status.containerStatuses ?? []) s.ready = false;
    for (const c of p.status.conditions ?? []) if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = 'False';
    this.put(p);
    const ns = p.metadata.namespace;
    const name = p.metadata.name;
    const uid = p.metadata.uid;
    this.world.clock.at(this.now() + TERMINATE_MS, () => {
      const q = this.raw('Pod', ns, name);
      if (q && q.metadata.uid === uid) {
        this.drop(q);
        this.sync();
      }
    });
  }

  /** True once a pod object with this uid is gone (kubectl delete waits for it). */
  gone(kind: KindName, ns: string | undefined, name: string, uid: string): boolean {
    const o = this.raw(kind, ns, name);
    return !o || o.metadata.uid !== uid;
  }

  // ---------------------------------------------------------------- controllers

  private afterWrite(_obj: KObj): void {
    this.sync();
  }

  /** Run the controllers until nothing changes (bounded). */
  sync(): void {
    if (this.syncing) {
      this.dirty = true;
      return;
    }
    this.syncing = true;
    try {
      for (let i = 0; i < 20; i++) {
        this.dirty = false;
        syncControllers(this);
        if (!this.dirty) break;
      }
    } finally {
      this.syncing = false;
    }
    this.world.notify('kube');
  }

  /** Used by controllers to create a pod (lifecycle starts at once). */
  createPodInternal(pod: KObj): KObj {
    applyDefaults(pod);
    pod.metadata.uid = this.uid();
    pod.metadata.creationTimestamp = rfc3339(this.now());
    this.initPod(pod);
    return this.put(pod);
  }

  createInternal(obj: KObj): KObj {
    obj.metadata.uid = this.uid();
    obj.metadata.creationTimestamp = rfc3339(this.now());
    return this.put(obj);
  }

  removeInternal(obj: KObj): void {
    if (obj.kind === 'Pod') this.terminatePod(obj);
    else this.drop(obj);
  }

  /** Pods in `ns` that are Ready and not terminating, matching a Service selector. */
  readyPodsFor(ns: string, selector: Record<string, string> | undefined): KObj[] {
    if (!selector || Object.keys(selector).length === 0) return [];
    return this.rawList('Pod', ns).filter(
      (p) =>
        !p.metadata.deletionTimestamp &&
        p.status?.podIP &&
        selectorMatches(selector, p.metadata.labels) &&
        (p.status.conditions ?? []).some((c: KObj) => c.type === 'Ready' && c.status === 'True'),
    );
  }

  /** A plain view for lesson checks: deployments, pods (phase, ip, resolved env), services (ports, endpoints). */
  snapshot(): ClusterSnapshot {
    return snapshotCluster(this);
  }

  // ---------------------------------------------------------------- bootstrap

  private bootstrap(): void {
    const t = rfc3339(this.now() - 3 * 86400_000);
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.put({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, uid: this.uid(), creationTimestamp: t, labels: { 'kubernetes.io/metadata.name': ns } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    this.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: this.nodeName,
        uid: this.uid(),
        creationTimestamp: t,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': this.nodeName,
          'kubernetes.io/os': 'linux',
          'minikube.k8s.io/primary': 'true',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
      status: {
        addresses: [
          { address: this.nodeIP, type: 'InternalIP' },
          { address: this.nodeName, type: 'Hostname' },
        ],
        capacity: { cpu: '2', memory: '3912Mi', pods: '110' },
        allocatable: { cpu: '2', memory: '3912Mi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        nodeInfo: {
          architecture: 'amd64',
          containerRuntimeVersion: 'docker://27.4.1',
          kernelVersion: '6.8.0-49-generic',
          kubeletVersion: 'v1.32.0',
          kubeProxyVersion: 'v1.32.0',
          operatingSystem: 'linux',
          osImage: 'Ubuntu 22.04.5 LTS',
        },
      },
    });
    this.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', uid: this.uid(), creationTimestamp: t, labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }],
      },
      status: { loadBalancer: {} },
    });
    this.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', uid: this.uid(), creationTimestamp: t, labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
      status: { loadBalancer: {} },
    });
    // The control-plane static pods minikube runs (no containers of ours run in them).
    for (const [name, image] of [
      ['etcd-minikube', 'registry.k8s.io/etcd:3.5.16-0'],
      ['kube-apiserver-minikube', 'registry.k8s.io/kube-apiserver:v1.32.0'],
      ['kube-controller-manager-minikube', 'registry.k8s.io/kube-controller-manager:v1.32.0'],
      ['kube-scheduler-minikube', 'registry.k8s.io/kube-scheduler:v1.32.0'],
      ['kube-proxy-' + this.rand.string(5), 'registry.k8s.io/kube-proxy:v1.32.0'],
      ['coredns-668d6bf9bc-' + this.rand.string(5), 'registry.k8s.io/coredns/coredns:v1.11.3'],
      ['storage-provisioner', 'gcr.io/k8s-minikube/storage-provisioner:v5'],
    ] as const) {
      const hostNet = !name.startsWith('coredns');
      const cname = name.replace(/-minikube$/, '').replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '').replace(/-668d6bf9bc$/, '');
      this.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'kube-system',
          uid: this.uid(),
          creationTimestamp: t,
          labels: name.startsWith('coredns') ? { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' } : { component: cname, tier: 'control-plane' },
        },
        spec: { nodeName: this.nodeName, hostNetwork: hostNet || undefined, containers: [{ name: cname, image }] },
        status: {
          phase: 'Running',
          hostIP: this.nodeIP,
          podIP: hostNet ? this.nodeIP : '10.244.0.2',
          startTime: t,
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: cname, image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: t } } }],
        },
      });
    }
  }
}

function goSelector(sel: KObj): string {
  const ml = sel.matchLabels
    ? `map[string]string{${Object.keys(sel.matchLabels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(sel.matchLabels[k])}`).join(', ')}}`
    : 'map[string]string(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

export function getCluster(world: World): Cluster {
  let c = world.subsystems.get('kube') as Cluster | undefined;
  if (!c) {
    c = new Cluster(world);
    world.subsystems.set('kube', c);
  }
  return c;
}
