import type { ExchangeSummary } from '../../../../src-main/contract/index.js';

/** An exchange row with plausible defaults; tests override what they check. */
export function exchange(p: Partial<ExchangeSummary> & { id: number }): ExchangeSummary {
  return {
    startedAt: 1000 * p.id,
    mode: 'mitm',
    method: 'POST',
    url: 'https://api.openai.com/v1/chat/completions',
    host: 'api.openai.com',
    path: '/v1/chat/completions',
    status: 200,
    state: 'complete',
    error: null,
    timings: { ttfbMs: 10, ttftMs: 20, totalMs: 100 },
    requestBytes: 1,
    responseBytes: 1,
    contentType: 'application/json',
    stream: false,
    provider: 'openai',
    api: 'chat',
    model: 'gpt-4o',
    responseModel: null,
    usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 120, source: 'provider' },
    costUsd: 0.001,
    conversationId: 'c:1',
    tag: null,
    finishReason: 'stop',
    turn: null,
    starred: false,
    ...p,
  };
}
