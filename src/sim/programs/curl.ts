/**
 * curl 8.5 (Ubuntu 24.04's) against the simulated network. Error texts and exit codes from curl's
 * lib/strerror.c / lib/connect.c: "(6) Could not resolve host: X", "(7) Failed to connect to X port N after
 * 0 ms: Couldn't connect to server"; "-s" hides them unless "-S"; "-w" variables from src/tool_writeout.c.
 * The simulated clock advances by the server's response time.
 */
import type { ProgramContext, ProgramSpec } from '../shell/program';
import { resolvePath } from '../fs';

export const CURL_UA = 'curl/8.5.0';

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(raw: string): ParsedUrl | null {
  const m = /^(?:([a-zA-Z][\w+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(raw);
  if (!m || !m[2]) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? parseInt(m[3], 10) : scheme === 'https' ? 443 : 80;
  let path = (m[4] ?? '/').replace(/#.*/, '');
  if (!path.startsWith('/')) path = '/' + path;
  return { scheme, host: m[2], port, path };
}

const BINARY_WARNING =
  'Binary output can mess up your terminal. Use "--output -" to tell curl to output it to your terminal anyway, or consider "--output <FILE>" to save to a file.\n';

/** tool_msgs.c voutf: "Warning: " before each piece, cut at the last space within 79 − len(prefix) columns. */
export function curlWarning(msg: string): string {
  const prefix = 'Warning: ';
  const width = 79 - prefix.length;
  let out = '';
  let ptr = msg;
  while (ptr.length > 0) {
    out += prefix;
    if (ptr.length > width) {
      let cut = width - 1;
      while (!/\s/.test(ptr[cut]!) && cut) cut--;
      if (cut === 0) cut = width - 1;
      out += ptr.slice(0, cut + 1) + '\n';
      ptr = ptr.slice(cut + 1);
    } else {
      out += ptr;
      ptr = '';
    }
  }
  return out;
}

function unescapeW(fmt: string): string {
  return fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r');
}

export async function runCurl(ctx: ProgramContext): Promise<number> {
  const a = ctx.argv.slice(1);
  let method: string | null = null;
  let include = false, head = false, silent = false, showError = false, verbose = false, fail = false;
  let output: string | null = null;
  let writeOut: string | null = null;
  let data: string | null = null;
  const headers: Record<string, string> = {};
  let url: string | null = null;
  const needsArg = (flag: string, v: string | undefined) => {
    if (v === undefined) {
      ctx.err(`curl: option ${flag}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return false;
    }
    return true;
  };
  for (let i = 0; i < a.length; i++) {
    const t = a[i]!;
    if (t.startsWith('--')) {
      const [name, eq] = t.includes('=') ? [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] : [t, undefined];
      const val = () => (eq !== undefined ? eq : a[++i]);
      switch (name) {
        case '--request': { const v = val(); if (!needsArg(name, v)) return 2; method = v!; break; }
        case '--include': include = true; break;
        case '--head': head = true; break;
        case '--silent': silent = true; break;
        case '--show-error': showError = true; break;
        case '--verbose': verbose = true; break;
        case '--fail': fail = true; break;
        case '--location': case '--compressed': case '--no-progress-meter': break;
        case '--output': { const v = val(); if (!needsArg(name, v)) return 2; output = v!; break; }
        case '--write-out': { const v = val(); if (!needsArg(name, v)) return 2; writeOut = v!; break; }
        case '--header': { const v = val(); if (!needsArg(name, v)) return 2; const [k, ...r] = v!.split(':'); headers[k!.trim()] = r.join(':').trim(); break; }
        case '--data': case '--data-raw': case '--data-binary': { const v = val(); if (!needsArg(name, v)) return 2; data = data === null ? v! : `${data}&${v}`; break; }
        case '--max-time': case '--connect-timeout': val(); break;
        case '--url': url = val() ?? null; break;
        case '--help': ctx.out('Usage: curl [options...] <url>\n -d, --data <data>          HTTP POST data\n -f, --fail                 Fail fast with no output on HTTP errors\n -h, --help <category>      Get help for commands\n -i, --include              Include protocol response headers in the output\n -o, --output <file>        Write to file instead of stdout\n -O, --remote-name          Write output to a file named as the remote file\n -s, --silent               Silent mode\n -T, --upload-file <file>   Transfer local FILE to destination\n -u, --user <user:password> Server user and password\n -A, --user-agent <name>    Send User-Agent <name> to server\n -v, --verbose              Make the operation more talkative\n -V, --version              Show version number and quit\n'); return 0;
        default:
          ctx.err(`curl: option ${name}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
      }
    } else if (t.startsWith('-') && t.length > 1) {
      // short flags may be combined: -sS, -sSo /dev/null, -XPOST
      for (let k = 1; k < t.length; k++) {
        const c = t[k]!;
        const takesArg = 'XoHdwm'.includes(c);
        if (takesArg) {
          const v = k + 1 < t.length ? t.slice(k + 1) : a[++i];
          if (!needsArg(`-${c}`, v)) return 2;
          if (c === 'X') method = v!;
          else if (c === 'o') output = v!;
          else if (c === 'w') writeOut = v!;
          else if (c === 'd') data = data === null ? v! : `${data}&${v}`;
          else if (c === 'H') { const [hk, ...r] = v!.split(':'); headers[hk!.trim()] = r.join(':').trim(); }
          break;
        }
        if (c === 'i') include = true;
        else if (c === 'I') head = true;
        else if (c === 's') silent = true;
        else if (c === 'S') showError = true;
        else if (c === 'v') verbose = true;
        else if (c === 'f') fail = true;
        else if (c === 'L') continue;
        else if (c === 'V') { ctx.out(`curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0\nProtocols: http https\n`); return 0; }
        else {
          ctx.err(`curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
      }
    } else url = t;
  }
  const errOut = (code: number, msg: string) => {
    if (!silent || showError) ctx.err(`curl: (${code}) ${msg}\n`);
    if (writeOut) ctx.out(unescapeW(writeOut).replace(/%\{http_code\}|%\{response_code\}/g, '000').replace(/%\{time_total\}/g, '0.000000').replace(/%\{[a-z_]+\}/g, '0'));
    return code;
  };
  if (!url) {
    ctx.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(url);
  if (!u) return errOut(3, 'URL rejected: Malformed input to a URL function');
  if (u.scheme !== 'http' && u.scheme !== 'https') return errOut(1, `Protocol "${u.scheme}" not supported`);
  const m = (method ?? (head ? 'HEAD' : data !== null ? 'POST' : 'GET')).toUpperCase();
  const hostHeader = u.port === 80 ? u.host : `${u.host}:${u.port}`;
  const reqHeaders: Record<string, string> = { Host: hostHeader, 'User-Agent': CURL_UA, Accept: '*/*', ...headers };
  if (data !== null) {
    reqHeaders['Content-Length'] = String(data.length);
    reqHeaders['Content-Type'] ??= 'application/x-www-form-urlencoded';
  }
  const ip = ctx.world.net.resolve(u.host, ctx.host);
  if (!ip) return errOut(6, `Could not resolve host: ${u.host}`);
  if (verbose) ctx.err(`*   Trying ${ip}:${u.port}...\n`);
  const res = u.scheme === 'https' ? 'ECONNREFUSED' : ctx.world.net.http(ctx.host, u.host, u.port, { method: m, path: u.path, headers: reqHeaders, body: data ?? '' });
  if (res === 'ENOTFOUND') return errOut(6, `Could not resolve host: ${u.host}`);
  if (typeof res === 'string') return errOut(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
  if (verbose) {
    ctx.err(`* Connected to ${u.host} (${ip}) port ${u.port}\n`);
    ctx.err(`> ${m} ${u.path} HTTP/1.1\n${Object.entries(reqHeaders).map(([k, v]) => `> ${k}: ${v}\n`).join('')}> \n`);
  }
  await ctx.sleep(res.durationMs);
  const statusLine = `HTTP/1.1 ${res.status} ${res.reason}`;
  const headerBlock = `${statusLine}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  if (verbose) ctx.err(headerBlock.split('\r\n').map((l) => `< ${l}`).join('\n').replace(/< $/, '') + '\n');
  if (fail && res.status >= 400) {
    return errOut(22, `The requested URL returned error: ${res.status}`);
  }
  let payload = (include || head ? headerBlock : '') + (head ? '' : res.body);
  // src/tool_cb_wrt.c tool_write_cb: body bytes with a NUL, bound for a terminal, are refused (exit 23, no
  // "curl: (23)" line — a synthetic error) unless `--output -`; the warning is wrapped by tool_msgs.c voutf.
  if ((output === null || output === '-') && ctx.stdoutIsTerminal && output !== '-' && !head && res.body.includes('\0')) {
    if (include) ctx.out(headerBlock);
    if (!silent || showError) ctx.err(curlWarning(BINARY_WARNING));
    return 23;
  }
  if (output === '-') output = null;
  if (output !== null) {
    if (output !== '/dev/null') ctx.world.fs(ctx.host).write(resolvePath(ctx.cwd, output), payload);
    payload = '';
  }
  ctx.out(payload);
  if (verbose) ctx.err(`* Connection #0 to host ${u.host} left intact\n`);
  if (writeOut !== null) {
    const secs = (res.durationMs / 1000 + 0.00012).toFixed(6);
    ctx.out(
      unescapeW(writeOut)
        .replace(/%\{(http_code|response_code)\}/g, String(res.status).padStart(3, '0'))
        .replace(/%\{time_total\}/g, secs)
        .replace(/%\{time_starttransfer\}/g, secs)
        .replace(/%\{size_download\}/g, String(new TextEncoder().encode(res.body).length))
        .replace(/%\{url_effective\}/g, `${u.scheme}://${hostHeader}${u.path}`)
        .replace(/%\{method\}/g, m),
    );
  }
  return 0;
}

export const curlProgram: ProgramSpec = {
  name: 'curl',
  summary: 'transfer a URL (HTTP requests to the simulated servers)',
  examples: ['curl http://127.0.0.1:4000/', 'curl -i localhost:4000/error', "curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' localhost:4000/slow"],
  man: `CURL(1)

NAME
    curl - transfer a URL

SYNOPSIS
    curl [options] URL

OPTIONS
    -X, --request METHOD   HTTP method (GET, POST ...)
    -i, --include          show the response status line and headers
    -I, --head             HEAD request, headers only
    -s, --silent           no progress or error messages; -S shows errors anyway
    -o, --output FILE      write the body to FILE (/dev/null to discard)
    -w, --write-out FMT    print FMT after the transfer: %{http_code}, %{time_total}
    -H, --header 'K: V'    extra request header
    -d, --data DATA        send DATA (POST)
    -v, --verbose          show the request and response headers
    -f, --fail             exit 22 on HTTP errors

EXIT STATUS
    6 could not resolve host, 7 failed to connect, 22 HTTP error with -f.`,
  run: runCurl,
  complete: (r) => ['-X', '-i', '-I', '-s', '-S', '-o', '-w', '-H', '-d', '-v', '-f', '--request', '--include', '--silent', '--output', '--write-out', '--header', '--data', 'http://127.0.0.1:4000/', 'http://localhost:5000/'].filter((x) => x.startsWith(r.word)),
};
