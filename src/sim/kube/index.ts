/**
 * The simulated Kubernetes cluster and kubectl.
 *
 *   const c = getCluster(world);          // created on first use, stored as world.subsystems.get('kube')
 *   registerKubectl(world.programs);      // the `kubectl` program
 *   c.snapshot();                         // plain state for lesson checks
 */
export { Cluster, getCluster, LAST_APPLIED, REVISION, RESTARTED_AT, type ApplyResult, type KEvent } from './cluster/cluster';
export type { ClusterSnapshot, PodSnapshot } from './cluster/snapshot';
export type { KObj, KindName, ApiError } from './cluster/types';
export { computeHash, safeEncodeString, ALPHANUMS } from './cluster/names';
export { registerKubectl, kubectlProgram, runKubectl, rolloutStatus, KUBECTL_VERSION } from './kubectl/kubectl';
export { humanDuration } from './kubectl/format';
export { minikubeProgram } from './kubectl/minikube';
