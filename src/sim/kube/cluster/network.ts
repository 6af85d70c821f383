/**
 * Cluster networking: Service IP/port allocation, CoreDNS names for Services (asked from inside a pod), and
 * kube-proxy (ClusterIP:port and nodeIP:nodePort → one ready endpoint pod's targetPort).
 *
 * DNS follows the pod's resolv.conf that the kubelet writes for dnsPolicy ClusterFirst:
 * `search <ns>.svc.cluster.local svc.cluster.local cluster.local`, so `graphite`, `graphite.default`,
 * `graphite.default.svc` and `graphite.default.svc.cluster.local` all reach the Service.
 */
import type { Cluster } from './cluster';
import type { KObj } from './types';
import type { Proto } from '../../net/network';

const CLUSTER_DOMAIN = 'cluster.local';

/** A free IP from the service CIDR 10.96.0.0/12 (the apiserver allocates at random; ours is seeded). */
export function allocateClusterIp(c: Cluster): string {
  const used = new Set(c.rawList('Service').map((s) => s.spec?.clusterIP));
  for (;;) {
    const ip = `10.${96 + c.rand.int(16)}.${c.rand.int(256)}.${1 + c.rand.int(254)}`;
    if (!used.has(ip) && ip !== '10.96.0.1' && ip !== '10.96.0.10') return ip;
  }
}

/** A free port from the default NodePort range 30000–32767. */
export function allocateNodePort(c: Cluster): number {
  const used = new Set<number>();
  for (const s of c.rawList('Service')) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (;;) {
    const p = 30000 + c.rand.int(2768);
    if (!used.has(p)) return p;
  }
}

/** The Service a DNS name means, asked from a pod in `ns`. */
export function serviceForName(c: Cluster, name: string, ns: string): KObj | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const candidates: [string, string][] = [];
  const parts = n.split('.');
  // search list: <name>.<ns>.svc.cluster.local, <name>.svc.cluster.local, <name>.cluster.local, then <name> itself.
  const fq = (x: string) => x.split('.');
  for (const full of [`${n}.${ns}.svc.${CLUSTER_DOMAIN}`, `${n}.svc.${CLUSTER_DOMAIN}`, `${n}.${CLUSTER_DOMAIN}`, n]) {
    const p = fq(full);
    if (p.length === 5 && p[2] === 'svc' && `${p[3]}.${p[4]}` === CLUSTER_DOMAIN) candidates.push([p[0]!, p[1]!]);
  }
  void parts;
  for (const [svc, sns] of candidates) {
    const s = c.raw('Service', sns, svc);
    if (s && s.spec?.clusterIP && s.spec.clusterIP !== 'None') return s;
  }
  return undefined;
}

/** The running pod a network host belongs to (pod hosts are named after the pod). */
export function podForHost(c: Cluster, host: string): KObj | undefined {
  return c.runtime.podOfHost(host);
}

export function targetPortNumber(c: Cluster, pod: KObj, target: unknown): number | null {
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return parseInt(target, 10);
  for (const ct of pod.spec?.containers ?? []) for (const p of ct.ports ?? []) if (p.name === target) return p.containerPort;
  void c;
  return null;
}

/** kube-proxy: pick an endpoint (round robin, as our stand-in for iptables' random choice). */
export function pickEndpoint(c: Cluster, svc: KObj, port: KObj, counter: { n: number }): { host: string; ip: string; port: number } | null {
  const pods = c.readyPodsFor(svc.metadata.namespace, svc.spec.selector);
  const usable = pods
    .map((p) => ({ p, port: targetPortNumber(c, p, port.targetPort ?? port.port) }))
    .filter((x) => x.port !== null && c.runtime.hostOf(x.p));
  if (!usable.length) return null;
  const e = usable[counter.n++ % usable.length]!;
  return { host: c.runtime.hostOf(e.p)!, ip: e.p.status.podIP, port: e.port! };
}

export function installNetwork(c: Cluster): void {
  const counter = { n: 0 };
  c.world.net.addResolver((name, fromHost) => {
    const pod = podForHost(c, fromHost);
    if (!pod) return null;
    return serviceForName(c, name, pod.metadata.namespace)?.spec.clusterIP ?? null;
  });
  c.world.net.addForwarder((proto: Proto, ip: string, port: number) => {
    const P = proto.toUpperCase();
    for (const s of c.rawList('Service')) {
      for (const sp of s.spec?.ports ?? []) {
        if ((sp.protocol ?? 'TCP') !== P) continue;
        const byClusterIp = s.spec.clusterIP === ip && sp.port === port;
        const byNodePort = ip === c.nodeIP && sp.nodePort === port;
        if (byClusterIp || byNodePort) return pickEndpoint(c, s, sp, counter);
      }
    }
    return null;
  });
}

/** Endpoints of a Service as `kubectl describe` prints them: `10.244.0.5:8000,10.244.0.6:8000`. */
export function endpointsOf(c: Cluster, svc: KObj): string[] {
  const out: string[] = [];
  for (const p of c.readyPodsFor(svc.metadata.namespace, svc.spec?.selector))
    for (const sp of svc.spec?.ports ?? []) {
      const n = targetPortNumber(c, p, sp.targetPort ?? sp.port);
      if (n !== null) out.push(`${p.status.podIP}:${n}`);
    }
  return out;
}
