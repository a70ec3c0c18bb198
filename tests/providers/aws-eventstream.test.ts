import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import fc from 'fast-check';
import {
  crc32,
  createEventStreamDecoder,
  decodeEventStreamBytes,
  tableCrc32,
  type EventStreamError,
  type EventStreamMessage,
} from '../../src-main/providers/aws-eventstream.js';
import { bedrockEventStreamChunks, decodeEventStream, encodeEventStreamMessage } from '../support/fixtures.js';

const FIXTURES = ['bedrock/converse-stream-text.events.jsonl', 'bedrock/converse-stream-tool-call.events.jsonl'];

function asStrings(m: EventStreamMessage): { headers: Record<string, string>; payload: string } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers)) headers[k] = String(v);
  return { headers, payload: Buffer.from(m.payload).toString('utf8') };
}

function decodeChunks(chunks: Uint8Array[]): { messages: EventStreamMessage[]; errors: EventStreamError[] } {
  const messages: EventStreamMessage[] = [];
  const errors: EventStreamError[] = [];
  const d = createEventStreamDecoder((m) => messages.push(m), (e) => errors.push(e));
  for (const c of chunks) d.push(c);
  d.end();
  return { messages, errors };
}

test('CRC-32: the table implementation matches zlib on known vectors and random data', () => {
  assert.equal(tableCrc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(tableCrc32(new Uint8Array(0)), 0);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(tableCrc32(bytes), zlib.crc32(bytes) >>> 0);
      assert.equal(crc32(bytes), zlib.crc32(bytes) >>> 0);
    }),
  );
  const b = Buffer.from('abcdefgh');
  assert.equal(tableCrc32(b, 2, 6), zlib.crc32(b.subarray(2, 6)) >>> 0);
});

for (const file of FIXTURES) {
  test(`${file}: frames decode back to the encoded events (headers + payload), with no errors`, () => {
    const frames = bedrockEventStreamChunks(file);
    const whole = Buffer.concat(frames);
    const { messages, errors } = decodeEventStreamBytes(whole);
    assert.deepEqual(errors, []);
    const expected = decodeEventStream(whole).map((m) => ({ headers: m.headers, payload: m.payload.toString('utf8') }));
    assert.equal(messages.length, frames.length);
    assert.deepEqual(messages.map(asStrings), expected);
  });

  test(`${file}: split at every byte boundary decodes the same`, () => {
    const whole = Buffer.concat(bedrockEventStreamChunks(file));
    const reference = decodeEventStreamBytes(whole).messages.map(asStrings);
    for (let i = 0; i <= whole.length; i++) {
      const { messages, errors } = decodeChunks([whole.subarray(0, i), whole.subarray(i)]);
      assert.deepEqual(errors, [], `split at ${i}`);
      assert.deepEqual(messages.map(asStrings), reference, `split at ${i}`);
    }
    // and one byte at a time
    const bytes = [...whole].map((b) => Uint8Array.of(b));
    assert.deepEqual(decodeChunks(bytes).messages.map(asStrings), reference);
  });
}

test('a flipped payload byte fails the message CRC: reported, that frame skipped, the rest decoded', () => {
  const frames = bedrockEventStreamChunks('bedrock/converse-stream-text.events.jsonl');
  const bad = Buffer.from(frames[1]!);
  bad[bad.length - 8] = bad[bad.length - 8]! ^ 0x20;
  const { messages, errors } = decodeEventStreamBytes(Buffer.concat([frames[0]!, bad, ...frames.slice(2)]));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.kind, 'message-crc');
  assert.equal(errors[0]!.offset, frames[0]!.length);
  assert.equal(messages.length, frames.length - 1);
});

test('a flipped prelude byte fails the prelude CRC: decoder resynchronises on the next frame', () => {
  const frames = bedrockEventStreamChunks('bedrock/converse-stream-text.events.jsonl');
  const bad = Buffer.from(frames[2]!);
  bad[1] = bad[1]! ^ 0x01;
  const { messages, errors } = decodeEventStreamBytes(Buffer.concat([frames[0]!, frames[1]!, bad, ...frames.slice(3)]));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.kind, 'prelude-crc');
  assert.equal(messages.length, frames.length - 1);
  assert.equal(asStrings(messages[2]!).payload, asStrings(decodeEventStreamBytes(frames[3]!).messages[0]!).payload);
});

test('a truncated final frame is reported at end(), not thrown', () => {
  const frames = bedrockEventStreamChunks('bedrock/converse-stream-tool-call.events.jsonl');
  const whole = Buffer.concat(frames);
  const { messages, errors } = decodeEventStreamBytes(whole.subarray(0, whole.length - 5));
  assert.equal(messages.length, frames.length - 1);
  assert.deepEqual(errors.map((e) => e.kind), ['truncated']);
});

test('all header value types decode', () => {
  const name = (n: string) => Buffer.concat([Buffer.of(n.length), Buffer.from(n)]);
  const i64 = (v: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    return b;
  };
  const headers = Buffer.concat([
    name('t'), Buffer.of(0),
    name('f'), Buffer.of(1),
    name('b'), Buffer.of(2, 0xff),
    name('s'), Buffer.of(3, 0x01, 0x02),
    name('i'), Buffer.of(4, 0, 0, 1, 0),
    name('l'), Buffer.of(5), i64(-2n),
    name('a'), Buffer.of(6, 0, 2, 9, 8),
    name('str'), Buffer.of(7, 0, 3), Buffer.from('abc'),
    name('ts'), Buffer.of(8), i64(1700000000000n),
    name('u'), Buffer.of(9), Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
  ]);
  const payload = Buffer.from('{}');
  const total = 12 + headers.length + payload.length + 4;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(headers.length, 4);
  msg.writeUInt32BE(zlib.crc32(msg.subarray(0, 8)), 8);
  headers.copy(msg, 12);
  payload.copy(msg, 12 + headers.length);
  msg.writeUInt32BE(zlib.crc32(msg.subarray(0, total - 4)), total - 4);
  const { messages, errors } = decodeEventStreamBytes(msg);
  assert.deepEqual(errors, []);
  const h = messages[0]!.headers;
  assert.equal(h['t'], true);
  assert.equal(h['f'], false);
  assert.equal(h['b'], -1);
  assert.equal(h['s'], 0x0102);
  assert.equal(h['i'], 256);
  assert.equal(h['l'], -2n);
  assert.deepEqual([...(h['a'] as Uint8Array)], [9, 8]);
  assert.equal(h['str'], 'abc');
  assert.equal((h['ts'] as Date).getTime(), 1700000000000);
  assert.equal(h['u'], '00112233-4455-6677-8899-aabbccddeeff');
});

test('property: arbitrary chunk boundaries decode the same as the whole', () => {
  const whole = Buffer.concat(FIXTURES.flatMap((f) => bedrockEventStreamChunks(f)));
  const reference = decodeEventStreamBytes(whole).messages.map(asStrings);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: whole.length }), { maxLength: 40 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let start = 0;
      for (const p of points) {
        chunks.push(whole.subarray(start, p));
        start = p;
      }
      chunks.push(whole.subarray(start));
      const { messages, errors } = decodeChunks(chunks);
      assert.deepEqual(errors, []);
      assert.deepEqual(messages.map(asStrings), reference);
    }),
  );
});

test('property: garbage and corrupted streams never throw; intact frames after the damage still decode', () => {
  const good = encodeEventStreamMessage({ ':event-type': 'x', ':message-type': 'event' }, Buffer.from('{"ok":1}'));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 5 }), (garbage, cuts) => {
      const bytes = Buffer.concat([garbage, good]);
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let start = 0;
      for (const p of points) {
        chunks.push(bytes.subarray(start, p));
        start = p;
      }
      chunks.push(bytes.subarray(start));
      const { messages } = decodeChunks(chunks);
      // the intact frame at the end is found again after resynchronising (a forged prelude CRC is a 2^-32 event)
      assert.equal(messages.length, 1);
      assert.equal(Buffer.from(messages[0]!.payload).toString(), '{"ok":1}');
    }),
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (garbage) => {
      decodeEventStreamBytes(garbage);
    }),
  );
});
