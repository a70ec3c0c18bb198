import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableTabs, resolveTab } from '../../../../src-renderer/views/exchange/detail-tabs.js';
import { errorHint } from '../../../../src-renderer/views/exchange/error-hints.js';
import { applyProgress } from '../../../../src-renderer/views/exchange/use-exchange.js';
import { pct, waterfallModel } from '../../../../src-renderer/views/exchange/waterfall-model.js';
import { base64Size, hexDump, showBody } from '../../../../src-renderer/views/exchange/body-format.js';
import { exchange } from './fixtures.js';

test('tabs: Chat only for LLM calls, Stream only for streams, Compare only when comparing; default Chat', () => {
  assert.deepEqual(availableTabs(exchange(), false), ['overview', 'chat', 'request', 'response']);
  assert.deepEqual(availableTabs(exchange({ llm: null, stream: true }), true), ['overview', 'request', 'response', 'stream', 'compare']);
  assert.deepEqual(availableTabs(exchange({ contentType: 'text/event-stream' }), false), ['overview', 'chat', 'request', 'response', 'stream']);
  assert.deepEqual(availableTabs(exchange({ llm: null, state: 'streaming' }), false, true), ['overview', 'chat', 'request', 'response'], 'a live reply brings the Chat tab');
  assert.equal(resolveTab(null, ['overview', 'chat']), 'chat');
  assert.equal(resolveTab('stream', ['overview', 'request']), 'overview', 'a tab this exchange lacks falls back');
  assert.equal(resolveTab('request', ['overview', 'chat', 'request']), 'request');
});

test('error hints: inspector causes first, then provider types, then statuses', () => {
  assert.match(errorHint('upstream_tls_verify_failed', null, null) ?? '', /extraCaFile/);
  assert.match(errorHint('provider_error', 'overloaded_error', 200) ?? '', /overloaded/);
  assert.match(errorHint(null, 'insufficient_quota', 429) ?? '', /quota or credit/);
  assert.match(errorHint(null, null, 401) ?? '', /key was rejected/);
  assert.equal(errorHint(null, null, 200), null);
});

test('live progress updates state and timings but never blanks what the stored row knows', () => {
  const stored = exchange({ state: 'streaming', status: 200, timings: { ttfbMs: 10, ttftMs: null, totalMs: null } });
  const live = { ...stored, state: 'complete' as const, provider: null, model: null, usage: null, timings: { ttfbMs: 10, ttftMs: null, totalMs: 900 }, responseBytes: 5000 };
  const merged = applyProgress(stored, live);
  assert.equal(merged.state, 'complete');
  assert.equal(merged.timings.totalMs, 900);
  assert.equal(merged.responseBytes, 5000);
  assert.equal(merged.provider, 'openai');
  assert.equal(merged.model, 'gpt-4o');
  assert.ok(merged.usage);
});

test('waterfall: phases, marks and bytes per time slice', () => {
  const m = waterfallModel({ ttfbMs: 10, ttftMs: 20, totalMs: 100 }, [0, 10, 50, 20, 150, 95], 200, 10);
  assert.ok(m);
  assert.deepEqual(m.phases, [
    { kind: 'waiting', startMs: 0, endMs: 10 },
    { kind: 'receiving', startMs: 10, endMs: 100 },
  ]);
  assert.deepEqual(m.marks, [
    { kind: 'ttfb', atMs: 10 },
    { kind: 'ttft', atMs: 20 },
  ]);
  assert.equal(m.chunks, 3);
  assert.deepEqual(m.bins, [0, 50, 100, 0, 0, 0, 0, 0, 0, 50]);
  assert.equal(waterfallModel({ ttfbMs: null, ttftMs: null, totalMs: null }, null, 0), null);
  assert.equal(pct(150, 100), 100);
});

test('bodies: pretty JSON unless raw; text as is; binary sizes and hex', () => {
  assert.deepEqual(showBody('{"a":1}', 'application/json', false), { text: '{\n  "a": 1\n}', json: true, pretty: true });
  assert.deepEqual(showBody('{"a":1}', 'application/json', true), { text: '{"a":1}', json: true, pretty: false });
  assert.deepEqual(showBody('{"a":', 'application/json', false), { text: '{"a":', json: false, pretty: false });
  assert.deepEqual(showBody('hello', 'text/plain', false), { text: 'hello', json: false, pretty: false });
  assert.equal(base64Size('iVBORw0KGgo='), 8);
  assert.equal(hexDump('iVBORw0KGgo='), '00000000  89 50 4e 47 0d 0a 1a 0a                          |.PNG....|');
});
