/**
 * Share links: a sandbox state (the commands the learner ran and the files they changed) packed into the URL
 * fragment `#/share/<payload>`. The fragment never reaches a server, so the link works on the static site.
 *
 * Payload = one marker character + base64url (RFC 4648 §5, no padding):
 *   'z' — the JSON deflated with CompressionStream('deflate-raw') (Chromium, Firefox, Safari ≥ 16.4, Node ≥ 18),
 *   'j' — the JSON as UTF-8, uncompressed (browsers without CompressionStream).
 * Decoding validates everything and returns `{ ok: false, error }` for bad input; nothing here throws.
 */

export interface ShareState {
  v: 1;
  /** Command lines in the order they ran (a line may hold newlines: heredocs). */
  commands: string[];
  /** Absolute path → content, only files that differ from a fresh world's. */
  files: Record<string, string>;
}

export type DecodeResult = { ok: true; state: ShareState } | { ok: false; error: string };

export const SHARE_PREFIX = '#/share/';
/** Links longer than this may be cut by chat apps, mail clients and some browsers' address bars. */
export const WARN_LINK_CHARS = 8 * 1024;
/** Refuse payloads (the fragment) beyond this: nobody pastes a 256 KB link on purpose. */
export const MAX_PAYLOAD_CHARS = 256 * 1024;
/** Refuse to inflate beyond this (a small deflate stream can expand enormously). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_COMMANDS = 500;

export interface Codec {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  /** Inflate, rejecting once the output exceeds `limit` bytes. */
  inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array>;
}

/** The browser's deflate-raw, or null where CompressionStream is missing. */
export function nativeCodec(): Codec | null {
  const g = globalThis as { CompressionStream?: typeof CompressionStream; DecompressionStream?: typeof DecompressionStream };
  if (!g.CompressionStream || !g.DecompressionStream) return null;
  try {
    new g.CompressionStream('deflate-raw');
  } catch {
    return null; // an engine that knows gzip/deflate but not deflate-raw
  }
  return {
    deflate: (bytes) => collect(new Blob([bytes as BlobPart]).stream().pipeThrough(new g.CompressionStream!('deflate-raw')), Infinity),
    inflate: (bytes, limit) =>
      collect(new Blob([bytes as BlobPart]).stream().pipeThrough(new g.DecompressionStream!('deflate-raw')), limit),
  };
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) {
      await reader.cancel().catch(() => {});
      throw new RangeError(`more than ${limit} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return s;
}

/** Decode base64url (padding tolerated); null for any character outside the alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of s) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** The state's JSON (keys in a fixed order, so equal states give equal links). */
function toJson(state: ShareState): string {
  const files = Object.fromEntries(Object.entries(state.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ v: 1, commands: state.commands, files });
}

/** The fragment payload (without `#/share/`). Uses deflate-raw when `codec` is given and it makes the text shorter. */
export async function encodeState(state: ShareState, codec: Codec | null = nativeCodec()): Promise<string> {
  const bytes = new TextEncoder().encode(toJson(state));
  const plain = 'j' + toBase64Url(bytes);
  if (!codec) return plain;
  try {
    const z = 'z' + toBase64Url(await codec.deflate(bytes));
    return z.length < plain.length ? z : plain;
  } catch {
    return plain;
  }
}

/** A full link for the page at `base` (its URL without the fragment). */
export async function shareLink(base: string, state: ShareState, codec: Codec | null = nativeCodec()): Promise<string> {
  return base.replace(/#.*$/, '') + SHARE_PREFIX + (await encodeState(state, codec));
}

/** A warning for links long enough to be cut when pasted somewhere, or '' */
export function sizeWarning(link: string): string {
  if (link.length <= WARN_LINK_CHARS) return '';
  const kb = (link.length / 1024).toFixed(1);
  return `This link is ${kb} KB long: chat apps, mail clients and some browsers cut links over about 8 KB. Share fewer commands or smaller files if it does not open.`;
}

/** The payload of a `#/share/...` fragment, or null when the hash is something else. */
export function sharePayload(hash: string): string | null {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

export async function decodeState(payload: string, codec: Codec | null = nativeCodec()): Promise<DecodeResult> {
  const bad = (why: string): DecodeResult => ({ ok: false, error: `This share link is damaged or incomplete (${why}).` });
  if (typeof payload !== 'string' || payload.length < 2) return bad('no data after #/share/');
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return { ok: false, error: `This share link is too long (${Math.round(payload.length / 1024)} KB; at most ${MAX_PAYLOAD_CHARS / 1024} KB).` };
  }
  const kind = payload[0];
  const bytes = fromBase64Url(payload.slice(1));
  if (!bytes) return bad('characters outside base64url');
  let json: Uint8Array;
  if (kind === 'j') {
    json = bytes;
  } else if (kind === 'z') {
    if (!codec) return { ok: false, error: 'This share link is compressed, and this browser cannot decompress it (no DecompressionStream).' };
    try {
      json = await codec.inflate(bytes, MAX_JSON_BYTES);
    } catch (e) {
      if (e instanceof RangeError) return { ok: false, error: `This share link unpacks to more than ${MAX_JSON_BYTES / 1024 / 1024} MB; refusing it.` };
      return bad('the compressed data does not inflate');
    }
  } else {
    return bad(`unknown format '${kind}'`);
  }
  if (json.length > MAX_JSON_BYTES) return { ok: false, error: `This share link unpacks to more than ${MAX_JSON_BYTES / 1024 / 1024} MB; refusing it.` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return bad('not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('not JSON');
  }
  return validateState(value);
}

/** Check a parsed payload: exact shape, absolute normalised paths, string contents. */
export function validateState(value: unknown): DecodeResult {
  const no = (why: string): DecodeResult => ({ ok: false, error: `This share link does not hold a sandbox state: ${why}.` });
  if (!value || typeof value !== 'object' || Array.isArray(value)) return no('expected an object');
  const o = value as Record<string, unknown>;
  if (o.v !== 1) return no(`unsupported version ${JSON.stringify(o.v)} (this page reads version 1)`);
  if (!Array.isArray(o.commands)) return no('"commands" must be a list');
  if (o.commands.length > MAX_COMMANDS) return no(`${o.commands.length} commands (at most ${MAX_COMMANDS})`);
  for (const [i, c] of o.commands.entries()) {
    if (typeof c !== 'string') return no(`command ${i + 1} is not text`);
    if (!c.trim()) return no(`command ${i + 1} is empty`);
  }
  if (!o.files || typeof o.files !== 'object' || Array.isArray(o.files)) return no('"files" must be an object');
  const files: Record<string, string> = {};
  for (const [p, c] of Object.entries(o.files as Record<string, unknown>)) {
    if (!isCleanAbsolutePath(p)) return no(`file path ${JSON.stringify(p)} is not a clean absolute path`);
    if (typeof c !== 'string') return no(`content of ${p} is not text`);
    files[p] = c;
  }
  return { ok: true, state: { v: 1, commands: o.commands as string[], files } };
}

function isCleanAbsolutePath(p: string): boolean {
  return p.startsWith('/') && p.length > 1 && !p.endsWith('/') && p.split('/').slice(1).every((s) => s !== '' && s !== '.' && s !== '..') && !/[\0\n]/.test(p);
}

/** "This link restores 3 files and runs 7 commands" */
export function describeState(state: ShareState): string {
  const n = Object.keys(state.files).length;
  const m = state.commands.length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  if (!n && !m) return 'This link holds an empty sandbox: nothing to restore or run.';
  const parts = [n ? `restores ${plural(n, 'file')}` : '', m ? `runs ${plural(m, 'command')}` : ''].filter(Boolean);
  return `This link ${parts.join(' and ')}.`;
}

/**
 * Files of `current` that differ from `baseline` (a fresh world's), under `under` (the learner's home: logs
 * and other files programs write come back when the commands run again).
 */
export function changedFiles(
  current: Record<string, string>,
  baseline: Record<string, string>,
  under = '/home/learner/',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, c] of Object.entries(current)) {
    if (p.startsWith(under) && baseline[p] !== c) out[p] = c;
  }
  return out;
}

/** The last `max` commands (the link stays short; the state those commands build is what matters). */
export function lastCommands(commands: readonly string[], max = 200): string[] {
  return commands.filter((c) => typeof c === 'string' && c.trim() !== '').slice(-max);
}
