import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkRanges, deltaText, eventPreview, splitStreamEvents, streamFormat } from '../../../../src-renderer/views/exchange/stream-events.js';

const enc = new TextEncoder();
const sse = (data: string, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;

/** Flat [byteOffset, ms, …] pairs for the given chunk texts arriving at the given times. */
function times(chunks: string[], at: number[]): number[] {
  const out: number[] = [];
  let off = 0;
  chunks.forEach((c, i) => {
    out.push(off, at[i] ?? 0);
    off += enc.encode(c).length;
  });
  return out;
}

test('format from content type, else from the body', () => {
  assert.equal(streamFormat('text/event-stream; charset=utf-8', ''), 'sse');
  assert.equal(streamFormat('application/x-ndjson', ''), 'ndjson');
  assert.equal(streamFormat('application/json', ' [{"a":1}]'), 'json-array');
  assert.equal(streamFormat('application/json', '{"a":1}'), null);
  assert.equal(streamFormat(null, 'data: {}\n\n'), 'sse');
});

test('SSE: an event gets the time of the chunk that completed it, not the one it started in', () => {
  const a = sse('{"choices":[{"delta":{"content":"Hel"}}]}');
  const b = sse('{"choices":[{"delta":{"content":"lo"}}]}', 'delta');
  const chunks = [a.slice(0, 10), a.slice(10) + b.slice(0, 5), b.slice(5), sse('[DONE]')];
  const split = splitStreamEvents(chunks.join(''), 'sse', times(chunks, [5, 12.5, 30, 41]));
  assert.equal(split.format, 'sse');
  assert.equal(split.approximate, false);
  assert.deepEqual(
    split.events.map((e) => [e.atMs, e.event, e.text]),
    [
      [12.5, null, 'Hel'],
      [30, 'delta', 'lo'],
      [41, null, null],
    ],
  );
  assert.equal(split.events[2]?.data, '[DONE]');
  assert.equal(split.events[1]?.byteOffset, enc.encode(chunks.slice(0, 2).join('')).length);
});

test('a multi-byte character cut by a chunk boundary survives', () => {
  const body = sse('{"delta":{"type":"text_delta","text":"héllo 🌍"}}', 'content_block_delta');
  const bytes = enc.encode(body);
  const cut = bytes.indexOf(0xf0) + 2; // inside the 4-byte emoji
  const split = splitStreamEvents(body, 'sse', [0, 1, cut, 2]);
  assert.equal(split.events.length, 1);
  assert.equal(split.events[0]?.text, 'héllo 🌍');
  assert.equal(split.events[0]?.atMs, 2);
});

test('a cut stream still yields its last event', () => {
  const split = splitStreamEvents('data: {"a":1}\n\ndata: {"b":2}', 'sse', null);
  assert.deepEqual(split.events.map((e) => e.data), ['{"a":1}', '{"b":2}']);
  assert.equal(split.events[0]?.atMs, null);
});

test('NDJSON lines with their arrival', () => {
  const chunks = ['{"message":{"content":"a"}}\n{"mess', 'age":{"content":"b"}}\n', '{"done":true}'];
  const split = splitStreamEvents(chunks.join(''), 'ndjson', times(chunks, [3, 9, 20]));
  assert.deepEqual(split.events.map((e) => [e.atMs, e.text]), [[3, 'a'], [9, 'b'], [20, null]]);
});

test('JSON array: each element when it closes; brackets inside strings do not count', () => {
  const el1 = '{"candidates":[{"content":{"parts":[{"text":"a ] } ["}]}}]}';
  const el2 = '{"candidates":[{"content":{"parts":[{"text":"b"}]}}]}';
  const chunks = [`[${el1.slice(0, 20)}`, `${el1.slice(20)}\r\n,`, `${el2}]`];
  const split = splitStreamEvents(chunks.join(''), 'json-array', times(chunks, [10, 15, 40]));
  assert.deepEqual(split.events.map((e) => [e.atMs, e.text]), [[15, 'a ] } ['], [40, 'b']]);
  assert.equal(split.events[0]?.data, el1);
});

test('compressed bodies: wire offsets are scaled to the decoded size and marked approximate', () => {
  const body = sse('{"x":1}') + sse('{"x":2}'); // 30 bytes decoded
  const split = splitStreamEvents(body, 'sse', [0, 5, 10, 50], 20);
  assert.equal(split.approximate, true);
  // the second wire chunk starts at 10/20 of the way: decoded byte 15, where the first event ends
  assert.deepEqual(split.events.map((e) => e.atMs), [5, 50]);
  const ranges = chunkRanges(30, [0, 5, 10, 50], 20);
  assert.deepEqual(ranges, [
    { start: 0, end: 15, atMs: 5 },
    { start: 15, end: 30, atMs: 50 },
  ]);
});

test('chunk ranges: no timings means one chunk; bytes past the last recorded chunk belong to it', () => {
  assert.deepEqual(chunkRanges(10, null), [{ start: 0, end: 10, atMs: null }]);
  assert.deepEqual(chunkRanges(10, [0, 1, 4, 2]), [
    { start: 0, end: 4, atMs: 1 },
    { start: 4, end: 10, atMs: 2 },
  ]);
});

test('delta text from each API family', () => {
  assert.equal(deltaText('{"type":"response.output_text.delta","delta":"Hi"}'), 'Hi');
  assert.equal(deltaText('{"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{\\"a"}}'), '{"a');
  assert.equal(deltaText('{"response":"tok","done":false}'), 'tok');
  assert.equal(deltaText('{"type":"message_start"}'), null);
  assert.equal(deltaText('not json'), null);
});

test('preview: the delta quoted, else the data on one line', () => {
  const [withText, plain] = splitStreamEvents(sse('{"delta":{"text":"a\\nb"}}') + 'data: {\ndata: "type": "ping"\ndata: }\n\n', 'sse', null).events;
  assert.ok(withText && plain);
  assert.equal(eventPreview(withText), '"a\\nb"');
  assert.equal(eventPreview(plain), '{ "type": "ping" }');
  assert.equal(eventPreview({ ...plain, text: null, data: 'x'.repeat(300) }, 10), `${'x'.repeat(9)}…`);
});
