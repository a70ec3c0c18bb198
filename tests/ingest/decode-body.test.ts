import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { decodeBody } from '../../src-main/ingest/decode-body.js';

const text = Buffer.from(Array.from({ length: 4000 }, (_, i) => `token${i} `).join(''));
const MB = 1024 * 1024;

test('identity and no body', () => {
  assert.deepEqual(decodeBody(null, 'gzip', MB), { body: null, storedBytes: 0, truncated: false, decodeError: null });
  const d = decodeBody(text, null, MB);
  assert.deepEqual(d.body, text);
  assert.equal(d.truncated, false);
  const cut = decodeBody(text, 'identity', 100);
  assert.equal(cut.storedBytes, 100);
  assert.equal(cut.truncated, true);
  assert.deepEqual(cut.body, text.subarray(0, 100));
});

test('gzip, x-gzip, deflate (zlib and raw) and br decode', () => {
  for (const [enc, data] of [
    ['gzip', zlib.gzipSync(text)],
    ['x-gzip', zlib.gzipSync(text)],
    ['GZIP', zlib.gzipSync(text)],
    ['deflate', zlib.deflateSync(text)],
    ['deflate', zlib.deflateRawSync(text)],
    ['br', zlib.brotliCompressSync(text)],
  ] as const) {
    const d = decodeBody(new Uint8Array(data), enc, MB);
    assert.equal(d.decodeError, null, enc);
    assert.deepEqual(d.body, text, enc);
    assert.equal(d.storedBytes, text.length);
    assert.equal(d.truncated, false);
  }
});

test('stacked encodings come off right to left', () => {
  const data = zlib.brotliCompressSync(zlib.gzipSync(text));
  const d = decodeBody(data, 'gzip, br', MB);
  assert.equal(d.decodeError, null);
  assert.deepEqual(d.body, text);
});

test('a truncated gzip capture still yields the decodable prefix', () => {
  const gz = zlib.gzipSync(text);
  const d = decodeBody(gz.subarray(0, Math.floor(gz.length / 2)), 'gzip', MB);
  assert.equal(d.decodeError, null);
  assert.ok(d.body !== null && d.body.length > 0 && d.body.length < text.length, `got ${d.body?.length}`);
  assert.deepEqual(d.body, text.subarray(0, d.body.length));
});

test('malformed gzip keeps the raw bytes and says why, without throwing', () => {
  const raw = Buffer.from('this is not gzip at all');
  const d = decodeBody(raw, 'gzip', MB);
  assert.equal(d.decodeError, 'gzip: incorrect header check');
  assert.deepEqual(d.body, raw);
  const br = decodeBody(raw, 'br', MB);
  assert.match(br.decodeError ?? '', /^br: /);
  const unknown = decodeBody(raw, 'compress', MB);
  assert.equal(unknown.decodeError, 'compress: content encoding not supported');
  assert.deepEqual(unknown.body, raw);
});

test('a zip bomb is capped at maxBytes and keeps its prefix', () => {
  const bomb = zlib.gzipSync(Buffer.alloc(200 * MB, 0x41), { level: 9 });
  assert.ok(bomb.length < 1 * MB);
  const d = decodeBody(bomb, 'gzip', MB);
  assert.equal(d.decodeError, null);
  assert.equal(d.truncated, true);
  assert.ok(d.storedBytes <= MB && d.storedBytes > MB - 64 * 1024, `stored ${d.storedBytes}`);
  assert.ok(d.body?.every((b) => b === 0x41));
  const brBomb = zlib.brotliCompressSync(Buffer.alloc(50 * MB, 0x42));
  const b = decodeBody(brBomb, 'br', 1000);
  // either a prefix within the cap, or (one brotli command already too big) the raw bytes with a reason
  assert.ok(b.storedBytes <= 1000 && b.storedBytes > 0, `stored ${b.storedBytes}`);
  if (b.decodeError === null) assert.equal(b.truncated, true);
  else assert.match(b.decodeError, /^br: decoded size exceeds the 1000-byte limit/);
});

test('zstd is decoded when this Node has it, otherwise reported as unsupported', () => {
  const z = zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer };
  if (z.zstdCompressSync) {
    const d = decodeBody(z.zstdCompressSync(text), 'zstd', MB);
    assert.deepEqual(d.body, text);
  } else {
    const d = decodeBody(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 'zstd', MB);
    assert.equal(d.decodeError, 'zstd: content encoding not supported');
  }
});
