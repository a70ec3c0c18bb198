import type { ExchangeSummary } from '../contract/index.js';
import type { LiveUpdate } from '../capture/index.js';
import type { BeginOp, FinishOp } from '../ingest/index.js';

/** What names an exchange from its first moment; begin and finish ops both carry it. */
type ExchangeIdentity = Pick<BeginOp, 'id' | 'startedAt' | 'mode' | 'method' | 'url' | 'host' | 'path'>;

/** The HTTP side of an exchange as far as it got. */
type Progress = Pick<ExchangeSummary, 'status' | 'state' | 'error' | 'requestBytes' | 'responseBytes' | 'contentType' | 'stream'> & {
  ttfbMs: number | null;
  totalMs: number | null;
};

// Every field is spelled out once, here: these run for each exchange while a UI watches, and object spread or rest
// copies through V8's generic (slow) path.
function summary(op: ExchangeIdentity, p: Progress, starred: boolean): ExchangeSummary {
  return {
    id: op.id,
    startedAt: op.startedAt,
    mode: op.mode,
    method: op.method,
    url: op.url,
    host: op.host,
    path: op.path,
    status: p.status,
    state: p.state,
    error: p.error,
    timings: { ttfbMs: p.ttfbMs, ttftMs: null, totalMs: p.totalMs },
    requestBytes: p.requestBytes,
    responseBytes: p.responseBytes,
    contentType: p.contentType,
    stream: p.stream,
    // the LLM facts come from the ingest worker, with the committed summary
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
    starred,
  };
}

/** The summary of an exchange still in flight, before the store and the providers stage have seen it. */
export function liveSummary(op: ExchangeIdentity, live: LiveUpdate | null, starred = false): ExchangeSummary {
  return summary(op, {
    status: live?.status ?? null,
    state: live?.state ?? 'pending',
    error: null,
    ttfbMs: live?.ttfbMs ?? null,
    totalMs: null,
    requestBytes: live?.requestBytes ?? 0,
    responseBytes: live?.responseBytes ?? 0,
    contentType: live?.contentType ?? null,
    stream: live?.stream ?? false,
  }, starred);
}

/** What is known the moment an exchange ends, before it is committed. */
export function endedSummary(op: FinishOp, starred = false): ExchangeSummary {
  return summary(op, {
    status: op.status,
    state: op.state,
    error: op.error,
    ttfbMs: op.ttfbMs,
    totalMs: op.totalMs,
    requestBytes: op.request.bytes,
    responseBytes: op.response.bytes,
    contentType: op.response.contentType,
    stream: op.stream,
  }, starred);
}
