/**
 * `minikube` — the few subcommands a learner uses to reach the cluster from the laptop
 * (`minikube ip`, `minikube service NAME --url`, `minikube status`), as minikube v1.35 prints them.
 */
import type { ProgramContext, ProgramSpec } from '../../shell/program';
import { getCluster } from '../cluster/cluster';
import { parseArgs, flag, boolFlag } from './args';

export async function runMinikube(ctx: ProgramContext): Promise<number> {
  const c = getCluster(ctx.world);
  const p = parseArgs(ctx.argv.slice(1));
  const [sub, name] = p.pos;
  switch (sub) {
    case 'ip':
      ctx.out(`${c.nodeIP}\n`);
      return 0;
    case 'status':
      ctx.out('minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n');
      return 0;
    case 'service': {
      if (!name) {
        ctx.err('❌  Exiting due to MK_USAGE: You must specify service name\n');
        return 1;
      }
      if (name === 'list') {
        const rows = c.list('Service', flag(p, 'namespace') ?? null).map((s) => {
          const urls = (s.spec.ports ?? []).filter((x: { nodePort?: number }) => x.nodePort).map((x: { nodePort: number }) => `http://${c.nodeIP}:${x.nodePort}`);
          return [s.metadata.namespace, s.metadata.name, (s.spec.ports ?? []).map((x: { name?: string; port: number }) => `${x.name ? x.name + '/' : ''}${x.port}`).join(' '), urls.join(' ') || 'No node port'];
        });
        const w = [0, 1, 2, 3].map((i) => Math.max(...[['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], ...rows].map((r) => r[i]!.length)));
        const line = '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|\n';
        const fmt = (r: string[]) => '|' + r.map((x, i) => ` ${x.padEnd(w[i]!)} `).join('|') + '|\n';
        ctx.out(line + fmt(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL']) + line + rows.map(fmt).join('') + line);
        return 0;
      }
      const ns = flag(p, 'namespace') ?? 'default';
      const svc = c.get('Service', ns, name);
      if (!svc) {
        ctx.err(`\n❌  Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${ns}' namespace.\nYou may select another namespace by using 'minikube service ${name} -n <namespace>'. Or list out all the services using 'minikube service list'\n\n`);
        return 1;
      }
      const ports = (svc.spec.ports ?? []).filter((x: { nodePort?: number }) => x.nodePort);
      if (!ports.length) {
        ctx.err(`😿  service ${ns}/${name} has no node port\n`);
        return 0;
      }
      if (!boolFlag(p, 'url')) {
        ctx.out(`🎉  Opening service ${ns}/${name} in default browser...\n`);
      }
      for (const x of ports) ctx.out(`http://${c.nodeIP}:${x.nodePort}\n`);
      return 0;
    }
    case 'start':
      ctx.out('😄  minikube v1.35.0 on Debian 12\n✨  Using the docker driver based on existing profile\n👍  Starting "minikube" primary control-plane node in "minikube" cluster\n🏃  Updating the running docker "minikube" container ...\n🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default\n');
      return 0;
    default:
      ctx.err(sub ? `Error: unknown command "${sub}" for "minikube"\nRun 'minikube --help' for usage.\n` : 'minikube provisions and manages local Kubernetes clusters.\n\nUsage:\n  minikube [command]\n\nAvailable Commands: ip, service, status, start\n');
      return sub ? 1 : 0;
  }
}

export const minikubeProgram: ProgramSpec = {
  name: 'minikube',
  summary: 'the local cluster: minikube ip, minikube service NAME --url, minikube status',
  examples: ['minikube ip', 'minikube service graphite --url', 'curl http://$(minikube ip):30800/'],
  run: runMinikube,
  complete: (req) => {
    const subs = ['ip', 'service', 'status', 'start'];
    if (req.argv.length <= 1) return subs.filter((s) => s.startsWith(req.word));
    if (req.argv[1] === 'service') {
      try {
        return ['list', '--url', ...getCluster(req.world).list('Service', 'default').map((s) => s.metadata.name as string)].filter((s) => s.startsWith(req.word));
      } catch {
        return [];
      }
    }
    return [];
  },
};
