import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExchangeSummary } from '../../../../src-main/contract/index.js';
import { globMatch, matchesQuery } from '../../../../src-renderer/views/traffic/match-query.js';
import { summary } from './fixtures.js';

const llm: ExchangeSummary = summary({
  id: 5,
  host: 'api.openai.com',
  provider: 'openai',
  model: 'gpt-4o-mini',
  status: 200,
  state: 'complete',
  tag: 'checkout',
  conversationId: 'c:1',
  costUsd: 0.02,
  usage: { inputTokens: 700, outputTokens: 400, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 1100, source: 'provider' },
  timings: { ttfbMs: 100, ttftMs: 150, totalMs: 2500 },
});

describe('matchesQuery', () => {
  it('matches an empty filter', () => {
    assert.equal(matchesQuery(llm, {}), true);
  });

  it('decides each field as the server does', () => {
    const yes = [
      { model: 'GPT-4*' },
      { model: 'gpt-4o-mini' },
      { host: '*.openai.com' },
      { provider: 'openai' },
      { method: 'post' },
      { statusMin: 200, statusMax: 299 },
      { state: ['complete' as const, 'error' as const] },
      { mode: ['mitm' as const] },
      { tag: 'checkout' },
      { conversationId: 'c:1' },
      { costMin: 0.02 },
      { durationMin: 2000 },
      { tokensMin: 1100, tokensMax: 1100 },
      { since: 1000, until: 1001 },
      { llmOnly: true },
      { search: 'anything' },
    ];
    for (const q of yes) assert.equal(matchesQuery(llm, q), true, JSON.stringify(q));
    const no = [
      { model: 'gpt-3*' },
      { model: 'gpt-4o' },
      { host: 'openai.com' },
      { provider: 'anthropic' },
      { method: 'GET' },
      { statusMin: 400 },
      { state: ['streaming' as const] },
      { mode: ['tunnel' as const] },
      { tag: 'Checkout' },
      { conversationId: 'c:2' },
      { costMax: 0.019 },
      { durationMax: 2499 },
      { tokensMin: 1101 },
      { since: 1001 },
      { until: 1000 },
      { errorsOnly: true },
    ];
    for (const q of no) assert.equal(matchesQuery(llm, q), false, JSON.stringify(q));
  });

  it('never matches a bound on an unknown value', () => {
    const bare = summary({ id: 1, costUsd: null, usage: null, status: null });
    assert.equal(matchesQuery(bare, { costMax: 100 }), false);
    assert.equal(matchesQuery(bare, { tokensMax: 1e9 }), false);
    assert.equal(matchesQuery(bare, { statusMax: 999 }), false);
  });

  it('counts failures and error statuses as errors', () => {
    assert.equal(matchesQuery(summary({ id: 1, status: 429 }), { errorsOnly: true }), true);
    assert.equal(matchesQuery(summary({ id: 1, status: null, state: 'error', error: { code: 'upstream_timeout', message: 't' } }), { errorsOnly: true }), true);
    assert.equal(matchesQuery(summary({ id: 1, status: 302 }), { errorsOnly: true }), false);
  });

  it('lets an in-flight row through llm-only until it finishes, unless it is a tunnel', () => {
    const started = summary({ id: 9, state: 'streaming', provider: null });
    assert.equal(matchesQuery(started, { llmOnly: true }), false);
    assert.equal(matchesQuery(started, { llmOnly: true }, { provisional: true }), true);
    assert.equal(matchesQuery({ ...started, mode: 'tunnel' }, { llmOnly: true }, { provisional: true }), false);
    assert.equal(matchesQuery({ ...started, state: 'complete' }, { llmOnly: true }, { provisional: true }), false);
    // narrower facts are not guessed
    assert.equal(matchesQuery(started, { model: 'gpt-4*' }, { provisional: true }), false);
  });
});

describe('globMatch', () => {
  it('matches whole values, * anywhere, other characters literally', () => {
    assert.equal(globMatch('a*c', 'abbbc'), true);
    assert.equal(globMatch('a*c', 'abbbcd'), false);
    assert.equal(globMatch('a.c', 'abc'), false);
    assert.equal(globMatch('*', ''), true);
    assert.equal(globMatch('(x)*', '(X)yz'), true);
  });
});
