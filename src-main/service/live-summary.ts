import type { ExchangeSummary } from '../contract/index.js';
import type { LiveUpdate } from '../capture/index.js';
import type { BeginOp, FinishOp } from '../ingest/index.js';

/** The summary of an exchange still in flight, before the store and the providers stage have seen it. */
export function liveSummary(op: BeginOp, live: LiveUpdate | null): ExchangeSummary {
  return {
    id: op.id,
    startedAt: op.startedAt,
    mode: op.mode,
    method: op.method,
    url: op.url,
    host: op.host,
    path: op.path,
    status: live?.status ?? null,
    state: live?.state ?? 'pending',
    error: null,
    timings: { ttfbMs: live?.ttfbMs ?? null, ttftMs: null, totalMs: null },
    requestBytes: live?.requestBytes ?? 0,
    responseBytes: live?.responseBytes ?? 0,
    contentType: live?.contentType ?? null,
    stream: live?.stream ?? false,
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
  };
}

/** What is known the moment an exchange ends, before it is committed. */
export function endedSummary(op: FinishOp): ExchangeSummary {
  return {
    ...liveSummary({ ...op, op: 'begin', requestHeaders: [] }, null),
    status: op.status,
    state: op.state,
    error: op.error,
    timings: { ttfbMs: op.ttfbMs, ttftMs: null, totalMs: op.totalMs },
    requestBytes: op.request.bytes,
    responseBytes: op.response.bytes,
    contentType: op.response.contentType,
    stream: op.stream,
  };
}
