import type { ExchangeDetail, LlmMessage, LlmRequest, MessageSide } from '../../../../src-main/contract/index.js';

export function side(over: Partial<MessageSide> = {}): MessageSide {
  return {
    headers: [],
    bytes: 0,
    contentEncoding: null,
    body: null,
    bodyEncoding: 'utf8',
    storedBytes: 0,
    truncated: false,
    decodeError: null,
    ...over,
  };
}

export function llmRequest(over: Partial<LlmRequest> = {}): LlmRequest {
  return {
    model: 'gpt-4o',
    stream: false,
    parameters: {},
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: null },
    ...over,
  };
}

export const text = (role: LlmMessage['role'], t: string): LlmMessage => ({ role, parts: [{ type: 'text', text: t }] });

/** A complete OpenAI chat exchange; tests override what they look at. */
export function exchange(over: Partial<ExchangeDetail> = {}): ExchangeDetail {
  const request = llmRequest();
  return {
    id: 1,
    startedAt: 1_700_000_000_000,
    mode: 'mitm',
    method: 'POST',
    url: 'https://api.openai.com/v1/chat/completions',
    host: 'api.openai.com',
    path: '/v1/chat/completions',
    status: 200,
    state: 'complete',
    error: null,
    timings: { ttfbMs: 100, ttftMs: null, totalMs: 400 },
    requestBytes: 60,
    responseBytes: 300,
    contentType: 'application/json',
    stream: false,
    provider: 'openai',
    api: 'openai.chat',
    model: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: null, reasoningTokens: 0, totalTokens: 15, source: 'provider' },
    costUsd: 0.0001,
    conversationId: 'c:1',
    tag: null,
    finishReason: 'stop',
    turn: 1,
    starred: false,
    request: side({
      headers: [
        ['Host', 'api.openai.com'],
        ['Authorization', 'Bearer [REDACTED sha256:282b157e]'],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    }),
    response: side({ body: '{"id":"x"}' }),
    usageRaw: null,
    responseChunkTimes: null,
    llm: {
      provider: 'openai',
      api: 'openai.chat',
      request,
      response: {
        responseModel: 'gpt-4o-2024-08-06',
        responseId: 'chatcmpl-1',
        message: text('assistant', 'Hello!'),
        finishReason: 'stop',
        usage: null,
        rawUsage: null,
        error: null,
        citations: [],
        complete: true,
      },
    },
    ...over,
  };
}
