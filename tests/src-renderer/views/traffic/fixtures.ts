import type { ExchangeSummary } from '../../../../src-main/contract/index.js';
import type { InspectorClient } from '../../../../src-renderer/api/index.js';

/** A complete exchange summary with plain defaults, for building test rows. */
export function summary(patch: Partial<ExchangeSummary> & { id: number }): ExchangeSummary {
  return {
    startedAt: 1000,
    mode: 'mitm',
    method: 'POST',
    url: 'https://api.openai.com/v1/chat/completions',
    host: 'api.openai.com',
    path: '/v1/chat/completions',
    status: 200,
    state: 'complete',
    error: null,
    timings: { ttfbMs: null, ttftMs: null, totalMs: null },
    requestBytes: 0,
    responseBytes: 0,
    contentType: null,
    stream: false,
    provider: null,
    api: null,
    model: null,
    responseModel: null,
    usage: null,
    costUsd: null,
    conversationId: null,
    tag: null,
    finishReason: null,
    turn: null,
    starred: false,
    ...patch,
  };
}

/** A client for rendering components that need one: every command fails, no events, never connected. */
export function fakeClient(): InspectorClient {
  return {
    call: () => Promise.reject(new Error('offline')),
    subscribe: () => () => undefined,
    onConnection: () => () => undefined,
    connection: 'connecting',
    resourceUrl: (p) => p,
    close: () => undefined,
  };
}
