/** Tab completion for kubectl: subcommands, resource types, object names, flags, files for -f. */
import type { CompletionRequest } from '../../shell/program';
import { getCluster } from '../cluster/cluster';
import { NAMESPACED } from '../cluster/types';
import { resolvePath } from '../../fs';
import { RESOURCE_NAMES, resourceKind } from './resources';

const SUBS = ['apply', 'create', 'get', 'describe', 'delete', 'patch', 'rollout', 'logs', 'exec', 'explain', 'port-forward', 'scale', 'set', 'version', 'cluster-info', 'config'];
const ROLLOUT = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
const FLAGS: Record<string, string[]> = {
  get: ['--output=', '--selector=', '--namespace=', '--all-namespaces', '--show-labels', '--no-headers', '-o', '-l', '-n', '-A'],
  apply: ['--filename=', '-f', '--dry-run=client', '--namespace=', '--recursive'],
  create: ['--filename=', '-f', '--dry-run=client', '--image='],
  delete: ['--filename=', '-f', '--selector=', '--all', '--ignore-not-found', '--wait=false'],
  patch: ['--patch=', '--patch-file=', '--type=strategic', '--type=merge', '--type=json', '-p'],
  logs: ['--tail=', '--container=', '--follow', '--selector=', '--prefix', '-c', '-f', '-l'],
  exec: ['--container=', '-c', '-it', '--'],
  scale: ['--replicas='],
  rollout: ['--to-revision=', '--revision=', '--timeout='],
  'port-forward': ['--address='],
};

function names(req: CompletionRequest, kindWord: string, ns: string): string[] {
  const kind = resourceKind(kindWord);
  if (!kind) return [];
  try {
    const c = getCluster(req.world);
    const k = kind === 'Endpoints' ? 'Service' : kind;
    return c.list(k, NAMESPACED[k] ? ns : null).map((o) => o.metadata.name as string);
  } catch {
    return [];
  }
}

export function completeKubectl(req: CompletionRequest): string[] {
  const words = req.argv.slice(1);
  const w = req.word;
  const nsIdx = words.findIndex((x) => x === '-n' || x === '--namespace');
  const ns = nsIdx >= 0 ? (words[nsIdx + 1] ?? 'default') : (words.find((x) => x.startsWith('--namespace='))?.slice(12) ?? 'default');
  const pos = words.filter((x, i) => !x.startsWith('-') && !(i > 0 && /^(-n|--namespace|-o|-l|-f|-p|-c|--tail|--type)$/.test(words[i - 1]!)));
  const sub = pos[0];
  const prev = words[words.length - 1];
  const filter = (xs: string[]) => [...new Set(xs)].filter((x) => x.startsWith(w)).sort();
  if (!sub) return filter(SUBS);
  if (prev === '-n' || prev === '--namespace') return filter(names(req, 'ns', ns));
  if (prev === '-o' || prev === '--output') return filter(['wide', 'yaml', 'json', 'name', 'jsonpath=', 'custom-columns=']);
  if (prev === '-f' || prev === '--filename' || prev === '--patch-file') {
    const fs = req.world.fs(req.host);
    const slash = w.lastIndexOf('/');
    const dirPart = slash >= 0 ? w.slice(0, slash + 1) : '';
    const dir = resolvePath(req.cwd, dirPart || '.');
    return fs.list(dir).map((e) => dirPart + e).filter((x) => x.startsWith(w));
  }
  if (w.startsWith('-')) return filter(FLAGS[sub] ?? []);
  if (sub === 'rollout' && pos.length === 1) return filter(ROLLOUT);
  if (sub === 'config' && pos.length === 1) return filter(['current-context', 'get-contexts', 'use-context', 'view']);
  if (sub === 'set' && pos.length === 1) return filter(['image']);
  const args = sub === 'rollout' || sub === 'set' ? pos.slice(2) : pos.slice(1);
  if (['logs', 'exec', 'port-forward'].includes(sub) && args.length === 0) {
    if (w.includes('/')) {
      const [t] = w.split('/');
      return filter(names(req, t!, ns).map((n) => `${t}/${n}`));
    }
    return filter([...names(req, 'pods', ns), 'deploy/', 'svc/', 'pod/']);
  }
  if (['explain', 'version', 'cluster-info'].includes(sub)) return sub === 'explain' ? filter(RESOURCE_NAMES) : [];
  if (args.length === 0) {
    if (w.includes('/')) {
      const [t] = w.split('/');
      return filter(names(req, t!, ns).map((n) => `${t}/${n}`));
    }
    const types = sub === 'rollout' ? ['deployment', 'deploy'] : sub === 'scale' ? ['deployment', 'replicaset'] : [...RESOURCE_NAMES, ...(sub === 'get' ? ['all'] : [])];
    return filter(types);
  }
  return filter(names(req, args[0]!.split(',')[0]!, ns));
}
