import { emptyFacts, type ProviderFacts, type ProviderInput } from '../providers/provider-facts.js';
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
/**
 * The decode → LLM stages for one finished exchange. `analyse` is the LLM stage (total: a failing parser costs the
 * facts, not the exchange), or null when LLM parsing is off or not loaded.
 */
export function prepareFinish(
  op: FinishOp,
  maxBodyBytes: number,
  analyse: ((input: ProviderInput) => ProviderFacts) | null,
): FinishRecord {
  const request = decodeSide(op.request, maxBodyBytes);
  const response = decodeSide(op.response, maxBodyBytes);
  const facts: ProviderFacts = analyse ? analyse({
      exchangeId: op.id,
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
    }) : emptyFacts();
  const midStreamError = facts.providerError !== null && op.state === 'complete' && (op.status ?? 0) < 400;
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
    // an error event inside a successful stream fails the exchange even though HTTP said 200 (an HTTP error status
    // already says so itself; its message is in the exchange's LLM view)
    state: midStreamError ? 'error' : op.state,
    error: op.error ?? (midStreamError && facts.providerError ? { code: 'provider_error', message: `${facts.providerError.type}: ${facts.providerError.message}` } : null),
    ttfbMs: op.ttfbMs,
    totalMs: op.totalMs,
    stream: op.stream,
    request,
    response,
    facts,
  };
}
