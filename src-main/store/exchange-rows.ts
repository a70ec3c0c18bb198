// How an exchange becomes a row of the exchanges table, and a row (or op) a list summary: column order, parameters
// and the summary shapes the writer hands back. Pure mapping, no SQLite calls.
import type { ExchangeSummary } from '../contract/index.js';
import type { BeginOp } from '../ingest/ingest-ops.js';
import { encodeChunkTimes } from './chunk-times.js';
import type { FinishRecord } from './store-types.js';

const FINISH_COLUMNS = [
  'id', 'started_at', 'mode', 'method', 'url', 'host', 'path', 'status', 'state', 'error_code', 'error_message',
  'ttfb_ms', 'ttft_ms', 'total_ms', 'request_bytes', 'response_bytes', 'content_type', 'req_content_type', 'stream',
  'provider', 'api', 'model', 'response_model', 'usage_input', 'usage_output', 'usage_cache_read', 'usage_cache_write',
  'usage_reasoning', 'usage_total', 'usage_source', 'cost_usd', 'conversation_id', 'tag', 'parser_version',
  'req_headers', 'res_headers', 'req_content_encoding', 'res_content_encoding', 'req_truncated', 'res_truncated',
  'req_decode_error', 'res_decode_error', 'req_stored_bytes', 'res_stored_bytes', 'finish_reason', 'turn', 'usage_raw',
  'response_id', 'res_chunk_times',
] as const;

export const FINISH_SQL = `INSERT INTO exchanges (${FINISH_COLUMNS.join(', ')}) VALUES (${FINISH_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT(id) DO UPDATE SET ${FINISH_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

export type Param = string | number | bigint | Buffer | null;

export function finishParams(r: FinishRecord): Param[] {
  const f = r.facts;
  const u = f.usage;
  const b = (v: boolean): number => (v ? 1 : 0);
  return [
    r.id, r.startedAt, r.mode, r.method, r.url, r.host, r.path, r.status, r.state, r.error?.code ?? null,
    r.error?.message ?? null, r.ttfbMs, f.ttftMs, r.totalMs, r.request.bytes, r.response.bytes,
    r.response.contentType, r.request.contentType, b(r.stream), f.provider, f.api, f.model, f.responseModel,
    u?.inputTokens ?? null, u?.outputTokens ?? null, u?.cacheReadTokens ?? null, u?.cacheWriteTokens ?? null,
    u?.reasoningTokens ?? null, u?.totalTokens ?? null, u?.source ?? null, f.costUsd, f.conversationId, f.tag,
    f.parserVersion, JSON.stringify(r.request.headers), JSON.stringify(r.response.headers),
    r.request.contentEncoding, r.response.contentEncoding, b(r.request.truncated), b(r.response.truncated),
    r.request.decodeError, r.response.decodeError, r.request.body?.length ?? 0, r.response.body?.length ?? 0,
    f.finishReason, f.turn, f.usageRaw, f.responseId, encodeChunkTimes(r.response.chunkTimes),
  ];
}

export function summaryOfBegin(op: BeginOp): ExchangeSummary {
  return {
    id: op.id, startedAt: op.startedAt, mode: op.mode, method: op.method, url: op.url, host: op.host, path: op.path,
    status: null, state: 'pending', error: null, timings: { ttfbMs: null, ttftMs: null, totalMs: null },
    requestBytes: 0, responseBytes: 0, contentType: null, stream: false, provider: null, api: null, model: null,
    responseModel: null, usage: null, costUsd: null, conversationId: null, tag: null, finishReason: null, turn: null,
    starred: false,
  };
}

/** `starred` is the row's star when the finish updates an existing row (a star set while it was in flight stays). */
export function summaryOfFinish(r: FinishRecord, starred = false): ExchangeSummary {
  const f = r.facts;
  return {
    id: r.id, startedAt: r.startedAt, mode: r.mode, method: r.method, url: r.url, host: r.host, path: r.path,
    status: r.status, state: r.state, error: r.error, timings: { ttfbMs: r.ttfbMs, ttftMs: f.ttftMs, totalMs: r.totalMs },
    requestBytes: r.request.bytes, responseBytes: r.response.bytes, contentType: r.response.contentType,
    stream: r.stream, provider: f.provider, api: f.api, model: f.model, responseModel: f.responseModel, usage: f.usage,
    costUsd: f.costUsd, conversationId: f.conversationId, tag: f.tag, finishReason: f.finishReason, turn: f.turn,
    starred,
  };
}
