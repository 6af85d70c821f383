/**
 * The kubelet's container runtime: a Running pod is a network host named after the pod, with its pod IP;
 * each container runs what its image and command say.
 *
 * - graphiteapp/graphite-statsd (or hopsoft/graphite-statsd): statsd on UDP 8125 + Graphite (src/sim/metrics.ts),
 *   plus TCP listeners for graphite-web (80) and carbon (2003).
 * - A command that runs gunicorn — directly (`gunicorn -b ...`) or through `sh -c "gunicorn $GUNICORN_ARGS ..."` —
 *   runs the `gunicorn` program from world.programs inside the pod host with the container's resolved env, so its
 *   statsd lines leave from the pod and its log lines become `kubectl logs`.
 * - Any other command whose program is registered (e.g. `sleep`) runs that program; an app image with no command
 *   runs the image's default `gunicorn -b 0.0.0.0:8000 myproject:app` in /app; base images (busybox, alpine, ...)
 *   and system images sleep forever.
 */
import type { Cluster } from './cluster';
import { resolveCommand, resolveEnvDetailed, type Container as EnvContainer, type EnvLookups } from '../env';
import { startMetricsBackend, stopMetricsBackend } from '../../metrics';
import { createGraphiteWeb } from '../../graphite/web';
import { shlexSplit } from '../../gunicorn/argparse';
import type { KObj } from './types';
import type { SignalName } from '../../procs';
import type { ProgramContext } from '../../shell/program';
import type { Listener } from '../../net/network';
import { GunicornServer, parseGunicornArgs, GUNICORN_VERSION } from '../../gunicorn';
import { seedLaptopFiles, PROJECT_DIR } from '../../programs/seed';
import { SimFs } from '../../fs';

export type ContainerKind = 'graphite' | 'gunicorn' | 'program' | 'sleep';

export interface ContainerPlan {
  kind: ContainerKind;
  /** argv of the process (for gunicorn: starting with "gunicorn"). */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Problems resolving the env (missing ConfigMap key ...). */
  errors: string[];
}

interface RunningContainer {
  name: string;
  pids: number[];
  stop: () => void;
}

interface RunningPod {
  uid: string;
  host: string;
  pod: KObj;
  containers: RunningContainer[];
}

const GRAPHITE_IMAGE = /(^|\/)(graphiteapp\/graphite-statsd|hopsoft\/graphite-statsd|graphite-statsd)(:|@|$)/;
/** Images we know not to be the learner's app: they idle ("sleep forever") unless their command says otherwise. */
const BASE_IMAGES = /^(docker\.io\/)?(library\/)?(busybox|alpine|ubuntu|debian|centos|fedora|nginx|httpd|redis|postgres|mysql|mongo|memcached|python|node|golang|pause)(:|@|$)|^(registry\.k8s\.io|k8s\.gcr\.io|gcr\.io|quay\.io)\//;

export const APP_DEFAULT_ARGV = ['gunicorn', '-b', '0.0.0.0:8000', 'myproject:app'];
export const APP_DIR = '/app';

function basename(p: string): string {
  return p.split('/').pop() ?? p;
}

/** `$VAR`/`${VAR}` expansion as sh does it (not inside single quotes); unset variables expand to nothing. */
export function shExpand(script: string, env: Record<string, string>): string {
  let out = '';
  let inSingle = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (ch === "'" ) inSingle = !inSingle;
    if (ch === '$' && !inSingle) {
      const m = script.slice(i + 1).match(/^(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/);
      if (m) {
        out += env[m[2] ?? m[3]!] ?? '';
        i += m[0].length;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** The gunicorn argv inside an `sh -c` script (`exec gunicorn ...`, `cd /app && gunicorn ...`), or null. */
export function gunicornFromScript(script: string, env: Record<string, string>): string[] | null {
  const words = shlexSplit(shExpand(script, env));
  if (!words) return null;
  // Split into simple commands on ; && || (as separate words or glued to the end of a word).
  const commands: string[][] = [[]];
  for (const w of words) {
    const m = w.match(/^(.*?)(;|&&|\|\|)$/);
    if (w === ';' || w === '&&' || w === '||') commands.push([]);
    else if (m && m[1]) {
      commands[commands.length - 1]!.push(m[1]);
      commands.push([]);
    } else commands[commands.length - 1]!.push(w);
  }
  for (let cmd of commands) {
    while (cmd[0] === 'exec' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd[0] ?? '')) cmd = cmd.slice(1);
    if (cmd[0] && basename(cmd[0]) === 'gunicorn') return ['gunicorn', ...cmd.slice(1)];
    if (cmd[0] && /^python[0-9.]*$/.test(basename(cmd[0])) && cmd[1] === '-m' && cmd[2] === 'gunicorn') return ['gunicorn', ...cmd.slice(3)];
  }
  return null;
}

/** Decide what a container runs. */
export function planContainer(c: Cluster, container: KObj, pod: KObj): ContainerPlan {
  const { env, errors } = resolveEnvDetailed(container as EnvContainer, pod, envLookups(c, pod));
  const image = String(container.image ?? '');
  const { command, args } = resolveCommand(container as EnvContainer, env);
  const argv = [...command, ...args];
  const cwd = container.workingDir ?? (GRAPHITE_IMAGE.test(image) || BASE_IMAGES.test(image) ? '/' : APP_DIR);
  if (argv.length === 0) {
    if (GRAPHITE_IMAGE.test(image)) return { kind: 'graphite', argv: ['/entrypoint'], env, cwd, errors };
    if (BASE_IMAGES.test(image)) return { kind: 'sleep', argv: defaultEntrypoint(image), env, cwd, errors };
    return { kind: 'gunicorn', argv: [...APP_DEFAULT_ARGV], env, cwd, errors };
  }
  const prog = basename(argv[0]!);
  if (prog === 'gunicorn') return { kind: 'gunicorn', argv: ['gunicorn', ...argv.slice(1)], env, cwd, errors };
  if (/^python[0-9.]*$/.test(prog) && argv[1] === '-m' && argv[2] === 'gunicorn')
    return { kind: 'gunicorn', argv: ['gunicorn', ...argv.slice(3)], env, cwd, errors };
  if (['sh', 'bash', 'ash', 'dash'].includes(prog)) {
    const i = argv.indexOf('-c');
    if (i > 0 && argv[i + 1] !== undefined) {
      const g = gunicornFromScript(argv[i + 1]!, env);
      if (g) return { kind: 'gunicorn', argv: g, env, cwd, errors };
    }
  }
  if (GRAPHITE_IMAGE.test(image)) return { kind: 'graphite', argv, env, cwd, errors };
  if (c.world.programs.get(prog) && prog !== 'sh' && prog !== 'bash') return { kind: 'program', argv: [prog, ...argv.slice(1)], env, cwd, errors };
  return { kind: 'sleep', argv, env, cwd, errors };
}

/** What the kubelet knows when it builds a container's environment: ConfigMaps, Secrets, the node, service links. */
export function envLookups(c: Cluster, pod: KObj): EnvLookups {
  const ns = pod.metadata.namespace;
  const configMaps: Record<string, Record<string, string>> = {};
  for (const cm of c.rawList('ConfigMap', ns)) configMaps[cm.metadata.name] = { ...(cm.data ?? {}) };
  const secrets: Record<string, Record<string, string>> = {};
  for (const s of c.rawList('Secret', ns)) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries((s.data ?? {}) as Record<string, string>)) data[k] = decodeBase64(v);
    Object.assign(data, s.stringData ?? {});
    secrets[s.metadata.name] = data;
  }
  const node = c.raw('Node', undefined, c.nodeName);
  return {
    configMaps,
    secrets,
    node: { name: c.nodeName, ip: c.nodeIP, allocatable: node?.status?.allocatable },
    serviceEnv: pod.spec?.enableServiceLinks === false ? {} : serviceEnv(c, pod),
  };
}

export function decodeBase64(v: string): string {
  try {
    const bin = atob(String(v));
    return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return String(v);
  }
}

function defaultEntrypoint(image: string): string[] {
  if (/nginx/.test(image)) return ['nginx', '-g', 'daemon off;'];
  if (/coredns/.test(image)) return ['/coredns', '-conf', '/etc/coredns/Corefile'];
  return ['sh'];
}

export type ExitListener = (pod: KObj, container: string, code: number) => void;

export class PodRuntime {
  private pods = new Map<string, RunningPod>(); // by host
  /** Container logs by pod uid → container name → text. Kept after the pod stops (for `logs --previous`). */
  private logs = new Map<string, Map<string, string>>();
  private onExit: ExitListener | null = null;

  constructor(private c: Cluster) {}

  setExitListener(fn: ExitListener): void {
    this.onExit = fn;
  }

  podOfHost(host: string): KObj | undefined {
    const r = this.pods.get(host);
    if (!r) return undefined;
    return this.c.raw('Pod', r.pod.metadata.namespace, r.pod.metadata.name);
  }

  /** The network host a running pod lives in, or null. */
  hostOf(pod: KObj): string | null {
    const r = this.pods.get(pod.metadata.name);
    return r && r.uid === pod.metadata.uid ? r.host : null;
  }

  isRunning(pod: KObj): boolean {
    return this.hostOf(pod) !== null;
  }

  log(pod: KObj, container: string): string {
    return this.logs.get(pod.metadata.uid)?.get(container) ?? '';
  }

  private append(uid: string, container: string, text: string): void {
    let m = this.logs.get(uid);
    if (!m) this.logs.set(uid, (m = new Map()));
    m.set(container, (m.get(container) ?? '') + text);
    for (const l of this.logListeners) if (l.uid === uid && l.container === container) l.fn(text);
  }

  private logListeners: { uid: string; container: string; fn: (text: string) => void }[] = [];

  /** Follow a container's log (`kubectl logs -f`); returns the unsubscribe function. */
  followLog(pod: KObj, container: string, fn: (text: string) => void): () => void {
    const entry = { uid: pod.metadata.uid as string, container, fn };
    this.logListeners.push(entry);
    return () => {
      this.logListeners = this.logListeners.filter((x) => x !== entry);
    };
  }

  /** Start the pod's network namespace and its containers. */
  start(pod: KObj): void {
    const host = pod.metadata.name as string;
    const world = this.c.world;
    if (this.pods.has(host)) this.stopHost(host);
    world.net.addHostIp(host, pod.status.podIP);
    const fs = world.fs(host);
    fs.write('/etc/hostname', host + '\n');
    fs.write(
      '/etc/resolv.conf',
      `nameserver 10.96.0.10\nsearch ${pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`,
    );
    fs.write('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n${pod.status.podIP}\t${host}\n`);
    const running: RunningPod = { uid: pod.metadata.uid, host, pod, containers: [] };
    this.pods.set(host, running);
    for (const container of pod.spec.containers ?? []) running.containers.push(this.startContainer(pod, container, host));
  }

  private startContainer(pod: KObj, container: KObj, host: string): RunningContainer {
    const world = this.c.world;
    const plan = planContainer(this.c, container, pod);
    const uid = pod.metadata.uid as string;
    const name = container.name as string;
    const out = (t: string) => this.append(uid, name, t);
    for (const e of plan.errors) out(e.endsWith('\n') ? e : e + '\n');
    if (plan.kind === 'graphite') return this.startGraphite(pod, name, host);
    if (plan.kind === 'sleep') {
      const p = world.procs.spawn(host, plan.argv.join(' ') || 'sleep infinity', 0, world.clock.now());
      return { name, pids: [p.pid], stop: () => world.procs.exit(p.pid) };
    }
    if (plan.kind === 'gunicorn') {
      if (plan.cwd === APP_DIR) seedAppFiles(this.c, host);
      return this.runGunicorn(pod, container, host, plan, out);
    }
    return this.runProgram(pod, container, host, plan, out);
  }

  private startGraphite(pod: KObj, name: string, host: string): RunningContainer {
    const world = this.c.world;
    const id = 'pod/' + pod.metadata.name;
    const backend = startMetricsBackend(world, host, id, { label: pod.metadata.name });
    const uid = pod.metadata.uid as string;
    const web = world.procs.spawn(host, 'nginx: master process /usr/sbin/nginx', 0, world.clock.now());
    const carbon = world.procs.spawn(host, '/opt/graphite/bin/python3 /opt/graphite/bin/carbon-cache.py start --debug', 0, world.clock.now());
    const listeners: Listener[] = [];
    const l80 = world.net.listen({
      proto: 'tcp',
      host,
      ip: '0.0.0.0',
      port: 80,
      owner: { pid: web.pid, name: 'nginx' },
      // graphite-web (render, metrics/find) over this pod's own Graphite store
      onHttp: createGraphiteWeb({ store: backend.store, now: () => world.clock.now() / 1000 }),
    });
    if (typeof l80 !== 'string') listeners.push(l80);
    const l2003 = world.net.listen({ proto: 'tcp', host, ip: '0.0.0.0', port: 2003, owner: { pid: carbon.pid, name: 'carbon-cache' } });
    if (typeof l2003 !== 'string') listeners.push(l2003);
    const ts = new Date(world.clock.now()).toISOString().replace('T', ' ').slice(0, 19);
    this.append(uid, name, `${ts},000 INFO spawned: 'statsd' with pid 1\n${ts},000 INFO spawned: 'carbon' with pid 2\n${ts},000 INFO spawned: 'nginx' with pid 3\n${ts},000 INFO success: statsd entered RUNNING state\n`);
    return {
      name,
      pids: [web.pid, carbon.pid],
      stop: () => {
        stopMetricsBackend(world, id);
        for (const l of listeners) world.net.close(l);
        world.procs.exit(web.pid);
        world.procs.exit(carbon.pid);
      },
    };
  }

  /**
   * gunicorn as the container's PID 1: parsed with the container env (GUNICORN_CMD_ARGS is read from it, as
   * gunicorn does) and served by the programs module's GunicornServer in the pod's network namespace.
   */
  private runGunicorn(pod: KObj, container: KObj, host: string, plan: ContainerPlan, out: (t: string) => void): RunningContainer {
    const world = this.c.world;
    const name = container.name as string;
    const env = { PATH: '/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: host, HOME: '/root', ...plan.env };
    const proc = world.procs.spawn(host, `/usr/local/bin/python3 /usr/local/bin/${plan.argv.join(' ')}`, 0, world.clock.now());
    let stopped = false;
    let server: GunicornServer | null = null;
    const exit = (code: number) => {
      world.procs.exit(proc.pid);
      world.net.closeOwnedBy(proc.pid);
      if (!stopped) this.onExit?.(pod, name, code);
    };
    const parsed = parseGunicornArgs(plan.argv.slice(1), env, { fs: world.fs(host), cwd: plan.cwd });
    if (!parsed.ok) {
      out(parsed.error.replace(/\n?$/, '\n'));
      queueMicrotask(() => exit(parsed.exitCode));
    } else if (parsed.info) {
      if (parsed.info === 'version') out(`gunicorn (version ${GUNICORN_VERSION})\n`);
      queueMicrotask(() => exit(0));
    } else {
      server = new GunicornServer({
        world,
        host,
        settings: parsed.settings,
        cwd: plan.cwd,
        masterPid: proc.pid,
        cmdline: `/usr/local/bin/python3 /usr/local/bin/${plan.argv.join(' ')}`,
        sink: { out, err: out },
      });
      const srv = server;
      srv.whenStopped(() => exit(0));
      srv.start().then(
        (r) => {
          if (!r.ok) exit(r.exitCode);
        },
        () => exit(1),
      );
    }
    return {
      name,
      pids: [proc.pid],
      stop: () => {
        stopped = true;
        if (server && server.state !== 'stopped') server.stop('SIGTERM');
        world.procs.exit(proc.pid);
      },
    };
  }

  /** Run a registered program (sleep ...) as the container's main process. */
  private runProgram(pod: KObj, container: KObj, host: string, plan: ContainerPlan, out: (t: string) => void): RunningContainer {
    const world = this.c.world;
    const name = container.name as string;
    const spec = world.programs.get(plan.argv[0]!);
    const proc = world.procs.spawn(host, plan.argv.join(' '), 0, world.clock.now());
    if (!spec) {
      // What containerd reports when the entrypoint does not exist in the image.
      out(`exec: "${plan.argv[0]}": executable file not found in $PATH\n`);
      world.procs.exit(proc.pid);
      queueMicrotask(() => this.onExit?.(pod, name, 127));
      return { name, pids: [], stop: () => {} };
    }
    let sig: SignalName | null = null;
    let resolveSig!: (s: SignalName) => void;
    const signal = new Promise<SignalName>((r) => (resolveSig = r));
    world.procs.onSignal(proc.pid, (s) => {
      if (!sig) {
        sig = s;
        resolveSig(s);
      }
    });
    let stopped = false;
    const env = {
      PATH: '/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: host,
      HOME: '/root',
      ...plan.env,
    };
    const ctx: ProgramContext = {
      argv: plan.argv,
      env,
      stdin: null,
      out,
      err: out,
      cwd: plan.cwd,
      host,
      world,
      pid: proc.pid,
      background: true,
      signal,
      signalled: () => sig,
      sleep: (ms) =>
        new Promise<boolean>((resolve) => {
          if (sig) return resolve(false);
          const id = world.clock.at(world.clock.now() + ms, () => resolve(true));
          void signal.then(() => {
            world.clock.cancel(id);
            resolve(false);
          });
        }),
    };
    const finish = (code: number) => {
      world.procs.exit(proc.pid);
      world.net.closeOwnedBy(proc.pid);
      if (!stopped) this.onExit?.(pod, name, code);
    };
    try {
      Promise.resolve(spec.run(ctx)).then(
        (code) => finish(typeof code === 'number' ? code : 0),
        (e) => {
          out(`${e instanceof Error ? e.message : String(e)}\n`);
          finish(1);
        },
      );
    } catch (e) {
      out(`${e instanceof Error ? e.message : String(e)}\n`);
      queueMicrotask(() => finish(1));
    }
    return {
      name,
      pids: [proc.pid],
      stop: () => {
        stopped = true;
        world.procs.kill(proc.pid, 'SIGTERM');
        for (const child of world.procs.children(proc.pid)) world.procs.exit(child.pid);
        world.procs.exit(proc.pid);
      },
    };
  }

  /** Stop every container of the pod and remove its network namespace and filesystem. */
  stop(pod: KObj): void {
    const r = this.pods.get(pod.metadata.name);
    if (r && r.uid === pod.metadata.uid) this.stopHost(r.host);
  }

  private stopHost(host: string): void {
    const r = this.pods.get(host);
    if (!r) return;
    this.pods.delete(host);
    for (const c of r.containers) {
      try {
        c.stop();
      } catch {
        /* a container that fails to stop is still gone */
      }
    }
    this.c.world.dropHost(host);
  }

  /** Environment a container sees beyond its own env: service links (enableServiceLinks) for every Service. */
  containerEnvironment(pod: KObj, container: KObj): { name: string; value: string }[] {
    const plan = planContainer(this.c, container, pod);
    const out: { name: string; value: string }[] = [
      { name: 'PATH', value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      { name: 'HOSTNAME', value: pod.metadata.name },
    ];
    for (const [name, value] of Object.entries(plan.env)) out.push({ name, value });
    out.push({ name: 'HOME', value: '/root' });
    return out;
  }
}

/**
 * Docker-links-style variables the kubelet adds for each Service in the pod's namespace
 * (kubernetes pkg/kubelet/envvars/envvars.go FromServices), e.g. GRAPHITE_SERVICE_HOST, GRAPHITE_PORT_80_TCP.
 */
export function serviceEnv(c: Cluster, pod: KObj): Record<string, string> {
  const env: Record<string, string> = {};
  const services = c.rawList('Service', pod.metadata.namespace);
  const k8s = c.raw('Service', 'default', 'kubernetes');
  if (k8s && pod.metadata.namespace !== 'default') services.push(k8s);
  for (const s of services) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const n = s.metadata.name.toUpperCase().replace(/-/g, '_');
    const ports: KObj[] = s.spec.ports ?? [];
    if (!ports.length) continue;
    env[`${n}_SERVICE_HOST`] = ip;
    env[`${n}_SERVICE_PORT`] = String(ports[0]!.port);
    for (const p of ports) if (p.name) env[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    const first = ports[0]!;
    env[`${n}_PORT`] = `${first.protocol.toLowerCase()}://${ip}:${first.port}`;
    for (const p of ports) {
      const pre = `${n}_PORT_${p.port}_${p.protocol}`;
      env[pre] = `${p.protocol.toLowerCase()}://${ip}:${p.port}`;
      env[`${pre}_PROTO`] = p.protocol.toLowerCase();
      env[`${pre}_PORT`] = String(p.port);
      env[`${pre}_ADDR`] = ip;
    }
  }
  return env;
}

/** The app's files in the pod's /app, as if the image were built from the project (the programs module's seed). */
function seedAppFiles(c: Cluster, host: string): void {
  const fs = c.world.fs(host);
  const image = new SimFs();
  seedLaptopFiles(image);
  for (const [path, content] of Object.entries(image.all()))
    if (path.startsWith(PROJECT_DIR + '/')) fs.write(APP_DIR + path.slice(PROJECT_DIR.length), content);
}
