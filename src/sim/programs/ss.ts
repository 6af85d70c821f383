/**
 * ss (iproute2) listing world.net listeners of this host, and ps for world.procs.
 * `ss -lntu` layout: "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
 * udp sockets UNCONN, tcp LISTEN with Send-Q = backlog (gunicorn 2048, Werkzeug 128); -p adds
 * users:(("name",pid=N,fd=M)).
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';

export function runSs(ctx: ProgramContext): number {
  const flags = ctx.argv.slice(1).filter((x) => x.startsWith('-')).map((x) => x.replace(/^-+/, '')).join('');
  const tcp = flags.includes('t'), udp = flags.includes('u');
  const listening = flags.includes('l') || flags.includes('a');
  const showProc = flags.includes('p');
  const bad = flags.replace(/[ltunpaH4]/g, '');
  if (bad) {
    ctx.err(`ss: invalid option -- '${bad[0]}'\nUsage: ss [ OPTIONS ]\n`);
    return 1;
  }
  const want = (p: string) => (!tcp && !udp) || (p === 'tcp' ? tcp : udp);
  const rows = ctx.world.net
    .list(ctx.host)
    .filter((l) => want(l.proto) && (listening || l.proto === 'tcp'))
    .sort((a, b) => (a.proto === b.proto ? a.port - b.port : a.proto === 'udp' ? -1 : 1))
    .map((l) => {
      const backlog = l.owner.name === 'gunicorn' ? 2048 : 128;
      return [l.proto, l.proto === 'udp' ? 'UNCONN' : 'LISTEN', '0', l.proto === 'udp' ? '0' : String(backlog), `${l.ip}:${l.port}`, '0.0.0.0:*',
        showProc ? `users:(("${l.owner.name}",pid=${l.owner.pid},fd=${l.proto === 'udp' ? 3 : 5}))` : ''];
    });
  if (!listening && !rows.length && !flags.includes('H')) {
    ctx.out('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n');
    return 0;
  }
  const header = ['Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port', 'Process'];
  const all = flags.includes('H') ? rows : [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  for (const r of all) {
    const [addr, port] = [r[4]!.slice(0, r[4]!.lastIndexOf(':')), r[4]!.slice(r[4]!.lastIndexOf(':'))];
    const local = r === header ? r[4]!.padStart(w[4]!) : addr.padStart(w[4]! - 6) + port.padEnd(6);
    ctx.out(`${r[0]!.padEnd(w[0]!)} ${r[1]!.padEnd(w[1]!)} ${r[2]!.padStart(w[2]!)} ${r[3]!.padStart(w[3]!)} ${local} ${r[5]!.padStart(w[5]!)} ${r[6]}`.trimEnd() + '\n');
  }
  return 0;
}

export function runPs(ctx: ProgramContext): number {
  const a = ctx.argv.slice(1).join(' ');
  const procs = ctx.world.procs.list(ctx.host).sort((x, y) => x.pid - y.pid);
  const time = (p: { startedAt: number }) => {
    const d = new Date(p.startedAt || ctx.world.clock.now());
    return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  };
  const comm = (cmd: string) => {
    const w = cmd.split(' ');
    const exe = w[0]!.split('/').pop()!;
    return exe.startsWith('python') ? exe : exe;
  };
  if (/\b(aux|-ef|-e|ax)\b/.test(a)) {
    if (a.includes('-ef')) {
      ctx.out('UID          PID    PPID  C STIME TTY          TIME CMD\n');
      for (const p of procs) ctx.out(`learner  ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${time(p)} pts/0    00:00:00 ${p.cmdline}\n`);
    } else {
      ctx.out('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
      for (const p of procs) ctx.out(`learner  ${String(p.pid).padStart(7)}  0.0  0.3  34520 24880 pts/0    S    ${time(p)}   0:00 ${p.cmdline}\n`);
    }
    return 0;
  }
  ctx.out('    PID TTY          TIME CMD\n');
  ctx.out(`   1000 pts/0    00:00:00 bash\n`);
  for (const p of procs) ctx.out(`${String(p.pid).padStart(7)} pts/0    00:00:00 ${comm(p.cmdline).slice(0, 15)}\n`);
  return 0;
}

export const ssProgram: ProgramSpec = {
  name: 'ss',
  summary: 'socket statistics: which ports are listening (ss -lntu, -p for the process)',
  examples: ['ss -lntu', 'ss -tlnp'],
  man: `SS(8)

NAME
    ss - investigate sockets

SYNOPSIS
    ss [-l] [-t] [-u] [-n] [-p]

OPTIONS
    -l listening sockets   -t TCP   -u UDP   -n numeric   -p show the process
    "ss -lntu" shows gunicorn's and Flask's TCP ports and statsd's UDP 8125.`,
  run: runSs,
  complete: (r) => ['-lntu', '-tlnp', '-l', '-t', '-u', '-n', '-p'].filter((x) => x.startsWith(r.word)),
};

export const psProgram: ProgramSpec = {
  name: 'ps',
  summary: 'list processes (ps, ps aux, ps -ef)',
  examples: ['ps', 'ps aux'],
  man: `PS(1)

NAME
    ps - report a snapshot of the current processes

SYNOPSIS
    ps [aux | -ef]

DESCRIPTION
    Shows gunicorn's master and worker processes, the Flask development server,
    background jobs. Stop one with "kill PID".`,
  run: runPs,
  complete: (r) => ['aux', '-ef'].filter((x) => x.startsWith(r.word)),
};
