/**
 * `kubectl` for the simulated cluster: the subcommands a learner uses in the course, with kubectl's own output
 * formats and error texts (k8s.io/kubectl pkg/cmd/*). Everything goes through the Cluster's API methods, so
 * what `kubectl` prints is what the cluster holds.
 */
import { parse as parseYaml } from 'yaml';
import type { ProgramContext, ProgramSpec } from '../../shell/program';
import { resolvePath } from '../../fs';
import { getCluster, type Cluster, RESTARTED_AT, REVISION, TERMINATE_MS, rfc3339 } from '../cluster/cluster';
import { API_VERSION, NAMESPACED, RESOURCE, clone, isApiError, isKind, kindRef, parseSelector, type ApiError, type KObj, type KindName } from '../cluster/types';
import { explain, knownKind } from '../schema';
import type { PatchType } from '../patch';
import { replicaSetsOf, podsOf, isReady } from '../cluster/controllers';
import { targetPortNumber } from '../cluster/network';
import { parseArgs, flag, flagAll, boolFlag, type ParsedArgs } from './args';
import { readManifests } from './manifests';
import { resourceKind, ALL_KINDS, kindPrefix, type ResourceKind } from './resources';
import { columns, labelsString } from './printers';
import { table, toJson, toYaml, listOf, age } from './format';
import { jsonpath } from './jsonpath';
import { describe } from './describe';
import { completeKubectl } from './complete';
import { minikubeProgram } from './minikube';
import { execShell, isShellCommand, podShellKind } from './pod-shell';
import { planContainer } from '../cluster/runtime';

export const KUBECTL_VERSION = 'v1.32.0';

type Io = Pick<ProgramContext, 'out' | 'err'>;

/** How kubectl prints an API error (Invalid errors print their message alone). */
export function apiErrorText(e: ApiError, context?: string): string {
  if (e.reason === 'Invalid') return e.message;
  return `Error from server (${e.reason}): ${context ? context + ': ' : ''}${e.message}`;
}

function nsOf(p: ParsedArgs): string {
  return flag(p, 'namespace') ?? 'default';
}

type Target = { kind: ResourceKind; names: string[] };
type Selector = (labels: Record<string, string>) => boolean;

/** `deploy/x`, `deployment x`, `pods a b` → kind + names; null after printing kubectl's error. */
function targets(io: Io, pos: string[]): Target[] | null {
  const t = parseTargets(pos);
  if (typeof t !== 'string') return t;
  io.err(t + '\n');
  return null;
}

function parseTargets(pos: string[]): Target[] | string {
  if (!pos.length) return [];
  if (pos[0]!.includes('/')) {
    const out: Target[] = [];
    for (const a of pos) {
      const [t, n] = a.split('/', 2);
      const k = resourceKind(t!);
      if (!k) return `error: the server doesn't have a resource type "${t}"`;
      if (!a.includes('/')) return `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`;
      out.push({ kind: k, names: [n ?? ''] });
    }
    return out;
  }
  const types = pos[0]!.split(',');
  const out: Target[] = [];
  for (const t of types) {
    if (t === 'all') {
      for (const k of ALL_KINDS) out.push({ kind: k, names: pos.slice(1) });
      continue;
    }
    const k = resourceKind(t);
    if (!k) return `error: the server doesn't have a resource type "${t}"`;
    out.push({ kind: k, names: pos.slice(1) });
  }
  return out;
}

/** `-l`: undefined when not given, null after printing kubectl's error for a selector it cannot parse. */
function selectorFlag(io: Io, p: ParsedArgs): Selector | undefined | null {
  const text = flag(p, 'selector');
  if (text === undefined) return undefined;
  const sel = parseSelector(text);
  if (typeof sel !== 'string') return sel;
  io.err(`error: ${sel}\n`);
  return null;
}

/** Objects of a kind as `get` sees them; Endpoints are derived from Services. */
function listKind(c: Cluster, kind: ResourceKind, ns: string | null): KObj[] {
  if (kind === 'Endpoints')
    return c.list('Service', ns).map((s) => ({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: s.metadata.name, namespace: s.metadata.namespace, uid: s.metadata.uid, creationTimestamp: s.metadata.creationTimestamp, labels: s.metadata.labels },
      spec: s.spec,
    }));
  return c.list(kind, NAMESPACED[kind] ? ns : null);
}

function getOne(c: Cluster, kind: ResourceKind, ns: string, name: string): KObj | undefined {
  return listKind(c, kind, NAMESPACED[kind] ? ns : null).find((o) => o.metadata.name === name);
}

function notFound(kind: ResourceKind, name: string): string {
  return `Error from server (NotFound): ${RESOURCE[kind]} "${name}" not found`;
}

// ------------------------------------------------------------------------------------------------ get

function printObjects(c: Cluster, io: Io, p: ParsedArgs, groups: { kind: ResourceKind; objs: KObj[] }[], single: boolean): number {
  const output = flag(p, 'output') ?? '';
  const all = groups.flatMap((g) => g.objs);
  if (output === 'yaml' || output === 'json') {
    const data = single && all.length === 1 ? all[0] : listOf(all);
    io.out(output === 'yaml' ? toYaml(data) : toJson(data));
    return 0;
  }
  if (output === 'name') {
    for (const g of groups) for (const o of g.objs) io.out(`${kindPrefix(g.kind)}/${o.metadata.name}\n`);
    return 0;
  }
  if (output.startsWith('jsonpath') || output.startsWith('go-template')) {
    if (output.startsWith('go-template')) {
      io.err('error: go-template output is not available in this playground; use -o jsonpath=...\n');
      return 1;
    }
    const tpl = output.replace(/^jsonpath(-as-json)?=?/, '');
    if (!tpl) {
      io.err('error: template format specified but no template given\n');
      return 1;
    }
    const data = single && all.length === 1 ? all[0] : listOf(all);
    const r = jsonpath(tpl, data);
    if ('error' in r) {
      io.err(`error: error executing jsonpath ${JSON.stringify(tpl)}: Error executing template: ${r.error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${tpl}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data).slice(0, 400)}\n\n`);
      return 1;
    }
    io.out(r.out);
    return 0;
  }
  if (output.startsWith('custom-columns=')) {
    const specs = output.slice('custom-columns='.length).split(',').map((s) => s.split(':'));
    const rows = [specs.map((s) => s[0] ?? '')];
    for (const o of all)
      rows.push(
        specs.map((s) => {
          const r = jsonpath(`{${(s[1] ?? '').replace(/^\{|\}$/g, '')}}`, o);
          return 'out' in r && r.out !== '' ? r.out : '<none>';
        }),
      );
    io.out(table(rows));
    return 0;
  }
  if (output && output !== 'wide') {
    io.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`);
    return 1;
  }
  const wide = output === 'wide';
  const allNs = boolFlag(p, 'all-namespaces');
  const showLabels = boolFlag(p, 'show-labels');
  const noHeaders = boolFlag(p, 'no-headers');
  const prefix = groups.length > 1;
  let first = true;
  for (const g of groups) {
    if (!g.objs.length) continue;
    const cols = columns(c, g.kind, wide);
    const nsCol = allNs && NAMESPACED[g.kind];
    const rows: string[][] = [];
    if (!noHeaders) rows.push([...(nsCol ? ['NAMESPACE'] : []), ...cols.header, ...(showLabels ? ['LABELS'] : [])]);
    for (const o of g.objs) {
      const r = cols.row(o);
      if (prefix) r[0] = `${kindPrefix(g.kind)}/${r[0]}`;
      rows.push([...(nsCol ? [o.metadata.namespace] : []), ...r, ...(showLabels ? [labelsString(o.metadata.labels)] : [])]);
    }
    if (!first) io.out('\n');
    first = false;
    io.out(table(rows));
  }
  return 0;
}

function cmdGet(c: Cluster, io: Io, p: ParsedArgs): number {
  if (!p.pos.length) {
    io.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    return 1;
  }
  if (['events', 'event', 'ev'].includes(p.pos[0]!)) return getEvents(c, io, p);
  const t = targets(io, p.pos);
  if (!t) return 1;
  const ns = nsOf(p);
  const allNs = boolFlag(p, 'all-namespaces');
  const sel = selectorFlag(io, p);
  if (sel === null) return 1;
  let code = 0;
  const groups: { kind: ResourceKind; objs: KObj[] }[] = [];
  const named = t.some((x) => x.names.length > 0);
  for (const { kind, names } of t) {
    if (names.length) {
      const objs: KObj[] = [];
      for (const n of names) {
        const o = getOne(c, kind, ns, n);
        if (o) objs.push(o);
        else {
          io.err(notFound(kind, n) + '\n');
          code = 1;
        }
      }
      groups.push({ kind, objs });
    } else {
      let objs = listKind(c, kind, allNs ? null : ns);
      if (sel) objs = objs.filter((o) => sel(o.metadata.labels ?? {}));
      groups.push({ kind, objs });
    }
  }
  const total = groups.reduce((n, g) => n + g.objs.length, 0);
  if (!named && total === 0) {
    const output = flag(p, 'output') ?? '';
    if (output === 'json' || output === 'yaml') return printObjects(c, io, p, groups, false);
    const cluster = t.every((x) => !NAMESPACED[x.kind]);
    io.err(allNs || cluster ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const single = t.length === 1 && t[0]!.names.length === 1;
  const r = printObjects(c, io, p, groups, single);
  return code || r;
}

/** `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, oldest first (printers.go printEvent). */
function getEvents(c: Cluster, io: Io, p: ParsedArgs): number {
  const allNs = boolFlag(p, 'all-namespaces');
  const ns = nsOf(p);
  const evs = c.events.filter((e) => allNs || e.namespace === ns).sort((a, b) => a.last - b.last);
  if (!evs.length) {
    io.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const rows = [[...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
  for (const e of evs)
    rows.push([...(allNs ? [e.namespace] : []), age(new Date(e.last).toISOString(), c.now()), e.type, e.reason, `${e.kind.toLowerCase()}/${e.name}`, e.message]);
  io.out(table(rows));
  return 0;
}

// ------------------------------------------------------------------------------------------------ apply / create

function removedKindNote(obj: KObj): string {
  const labels: Record<string, string> = obj.spec?.template?.metadata?.labels ?? obj.metadata?.labels ?? { app: obj.metadata?.name ?? 'app' };
  const lines = Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`);
  return [
    '',
    `Note (playground): ${obj.kind} in ${obj.apiVersion} was removed in Kubernetes 1.16; this cluster runs ${KUBECTL_VERSION}.`,
    `Use apiVersion: apps/v1. In apps/v1 spec.selector is required and must match the pod template's labels:`,
    '',
    'apiVersion: apps/v1',
    `kind: ${obj.kind}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    ...lines.map((l) => l.slice(2)),
    '  template:',
    '    metadata:',
    '      labels:',
    ...lines,
    '',
  ].join('\n');
}

/** Checks kubectl does before sending: kind and apiVersion set, and the server serving that kind. */
function preflight(obj: KObj, source: string): string | null {
  const name = obj?.metadata?.name ?? '';
  const ns = obj?.metadata?.namespace ?? '';
  if (!obj.kind) return `error: unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`;
  if (!obj.apiVersion) return `error: unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`;
  const st = knownKind(String(obj.apiVersion), String(obj.kind));
  const mapping = `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`;
  if (st === 'removed') return mapping + '\n' + removedKindNote(obj);
  if (st === 'unknown') return mapping;
  if (!isKind(obj.kind) || obj.kind === 'Node' || obj.kind === 'Endpoints' || API_VERSION[obj.kind as KindName] !== obj.apiVersion)
    return `error: ${obj.kind} (${obj.apiVersion}) is a real Kubernetes kind, but this simulated cluster only runs Namespace, Deployment, ReplicaSet, Pod, Service, ConfigMap and Secret`;
  return null;
}

function dryRunSuffix(p: ParsedArgs): string | null | undefined {
  const d = flag(p, 'dry-run');
  if (d === undefined || d === 'none') return undefined;
  if (d === 'client') return ' (dry run)';
  if (d === 'server') return ' (server dry run)';
  return null;
}

function cmdApplyOrCreate(c: Cluster, ctx: ProgramContext, p: ParsedArgs, verb: 'apply' | 'create'): number {
  const files = flagAll(p, 'filename');
  if (verb === 'create' && !files.length && p.pos.length) return cmdCreateGenerator(c, ctx, p);
  if (!files.length) {
    ctx.err('error: must specify one of -f and -k\n');
    return 1;
  }
  const dry = dryRunSuffix(p);
  if (dry === null) {
    ctx.err(`error: Invalid dry-run value (${flag(p, 'dry-run')}). Must be "none", "server", or "client".\n`);
    return 1;
  }
  const read = readManifests(ctx.world.fs(ctx.host), ctx.cwd, files, ctx.stdin, boolFlag(p, 'recursive'));
  const errors = [...read.errors];
  if (!read.manifests.length && !errors.length) errors.push('error: no objects passed to ' + verb);
  const flagNs = flag(p, 'namespace');
  for (const m of read.manifests) {
    const pre = preflight(m.obj, m.source);
    if (pre) {
      errors.push(pre);
      continue;
    }
    const kind = m.obj.kind as KindName;
    const ref = kindRef(kind, m.obj.metadata?.name ?? '');
    if (flagNs && m.obj.metadata?.namespace && m.obj.metadata.namespace !== flagNs && NAMESPACED[kind]) {
      errors.push(
        `error: the namespace from the provided object "${m.obj.metadata.namespace}" does not match the namespace "${flagNs}". You must pass '--namespace=${m.obj.metadata.namespace}' to perform this operation.`,
      );
      continue;
    }
    if (dry) {
      const exists = c.get(kind, m.obj.metadata?.namespace ?? flagNs ?? 'default', m.obj.metadata?.name ?? '');
      ctx.out(`${ref} ${exists ? (verb === 'apply' ? 'configured' : 'created') : 'created'}${dry}\n`);
      continue;
    }
    if (verb === 'apply') {
      const r = c.apply(m.obj, { namespace: flagNs });
      if (isApiError(r)) errors.push(apiErrorText(r, r.reason === 'NotFound' || r.reason === 'AlreadyExists' || r.reason === 'BadRequest' ? `error when creating "${m.source}"` : undefined));
      else {
        if (r.warning) ctx.err(r.warning.endsWith('\n') ? r.warning : r.warning + '\n');
        ctx.out(`${ref} ${r.action}\n`);
      }
    } else {
      const r = c.create(m.obj, { namespace: flagNs });
      if (isApiError(r)) errors.push(apiErrorText(r, `error when creating "${m.source}"`));
      else ctx.out(`${ref} created\n`);
    }
  }
  for (const e of errors) ctx.err(e.endsWith('\n') ? e : e + '\n');
  return errors.length ? 1 : 0;
}

/** `kubectl create namespace|deployment|configmap|secret generic|service ...` generators. */
function cmdCreateGenerator(c: Cluster, ctx: ProgramContext, p: ParsedArgs): number {
  const [what, name] = p.pos;
  const ns = nsOf(p);
  let obj: KObj | null = null;
  if (!name) {
    ctx.err(`error: exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples\n`);
    return 1;
  }
  if (what === 'namespace' || what === 'ns') obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  else if (what === 'deployment' || what === 'deploy') {
    const image = flag(p, 'image');
    if (!image) {
      ctx.err(`error: required flag(s) "image" not set\n`);
      return 1;
    }
    const replicas = parseInt(flag(p, 'replicas') ?? '1', 10);
    const port = flag(p, 'port');
    const cname = (image.split('/').pop() ?? image).split(':')[0]!.replace(/[^a-z0-9-]/g, '-');
    obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { app: name } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: cname, image, ...(port ? { ports: [{ containerPort: parseInt(port, 10) }] } : {}) }] },
        },
      },
    };
  } else if (what === 'configmap' || what === 'cm') {
    const data: Record<string, string> = {};
    for (const lit of flagAll(p, 'from-literal')) {
      const i = lit.indexOf('=');
      if (i <= 0) {
        ctx.err(`error: invalid literal source ${lit}, expected key=value\n`);
        return 1;
      }
      data[lit.slice(0, i)] = lit.slice(i + 1);
    }
    obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
  } else {
    ctx.err(`error: unknown command "${what}"\nSee 'kubectl create -h' for help and examples\n`);
    return 1;
  }
  if (NAMESPACED[obj.kind as KindName]) obj.metadata.namespace = ns;
  const r = c.create(obj);
  if (isApiError(r)) {
    ctx.err(apiErrorText(r) + '\n');
    return 1;
  }
  ctx.out(`${kindRef(obj.kind as KindName, name)} created\n`);
  return 0;
}

// ------------------------------------------------------------------------------------------------ describe / delete

function cmdDescribe(c: Cluster, io: Io, p: ParsedArgs): number {
  const t = targets(io, p.pos);
  if (!t) return 1;
  if (!t.length) {
    io.err('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n');
    return 1;
  }
  const ns = nsOf(p);
  const sel = selectorFlag(io, p);
  if (sel === null) return 1;
  const outs: string[] = [];
  let code = 0;
  for (const { kind, names } of t) {
    const objs = listKind(c, kind, boolFlag(p, 'all-namespaces') ? null : ns);
    if (!names.length) {
      outs.push(...objs.filter((o) => !sel || sel(o.metadata.labels ?? {})).map((o) => describe(c, kind, o)));
      continue;
    }
    for (const n of names) {
      const exact = objs.find((o) => o.metadata.name === n);
      // describe falls back to a name prefix (describe.go: "if no exact match, describe all with this prefix").
      const found = exact ? [exact] : objs.filter((o) => o.metadata.name.startsWith(n));
      if (!found.length) {
        io.err(notFound(kind, n) + '\n');
        code = 1;
      }
      outs.push(...found.map((o) => describe(c, kind, o)));
    }
  }
  if (!outs.length && !code) {
    io.err(`No resources found in ${ns} namespace.\n`);
    return 0;
  }
  io.out(outs.join('\n\n'));
  return code;
}

async function cmdDelete(c: Cluster, ctx: ProgramContext, p: ParsedArgs): Promise<number> {
  const ns = nsOf(p);
  const victims: { kind: ResourceKind; ns: string; name: string }[] = [];
  const errors: string[] = [];
  const ignore = boolFlag(p, 'ignore-not-found');
  const files = flagAll(p, 'filename');
  if (files.length) {
    const read = readManifests(ctx.world.fs(ctx.host), ctx.cwd, files, ctx.stdin, boolFlag(p, 'recursive'));
    errors.push(...read.errors);
    for (const m of read.manifests) {
      const pre = preflight(m.obj, m.source);
      if (pre) {
        errors.push(pre);
        continue;
      }
      victims.push({ kind: m.obj.kind, ns: m.obj.metadata?.namespace ?? ns, name: m.obj.metadata?.name ?? '' });
    }
  } else {
    const t = targets(ctx, p.pos);
    if (!t) return 1;
    if (!t.length) {
      ctx.err('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'\n');
      return 1;
    }
    const sel = selectorFlag(ctx, p);
    if (sel === null) return 1;
    for (const { kind, names } of t) {
      if (names.length) for (const n of names) victims.push({ kind, ns, name: n });
      else if (sel || boolFlag(p, 'all')) {
        for (const o of listKind(c, kind, ns)) if (!sel || sel(o.metadata.labels ?? {})) victims.push({ kind, ns, name: o.metadata.name });
      } else {
        ctx.err(`error: resource(s) were provided, but no name was specified\n`);
        return 1;
      }
    }
    if (!victims.length) {
      ctx.err('No resources found\n');
      return 0;
    }
  }
  const waitFor: { ns: string; name: string; uid: string }[] = [];
  for (const v of victims) {
    if (v.kind === 'Endpoints' || v.kind === 'Node') {
      errors.push(`Error from server (MethodNotAllowed): this simulated cluster does not delete ${RESOURCE[v.kind]}`);
      continue;
    }
    const r = c.delete(v.kind, v.ns, v.name);
    if (isApiError(r)) {
      if (!(ignore && r.reason === 'NotFound')) errors.push(apiErrorText(r, files.length ? `error when deleting "${files[0]}"` : undefined));
      continue;
    }
    ctx.out(`${kindPrefix(v.kind)} "${v.name}" deleted\n`);
    if (v.kind === 'Pod') waitFor.push({ ns: v.ns, name: v.name, uid: r.metadata.uid });
  }
  // kubectl delete waits for the pods to be gone (--wait=true).
  if (waitFor.length && flag(p, 'wait') !== 'false') {
    for (let i = 0; i < 10 && waitFor.some((w) => !c.gone('Pod', w.ns, w.name, w.uid)); i++) {
      if (!(await ctx.sleep(TERMINATE_MS / 4 + 10))) return 130;
    }
  }
  for (const e of errors) ctx.err(e + '\n');
  return errors.length ? 1 : 0;
}

// ------------------------------------------------------------------------------------------------ patch / scale / set image

function oneTarget(io: Io, p: ParsedArgs, pos = p.pos): { kind: ResourceKind; name: string; ns: string } | null {
  const t = targets(io, pos);
  if (!t) return null;
  const first = t[0];
  if (!first || !first.names.length || !first.names[0]) {
    io.err(`error: resource(s) were provided, but no name was specified\n`);
    return null;
  }
  return { kind: first.kind, name: first.names[0]!, ns: nsOf(p) };
}

function cmdPatch(c: Cluster, ctx: ProgramContext, p: ParsedArgs): number {
  const tgt = oneTarget(ctx, p);
  if (!tgt) return 1;
  const type = (flag(p, 'type') ?? 'strategic') as PatchType;
  if (!['strategic', 'merge', 'json'].includes(type)) {
    ctx.err(`error: --type must be one of [json merge strategic], not "${type}"\n`);
    return 1;
  }
  let text = flag(p, 'patch');
  const file = flag(p, 'patch-file');
  if (text !== undefined && file !== undefined) {
    ctx.err('error: --patch and --patch-file are mutually exclusive\n');
    return 1;
  }
  if (file !== undefined) {
    const t = ctx.world.fs(ctx.host).read(resolvePath(ctx.cwd, file));
    if (t === null) {
      ctx.err(`error: unable to read patch file: open ${file}: no such file or directory\n`);
      return 1;
    }
    text = t;
  }
  if (text === undefined) {
    ctx.err('error: must specify --patch or --patch-file containing the contents of the patch\n');
    return 1;
  }
  let patch: unknown;
  try {
    patch = parseYaml(text);
  } catch (e) {
    // go-yaml's wording is "yaml: line N: <problem>"; ours names the same line.
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    const m = msg.match(/^(.*?) at line (\d+), column \d+:?$/);
    ctx.err(`error: unable to parse "${text}": yaml: ${m ? `line ${m[2]}: ${m[1]!.charAt(0).toLowerCase()}${m[1]!.slice(1)}` : msg}\n`);
    return 1;
  }
  if (tgt.kind === 'Endpoints' || tgt.kind === 'Node') {
    ctx.err(`error: patching ${RESOURCE[tgt.kind]} is not supported in this playground\n`);
    return 1;
  }
  const r = c.patch(tgt.kind, tgt.ns, tgt.name, patch, type);
  if (isApiError(r)) {
    ctx.err(apiErrorText(r) + '\n');
    return 1;
  }
  ctx.out(`${kindRef(tgt.kind, tgt.name)} patched${r.changed ? '' : ' (no change)'}\n`);
  return 0;
}

function cmdScale(c: Cluster, io: Io, p: ParsedArgs): number {
  const replicas = flag(p, 'replicas');
  if (replicas === undefined) {
    io.err('error: required flag(s) "replicas" not set\n');
    return 1;
  }
  const n = Number(replicas);
  if (!Number.isInteger(n) || n < 0) {
    io.err(`error: invalid argument "${replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${replicas}": invalid syntax\n`);
    return 1;
  }
  const tgt = oneTarget(io, p);
  if (!tgt) return 1;
  if (tgt.kind !== 'Deployment' && tgt.kind !== 'ReplicaSet') {
    io.err(`error: cannot scale ${RESOURCE[tgt.kind]}\n`);
    return 1;
  }
  const r = c.patch(tgt.kind, tgt.ns, tgt.name, { spec: { replicas: n } }, 'merge');
  if (isApiError(r)) {
    io.err(apiErrorText(r) + '\n');
    return 1;
  }
  io.out(`${kindRef(tgt.kind, tgt.name)} scaled\n`);
  return 0;
}

function cmdSet(c: Cluster, io: Io, p: ParsedArgs): number {
  if (p.pos[0] !== 'image') {
    io.err(`error: unknown command "${p.pos[0] ?? ''}" for "kubectl set"\nSee 'kubectl set -h' for help and examples\n`);
    return 1;
  }
  const rest = p.pos.slice(1);
  const pairs = rest.filter((a) => a.includes('='));
  const res = rest.filter((a) => !a.includes('='));
  const tgt = oneTarget(io, p, res);
  if (!tgt) return 1;
  const live = c.get(tgt.kind, tgt.ns, tgt.name);
  if (!live) {
    io.err(notFound(tgt.kind, tgt.name) + '\n');
    return 1;
  }
  const spec = tgt.kind === 'Pod' ? live.spec : live.spec?.template?.spec;
  for (const pair of pairs) {
    const [cn, img] = pair.split('=', 2);
    const cs: KObj[] = spec?.containers ?? [];
    const targetsC = cn === '*' ? cs : cs.filter((x) => x.name === cn);
    if (!targetsC.length) {
      io.err(`error: unable to find container named "${cn}"\n`);
      return 1;
    }
    for (const x of targetsC) x.image = img;
  }
  const r = c.update(live);
  if (isApiError(r)) {
    io.err(apiErrorText(r) + '\n');
    return 1;
  }
  io.out(`${kindRef(tgt.kind, tgt.name)} image updated\n`);
  return 0;
}

// ------------------------------------------------------------------------------------------------ rollout

/** kubectl's DeploymentStatusViewer (pkg/polymorphichelpers/rollout_status.go). */
export function rolloutStatus(d: KObj): { text: string; done: boolean } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const prog = (st.conditions ?? []).find((x: KObj) => x.type === 'Progressing');
    if (prog?.reason === 'ProgressDeadlineExceeded') return { text: `error: deployment "${name}" exceeded its progress deadline`, done: true };
    const want = d.spec.replicas ?? 1;
    if ((st.updatedReplicas ?? 0) < want)
      return { text: `Waiting for deployment "${name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...`, done: false };
    if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0))
      return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...`, done: false };
    if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0))
      return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...`, done: false };
    return { text: `deployment "${name}" successfully rolled out`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...', done: false };
}

async function cmdRollout(c: Cluster, ctx: ProgramContext, p: ParsedArgs): Promise<number> {
  const sub = p.pos[0];
  const subs = ['status', 'restart', 'history', 'undo', 'pause', 'resume'];
  if (!sub || !subs.includes(sub)) {
    ctx.err(sub ? `error: unknown command "${sub}" for "kubectl rollout"\n` : 'error: you must specify a subcommand: history, pause, restart, resume, status, undo\n');
    return 1;
  }
  const tgt = oneTarget(ctx, p, p.pos.slice(1));
  if (!tgt) return 1;
  if (tgt.kind !== 'Deployment') {
    ctx.err(notRollable(sub, tgt.kind, tgt.name) + '\n');
    return 1;
  }
  const d = c.get('Deployment', tgt.ns, tgt.name);
  if (!d) {
    ctx.err(notFound('Deployment', tgt.name) + '\n');
    return 1;
  }
  const ref = kindRef('Deployment', tgt.name);
  switch (sub) {
    case 'status': {
      const watch = flag(p, 'watch') !== 'false';
      const timeoutText = flag(p, 'timeout');
      const timeoutMs = timeoutText ? parseDurationMs(timeoutText) : 600_000;
      const start = c.now();
      let last = '';
      for (;;) {
        const cur = c.get('Deployment', tgt.ns, tgt.name);
        if (!cur) {
          ctx.err(notFound('Deployment', tgt.name) + '\n');
          return 1;
        }
        const s = rolloutStatus(cur);
        if (s.text !== last) {
          if (s.text.startsWith('error:')) {
            ctx.err(s.text + '\n');
            return 1;
          }
          ctx.out(s.text + '\n');
          last = s.text;
        }
        if (s.done || !watch) return 0;
        if (timeoutMs > 0 && c.now() - start >= timeoutMs) {
          ctx.err('error: timed out waiting for the condition\n');
          return 1;
        }
        if (!(await ctx.sleep(250))) return 130;
      }
    }
    case 'restart': {
      const r = c.patch('Deployment', tgt.ns, tgt.name, { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339(c.now()) } } } } }, 'strategic');
      if (isApiError(r)) {
        ctx.err(apiErrorText(r) + '\n');
        return 1;
      }
      ctx.out(`${ref} restarted\n`);
      return 0;
    }
    case 'pause':
    case 'resume': {
      const want = sub === 'pause';
      if (!!d.spec.paused === want) {
        // objectpauser.go / objectresumer.go, reported by rollout_pause.go as `error: %s %q %v`.
        ctx.err(`error: ${RESOURCE.Deployment} "${tgt.name}" ${want ? 'is already paused' : 'is not paused'}\n`);
        return 1;
      }
      c.patch('Deployment', tgt.ns, tgt.name, { spec: { paused: want ? true : null } }, 'merge');
      ctx.out(`${ref} ${want ? 'paused' : 'resumed'}\n`);
      return 0;
    }
    case 'history': {
      const live = c.raw('Deployment', tgt.ns, tgt.name)!;
      const rss = replicaSetsOf(c, live);
      const byRev = new Map<number, KObj>();
      for (const rs of rss) byRev.set(parseInt(rs.metadata.annotations?.[REVISION] ?? '0', 10), rs);
      const revs = [...byRev.keys()].filter((r) => r > 0).sort((a, b) => a - b);
      const want = flag(p, 'revision');
      if (want !== undefined && want !== '0') {
        const rs = byRev.get(parseInt(want, 10));
        if (!rs) {
          ctx.err(`error: unable to find the specified revision\n`);
          return 1;
        }
        const t = clone(rs.spec.template);
        ctx.out(`${ref} with revision #${want}\n` + describeTemplate(t));
        return 0;
      }
      const rows = [['REVISION', 'CHANGE-CAUSE']];
      for (const r of revs) rows.push([String(r), byRev.get(r)!.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>']);
      // history.go: tabwriter with padding 2, then a blank line.
      const text = rows.map((r) => r[0]!.padEnd(Math.max(...rows.map((x) => x[0]!.length)) + 2) + r[1]).join('\n');
      ctx.out(`${ref} \n${text}\n\n`);
      return 0;
    }
    case 'undo': {
      const live = c.raw('Deployment', tgt.ns, tgt.name)!;
      const rss = replicaSetsOf(c, live);
      const rev = (rs: KObj) => parseInt(rs.metadata.annotations?.[REVISION] ?? '0', 10);
      const cur = parseInt(live.metadata.annotations?.[REVISION] ?? '0', 10);
      const toText = flag(p, 'to-revision');
      let target: KObj | undefined;
      if (toText && toText !== '0') {
        target = rss.find((rs) => rev(rs) === parseInt(toText, 10));
        if (!target) {
          ctx.err(`error: unable to find specified revision ${toText} in history\n`);
          return 1;
        }
      } else {
        target = rss.filter((rs) => rev(rs) < cur).sort((a, b) => rev(b) - rev(a))[0];
        if (!target) {
          ctx.err(`error: no rollout history found for deployment "${tgt.name}"\n`);
          return 1;
        }
      }
      const t = clone(target.spec.template);
      delete t.metadata?.labels?.['pod-template-hash'];
      if (rev(target) === cur) {
        ctx.out(`${ref} skipped rollback (current template already matches revision ${rev(target)})\n`);
        return 0;
      }
      const upd = clone(live);
      upd.spec.template = t;
      const r = c.update(upd);
      if (isApiError(r)) {
        ctx.err(apiErrorText(r) + '\n');
        return 1;
      }
      ctx.out(`${ref} rolled back\n`);
      return 0;
    }
  }
  return 1;
}

/**
 * kubectl's answer for a kind it has no rollout support for: the *ViewerFor / RollbackerFor lookups name the
 * GroupKind (`ReplicaSet.apps`; history and undo quote it), pause/resume/restart report the polymorphic helper's
 * error as `error: <resource> "<name>" <what> is not supported` (k8s.io/kubectl pkg/polymorphichelpers, pkg/cmd/rollout).
 */
function notRollable(sub: string, kind: ResourceKind, name: string): string {
  const group = API_VERSION[kind].includes('/') ? API_VERSION[kind].split('/')[0] : '';
  const gk = group ? `${kind}.${group}` : kind;
  switch (sub) {
    case 'status':
      return `error: no status viewer has been implemented for ${gk}`;
    case 'history':
      return `error: no history viewer has been implemented for "${gk}"`;
    case 'undo':
      return `error: no rollbacker has been implemented for "${gk}"`;
    default:
      return `error: ${RESOURCE[kind]} "${name}" ${sub === 'restart' ? 'restarting' : sub === 'pause' ? 'pausing' : 'resuming'} is not supported`;
  }
}

function describeTemplate(t: KObj): string {
  const lines = ['Pod Template:', `  Labels:\t${labelsString(t.metadata?.labels).split(',').join('\n\t')}`];
  if (t.metadata?.annotations) for (const [k, v] of Object.entries(t.metadata.annotations)) lines.push(`  Annotations:\t${k}: ${v}`);
  lines.push('  Containers:');
  for (const ct of t.spec?.containers ?? []) {
    lines.push(`   ${ct.name}:`, `    Image:\t${ct.image}`);
    if (ct.env?.length) {
      lines.push('    Environment:');
      for (const e of ct.env) lines.push(`      ${e.name}:\t${e.value ?? (e.valueFrom?.fieldRef ? ` (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})` : '')}`);
    }
  }
  return lines.join('\n') + '\n\n';
}

function parseDurationMs(s: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(s))) {
    any = true;
    const v = parseFloat(m[1]!);
    ms += m[2] === 'h' ? v * 3600000 : m[2] === 'm' ? v * 60000 : m[2] === 's' ? v * 1000 : v;
  }
  return any ? ms : /^\d+$/.test(s) ? parseInt(s, 10) * 1000 : 600000;
}

// ------------------------------------------------------------------------------------------------ logs / exec / port-forward

/** A pod from `POD`, `pod/POD`, `deploy/NAME`, `rs/NAME`, `svc/NAME` (first pod, as kubectl picks one). */
function resolvePod(c: Cluster, io: Io, ns: string, arg: string, say: boolean): KObj | null {
  if (!arg.includes('/')) {
    const pod = c.get('Pod', ns, arg);
    if (!pod) io.err(notFound('Pod', arg) + '\n');
    return pod ?? null;
  }
  const [t, name] = arg.split('/', 2) as [string, string];
  const kind = resourceKind(t);
  if (!kind) {
    io.err(`error: the server doesn't have a resource type "${t}"\n`);
    return null;
  }
  if (kind === 'Pod') return resolvePod(c, io, ns, name, say);
  const owner = c.raw(kind, ns, name);
  if (!owner) {
    io.err(notFound(kind, name) + '\n');
    return null;
  }
  let pods: KObj[] = [];
  if (kind === 'Deployment') {
    const rsRev = owner.metadata.annotations?.[REVISION];
    const rss = replicaSetsOf(c, owner).sort((a, b) => (a.metadata.annotations?.[REVISION] === rsRev ? -1 : b.metadata.annotations?.[REVISION] === rsRev ? 1 : 0));
    pods = rss.flatMap((rs) => podsOf(c, rs));
  } else if (kind === 'ReplicaSet') pods = podsOf(c, owner);
  else if (kind === 'Service') pods = c.rawList('Pod', ns).filter((p) => owner.spec?.selector && Object.entries(owner.spec.selector).every(([k, v]) => p.metadata.labels?.[k] === v));
  else {
    io.err(`error: cannot attach to *v1.${kind}: selector for *v1.${kind} not implemented\n`);
    return null;
  }
  pods = pods.filter((p) => !p.metadata.deletionTimestamp);
  // polymorphichelpers.AttachablePodForObject: sort by ActivePods (ready, running first) and take the first.
  pods.sort((a, b) => Number(isReady(b)) - Number(isReady(a)) || (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
  const pod = pods[0];
  if (!pod) {
    io.err(`error: timed out waiting for the condition\n`);
    return null;
  }
  if (say && pods.length > 1) io.err(`Found ${pods.length} pods, using pod/${pod.metadata.name}\n`);
  return clone(pod);
}

function pickContainer(io: Io, pod: KObj, wanted: string | undefined): KObj | null {
  const cs: KObj[] = pod.spec.containers ?? [];
  if (wanted) {
    const ct = cs.find((x) => x.name === wanted);
    if (!ct) {
      io.err(`error: container ${wanted} is not valid for pod ${pod.metadata.name}\n`);
      return null;
    }
    return ct;
  }
  if (cs.length > 1) io.err(`Defaulted container "${cs[0]!.name}" out of: ${cs.map((x) => x.name).join(', ')}\n`);
  return cs[0] ?? null;
}

function waitingReason(pod: KObj, container: string): string | null {
  const st = (pod.status?.containerStatuses ?? []).find((s: KObj) => s.name === container);
  if (st?.state?.running || st?.state?.terminated || st?.lastState?.terminated) return null;
  return st?.state?.waiting?.reason ?? 'ContainerCreating';
}

async function cmdLogs(c: Cluster, ctx: ProgramContext, p: ParsedArgs): Promise<number> {
  const ns = nsOf(p);
  const sel = selectorFlag(ctx, p);
  if (sel === null) return 1;
  let pods: KObj[] = [];
  if (sel) {
    pods = c.list('Pod', ns).filter((x) => sel(x.metadata.labels ?? {}) && !x.metadata.deletionTimestamp);
    if (!pods.length) {
      ctx.err('No resources found in ' + ns + ' namespace.\n');
      return 0;
    }
  } else {
    if (!p.pos[0]) {
      ctx.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
      return 1;
    }
    const pod = resolvePod(c, ctx, ns, p.pos[0], true);
    if (!pod) return 1;
    pods = [pod];
  }
  const tailText = flag(p, 'tail');
  const tail = tailText !== undefined ? parseInt(tailText, 10) : sel ? 10 : -1;
  const follow = boolFlag(p, 'follow');
  const prefix = boolFlag(p, 'prefix');
  const unsubs: (() => void)[] = [];
  for (const pod of pods) {
    const ct = pickContainer(ctx, pod, flag(p, 'container') ?? (p.pos[1] && !sel ? p.pos[1] : undefined));
    if (!ct) return 1;
    const wait = waitingReason(pod, ct.name);
    if (wait) {
      ctx.err(`Error from server (BadRequest): container "${ct.name}" in pod "${pod.metadata.name}" is waiting to start: ${wait}\n`);
      return 1;
    }
    let text = c.runtime.log(pod, ct.name);
    if (tail >= 0) {
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      text = tail === 0 ? '' : lines.slice(-tail).join('\n') + (lines.length ? '\n' : '');
    }
    const pre = prefix ? `[pod/${pod.metadata.name}/${ct.name}] ` : '';
    ctx.out(pre ? text.replace(/^(?=.)/gm, pre) : text);
    if (follow) unsubs.push(c.runtime.followLog(pod, ct.name, (t) => ctx.out(pre ? t.replace(/^(?=.)/gm, pre) : t)));
  }
  if (follow) {
    await ctx.signal;
    for (const u of unsubs) u();
    return 130;
  }
  return 0;
}

async function cmdExec(c: Cluster, ctx: ProgramContext, p: ParsedArgs): Promise<number> {
  const ns = nsOf(p);
  if (!p.pos[0]) {
    ctx.err("error: pod, type/name or --filename must be specified\n");
    return 1;
  }
  if (p.rest === null || !p.rest.length) {
    ctx.err(p.pos.length > 1 ? 'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples\n' : 'error: you must specify at least one command for the container\n');
    return 1;
  }
  const pod = resolvePod(c, ctx, ns, p.pos[0], false);
  if (!pod) return 1;
  const ct = pickContainer(ctx, pod, flag(p, 'container'));
  if (!ct) return 1;
  const host = c.runtime.hostOf(c.raw('Pod', ns, pod.metadata.name) ?? pod);
  if (!host || waitingReason(pod, ct.name)) {
    ctx.err(`error: unable to upgrade connection: container not found ("${ct.name}")\n`);
    return 1;
  }
  const env = c.runtime.containerEnvironment(pod, ct);
  const envMap = Object.fromEntries(env.map((e) => [e.name, e.value]));
  const [cmd, ...args] = p.rest;
  const prog = (cmd ?? '').split('/').pop()!;
  if (prog === 'env' && args.length === 0) {
    ctx.out(env.map((e) => `${e.name}=${e.value}\n`).join(''));
    return 0;
  }
  if (prog === 'printenv') {
    if (!args.length) {
      ctx.out(env.map((e) => `${e.name}=${e.value}\n`).join(''));
      return 0;
    }
    let code = 0;
    for (const a of args) {
      if (a in envMap) ctx.out(envMap[a] + '\n');
      else code = 1;
    }
    if (code) ctx.err('command terminated with exit code 1\n');
    return code;
  }
  if (prog === 'hostname' && !args.length) {
    ctx.out(pod.metadata.name + '\n');
    return 0;
  }
  const cwd = planContainer(c, ct, pod).cwd;
  const shellKind = isShellCommand(prog) ? podShellKind(String(ct.image ?? ''), prog) : null;
  if (shellKind) {
    const code = await execShell(ctx, {
      argv: [cmd!, ...args],
      kind: shellKind,
      host,
      cwd,
      env: envMap,
      hostname: pod.metadata.name,
      stdin: boolFlag(p, 'stdin'),
      tty: boolFlag(p, 'tty'),
    });
    if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  const spec = isShellCommand(prog) ? undefined : ctx.world.programs.get(prog);
  if (!spec) {
    ctx.err(`error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`);
    return 1;
  }
  const code = await spec.run({ ...ctx, argv: [prog, ...args], env: envMap, host, cwd });
  if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
  return code;
}

async function cmdPortForward(c: Cluster, ctx: ProgramContext, p: ParsedArgs): Promise<number> {
  const ns = nsOf(p);
  const [res, ...ports] = p.pos;
  if (!res || !ports.length) {
    ctx.err('error: TYPE/NAME and list of ports are required for port-forward\nSee \'kubectl port-forward -h\' for help and examples\n');
    return 1;
  }
  const pod = resolvePod(c, ctx, ns, res, false);
  if (!pod) return 1;
  if (pod.status?.phase !== 'Running') {
    ctx.err(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}\n`);
    return 1;
  }
  const svc = res.includes('/') && resourceKind(res.split('/')[0]!) === 'Service' ? c.get('Service', ns, res.split('/')[1]!) : undefined;
  const addresses = (flag(p, 'address') ?? 'localhost').split(',');
  const pairs: { local: number; remote: number }[] = [];
  for (const spec of ports) {
    const [a, b] = spec.includes(':') ? spec.split(':') : [spec, spec];
    let remote = Number(b);
    const local = a === '' ? 30000 + c.rand.int(20000) : Number(a);
    if (svc) {
      // Service port → the pod's targetPort (kubectl translates it before forwarding).
      const sp = (svc.spec.ports ?? []).find((x: KObj) => x.port === remote || x.name === b);
      if (!sp) {
        ctx.err(`error: Service ${svc.metadata.name} does not have a service port ${b}\n`);
        return 1;
      }
      remote = targetPortNumber(c, pod, sp.targetPort ?? sp.port) ?? remote;
    } else if (!/^\d+$/.test(String(b))) {
      const named = targetPortNumber(c, pod, b);
      if (named === null) {
        ctx.err(`error: Pod '${pod.metadata.name}' does not have a named port '${b}'\n`);
        return 1;
      }
      remote = named;
    }
    if (!Number.isInteger(local) || !Number.isInteger(remote) || local < 0 || local > 65535) {
      ctx.err(`error: Error parsing local port '${a}': strconv.ParseUint: parsing "${a}": invalid syntax\n`);
      return 1;
    }
    pairs.push({ local, remote });
  }
  const listeners = [];
  const podHost = () => {
    const live = c.raw('Pod', ns, pod.metadata.name);
    return live ? { host: c.runtime.hostOf(live), ip: live.status?.podIP as string } : null;
  };
  for (const { local, remote } of pairs) {
    for (const addr of addresses) {
      const ip = addr === 'localhost' ? '127.0.0.1' : addr;
      const l = ctx.world.net.listen({
        proto: 'tcp',
        host: ctx.host,
        ip,
        port: local,
        owner: { pid: ctx.pid, name: 'kubectl' },
        onHttp: (req) => {
          ctx.out(`Handling connection for ${local}\n`);
          const t = podHost();
          const target = t?.host ? ctx.world.net.find('tcp', t.host, t.ip, remote) : null;
          if (!target?.onHttp) {
            ctx.err(
              `E0101 00:00:00.000000    ${ctx.pid} portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: error forwarding port ${remote} to pod ${pod.metadata.uid}, uid : failed to connect to localhost:${remote} inside namespace: connect: connection refused"\n`,
            );
            return { status: 502, reason: 'Bad Gateway', headers: {}, body: '', durationMs: 1 };
          }
          return target.onHttp({ ...req, remoteAddr: '127.0.0.1' });
        },
      });
      if (typeof l === 'string') {
        for (const x of listeners) ctx.world.net.close(x);
        ctx.err(
          `Unable to listen on port ${local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 ${ip}:${local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${local} ${remote}}]\n`,
        );
        return 1;
      }
      listeners.push(l);
      ctx.out(`Forwarding from ${ip}:${local} -> ${remote}\n`);
      if (addr === 'localhost') ctx.out(`Forwarding from [::1]:${local} -> ${remote}\n`);
    }
  }
  await ctx.signal;
  for (const l of listeners) ctx.world.net.close(l);
  return 130;
}

// ------------------------------------------------------------------------------------------------ misc

function cmdExplain(io: Io, p: ParsedArgs): number {
  const path = p.pos[0];
  if (!path) {
    io.err('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n');
    return 1;
  }
  const text = explain(path);
  if (!text) {
    io.err(`error: the server doesn't have a resource type "${path.split('.')[0]}"\n`);
    return 1;
  }
  io.out(text);
  return 0;
}

function cmdConfig(io: Io, p: ParsedArgs): number {
  switch (p.pos[0]) {
    case 'current-context':
      io.out('minikube\n');
      return 0;
    case 'get-contexts':
      io.out(table([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', 'minikube', 'minikube', 'minikube', 'default']]));
      return 0;
    case 'use-context':
      if (p.pos[1] === 'minikube') {
        io.out('Switched to context "minikube".\n');
        return 0;
      }
      io.err(`error: no context exists with the name: "${p.pos[1] ?? ''}"\n`);
      return 1;
    case 'view':
      io.out(
        'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority: /home/learner/.minikube/ca.crt\n    server: https://192.168.49.2:8443\n  name: minikube\ncontexts:\n- context:\n    cluster: minikube\n    namespace: default\n    user: minikube\n  name: minikube\ncurrent-context: minikube\nkind: Config\npreferences: {}\nusers:\n- name: minikube\n  user:\n    client-certificate: /home/learner/.minikube/profiles/minikube/client.crt\n    client-key: /home/learner/.minikube/profiles/minikube/client.key\n',
      );
      return 0;
    default:
      io.err(`error: unknown command "${p.pos[0] ?? ''}" for "kubectl config"\n`);
      return 1;
  }
}

const HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource

Settings Commands:
  config          Modify kubeconfig files

Other Commands:
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const SUBCOMMANDS = [
  'apply',
  'create',
  'get',
  'describe',
  'delete',
  'patch',
  'rollout',
  'logs',
  'exec',
  'explain',
  'port-forward',
  'scale',
  'set',
  'version',
  'cluster-info',
  'config',
];

export async function runKubectl(ctx: ProgramContext): Promise<number> {
  try {
    const c = getCluster(ctx.world);
    const argv = ctx.argv.slice(1);
    // The subcommand is the first word that is not a global flag (or its value).
    let i = 0;
    const globalsBefore: string[] = [];
    while (i < argv.length && argv[i]!.startsWith('-')) {
      globalsBefore.push(argv[i]!);
      if (/^(-n|--namespace|--context|--kubeconfig)$/.test(argv[i]!)) globalsBefore.push(argv[++i] ?? '');
      i++;
    }
    const sub = argv[i];
    if (!sub || sub === 'help' || globalsBefore.includes('--help') || globalsBefore.includes('-h')) {
      ctx.out(HELP);
      return 0;
    }
    const rest = [...globalsBefore, ...argv.slice(i + 1)];
    const p = parseArgs(rest, sub === 'logs' ? { boolShort: { f: 'follow', p: 'previous' } } : sub === 'exec' ? { boolShort: { i: 'stdin', t: 'tty' } } : {});
    if (p.error) {
      ctx.err(`error: ${p.error}\nSee 'kubectl ${sub} --help' for usage.\n`);
      return 1;
    }
    const ns = flag(p, 'namespace');
    if (ns !== undefined && ns === '') {
      ctx.err('error: a resource cannot be retrieved by name across all namespaces\n');
      return 1;
    }
    if (flag(p, 'context') && flag(p, 'context') !== 'minikube') {
      ctx.err(`error: context "${flag(p, 'context')}" does not exist\n`);
      return 1;
    }
    switch (sub) {
      case 'get':
        return cmdGet(c, ctx, p);
      case 'apply':
        return cmdApplyOrCreate(c, ctx, p, 'apply');
      case 'create':
        return cmdApplyOrCreate(c, ctx, p, 'create');
      case 'describe':
        return cmdDescribe(c, ctx, p);
      case 'delete':
        return await cmdDelete(c, ctx, p);
      case 'patch':
        return cmdPatch(c, ctx, p);
      case 'scale':
        return cmdScale(c, ctx, p);
      case 'set':
        return cmdSet(c, ctx, p);
      case 'rollout':
        return await cmdRollout(c, ctx, p);
      case 'logs':
        return await cmdLogs(c, ctx, p);
      case 'exec':
        return await cmdExec(c, ctx, p);
      case 'port-forward':
        return await cmdPortForward(c, ctx, p);
      case 'explain':
        return cmdExplain(ctx, p);
      case 'config':
        return cmdConfig(ctx, p);
      case 'version':
        if (flag(p, 'output') === 'json') {
          ctx.out(toJson({ clientVersion: { gitVersion: KUBECTL_VERSION, major: '1', minor: '32', platform: 'linux/amd64' }, kustomizeVersion: 'v5.5.0', serverVersion: { gitVersion: KUBECTL_VERSION, major: '1', minor: '32', platform: 'linux/amd64' } }));
          return 0;
        }
        ctx.out(`Client Version: ${KUBECTL_VERSION}\nKustomize Version: v5.5.0\nServer Version: ${KUBECTL_VERSION}\n`);
        return 0;
      case 'cluster-info':
        ctx.out(
          `Kubernetes control plane is running at https://${c.nodeIP}:8443\nCoreDNS is running at https://${c.nodeIP}:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
        );
        return 0;
      default: {
        const near = SUBCOMMANDS.filter((s) => s.startsWith(sub.slice(0, 2)) || levenshtein(s, sub) <= 2);
        ctx.err(`error: unknown command "${sub}" for "kubectl"${near.length ? `\n\nDid you mean this?\n${near.map((n) => '\t' + n).join('\n')}` : ''}\n`);
        return 1;
      }
    }
  } catch (e) {
    ctx.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

export const kubectlProgram: ProgramSpec = {
  name: 'kubectl',
  summary: 'talk to the simulated Kubernetes cluster (minikube): apply, get, describe, patch, rollout, logs, exec',
  examples: [
    'kubectl apply -f k8s/graphite.yaml',
    'kubectl get pods -o wide',
    'kubectl rollout status deployment/backend',
    'kubectl exec deploy/backend -- printenv GUNICORN_CMD_ARGS',
    'kubectl exec -it deploy/backend -- bash',
    'kubectl patch deployment backend --patch-file k8s/patch.json',
    'kubectl logs deploy/backend --tail 20',
    'kubectl port-forward svc/graphite 8080:80',
  ],
  man: `KUBECTL(1)

NAME
  kubectl - controls the (simulated) Kubernetes cluster "minikube"

SYNOPSIS
  kubectl apply -f FILE|-        create or update objects from manifests (several --- documents)
  kubectl get TYPE [NAME] [-o wide|yaml|json|name|jsonpath=...] [-l k=v] [-n NS | -A] [--show-labels]
  kubectl describe TYPE NAME     details and events
  kubectl delete TYPE NAME | -f FILE | -l k=v
  kubectl patch TYPE NAME -p PATCH | --patch-file F [--type strategic|merge|json]
  kubectl rollout status|restart|history|undo deployment/NAME
  kubectl logs POD|deploy/NAME [-c C] [--tail N] [-f]
  kubectl exec POD|deploy/NAME -- COMMAND (env, printenv X ...)
  kubectl exec -it POD|deploy/NAME -- sh|bash   a shell inside the pod (its env, localhost, cluster DNS); exit returns
  kubectl port-forward svc/NAME|pod/NAME LOCAL:REMOTE
  kubectl scale deployment/NAME --replicas=N;  kubectl set image deployment/NAME C=IMAGE
  kubectl explain deployment.spec.selector;  kubectl version;  kubectl cluster-info

TYPES
  pods (po), deployments (deploy), replicasets (rs), services (svc), configmaps (cm), secrets,
  namespaces (ns), nodes (no), endpoints (ep), all
`,
  run: runKubectl,
  complete: (req) => completeKubectl(req),
};

/** Registers `kubectl` (and `minikube ip|service|status`, which the course uses to reach NodePorts). */
export function registerKubectl(reg: { register(spec: ProgramSpec): void }): void {
  reg.register(kubectlProgram);
  reg.register(minikubeProgram);
}

