import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LlmView } from '../../../../src-main/contract/index.js';
import { barWidths, threadOf, turnRows, turnTotals } from '../../../../src-renderer/views/conversations/turn-rows.js';
import { exchange } from './exchange-fixture.js';

describe('turnRows', () => {
  it('orders calls oldest first (the list comes newest first)', () => {
    const rows = turnRows([exchange({ id: 3, turn: 3 }), exchange({ id: 1, turn: 1 }), exchange({ id: 2, turn: 2 })]);
    assert.deepEqual(rows.map((r) => r.id), [1, 2, 3]);
    assert.deepEqual(rows.map((r) => r.turn), [1, 2, 3]);
  });

  it('numbers calls by position when the server gave no turn', () => {
    assert.deepEqual(turnRows([exchange({ id: 9 }), exchange({ id: 4 })]).map((r) => r.turn), [1, 2]);
  });

  it('marks failures, running calls and estimated counts', () => {
    const [failed, live, est] = turnRows([
      exchange({ id: 1, status: 429 }),
      exchange({ id: 2, state: 'streaming', usage: null }),
      exchange({ id: 3, usage: { inputTokens: 5, outputTokens: 1, cacheReadTokens: 2, cacheWriteTokens: null, reasoningTokens: null, totalTokens: null, source: 'estimated' } }),
    ]);
    assert.equal(failed!.failed, true);
    assert.equal(live!.live, true);
    assert.equal(live!.inputTokens, 0);
    assert.equal(est!.estimated, true);
    assert.equal(est!.cachedTokens, 2);
    assert.equal(est!.failed, false);
  });

  it('prefers the model the response named', () => {
    assert.equal(turnRows([exchange({ id: 1, responseModel: 'gpt-4o-2024-08-06' })])[0]!.model, 'gpt-4o-2024-08-06');
  });
});

describe('turnTotals', () => {
  it('sums tokens and known costs, counting unpriced calls apart', () => {
    const t = turnTotals(turnRows([exchange({ id: 1 }), exchange({ id: 2, costUsd: null, usage: null, status: 500 }), exchange({ id: 3, costUsd: 0.002 })]));
    assert.equal(t.calls, 3);
    assert.equal(t.inputTokens, 200);
    assert.equal(t.outputTokens, 40);
    assert.ok(t.costUsd !== null && Math.abs(t.costUsd - 0.003) < 1e-12);
    assert.equal(t.unpriced, 1);
    assert.equal(t.errors, 1);
    assert.equal(t.maxTokens, 120);
    // first start 1000 → last end 3000 + 100
    assert.equal(t.spanMs, 2100);
    assert.equal(t.durationMs, 300);
  });
  it('has no cost when no call had one', () => {
    assert.equal(turnTotals(turnRows([exchange({ id: 1, costUsd: null })])).costUsd, null);
    assert.equal(turnTotals([]).costUsd, null);
  });
});

describe('barWidths', () => {
  it('scales to the largest call and keeps tiny bars visible', () => {
    const [big, small] = turnRows([exchange({ id: 1 }), exchange({ id: 2, usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 0, source: 'provider' } })]);
    assert.deepEqual(barWidths(big!, 240), { input: (100 / 240) * 100, output: (20 / 240) * 100 });
    assert.deepEqual(barWidths(small!, 240), { input: 0, output: 0 });
    assert.deepEqual(barWidths(big!, 1_000_000), { input: 0.5, output: 0.5 });
    assert.deepEqual(barWidths(big!, 0), { input: 0, output: 0 });
  });
});

describe('threadOf', () => {
  it('takes the request messages and the reply', () => {
    const llm: LlmView = {
      provider: 'openai',
      api: 'chat',
      request: { model: 'gpt-4o', stream: false, parameters: {}, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], tools: [], hints: { user: null, sessionId: null, previousResponseId: null, metadata: null } },
      response: {
        responseModel: null,
        responseId: null,
        message: { role: 'assistant', parts: [{ type: 'text', text: 'hello' }] },
        finishReason: 'stop',
        usage: null,
        rawUsage: null,
        error: null,
        citations: [],
        complete: true,
      },
    };
    const t = threadOf(llm);
    assert.equal(t.messages.length, 1);
    assert.equal(t.reply?.parts[0]?.type, 'text');
  });
  it('is empty without a parsed call', () => {
    assert.deepEqual(threadOf(null), { messages: [], reply: null });
  });
});
