/**
 * The Deployment and ReplicaSet controllers, following kubernetes pkg/controller/deployment (rolling.go:
 * reconcileNewReplicaSet / reconcileOldReplicaSets / cleanupUnhealthyReplicas / scaleDownOldReplicaSetsForRollingUpdate,
 * sync.go: getNewReplicaSet, cleanupDeployment, syncDeploymentStatus) and pkg/controller/replicaset.
 */
import type { Cluster } from './cluster';
import { REVISION, rfc3339 } from './cluster';
import { computeHash } from './names';
import { scaled } from './defaults';
import { clone, deepEqual, type KObj } from './types';

const HASH_LABEL = 'pod-template-hash';

export function syncControllers(c: Cluster): void {
  for (const d of c.rawList('Deployment')) syncDeployment(c, d);
  for (const rs of c.rawList('ReplicaSet')) syncReplicaSet(c, rs);
  for (const d of c.rawList('Deployment')) syncDeploymentStatus(c, d);
}

function ownedBy(o: KObj, owner: KObj): boolean {
  return (o.metadata.ownerReferences ?? []).some((r: KObj) => r.uid === owner.metadata.uid && r.controller);
}

export function isReady(p: KObj): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((x: KObj) => x.type === 'Ready' && x.status === 'True');
}

function revisionOf(o: KObj): number {
  return parseInt(o.metadata.annotations?.[REVISION] ?? '0', 10) || 0;
}

/** The template without the hash label, as EqualIgnoreHash compares them. */
function withoutHash(t: KObj): KObj {
  const x = clone(t);
  if (x?.metadata?.labels) {
    delete x.metadata.labels[HASH_LABEL];
  }
  return x;
}

export function replicaSetsOf(c: Cluster, d: KObj): KObj[] {
  return c.rawList('ReplicaSet', d.metadata.namespace).filter((rs) => ownedBy(rs, d));
}

export function podsOf(c: Cluster, owner: KObj): KObj[] {
  return c.rawList('Pod', owner.metadata.namespace).filter((p) => ownedBy(p, owner));
}

function setReplicas(c: Cluster, rs: KObj, n: number, d: KObj): void {
  if (rs.spec.replicas === n) return;
  c.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${n > rs.spec.replicas ? 'up' : 'down'} replica set ${rs.metadata.name} from ${rs.spec.replicas} to ${n}`, 'deployment-controller');
  rs.spec.replicas = n;
  rs.metadata.annotations ??= {};
  rs.metadata.annotations['deployment.kubernetes.io/desired-replicas'] = String(d.spec.replicas);
  rs.metadata.annotations['deployment.kubernetes.io/max-replicas'] = String(
    d.spec.replicas + (d.spec.strategy?.type === 'Recreate' ? 0 : maxSurge(d)),
  );
  rs.metadata.generation = (rs.metadata.generation ?? 1) + 1;
  c.put(rs);
}

function maxSurge(d: KObj): number {
  return scaled(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', d.spec.replicas, true);
}

function maxUnavailable(d: KObj): number {
  const surge = maxSurge(d);
  let u = scaled(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', d.spec.replicas, false);
  // deployment util ResolveFenceposts: both zero would make no progress, so unavailable becomes 1.
  if (surge === 0 && u === 0) u = 1;
  return Math.min(u, d.spec.replicas);
}

function available(c: Cluster, rs: KObj): number {
  return podsOf(c, rs).filter(isReady).length;
}

function getNewReplicaSet(c: Cluster, d: KObj, all: KObj[]): KObj {
  const maxRev = Math.max(0, ...all.map(revisionOf));
  const existing = all.find((rs) => deepEqual(withoutHash(rs.spec.template), withoutHash(d.spec.template)));
  if (existing) {
    if (revisionOf(existing) < maxRev || revisionOf(existing) === 0) {
      existing.metadata.annotations ??= {};
      existing.metadata.annotations[REVISION] = String(revisionOf(existing) < maxRev ? maxRev + 1 : Math.max(1, maxRev));
      c.put(existing);
    }
    return existing;
  }
  let collision = d.status?.collisionCount as number | undefined;
  let hash = computeHash(d.spec.template, collision);
  // A name taken by a ReplicaSet with another template is a hash collision: bump status.collisionCount (sync.go).
  while (c.raw('ReplicaSet', d.metadata.namespace, `${d.metadata.name}-${hash}`)) {
    collision = (collision ?? 0) + 1;
    d.status = { ...(d.status ?? {}), collisionCount: collision };
    hash = computeHash(d.spec.template, collision);
  }
  const template = clone(d.spec.template);
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
  const rs: KObj = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + (d.spec.strategy?.type === 'Recreate' ? 0 : maxSurge(d))),
        [REVISION]: String(maxRev + 1),
      },
      generation: 1,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash }, ...(d.spec.selector?.matchExpressions ? { matchExpressions: clone(d.spec.selector.matchExpressions) } : {}) },
      template,
    },
    status: { replicas: 0 },
  };
  const now = rfc3339(c.now());
  d.status ??= {};
  d.status.conditions = upsertCondition(d.status.conditions, {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicaSetCreated',
    message: `Created new replica set "${rs.metadata.name}"`,
  }, now);
  return c.createInternal(rs);
}

function syncDeployment(c: Cluster, d: KObj): void {
  const all = replicaSetsOf(c, d);
  const newRS = getNewReplicaSet(c, d, all);
  const rsList = replicaSetsOf(c, d);
  const old = rsList.filter((rs) => rs !== newRS && rs.metadata.uid !== newRS.metadata.uid);
  const rev = newRS.metadata.annotations?.[REVISION];
  if (rev && d.metadata.annotations?.[REVISION] !== rev) {
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: rev };
    c.put(d);
  }
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.paused) return;
  if (d.spec.strategy?.type === 'Recreate') {
    // recreate.go: scale down all old, wait for their pods to be gone, then scale up the new one.
    for (const rs of old) setReplicas(c, rs, 0, d);
    const oldPods = old.flatMap((rs) => podsOf(c, rs));
    if (oldPods.length === 0) setReplicas(c, newRS, replicas, d);
  } else {
    // reconcileNewReplicaSet
    if (newRS.spec.replicas > replicas) setReplicas(c, newRS, replicas, d);
    else if (newRS.spec.replicas < replicas) {
      if (old.every((rs) => rs.spec.replicas === 0)) setReplicas(c, newRS, replicas, d);
      else {
        const total = rsList.reduce((n, rs) => n + rs.spec.replicas, 0);
        const room = replicas + maxSurge(d) - total;
        if (room > 0) setReplicas(c, newRS, Math.min(replicas, newRS.spec.replicas + room), d);
      }
    }
    // reconcileOldReplicaSets
    const allPods = rsList.reduce((n, rs) => n + rs.spec.replicas, 0);
    const minAvailable = replicas - maxUnavailable(d);
    const newUnavailable = newRS.spec.replicas - available(c, newRS);
    let maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown > 0) {
      const oldest = [...old].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
      // cleanupUnhealthyReplicas: old pods that are not available go first.
      for (const rs of oldest) {
        if (maxScaledDown <= 0) break;
        const unhealthy = rs.spec.replicas - available(c, rs);
        if (unhealthy <= 0) continue;
        const n = Math.min(maxScaledDown, unhealthy);
        setReplicas(c, rs, rs.spec.replicas - n, d);
        maxScaledDown -= n;
      }
      // scaleDownOldReplicaSetsForRollingUpdate
      const availableAll = rsList.reduce((n, rs) => n + available(c, rs), 0);
      let budget = Math.min(availableAll - minAvailable, maxScaledDown);
      for (const rs of oldest) {
        if (budget <= 0) break;
        const n = Math.min(rs.spec.replicas, budget);
        if (n > 0) {
          setReplicas(c, rs, rs.spec.replicas - n, d);
          budget -= n;
        }
      }
    }
  }
  // cleanupDeployment: keep revisionHistoryLimit old, fully scaled-down ReplicaSets.
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const idle = old
    .filter((rs) => rs.spec.replicas === 0 && podsOf(c, rs).length === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) c.removeInternal(rs);
}

function syncReplicaSet(c: Cluster, rs: KObj): void {
  const pods = podsOf(c, rs).filter((p) => !p.metadata.deletionTimestamp);
  const want = rs.spec.replicas ?? 1;
  if (pods.length < want) {
    for (let i = pods.length; i < want; i++) {
      let name: string;
      do name = `${rs.metadata.name}-${c.rand.string(5)}`;
      while (c.raw('Pod', rs.metadata.namespace, name));
      const t = clone(rs.spec.template ?? {});
      const pod: KObj = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          generateName: `${rs.metadata.name}-`,
          namespace: rs.metadata.namespace,
          labels: t.metadata?.labels ?? {},
          ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
          ],
        },
        spec: t.spec ?? {},
      };
      c.createPodInternal(pod);
      c.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'replicaset-controller');
    }
  } else if (pods.length > want) {
    // controller.ActivePods ranking: not-yet-running and not-ready pods go first, then the newest.
    const rank = (p: KObj) => (p.status?.phase !== 'Running' ? 0 : isReady(p) ? 2 : 1);
    const victims = [...pods]
      .sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : 1))
      .slice(0, pods.length - want);
    for (const p of victims) {
      c.removeInternal(p);
      c.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
    }
  }
  const now = podsOf(c, rs).filter((p) => !p.metadata.deletionTimestamp);
  const ready = now.filter(isReady).length;
  const status: KObj = { replicas: now.length, fullyLabeledReplicas: now.length, observedGeneration: rs.metadata.generation ?? 1 };
  if (ready) {
    status.readyReplicas = ready;
    status.availableReplicas = ready;
  }
  if (!now.length) delete status.fullyLabeledReplicas;
  if (!deepEqual(status, rs.status)) {
    rs.status = status;
    c.put(rs);
  }
}

function upsertCondition(list: KObj[] | undefined, cond: KObj, now: string): KObj[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((x) => x.type === cond.type);
  const prev = i >= 0 ? out[i] : undefined;
  const same = prev && prev.status === cond.status && prev.reason === cond.reason && prev.message === cond.message;
  if (same) return out;
  const next = {
    type: cond.type,
    status: cond.status,
    lastUpdateTime: now,
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime : now,
    reason: cond.reason,
    message: cond.message,
  };
  if (i >= 0) out[i] = next;
  else out.push(next);
  return out;
}

function syncDeploymentStatus(c: Cluster, d: KObj): void {
  const rsList = replicaSetsOf(c, d);
  const newRS = rsList.find((rs) => deepEqual(withoutHash(rs.spec.template), withoutHash(d.spec.template)));
  const replicas = d.spec.replicas ?? 1;
  const total = rsList.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
  const ready = rsList.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);
  const updated = newRS?.status?.replicas ?? 0;
  const now = rfc3339(c.now());
  const status: KObj = { ...(d.status ?? {}) };
  status.observedGeneration = d.metadata.generation ?? 1;
  status.replicas = total;
  status.updatedReplicas = updated;
  status.readyReplicas = ready;
  status.availableReplicas = ready;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (!status[k]) delete status[k];
  const unavailable = Math.max(0, total - ready, replicas - ready);
  if (unavailable) status.unavailableReplicas = unavailable;
  else delete status.unavailableReplicas;
  const minAvailable = replicas - (d.spec.strategy?.type === 'Recreate' ? 0 : maxUnavailable(d));
  let conds = upsertCondition(
    status.conditions,
    ready >= minAvailable
      ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
    now,
  );
  const complete = newRS && updated === replicas && total === replicas && ready === replicas;
  const prog = conds.find((x) => x.type === 'Progressing');
  if (newRS && complete)
    conds = upsertCondition(conds, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` }, now);
  else if (newRS && (!prog || prog.reason === 'NewReplicaSetAvailable' || (prog.reason === 'NewReplicaSetCreated' && !prog.message.includes(newRS.metadata.name)) || prog.reason === 'ReplicaSetUpdated'))
    conds = upsertCondition(conds, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` }, now);
  // Available first, then Progressing, as the controller orders them.
  status.conditions = conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
  if (!deepEqual(status, d.status)) {
    d.status = status;
    c.put(d);
  }
}
