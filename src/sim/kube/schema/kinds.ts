// Which apiVersion/kind pairs exist. The removed ones are those Kubernetes 1.16 stopped serving
// (kubernetes.io/blog/2019/07/18/api-deprecations-in-1-16): extensions/v1beta1, apps/v1beta1 and
// apps/v1beta2 Deployment, DaemonSet, ReplicaSet (also StatefulSet for the apps betas).
import { k8sSchemaIndex } from './data';

const REMOVED: Record<string, string[]> = {
  'extensions/v1beta1': ['Deployment', 'DaemonSet', 'ReplicaSet', 'NetworkPolicy', 'PodSecurityPolicy', 'Ingress'],
  'apps/v1beta1': ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'],
  'apps/v1beta2': ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'],
};

/** Where a kind is served today, for the hint after a removed one. */
export const CURRENT_VERSION: Record<string, string> = {
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
};

export function knownKind(apiVersion: string, kind: string): 'ok' | 'removed' | 'unknown' {
  if (k8sSchemaIndex.some((k) => k.apiVersion === apiVersion && k.kind === kind)) return 'ok';
  if (REMOVED[apiVersion]?.includes(kind)) return 'removed';
  return 'unknown';
}

/** kubectl's error for a kind the server does not serve (removed or never existed). */
export function noMatchesMessage(apiVersion: string, kind: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}
