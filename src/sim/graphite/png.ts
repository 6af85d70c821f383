/**
 * A valid PNG of the given size, all black (graphite-web's default graph background), as a byte string
 * (one char per byte). 1-bit grayscale, zlib with stored (uncompressed) deflate blocks: small code, no
 * compressor needed. The render API answers with this where graphite-web would draw the graph.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(type: string, data: number[] | Uint8Array): number[] {
  const td = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) td[i] = type.charCodeAt(i);
  td.set(data, 4);
  return [...u32(data.length), ...td, ...u32(crc32(td))];
}

export function blankPng(width: number, height: number): string {
  const w = Math.max(1, Math.floor(width)), h = Math.max(1, Math.floor(height));
  const rowBytes = Math.ceil(w / 8) + 1; // filter byte 0 + packed bits, all 0 = black
  const raw = new Uint8Array(rowBytes * h);
  const z: number[] = [0x78, 0x01];
  for (let off = 0; off < raw.length || off === 0; off += 65535) {
    const len = Math.min(65535, raw.length - off);
    const last = off + 65535 >= raw.length ? 1 : 0;
    z.push(last, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff);
    for (let i = 0; i < len; i++) z.push(raw[off + i]!);
    if (last) break;
  }
  z.push(...u32(adler32(raw)));
  const ihdr = [...u32(w), ...u32(h), 1, 0, 0, 0, 0];
  const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', z), ...chunk('IEND', [])];
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.slice(i, i + 4096));
  return s;
}
