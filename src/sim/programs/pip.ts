/**
 * pip / pip3 / `python -m pip`: install, uninstall, list, freeze, show, --version, with pip 25's output
 * wording (src/pip/_internal/commands/install.py, resolution/resolvelib/reporter.py: "Collecting X (from Y)",
 * "Downloading …whl.metadata", "Installing collected packages:", "Successfully installed …",
 * "Requirement already satisfied: X in <site-packages> (<version>)").
 * There is no network: the index is the small CATALOG in pyenv.ts; other names fail as pip fails for a
 * project that does not exist.
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import { resolvePath } from '../fs';
import { CATALOG, PIP_VERSION, PY_MINOR, SITE_PACKAGES, canonical, installedSet, isInstalled, markInstalled, markUninstalled, type Dist } from './pyenv';

const PIP_USAGE = `
Usage:   
  pip <command> [options]

Commands:
  install                     Install packages.
  uninstall                   Uninstall packages.
  freeze                      Output installed packages in requirements format.
  list                        List installed packages.
  show                        Show information about installed packages.
  help                        Show help for commands.

General Options:
  -h, --help                  Show help.
  -q, --quiet                 Give less output.
  -V, --version               Show version and exit.
`;

function reqName(spec: string): string {
  return spec.split(/[<>=!~;\[ ]/)[0]!.trim();
}

export async function runPip(ctx: ProgramContext, args: string[], prog = 'pip'): Promise<number> {
  const out = (s: string) => ctx.out(s + '\n');
  const cmd = args.find((a) => !a.startsWith('-'));
  if (args.includes('-V') || args.includes('--version')) {
    out(`pip ${PIP_VERSION} from ${SITE_PACKAGES}/pip (python ${PY_MINOR})`);
    return 0;
  }
  if (!cmd || args[0] === '-h' || args[0] === '--help' || cmd === 'help') {
    ctx.out(PIP_USAGE);
    return 0;
  }
  const rest = args.slice(args.indexOf(cmd) + 1);
  const quiet = rest.includes('-q') || rest.includes('--quiet');
  switch (cmd) {
    case 'install':
      return install(ctx, rest, quiet);
    case 'uninstall': {
      const names = rest.filter((a) => !a.startsWith('-'));
      if (!names.length) {
        ctx.err('ERROR: You must give at least one requirement to uninstall (see "pip help uninstall")\n');
        return 1;
      }
      const yes = rest.includes('-y') || rest.includes('--yes');
      for (const n of names) {
        const c = canonical(n);
        if (!isInstalled(ctx.world, c, ctx.host)) {
          ctx.err(`WARNING: Skipping ${n} as it is not installed.\n`);
          continue;
        }
        const d = CATALOG[c];
        out(`Found existing installation: ${d?.name ?? c} ${d?.version ?? ''}`.trimEnd());
        if (!yes) {
          ctx.err('ERROR: Exception:\nEOFError: EOF when reading a line (use -y to uninstall without asking)\n');
          return 2;
        }
        out(`Uninstalling ${d?.name ?? c}-${d?.version ?? ''}:`);
        out(`  Successfully uninstalled ${d?.name ?? c}-${d?.version ?? ''}`);
        markUninstalled(ctx.world, c, ctx.host);
      }
      return 0;
    }
    case 'list': {
      const rows = [...installedSet(ctx.world, ctx.host)].sort().map((n) => [CATALOG[n]?.name ?? n, CATALOG[n]?.version ?? '']);
      const w = Math.max(7, ...rows.map((r) => r[0]!.length));
      const v = Math.max(7, ...rows.map((r) => r[1]!.length));
      out(`${'Package'.padEnd(w)} ${'Version'.padEnd(v)}`.trimEnd());
      out(`${'-'.repeat(w)} ${'-'.repeat(v)}`);
      for (const [n, ver] of rows) out(`${n!.padEnd(w)} ${ver}`);
      return 0;
    }
    case 'freeze':
      for (const n of [...installedSet(ctx.world, ctx.host)].sort()) if (n !== 'pip') out(`${CATALOG[n]?.name ?? n}==${CATALOG[n]?.version ?? '0'}`);
      return 0;
    case 'show': {
      const names = rest.filter((a) => !a.startsWith('-'));
      let first = true;
      let missing = false;
      for (const n of names) {
        const c = canonical(n);
        const d = CATALOG[c];
        if (!isInstalled(ctx.world, c, ctx.host) || !d) {
          ctx.err(`WARNING: Package(s) not found: ${n}\n`);
          missing = true;
          continue;
        }
        if (!first) out('---');
        first = false;
        const requiredBy = Object.values(CATALOG)
          .filter((o) => isInstalled(ctx.world, o.name, ctx.host) && o.requires.some((r) => canonical(reqName(r)) === c))
          .map((o) => o.name);
        out(`Name: ${d.name}\nVersion: ${d.version}\nSummary: ${d.summary}\nLocation: ${SITE_PACKAGES}`);
        out(`Requires: ${d.requires.map((r) => reqName(r).toLowerCase()).join(', ')}\nRequired-by: ${requiredBy.join(', ')}`);
      }
      return missing ? 1 : 0;
    }
    default:
      ctx.err(`ERROR: unknown command "${cmd}"\n`);
      return 1;
  }
}

async function install(ctx: ProgramContext, rest: string[], quiet: boolean): Promise<number> {
  const out = (s: string) => {
    if (!quiet) ctx.out(s + '\n');
  };
  const specs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-r' || a === '--requirement' || a.startsWith('-r')) {
      const file = a === '-r' || a === '--requirement' ? rest[++i] : a.slice(2);
      if (!file) {
        ctx.err('\nUsage:   \n  pip install [options] <requirement specifier> [package-index-options] ...\n\n-r option requires 1 argument\n');
        return 2;
      }
      const text = ctx.world.fs(ctx.host).read(resolvePath(ctx.cwd, file));
      if (text === null) {
        ctx.err(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      for (const line of text.split('\n')) {
        const t = line.replace(/#.*/, '').trim();
        if (t) specs.push(t);
      }
    } else if (!a.startsWith('-')) specs.push(a);
  }
  if (!specs.length) {
    ctx.err('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
  // Resolve: requested first, then their dependencies breadth-first, as pip's resolver reports them.
  const todo: { spec: string; from: string | null }[] = specs.map((s) => ({ spec: s, from: null }));
  const seen = new Set<string>();
  const toInstall: Dist[] = [];
  for (let i = 0; i < todo.length; i++) {
    const { spec, from } = todo[i]!;
    const name = canonical(reqName(spec));
    if (seen.has(name)) continue;
    seen.add(name);
    const d = CATALOG[name];
    const fromTxt = from ? ` (from ${from})` : '';
    if (isInstalled(ctx.world, name, ctx.host) && d) {
      out(`Requirement already satisfied: ${spec} in ${SITE_PACKAGES} ${fromTxt ? fromTxt.trim() + ' ' : ''}(${d.version})`);
    } else {
      if (!d) {
        ctx.err(`ERROR: Could not find a version that satisfies the requirement ${spec} (from versions: none)\n`);
        ctx.err(`ERROR: No matching distribution found for ${spec}\n`);
        return 1;
      }
      out(`Collecting ${spec}${fromTxt}`);
      out(`  Downloading ${d.wheel}.metadata (${d.metadataKb})`);
      toInstall.push(d);
    }
    if (d) for (const r of d.requires) todo.push({ spec: r.toLowerCase(), from: d.name });
  }
  if (!toInstall.length) return 0;
  for (const d of toInstall) out(`Downloading ${d.wheel} (${d.sizeKb})`);
  await ctx.sleep(400 + 150 * toInstall.length);
  // Dependencies before dependents (pip installs in topological order).
  const order: Dist[] = [];
  const visit = (d: Dist) => {
    if (order.includes(d)) return;
    for (const r of d.requires) {
      const dep = toInstall.find((x) => x.name === canonical(reqName(r)));
      if (dep) visit(dep);
    }
    order.push(d);
  };
  toInstall.forEach(visit);
  out(`Installing collected packages: ${order.map((d) => d.name).join(', ')}`);
  for (const d of order) markInstalled(ctx.world, d.name, ctx.host);
  out(`Successfully installed ${[...toInstall].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}-${d.version}`).join(' ')}`);
  return 0;
}

const completeFlags = (words: string[]) => (req: { word: string; argv: string[] }) => {
  if (req.argv.length <= 1) return ['install', 'uninstall', 'list', 'freeze', 'show', '--version'].filter((w) => w.startsWith(req.word));
  return words.filter((w) => w.startsWith(req.word));
};

function pipSpec(name: string): ProgramSpec {
  return {
    name,
    summary: 'install and manage Python packages (simulated index: flask, gunicorn, statsd and their dependencies)',
    examples: [`${name} install flask gunicorn`, `${name} install -r requirements.txt`, `${name} list`, `${name} show gunicorn`],
    man: `${name.toUpperCase()}(1)

NAME
    ${name} - the Python package installer

SYNOPSIS
    ${name} install [-q] [-r requirements.txt] PACKAGE...
    ${name} uninstall -y PACKAGE...
    ${name} list | freeze | show PACKAGE | --version

DESCRIPTION
    Installs packages into ${SITE_PACKAGES}. The second install of the same
    package prints "Requirement already satisfied". Installing gunicorn puts the
    gunicorn command on the PATH; installing flask lets python run the Flask app.
    The simulated index knows flask, gunicorn, statsd and their dependencies.`,
    run: (ctx) => runPip(ctx, ctx.argv.slice(1), name),
    complete: completeFlags(['flask', 'gunicorn', 'statsd', '-r', 'requirements.txt', '-q', '-y', '--upgrade']),
  };
}

export const pipProgram = pipSpec('pip');
export const pip3Program = pipSpec('pip3');
