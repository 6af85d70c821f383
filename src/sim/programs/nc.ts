/**
 * nc, as netcat-openbsd 1.226 (Debian/Ubuntu's `nc`, Debian patches applied) behaves (netcat.c):
 *  - resolve failure: `nc: getaddrinfo for host "foo" port 8125: Name or service not known` (exit 1)
 *  - TCP refused: silent, exit 1; with -v remote_connect() warns
 *    `nc: connect to HOST (IP) port 4000 (tcp) failed: Connection refused` ("(IP)" only when it differs, not with -n)
 *  - success: connection_info() runs `if (vflag || zflag)` (Debian), so -z alone prints
 *    `Connection to HOST (IP) 4000 port [tcp/*] succeeded!` (service name from /etc/services or *)
 *  - exit 0 once any port connected
 *  - UDP: udptest() only probes with -z or a terminal on stdin; otherwise (piped input) no "succeeded!" line,
 *    and a refused -zu probe prints nothing and exits 1
 *  - -u: the whole stdin is written with one write() → one datagram (several lines in it = one packet)
 *  - -l: listen; bind failure `nc: Address already in use`.
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';

const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;

const SERVICES: Record<string, Record<number, string>> = {
  tcp: { 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 2003: 'cfinger', 5432: 'postgresql', 6379: 'redis' },
  udp: { 53: 'domain', 123: 'ntp', 514: 'syslog' },
};

export async function runNc(ctx: ProgramContext): Promise<number> {
  let udp = false, zero = false, verbose = false, listen = false, numeric = false;
  let wait: number | null = null;
  let localPort: string | null = null;
  const pos: string[] = [];
  const a = ctx.argv.slice(1);
  for (let i = 0; i < a.length; i++) {
    const t = a[i]!;
    if (t.startsWith('-') && t.length > 1) {
      for (let k = 1; k < t.length; k++) {
        const c = t[k]!;
        if ('wpqsiIMmOPTVWXx'.includes(c)) {
          const v = k + 1 < t.length ? t.slice(k + 1) : a[++i];
          if (v === undefined) {
            ctx.err(`nc: option requires an argument -- '${c}'\n${USAGE}`);
            return 1;
          }
          if (c === 'w') {
            // strtonum(optarg, 0, INT_MAX / 1000) → errx(1, "timeout %s: %s", errstr, optarg)
            if (!/^\d+$/.test(v) || Number(v) > 2147483) {
              ctx.err(`nc: timeout ${/^-?\d+$/.test(v) ? (v.startsWith('-') ? 'too small' : 'too large') : 'invalid'}: ${v}\n`);
              return 1;
            }
            wait = parseInt(v, 10);
          } else if (c === 'p') localPort = v;
          break;
        }
        if (c === 'u') udp = true;
        else if (c === 'z') zero = true;
        else if (c === 'v') verbose = true;
        else if (c === 'l') listen = true;
        else if (c === 'n') numeric = true;
        else if ('46CDdFhkNrStUZ'.includes(c)) {
          if (c === 'h') {
            ctx.err(`OpenBSD netcat (Debian patchlevel 1.226-1ubuntu2)\n${USAGE}`);
            return 1;
          }
        } else {
          ctx.err(`nc: invalid option -- '${c}'\n${USAGE}`);
          return 1;
        }
      }
    } else pos.push(t);
  }
  void wait;
  const proto = udp ? 'udp' : 'tcp';
  if (listen) {
    const port = localPort ?? pos[pos.length - 1];
    if (!port || !/^\d+$/.test(port)) {
      ctx.err(USAGE);
      return 1;
    }
    const host = pos.length > 1 ? ctx.world.net.resolve(pos[0]!, ctx.host) ?? '0.0.0.0' : '0.0.0.0';
    const l = ctx.world.net.listen({
      proto, host: ctx.host, ip: host, port: parseInt(port, 10), owner: { pid: ctx.pid, name: 'nc' },
      onDatagram: (d) => ctx.out(new TextDecoder().decode(d)),
      onHttp: (req) => {
        ctx.out(`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${req.body}`);
        return { status: 200, reason: 'OK', headers: {}, body: '', durationMs: 0 };
      },
    });
    if (typeof l === 'string') {
      ctx.err('nc: Address already in use\n');
      return 1;
    }
    if (verbose) ctx.err(`Listening on 0.0.0.0 ${port}\n`);
    ctx.world.notify('proc');
    await ctx.signal;
    ctx.world.net.close(l);
    return 130;
  }
  if (pos.length < 2) {
    ctx.err(USAGE);
    return 1;
  }
  const [host, ...ports] = pos as [string, ...string[]];
  const ip = numeric && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? null : ctx.world.net.resolve(host, ctx.host);
  if (!ip) {
    ctx.err(`nc: getaddrinfo for host "${host}" port ${ports[0]}: Name or service not known\n`);
    return 1;
  }
  // build_ports(): a service name, a range LO-HI (swapped when reversed), or a number (strtoport()).
  const byName = (p: string) => Object.entries(SERVICES[proto]!).find(([, n]) => n === p)?.[0];
  const list: number[] = [];
  for (const p of ports) {
    const named = byName(p);
    const dash = /^\d/.test(p) ? p.indexOf('-') : -1;
    const ends = named ? [named] : dash > 0 ? [p.slice(0, dash), p.slice(dash + 1)] : [p];
    const nums: number[] = [];
    for (const e of ends) {
      if (/^-?\d+$/.test(e)) {
        const n = Number(e);
        if (n < 1 || n > 65535) {
          ctx.err(`nc: port number ${n < 1 ? 'too small' : 'too large'}: ${e}\n`);
          return 1;
        }
        nums.push(n);
      } else {
        const n = byName(e);
        if (!n) {
          ctx.err(`nc: service "${e}" unknown\n`);
          return 1;
        }
        nums.push(Number(n));
      }
    }
    const lo = Math.min(...nums), hi = Math.max(...nums);
    for (let x = lo; x <= hi && list.length < 1024; x++) list.push(x);
  }
  const svc = (port: number) => (numeric ? undefined : SERVICES[proto]![port]) ?? '*';
  // "(IP)" only when there is something to report (netcat.c remote_connect / connection_info).
  const shown = numeric || ip === host ? host : `${host} (${ip})`;
  let status = 1;
  for (const port of list) {
    if (udp) {
      // UDP "connects" always succeed; udptest() probes only with -z or a terminal on stdin.
      if (zero && !ctx.world.net.find('udp', ctx.host, ip, port)) continue; // write() → ECONNREFUSED: no info
      status = 0;
      if ((verbose || zero) && (zero || ctx.stdin === null)) ctx.err(`Connection to ${shown} ${port} port [udp/${svc(port)}] succeeded!\n`);
      if (!zero && ctx.stdin) ctx.world.net.sendUdp(ctx.host, host, port, ctx.stdin);
      continue;
    }
    const c = ctx.world.net.connectTcp(ctx.host, host, port);
    if (typeof c === 'string') {
      if (verbose) ctx.err(`nc: connect to ${shown} port ${port} (tcp) failed: Connection refused\n`);
      continue;
    }
    status = 0;
    if (verbose || zero) ctx.err(`Connection to ${shown} ${port} port [tcp/${svc(port)}] succeeded!\n`);
    if (zero) continue;
    // Piped text to an HTTP server: parse the request line and headers, print the raw response.
    const input = ctx.stdin ?? '';
    const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*)$/.exec(input);
    if (m && c.onHttp) {
      const headers: Record<string, string> = {};
      for (const l of m[3]!.split(/\r?\n/)) if (l.includes(':')) headers[l.slice(0, l.indexOf(':')).trim()] = l.slice(l.indexOf(':') + 1).trim();
      const res = ctx.world.net.http(ctx.host, host, port, { method: m[1]!, path: m[2]!, headers, body: m[4]! });
      if (typeof res !== 'string') {
        await ctx.sleep(res.durationMs);
        ctx.out(`HTTP/1.1 ${res.status} ${res.reason}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${res.body}`);
      }
    } else if (input && c.onDatagram) c.onDatagram(new TextEncoder().encode(input), { ip: '127.0.0.1', port: 40000 });
  }
  return status;
}

export const ncProgram: ProgramSpec = {
  name: 'nc',
  summary: 'netcat (OpenBSD): send TCP/UDP data, test ports (-z), listen (-l)',
  examples: ['echo "foo:1|c" | nc -u -w0 127.0.0.1 8125', 'nc -zv 127.0.0.1 4000', 'nc -lu 8125'],
  man: `NC(1)

NAME
    nc - arbitrary TCP and UDP connections and listens (netcat-openbsd)

SYNOPSIS
    nc [-uzvl] [-w timeout] [-p port] [destination] [port]

OPTIONS
    -u   use UDP; each "echo ... | nc -u host port" sends its input as ONE datagram,
         so "printf 'a:1|c\\nb:2|c' | nc -u ..." is one packet with two lines
    -w N quit N seconds after stdin ends (-w0 / -w1 is usual with -u)
    -z   only check whether something listens (no data)
    -v   verbose: "Connection to HOST PORT port [tcp/*] succeeded!"
    -l   listen on a port and print what arrives

EXAMPLES
    echo "deploys.test:1|c" | nc -u -w0 127.0.0.1 8125`,
  run: runNc,
  complete: (r) => ['-u', '-z', '-v', '-l', '-w', '-zv', '127.0.0.1', 'localhost', '8125', '4000'].filter((x) => x.startsWith(r.word)),
};
