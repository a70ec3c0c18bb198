import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExchanges, diffableBody } from '../../../../src-renderer/views/exchange/compare-summary.js';
import { exchange, llmRequest, text } from './fixtures.js';

const reply1 = text('assistant', 'Paris is sunny.');

const turn1 = exchange({
  id: 10,
  startedAt: 1000,
  turn: 1,
  usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 120, source: 'provider' },
  costUsd: 0.001,
  timings: { ttfbMs: 50, ttftMs: 80, totalMs: 400 },
  llm: {
    provider: 'openai',
    api: 'openai.chat',
    request: llmRequest({ messages: [text('system', 'Be brief.'), text('user', 'Weather?')], parameters: { temperature: 0.2, max_tokens: 50 } }),
    response: { responseModel: 'gpt-4o', responseId: null, message: reply1, finishReason: 'stop', usage: null, rawUsage: null, error: null, citations: [], complete: true },
  },
});

const turn2 = exchange({
  id: 12,
  startedAt: 2000,
  turn: 2,
  model: 'gpt-4o-mini',
  usage: { inputTokens: 130, outputTokens: 15, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 145, source: 'provider' },
  costUsd: 0.0004,
  timings: { ttfbMs: 40, ttftMs: 60, totalMs: 300 },
  llm: {
    provider: 'openai',
    api: 'openai.chat',
    request: llmRequest({
      model: 'gpt-4o-mini',
      messages: [text('system', 'Be very brief.'), text('user', 'Weather?'), reply1, text('user', 'Tomorrow?')],
      parameters: { temperature: 0.7, seed: 1 },
      tools: [{ name: 'search', description: null, parameters: null }],
    }),
    response: null,
  },
});

test('a next turn: messages added (starting with the earlier reply), system and parameters changed, deltas', () => {
  // argument order does not matter: the summary reads older → newer
  const s = compareExchanges(turn2, turn1);
  assert.equal(s.older.id, 10);
  assert.equal(s.newer.id, 12);
  assert.deepEqual(s.model, { from: 'gpt-4o', to: 'gpt-4o-mini' });
  assert.ok(s.messages);
  assert.equal(s.messages.from, 2);
  assert.equal(s.messages.to, 4);
  assert.equal(s.messages.common, 1);
  assert.deepEqual(s.messages.added, [reply1, text('user', 'Tomorrow?')]);
  assert.deepEqual(s.messages.removed, []);
  assert.equal(s.messages.systemChanged, true);
  assert.equal(s.messages.carriesReply, true);
  assert.deepEqual(s.parameters, [
    { key: 'max_tokens', from: 50, to: undefined },
    { key: 'seed', from: undefined, to: 1 },
    { key: 'temperature', from: 0.2, to: 0.7 },
  ]);
  assert.deepEqual(s.tools, { added: ['search'], removed: [], changed: [] });
  assert.deepEqual(s.tokens, { input: 30, output: -5, total: 25 });
  assert.ok(s.costUsd !== null && Math.abs(s.costUsd - -0.0006) < 1e-12);
  assert.equal(s.durationMs, -100);
  assert.equal(s.ttftMs, -20);
  assert.equal(s.status, null);
});

test('a rewritten history shows as removed messages, not as a next turn', () => {
  const edited = exchange({
    id: 13,
    startedAt: 3000,
    llm: { provider: 'openai', api: 'openai.chat', request: llmRequest({ messages: [text('system', 'Be brief.'), text('user', 'Weather in Rome?')] }), response: null },
  });
  const s = compareExchanges(turn1, edited);
  assert.ok(s.messages);
  assert.equal(s.messages.common, 0);
  assert.deepEqual(s.messages.removed, [text('user', 'Weather?')]);
  assert.deepEqual(s.messages.added, [text('user', 'Weather in Rome?')]);
  assert.equal(s.messages.carriesReply, false);
  assert.equal(s.messages.systemChanged, false);
  assert.equal(s.model, null);
});

test('non-LLM exchanges compare on numbers only', () => {
  const a = exchange({ id: 1, startedAt: 1, llm: null, usage: null, costUsd: null, status: 200 });
  const b = exchange({ id: 2, startedAt: 2, llm: null, usage: null, costUsd: null, status: 502 });
  const s = compareExchanges(a, b);
  assert.equal(s.messages, null);
  assert.deepEqual(s.parameters, []);
  assert.deepEqual(s.tokens, { input: null, output: null, total: null });
  assert.equal(s.costUsd, null);
  assert.deepEqual(s.status, { from: 200, to: 502 });
});

test('bodies diff as pretty JSON; other text as is', () => {
  assert.equal(diffableBody('{"a":1,"b":[2]}', 'utf8'), '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
  assert.equal(diffableBody('plain', 'utf8'), 'plain');
  assert.equal(diffableBody(null, 'utf8'), '');
  assert.match(diffableBody('AAAA', 'base64'), /binary body/);
});
