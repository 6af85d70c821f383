import { describe, expect, it } from 'vitest';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import {
  MAX_JSON_BYTES,
  changedFiles,
  decodeState,
  describeState,
  encodeState,
  fromBase64Url,
  lastCommands,
  nativeCodec,
  shareLink,
  sharePayload,
  sizeWarning,
  toBase64Url,
  type ShareState,
} from './share';

const heredoc = `cat > app.py <<EOF
from flask import Flask
app = Flask(__name__)

@app.route("/")
def hello():
    return "Héllo, wörld — ☃ 🚀"
EOF`;

const state: ShareState = {
  v: 1,
  commands: [
    heredoc,
    `echo "foo:1|c" | nc -u -w0 127.0.0.1 8125`,
    `echo 'it'"'"'s quoted' \\`,
    `gunicorn -w 2 --statsd-host=localhost:8125 app:app &`,
    'printf "tab\\there\\n" # 日本語',
  ],
  files: {
    '/home/learner/myproject/k8s/patch.json': '{"spec": {"template": {"metadata": {"labels": {"ü": "✓"}}}}}\n',
    '/home/learner/app.py': 'print("\u0000 nul and \\u escapes \u2028")\n',
  },
};

describe('base64url (RFC 4648 §5)', () => {
  it('matches Node Buffer base64url for every length mod 3, and decodes back', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 89 + n * 7) & 0xff);
      const s = toBase64Url(bytes);
      expect(s).toBe(Buffer.from(bytes).toString('base64url'));
      expect([...fromBase64Url(s)!]).toEqual([...bytes]);
    }
  });
  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('ab c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('share link round trip', () => {
  it('deflate-raw: unicode, heredocs, quotes, tabs survive and the payload is marked z', async () => {
    const payload = await encodeState(state);
    expect(payload[0]).toBe('z');
    // The bytes are a real raw deflate stream: zlib (not our code) inflates them to the JSON.
    const json = JSON.parse(inflateRawSync(Buffer.from(payload.slice(1), 'base64url')).toString('utf8'));
    expect(json.commands).toEqual(state.commands);
    const r = await decodeState(payload);
    expect(r).toEqual({ ok: true, state });
  });

  it('plain fallback without CompressionStream (j), still decodable', async () => {
    const payload = await encodeState(state, null);
    expect(payload[0]).toBe('j');
    expect(payload).toMatch(/^j[A-Za-z0-9_-]+$/);
    expect(await decodeState(payload, null)).toEqual({ ok: true, state });
    expect(await decodeState(payload)).toEqual({ ok: true, state });
  });

  it('builds #/share/ links on the page URL (replacing any fragment), and sharePayload reads them back', async () => {
    const link = await shareLink('http://localhost:5173/play/#/lesson/statsd', state);
    expect(link.startsWith('http://localhost:5173/play/#/share/z')).toBe(true);
    const p = sharePayload(new URL(link).hash)!;
    expect(await decodeState(p)).toEqual({ ok: true, state });
    expect(sharePayload('#/lesson/sandbox')).toBeNull();
  });

  it('equal states give equal links whatever the order of the files', async () => {
    const swapped: ShareState = { ...state, files: Object.fromEntries(Object.entries(state.files).reverse()) };
    expect(await encodeState(swapped)).toBe(await encodeState(state));
  });
});

describe('bad and tampered links', () => {
  it('give a clear message, never throw', async () => {
    const good = await encodeState(state);
    const cases: [string, RegExp][] = [
      ['', /damaged or incomplete/],
      ['z', /damaged or incomplete/],
      ['z' + '!!!!', /outside base64url/],
      ['q' + good.slice(1), /unknown format 'q'/],
      ['z' + good.slice(1, 20), /does not inflate/],
      ['z' + good.slice(1, -7) + 'AAAAAAA', /damaged|does not hold/],
      ['j' + Buffer.from('{"v":1,').toString('base64url'), /not JSON/],
      ['j' + Buffer.from([0xff, 0xfe]).toString('base64url'), /not UTF-8/],
      ['j' + Buffer.from('{"v":2,"commands":[],"files":{}}').toString('base64url'), /unsupported version 2/],
      ['j' + Buffer.from('{"v":1,"commands":"ls","files":{}}').toString('base64url'), /"commands" must be a list/],
      ['j' + Buffer.from('{"v":1,"commands":[1],"files":{}}').toString('base64url'), /command 1 is not text/],
      ['j' + Buffer.from('{"v":1,"commands":[],"files":{"rel/x":""}}').toString('base64url'), /clean absolute path/],
      ['j' + Buffer.from('{"v":1,"commands":[],"files":{"/a/../etc":""}}').toString('base64url'), /clean absolute path/],
      ['j' + Buffer.from('{"v":1,"commands":[],"files":{"/a":3}}').toString('base64url'), /content of \/a is not text/],
      ['j' + Buffer.from('[1,2]').toString('base64url'), /expected an object/],
    ];
    for (const [payload, msg] of cases) {
      const r = await decodeState(payload);
      expect(r.ok, payload).toBe(false);
      if (!r.ok) expect(r.error).toMatch(msg);
    }
  });

  it('refuses a small link that inflates to more than the limit (deflate bomb)', async () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_JSON_BYTES + 10, 0x20));
    const r = await decodeState('z' + bomb.toString('base64url'));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/unpacks to more than 2 MB/) });
  });

  it('compressed link in a browser without DecompressionStream: says so', async () => {
    const r = await decodeState(await encodeState(state), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cannot decompress/);
  });
});

describe('size, description, selection', () => {
  it('warns over 8 KB only', async () => {
    expect(sizeWarning('x'.repeat(8 * 1024))).toBe('');
    expect(sizeWarning('x'.repeat(9 * 1024))).toMatch(/9\.0 KB long.*8 KB/);
    // Random-ish content does not compress: a 12 KB file makes a link over the limit.
    let s = '';
    for (let i = 0; s.length < 12_000; i++) s += ((i * 2654435761) >>> 0).toString(36);
    const link = await shareLink('http://x/', { v: 1, commands: [], files: { '/home/learner/big.txt': s } });
    expect(sizeWarning(link)).not.toBe('');
  });

  it('describes what a link does', () => {
    expect(describeState({ v: 1, commands: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], files: { '/a': '', '/b': '', '/c': '' } })).toBe(
      'This link restores 3 files and runs 7 commands.',
    );
    expect(describeState({ v: 1, commands: ['ls'], files: {} })).toBe('This link runs 1 command.');
    expect(describeState({ v: 1, commands: [], files: {} })).toMatch(/empty/);
  });

  it('changedFiles keeps only the learner files that differ from a fresh world', () => {
    const base = { '/home/learner/k8s/a.yaml': 'A', '/home/learner/.bashrc': 'rc', '/etc/hosts': 'h' };
    const now = { ...base, '/home/learner/k8s/a.yaml': 'A2', '/home/learner/app.py': 'x', '/var/log/x.log': 'log', '/etc/hosts': 'h2' };
    expect(changedFiles(now, base)).toEqual({ '/home/learner/k8s/a.yaml': 'A2', '/home/learner/app.py': 'x' });
  });

  it('lastCommands drops blank lines and keeps the newest', () => {
    expect(lastCommands(['a', ' ', 'b', 'c'], 2)).toEqual(['b', 'c']);
  });

  it('nativeCodec exists where CompressionStream does (Node ≥ 18, Chromium)', () => {
    expect(nativeCodec()).not.toBeNull();
  });
});
