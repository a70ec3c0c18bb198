import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import type { Usage } from '../../src-main/contract/exchange.js';
import { isLocalUrl, PriceBook, type PricingConfig } from '../../src-main/pricing/index.js';

function usage(inputTokens: number | null, outputTokens: number | null, cacheReadTokens: number | null = null, cacheWriteTokens: number | null = null): Usage {
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens: null,
    totalTokens: inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null,
    source: 'provider',
  };
}

const defaults: PricingConfig = { overrides: [], localModelsFree: true };
const book = new PriceBook(defaults);
const OPENAI = 'https://api.openai.com/v1/chat/completions';
const ANTHROPIC = 'https://api.anthropic.com/v1/messages';
const at = new Date('2026-06-01T12:00:00Z');

test('OpenAI models via the API URL are priced > 0 and agree with the library', () => {
  for (const model of ['gpt-4.1-nano', 'gpt-4o-mini']) {
    const r = book.cost({ provider: 'openai', apiUrl: OPENAI, model, usage: usage(16, 363), timestamp: at });
    assert.equal(r.source, 'genai-prices');
    assert.equal(r.matchedModel, model);
    assert.ok(r.costUsd !== null && r.costUsd > 0, `${model}: ${r.costUsd}`);
    const lib = calcPrice({ input_tokens: 16, output_tokens: 363 }, model, { providerApiUrl: OPENAI, timestamp: at });
    assert.ok(lib);
    assert.ok(Math.abs(r.costUsd - lib.total_price) < 1e-12);
  }
  // gpt-4.1-nano: $0.10 / $0.40 per MTok at the time of writing (sanity bound, not an exact price)
  const nano = book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4.1-nano', usage: usage(1_000_000, 0), timestamp: at });
  assert.ok(nano.costUsd! > 0.01 && nano.costUsd! < 10);
});

test('a dated snapshot id resolves to its model', () => {
  const r = book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4.1-nano-2025-04-14', usage: usage(16, 363), timestamp: at });
  assert.equal(r.source, 'genai-prices');
  assert.equal(r.matchedModel, 'gpt-4.1-nano');
  assert.equal(r.costUsd, book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4.1-nano', usage: usage(16, 363), timestamp: at }).costUsd);
  const claude = book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-sonnet-4-20250514', usage: usage(100, 10), timestamp: at });
  assert.ok(claude.costUsd! > 0);
});

test('cached input is priced lower than uncached for Claude (same total input, more cache reads)', () => {
  const cost = (cacheRead: number) =>
    book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-sonnet-4-20250514', usage: usage(10_000, 200, cacheRead, 0), timestamp: at }).costUsd!;
  const none = cost(0);
  const some = cost(4_000);
  const most = cost(9_000);
  assert.ok(none > some && some > most && most > 0, `${none} > ${some} > ${most}`);
  // cache writes cost more than plain input
  const write = book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-sonnet-4-20250514', usage: usage(10_000, 200, 0, 8_000), timestamp: at }).costUsd!;
  assert.ok(write > none);
  // inconsistent provider numbers (cache > input) are priced, not thrown on
  const odd = book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-sonnet-4-20250514', usage: usage(10, 200, 9_000, 0), timestamp: at });
  assert.ok(odd.costUsd! > 0);
});

test('unknown model or provider → null, never 0', () => {
  for (const input of [
    { provider: 'openai', apiUrl: OPENAI, model: 'no-such-model-xyz' },
    { provider: 'openai-compatible', apiUrl: 'https://llm.internal.example/v1/chat/completions', model: 'gpt-4o' },
    { provider: null, apiUrl: null, model: 'gpt-4o' },
    { provider: 'openai', apiUrl: OPENAI, model: null },
  ]) {
    const r = book.cost({ ...input, usage: usage(100, 100), timestamp: at });
    assert.deepEqual(r, { costUsd: null, source: null, matchedModel: null }, JSON.stringify(input));
  }
  assert.equal(book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o', usage: null }).costUsd, null);
  assert.equal(book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o', usage: usage(null, null) }).costUsd, null);
});

test('our provider id is the fallback when the URL matches no provider (gateway / custom base URL)', () => {
  const viaGateway = book.cost({ provider: 'openai', apiUrl: 'https://gateway.example.com/openai/v1/chat/completions', model: 'gpt-4o-mini', usage: usage(1000, 100), timestamp: at });
  const direct = book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o-mini', usage: usage(1000, 100), timestamp: at });
  assert.equal(viaGateway.source, 'genai-prices');
  assert.equal(viaGateway.costUsd, direct.costUsd);
  // provider ids that differ from theirs
  for (const [provider, model] of [['gemini', 'gemini-2.5-flash'], ['bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0'], ['xai', 'grok-4'], ['azure-openai', 'gpt-4o-mini']] as const) {
    const r = book.cost({ provider, apiUrl: null, model, usage: usage(1000, 100), timestamp: at });
    assert.ok(r.costUsd !== null && r.costUsd > 0, `${provider} ${model}`);
  }
  // Azure by URL prices the underlying OpenAI model
  const azure = book.cost({ provider: 'azure-openai', apiUrl: 'https://res.openai.azure.com/openai/v1/responses', model: 'gpt-4o-mini', usage: usage(1000, 100), timestamp: at });
  assert.ok(azure.costUsd! > 0);
});

test('user overrides win over the library; provider null matches any; * wildcard; cache prices', () => {
  const pb = new PriceBook({
    localModelsFree: true,
    overrides: [
      { provider: 'openai', model: 'gpt-4o-mini*', inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.5, cacheWritePerMTok: null },
      { provider: null, model: '*my-finetune*', inputPerMTok: 10, outputPerMTok: 20, cacheReadPerMTok: null, cacheWritePerMTok: null },
      { provider: 'ollama', model: 'llama3*', inputPerMTok: 3, outputPerMTok: 3, cacheReadPerMTok: null, cacheWritePerMTok: null },
    ],
  });
  const a = pb.cost({ provider: 'openai', apiUrl: OPENAI, model: 'GPT-4o-mini-2024-07-18', usage: usage(1_000_000, 1_000_000, 500_000), timestamp: at });
  assert.equal(a.source, 'override');
  assert.equal(a.matchedModel, 'gpt-4o-mini*');
  assert.ok(Math.abs(a.costUsd! - (0.5 * 1 + 0.5 * 0.5 + 2)) < 1e-9);
  // provider-limited: not for azure
  const b = pb.cost({ provider: 'azure-openai', apiUrl: 'https://res.openai.azure.com/openai/v1/responses', model: 'gpt-4o-mini', usage: usage(1_000_000, 0), timestamp: at });
  assert.equal(b.source, 'genai-prices');
  // provider null: any provider, even an unknown one; cache reads without a cache price cost the input price
  const c = pb.cost({ provider: 'openai-compatible', apiUrl: 'https://llm.internal.example', model: 'acme-my-finetune-v2', usage: usage(2_000_000, 1_000_000, 1_000_000), timestamp: at });
  assert.equal(c.source, 'override');
  assert.ok(Math.abs(c.costUsd! - 40) < 1e-9);
  // overrides come before local-is-free
  const d = pb.cost({ provider: 'ollama', apiUrl: 'http://127.0.0.1:11434/api/chat', model: 'llama3.2', usage: usage(1_000_000, 0), timestamp: at });
  assert.deepEqual([d.source, d.costUsd], ['override', 3]);
  // a pattern without * is an exact (case-insensitive) match, and regex characters are literal
  const exact = new PriceBook({ localModelsFree: true, overrides: [{ provider: null, model: 'm.1', inputPerMTok: 1, outputPerMTok: 1, cacheReadPerMTok: null, cacheWritePerMTok: null }] });
  assert.equal(exact.cost({ provider: 'x', apiUrl: null, model: 'M.1', usage: usage(1, 1) }).source, 'override');
  assert.equal(exact.cost({ provider: 'x', apiUrl: null, model: 'mx1', usage: usage(1, 1) }).source, null);
  assert.equal(exact.cost({ provider: 'x', apiUrl: null, model: 'm.10', usage: usage(1, 1) }).source, null);
});

test('local model servers are free when localModelsFree, unknown (null) otherwise', () => {
  const r = book.cost({ provider: 'ollama', apiUrl: 'http://127.0.0.1:11434/api/chat', model: 'llama3.2', usage: usage(26, 298), timestamp: at });
  assert.deepEqual(r, { costUsd: 0, source: 'local', matchedModel: 'llama3.2' });
  for (const [provider, apiUrl] of [
    ['lmstudio', 'http://192.168.1.5:1234/v1/responses'],
    ['vllm', 'http://gpu-box:8000/v1/chat/completions'],
    ['llamacpp', 'http://gpu-box:8080/completion'],
    ['openai-compatible', 'http://localhost:8000/v1/chat/completions'],
    [null, 'http://[::1]:8000/v1/chat/completions'],
  ] as const) {
    assert.equal(book.cost({ provider, apiUrl, model: 'qwen3', usage: usage(1, 1) }).source, 'local', `${provider} ${apiUrl}`);
  }
  const strict = new PriceBook({ overrides: [], localModelsFree: false });
  assert.deepEqual(strict.cost({ provider: 'ollama', apiUrl: 'http://127.0.0.1:11434/api/chat', model: 'llama3.2', usage: usage(26, 298), timestamp: at }), {
    costUsd: null,
    source: null,
    matchedModel: null,
  });
  assert.ok(isLocalUrl('http://localhost:11434'));
  assert.ok(isLocalUrl('http://127.0.0.2/'));
  assert.ok(!isLocalUrl('https://api.openai.com'));
  assert.ok(!isLocalUrl('http://127.0.0.1.example.com'));
  assert.ok(!isLocalUrl('not a url'));
});

test('historic prices: an old timestamp is priced without throwing (and uses the old price where the data has one)', () => {
  const old = book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o', usage: usage(1000, 100), timestamp: new Date('2024-06-01T00:00:00Z') });
  assert.equal(typeof old.costUsd, 'number');
  // claude-opus-4-6 had tiered (long-context) prices before 2026-03-13 and flat ones after
  const big = usage(300_000, 1_000);
  const before = book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-opus-4-6', usage: big, timestamp: new Date('2026-02-01T00:00:00Z') });
  const after = book.cost({ provider: 'anthropic', apiUrl: ANTHROPIC, model: 'claude-opus-4-6', usage: big, timestamp: Date.parse('2026-04-01T00:00:00Z') });
  assert.equal(typeof before.costUsd, 'number');
  assert.equal(typeof after.costUsd, 'number');
  const lib = (ts: Date) => calcPrice({ input_tokens: 300_000, output_tokens: 1_000 }, 'claude-opus-4-6', { providerApiUrl: ANTHROPIC, timestamp: ts })?.total_price;
  assert.equal(before.costUsd, lib(new Date('2026-02-01T00:00:00Z')));
  assert.equal(after.costUsd, lib(new Date('2026-04-01T00:00:00Z')));
  assert.ok(before.costUsd! > after.costUsd!, `long-context tier before the change: ${before.costUsd} > ${after.costUsd}`);
  // invalid timestamps fall back to "now" instead of throwing
  assert.equal(typeof book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o', usage: usage(1, 1), timestamp: new Date('nope') }).costUsd, 'number');
});

test('never throws on odd input', () => {
  const weird: Usage = { inputTokens: -5, outputTokens: Number.NaN, cacheReadTokens: Infinity, cacheWriteTokens: null, reasoningTokens: 1e9, totalTokens: null, source: 'regex' };
  assert.deepEqual(book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'gpt-4o', usage: weird }), { costUsd: null, source: null, matchedModel: null });
  const r = book.cost({ provider: 'openai', apiUrl: 'https://api.openai.com/[', model: '(((', usage: usage(1, 1) });
  assert.equal(r.costUsd, null);
  const reasoning: Usage = { ...usage(100, 50), reasoningTokens: 500 };
  assert.ok(book.cost({ provider: 'openai', apiUrl: OPENAI, model: 'o3', usage: reasoning, timestamp: at }).costUsd! > 0);
});
