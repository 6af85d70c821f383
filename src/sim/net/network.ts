/**
 * The simulated network that connects programs: DNS, UDP datagrams and TCP (HTTP) listeners.
 *
 * Every address lives in a "host" (a network namespace): `laptop` is the learner's machine, each Kubernetes
 * pod is its own host with its own 127.0.0.1. Non-loopback IPs (pod IPs, Service ClusterIPs, node IPs) are
 * global. Resolvers are asked in order; the kube module adds one for Service names (`graphite`,
 * `graphite.default`, `graphite.default.svc.cluster.local`) when asked from inside a pod.
 */

export type Proto = 'tcp' | 'udp';

export interface HttpRequest {
  method: string;
  path: string; // path with query string
  headers: Record<string, string>;
  body: string;
  /** Address the request came from (for access logs). */
  remoteAddr: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
  /** Simulated time the server took, in ms (the client advances its own view of time by this). */
  durationMs: number;
}

export interface ListenerOwner {
  pid: number;
  name: string;
}

export interface Listener {
  proto: Proto;
  host: string; // network namespace
  ip: string; // '0.0.0.0', '127.0.0.1', or a specific IP
  port: number;
  owner: ListenerOwner;
  onDatagram?: (data: Uint8Array, from: { ip: string; port: number }) => void;
  onHttp?: (req: HttpRequest) => HttpResponse;
}

export type Resolver = (name: string, fromHost: string) => string | null;

/** A forwarding rule: traffic to ip:port is delivered to the listener found by `target`. */
export type Forwarder = (proto: Proto, ip: string, port: number) => { host: string; ip: string; port: number } | null;

export type NetError = 'ENOTFOUND' | 'ECONNREFUSED' | 'EADDRINUSE' | 'EINVAL';

/** One HTTP exchange as seen on the wire (bounded log; lesson checks read it). */
export interface HttpLogEntry {
  fromHost: string;
  toHost: string;
  ip: string;
  port: number;
  method: string;
  path: string;
  status: number;
  server: string; // listener owner name, e.g. 'gunicorn'
}

const HTTP_LOG_MAX = 2000;

const LOOPBACK = /^127\./;

export class Network {
  private listeners: Listener[] = [];
  private resolvers: Resolver[] = [];
  private forwarders: Forwarder[] = [];
  /** Non-loopback IPs owned by each host (pod IP, node IP...). */
  private hostIps = new Map<string, Set<string>>();
  /** Most recent HTTP exchanges, oldest first, and how many there were in all. */
  readonly httpLog: HttpLogEntry[] = [];
  httpCount = 0;

  constructor() {
    this.hostIps.set('laptop', new Set(['192.168.1.23']));
  }

  addHostIp(host: string, ip: string): void {
    if (!this.hostIps.has(host)) this.hostIps.set(host, new Set());
    this.hostIps.get(host)!.add(ip);
  }

  removeHost(host: string): void {
    this.hostIps.delete(host);
    this.listeners = this.listeners.filter((l) => l.host !== host);
  }

  addResolver(r: Resolver): () => void {
    this.resolvers.push(r);
    return () => {
      this.resolvers = this.resolvers.filter((x) => x !== r);
    };
  }

  addForwarder(f: Forwarder): () => void {
    this.forwarders.push(f);
    return () => {
      this.forwarders = this.forwarders.filter((x) => x !== f);
    };
  }

  /** Resolve a name or dotted IP as seen from `fromHost`. */
  resolve(name: string, fromHost = 'laptop'): string | null {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return name;
    if (name === 'localhost' || name === 'ip6-localhost') return '127.0.0.1';
    if (name === '0.0.0.0') return '0.0.0.0';
    for (const r of this.resolvers) {
      const ip = r(name, fromHost);
      if (ip) return ip;
    }
    return null;
  }

  listen(l: Listener): Listener | NetError {
    if (!(l.port >= 0 && l.port <= 65535)) return 'EINVAL';
    const clash = this.listeners.find(
      (o) =>
        o.proto === l.proto &&
        o.port === l.port &&
        o.host === l.host &&
        (o.ip === l.ip || o.ip === '0.0.0.0' || l.ip === '0.0.0.0'),
    );
    if (clash) return 'EADDRINUSE';
    this.listeners.push(l);
    return l;
  }

  close(l: Listener): void {
    this.listeners = this.listeners.filter((x) => x !== l);
  }

  closeOwnedBy(pid: number): void {
    this.listeners = this.listeners.filter((x) => x.owner.pid !== pid);
  }

  list(host?: string): readonly Listener[] {
    return host ? this.listeners.filter((l) => l.host === host) : this.listeners;
  }

  /** Find the listener that receives traffic to ip:port sent from `fromHost`. */
  find(proto: Proto, fromHost: string, ip: string, port: number): Listener | null {
    if (LOOPBACK.test(ip) || ip === '0.0.0.0') {
      return this.match(proto, fromHost, ip === '0.0.0.0' ? '127.0.0.1' : ip, port);
    }
    for (const [host, ips] of this.hostIps) {
      if (ips.has(ip)) return this.match(proto, host, ip, port);
    }
    for (const f of this.forwarders) {
      const t = f(proto, ip, port);
      if (t) return this.find(proto, t.host, t.ip, t.port);
    }
    return null;
  }

  /**
   * Send one UDP datagram. Like a real UDP socket, sending to a port where nothing listens is not an error
   * for the sender (the datagram is dropped); only a name that does not resolve fails.
   */
  sendUdp(fromHost: string, toHost: string, toPort: number, data: Uint8Array | string): { delivered: boolean } | NetError {
    const ip = this.resolve(toHost, fromHost);
    if (!ip) return 'ENOTFOUND';
    const l = this.find('udp', fromHost, ip, toPort);
    if (!l?.onDatagram) return { delivered: false };
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    l.onDatagram(bytes, { ip: LOOPBACK.test(ip) ? '127.0.0.1' : this.firstIp(fromHost), port: 40000 + (bytes.length % 20000) });
    return { delivered: true };
  }

  /** Open a TCP connection (connect only: `nc -z`). */
  connectTcp(fromHost: string, toHost: string, toPort: number): Listener | NetError {
    const ip = this.resolve(toHost, fromHost);
    if (!ip) return 'ENOTFOUND';
    return this.find('tcp', fromHost, ip, toPort) ?? 'ECONNREFUSED';
  }

  /** One HTTP request over TCP. */
  http(fromHost: string, toHost: string, toPort: number, req: Omit<HttpRequest, 'remoteAddr'>): HttpResponse | NetError {
    const ip = this.resolve(toHost, fromHost);
    if (!ip) return 'ENOTFOUND';
    const l = this.find('tcp', fromHost, ip, toPort);
    if (!l?.onHttp) return 'ECONNREFUSED';
    const res = l.onHttp({ ...req, remoteAddr: LOOPBACK.test(ip) ? '127.0.0.1' : this.firstIp(fromHost) });
    this.httpCount++;
    this.httpLog.push({ fromHost, toHost, ip, port: toPort, method: req.method, path: req.path, status: res.status, server: l.owner.name });
    if (this.httpLog.length > HTTP_LOG_MAX) this.httpLog.splice(0, this.httpLog.length - HTTP_LOG_MAX);
    return res;
  }

  private firstIp(host: string): string {
    const s = this.hostIps.get(host);
    return s ? ([...s][0] ?? '127.0.0.1') : '127.0.0.1';
  }

  private match(proto: Proto, host: string, ip: string, port: number): Listener | null {
    return (
      this.listeners.find(
        (l) => l.proto === proto && l.host === host && l.port === port && (l.ip === ip || l.ip === '0.0.0.0'),
      ) ?? null
    );
  }
}
