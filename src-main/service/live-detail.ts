import type { ExchangeDetail, LlmView, MessageSide } from '../contract/index.js';
import type { InFlightView, Providers } from '../capture/index.js';
import { decodeBody } from '../ingest/decode-body.js';
import type { BeginOp, CapturedSide } from '../ingest/index.js';
import { encodeBody } from '../store/exchange-queries.js';
import { liveSummary } from './live-summary.js';

/** States of an exchange the capture stage still holds. */
export function isInFlightState(state: ExchangeDetail['state']): boolean {
  return state === 'pending' || state === 'streaming';
}

/** One side as the store would keep it: decoded (under the same cap), then shown as text or base64. */
function sideOf(side: CapturedSide, maxBodyBytes: number): { view: MessageSide; body: Buffer | null } {
  const d = decodeBody(side.raw, side.contentEncoding, maxBodyBytes);
  const truncated = side.truncated || d.truncated;
  return {
    view: {
      headers: side.headers,
      bytes: side.bytes,
      contentEncoding: side.contentEncoding,
      ...encodeBody(d.body, truncated),
      storedBytes: d.storedBytes,
      truncated,
      decodeError: d.decodeError,
    },
    body: d.decodeError === null ? d.body : null,
  };
}

export interface InFlightDetailInput {
  op: BeginOp;
  view: InFlightView;
  /** the row the store holds for it (the begin row), or null when it is not written yet */
  stored: ExchangeDetail | null;
  /** capture.maxBodyBytes: the decoded cap the ingest worker applies */
  maxBodyBytes: number;
  /** the provider modules, for the request's LLM view; null when they could not be loaded */
  providers: Providers | null;
  /** capture.parseLlm: whether provider, API and model are filled in (the LLM view is shown either way, as stored) */
  parseLlm: boolean;
}

/**
 * The detail of an exchange still in flight: the live state (streaming or pending, status, timings so far) over the
 * stored begin row, the request as it will be stored (headers redacted, body decoded under the cap) with its LLM
 * view, and the response so far (the reply as the live parse sees it, when one runs).
 */
export function inFlightDetail({ op, view, stored, maxBodyBytes, providers, parseLlm }: InFlightDetailInput): ExchangeDetail {
  const live = liveSummary(op, view.live);
  const request = sideOf(view.request, maxBodyBytes);
  const response = sideOf(view.response, maxBodyBytes);
  let llm: LlmView | null = null;
  let model: string | null = null;
  if (providers !== null) {
    try {
      const parsed = providers.parseExchange({
        exchangeId: op.id,
        method: op.method,
        host: op.host,
        path: op.path,
        url: op.url,
        status: view.live.status,
        requestHeaders: view.request.headers,
        responseHeaders: view.response.headers,
        requestBody: request.body,
        // the reply is not parsed from a partial body here: the live parse (when it runs) has it
        responseBody: null,
        contentType: view.live.contentType,
        startedAt: op.startedAt,
        responseChunkTimes: null,
      });
      if (parsed !== null) {
        llm = { provider: parsed.provider, api: parsed.api, request: parsed.request, response: view.reply?.response ?? null };
        model = parsed.request?.model ?? parsed.urlModel;
      }
    } catch {
      llm = null;
    }
  }
  const base = stored ?? live;
  return {
    ...base,
    status: live.status,
    state: live.state,
    timings: { ttfbMs: live.timings.ttfbMs, ttftMs: view.reply?.firstContentAtMs ?? null, totalMs: null },
    requestBytes: live.requestBytes,
    responseBytes: live.responseBytes,
    contentType: live.contentType,
    stream: live.stream,
    provider: base.provider ?? (parseLlm ? (llm?.provider ?? null) : null),
    api: base.api ?? (parseLlm ? (llm?.api ?? null) : null),
    model: base.model ?? (parseLlm ? model : null),
    request: request.view,
    response: response.view,
    usageRaw: stored?.usageRaw ?? null,
    responseChunkTimes: view.response.chunkTimes,
    llm,
  };
}
