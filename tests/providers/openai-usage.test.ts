// Every recorded OpenAI-family fixture parses to the usage and facts MANIFEST.md lists, and the usage mapping's
// per-provider rules (xAI reasoning outside completion, DeepSeek cache hits, Groq x_groq) hold on their own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LlmResponse } from '../../src-main/contract/index.js';
import { chatUsage, embeddingsUsage, errorFromBody, responsesUsage } from '../../src-main/providers/openai-usage.js';
import { fixtureBytes, manifest, splitSseEvents, type ManifestEntry } from '../support/fixtures.js';
import { OPENAI_FAMILY, feed, partsOf, recogniseUrl, textChars, toolCallStrings } from './openai-support.js';

const entries = manifest().filter((e) => OPENAI_FAMILY.includes(e.provider));

function parseFixture(e: ManifestEntry): LlmResponse {
  const { module, ctx } = recogniseUrl(e.request.method, e.request.concreteUrl, e.request.status);
  const bytes = fixtureBytes(e.file);
  if (e.streaming) return feed(module, ctx, splitSseEvents(bytes)).res;
  return module.parseResponse(JSON.parse(bytes.toString('utf8')), ctx);
}

/**
 * Fixtures whose MANIFEST text_chars counts only the recorded deltas while the stream's `.done` events and
 * `response.completed` carry the whole text (the recording dropped most deltas). The parser prefers the final values
 * (provider-formats §3); openai-responses.test.ts checks both readings.
 */
const TEXT_FROM_DELTAS_ONLY = new Set(['openai/responses-cached-reasoning.sse']);

const ITEM_PART: Record<string, string> = { message: 'text', reasoning: 'thinking', function_call: 'tool_call' };

describe('OpenAI-family fixtures match MANIFEST.md', () => {
  test('the manifest lists the fixtures this family owns', () => {
    assert.ok(entries.length >= 25, `only ${entries.length} entries`);
  });
  for (const e of entries) {
    test(e.file, () => {
      const res = parseFixture(e);
      if (e.normalized === null) assert.equal(res.usage, null, 'no usage in this body');
      else {
        assert.ok(res.usage, 'usage');
        assert.equal(res.usage.source, 'provider');
        for (const [k, v] of Object.entries(e.normalized)) assert.equal(res.usage[k as keyof typeof e.normalized], v, k);
        assert.ok(res.rawUsage !== null, 'raw usage kept');
      }
      const p = e.parsed ?? {};
      if (typeof p['model'] === 'string') assert.equal(res.responseModel, p['model']);
      if (typeof p['finish'] === 'string') assert.equal(res.finishReason, p['finish']);
      if (typeof p['status'] === 'string') assert.equal(res.finishReason, p['status']);
      if (typeof p['text_chars'] === 'number' && !TEXT_FROM_DELTAS_ONLY.has(e.file)) assert.equal(textChars(res), p['text_chars']);
      if (typeof p['reasoning_chars'] === 'number') assert.equal(textChars(res, 'thinking'), p['reasoning_chars']);
      if (Array.isArray(p['tool_calls'])) {
        assert.deepEqual(toolCallStrings(res), p['tool_calls']);
        for (const tc of partsOf(res, 'tool_call')) {
          if (tc.type === 'tool_call') assert.deepEqual(tc.parsed, JSON.parse(tc.arguments));
        }
      }
      if (Array.isArray(p['output_items'])) {
        const want = (p['output_items'] as string[]).map((t) => ITEM_PART[t] ?? t);
        assert.deepEqual(res.message?.parts.map((x) => x.type), want);
      }
      if (typeof p['error'] === 'string') {
        assert.equal(res.error?.type, p['error']);
        assert.ok(res.error.message.length > 0);
      } else assert.equal(res.error, null);
      const failed = p['status'] === 'failed';
      assert.equal(res.complete, !failed, 'complete');
      if (e.api === 'openai.embeddings' || typeof p['error'] === 'string') assert.equal(res.message, null);
      else assert.ok(res.message, 'assistant message');
    });
  }
});

describe('usage mapping', () => {
  test('xAI chat: reasoning outside completion_tokens is added to output', () => {
    const raw = { prompt_tokens: 291, completion_tokens: 26, total_tokens: 513, completion_tokens_details: { reasoning_tokens: 196 } };
    assert.equal(chatUsage(raw, 'xai')?.outputTokens, 222);
    // detected from the numbers whatever the host label
    assert.equal(chatUsage(raw, 'openrouter')?.outputTokens, 222);
    // no total: the xAI label decides
    const noTotal = { prompt_tokens: 10, completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 7 } };
    assert.equal(chatUsage(noTotal, 'xai')?.outputTokens, 12);
    assert.equal(chatUsage(noTotal, 'openai')?.outputTokens, 5);
  });
  test('OpenAI chat: reasoning already inside completion_tokens', () => {
    const raw = { prompt_tokens: 15, completion_tokens: 78, total_tokens: 93, completion_tokens_details: { reasoning_tokens: 64 } };
    assert.deepEqual(chatUsage(raw, 'azure-openai'), {
      inputTokens: 15, outputTokens: 78, cacheReadTokens: 0, cacheWriteTokens: null, reasoningTokens: 64, totalTokens: 93, source: 'provider',
    });
  });
  test('DeepSeek cache hits and cache writes', () => {
    assert.equal(chatUsage({ prompt_tokens: 339, completion_tokens: 1, prompt_cache_hit_tokens: 320, prompt_cache_miss_tokens: 19 }, 'deepseek')?.cacheReadTokens, 320);
    assert.equal(chatUsage({ prompt_tokens: 9, completion_tokens: 1, prompt_tokens_details: { cache_write_tokens: 4 } }, 'openrouter')?.cacheWriteTokens, 4);
  });
  test('missing or empty usage is null; total derived when absent', () => {
    assert.equal(chatUsage(null, 'openai'), null);
    assert.equal(chatUsage({}, 'openai'), null);
    assert.equal(chatUsage({ prompt_tokens: 3, completion_tokens: 4 }, 'openai')?.totalTokens, 7);
    assert.equal(responsesUsage({ input_tokens: 3, output_tokens: 4 })?.totalTokens, 7);
    assert.equal(responsesUsage('x'), null);
    assert.deepEqual(embeddingsUsage({ prompt_tokens: 12, total_tokens: 12 }), {
      inputTokens: 12, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: null, reasoningTokens: 0, totalTokens: 12, source: 'provider',
    });
  });
  test('error envelopes', () => {
    assert.deepEqual(errorFromBody({ error: { message: 'm', type: 't', code: 'c' } }), { type: 't', message: 'm' });
    assert.deepEqual(errorFromBody({ error: { message: 'm', type: null, code: 'rate_limit_exceeded' } }), { type: 'rate_limit_exceeded', message: 'm' });
    assert.deepEqual(errorFromBody({ error: 'boom' }), { type: 'error', message: 'boom' });
    assert.deepEqual(errorFromBody({ object: 'error', message: 'bad', type: 'BadRequestError' }), { type: 'BadRequestError', message: 'bad' });
    assert.equal(errorFromBody({ id: 'x' }), null);
    assert.equal(errorFromBody({ error: null }), null);
  });
});
