import { analyseExchange, emptyFacts, type ProviderFacts } from '../providers/index.js';
import type { FinishRecord, StoredSide } from '../store/index.js';
import { decodeBody } from './decode-body.js';
import type { CapturedSide, FinishOp } from './ingest-ops.js';

function decodeSide(side: CapturedSide, maxBodyBytes: number): StoredSide {
  const d = decodeBody(side.raw, side.contentEncoding, maxBodyBytes);
  return {
    headers: side.headers,
    bytes: side.bytes,
    contentEncoding: side.contentEncoding,
    contentType: side.contentType,
    body: d.body,
    truncated: side.truncated || d.truncated,
    decodeError: d.decodeError,
    chunkTimes: side.chunkTimes,
  };
}

/** The decode → providers stages for one finished exchange. Total: a failing parser costs the facts, not the exchange. */
export function prepareFinish(op: FinishOp, maxBodyBytes: number): FinishRecord {
  const request = decodeSide(op.request, maxBodyBytes);
  const response = decodeSide(op.response, maxBodyBytes);
  let facts: ProviderFacts;
  try {
    facts = analyseExchange({
      method: op.method,
      host: op.host,
      path: op.path,
      url: op.url,
      status: op.status,
      requestHeaders: request.headers,
      responseHeaders: response.headers,
      requestBody: request.decodeError === null ? request.body : null,
      responseBody: response.decodeError === null ? response.body : null,
      contentType: response.contentType,
      startedAt: op.startedAt,
      responseChunkTimes: op.response.chunkTimes,
    });
  } catch {
    facts = emptyFacts();
  }
  return {
    op: 'finish',
    id: op.id,
    startedAt: op.startedAt,
    mode: op.mode,
    method: op.method,
    url: op.url,
    host: op.host,
    path: op.path,
    status: op.status,
    state: op.state,
    error: op.error,
    ttfbMs: op.ttfbMs,
    totalMs: op.totalMs,
    stream: op.stream,
    request,
    response,
    facts,
  };
}
