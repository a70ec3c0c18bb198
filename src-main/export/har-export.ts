import { STATUS_CODES } from 'node:http';
import type { Entry, Header } from 'har-format';
import type { ExchangeDetail, ExportOptions, ExportReport, HeaderPairs, MessageSide } from '../contract/index.js';
import { VERSION } from '../core/version.js';
import type { ExportSink } from './dataset-export.js';
import { ReportBuilder } from './report.js';
import type { ExportSource } from './source.js';

/**
 * HAR 1.2 export of any selection, as Chrome DevTools, HTTP Toolkit and Charles read it: bodies decoded (as HAR wants
 * them; binary ones base64), headers as captured (secrets already redacted), timings from the recorded TTFB and total.
 * What HAR has no field for (capture mode and state, TTFT, chunk arrival times, truncation, the LLM facts) rides in
 * the custom `_llmInspector` field (HAR allows `_`-prefixed extensions), so an import restores the exchange whole.
 */

/** The `_llmInspector` extension of an entry. */
export interface HarExtension {
  id: number;
  mode: ExchangeDetail['mode'];
  state: ExchangeDetail['state'];
  error: ExchangeDetail['error'];
  host: string;
  path: string;
  stream: boolean;
  ttfbMs: number | null;
  ttftMs: number | null;
  totalMs: number | null;
  chunkTimes: number[] | null;
  request: SideExtension;
  response: SideExtension;
  provider: string | null;
  api: string | null;
  model: string | null;
  responseModel: string | null;
  usage: ExchangeDetail['usage'];
  costUsd: number | null;
  conversationId: string | null;
  turn: number | null;
  tag: string | null;
  finishReason: string | null;
}

interface SideExtension {
  bytes: number;
  storedBytes: number;
  truncated: boolean;
  contentEncoding: string | null;
  decodeError: string | null;
}

export const HAR_EXTENSION = '_llmInspector';

const headerValue = (h: HeaderPairs, name: string): string | null => h.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
const harHeaders = (h: HeaderPairs): Header[] => h.map(([name, value]) => ({ name, value }));

function side(s: MessageSide): SideExtension {
  return { bytes: s.bytes, storedBytes: s.storedBytes, truncated: s.truncated, contentEncoding: s.contentEncoding, decodeError: s.decodeError };
}

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** One exchange as a HAR entry. */
export function harEntry(x: ExchangeDetail): Entry & { [HAR_EXTENSION]: HarExtension } {
  const wait = Math.max(0, x.timings.ttfbMs ?? x.timings.totalMs ?? 0);
  const receive = Math.max(0, (x.timings.totalMs ?? wait) - wait);
  const reqType = headerValue(x.request.headers, 'content-type') ?? '';
  const resType = x.contentType ?? headerValue(x.response.headers, 'content-type') ?? '';
  const entry: Entry & { [HAR_EXTENSION]: HarExtension } = {
    startedDateTime: new Date(x.startedAt).toISOString(),
    time: wait + receive,
    request: {
      method: x.method,
      url: x.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(x.request.headers),
      queryString: queryString(x.url),
      headersSize: -1,
      bodySize: x.request.bytes,
      ...(x.request.body === null
        ? {}
        : { postData: { mimeType: reqType, text: x.request.body, ...(x.request.bodyEncoding === 'base64' ? { _encoding: 'base64' } : {}) } }),
    },
    response: {
      status: x.status ?? 0,
      statusText: x.status === null ? '' : (STATUS_CODES[x.status] ?? ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(x.response.headers),
      content: {
        size: x.response.storedBytes,
        ...(x.response.contentEncoding !== null && x.response.decodeError === null ? { compression: x.response.bytes - x.response.storedBytes } : {}),
        mimeType: resType,
        ...(x.response.body === null ? {} : { text: x.response.body }),
        ...(x.response.body !== null && x.response.bodyEncoding === 'base64' ? { encoding: 'base64' } : {}),
      },
      redirectURL: headerValue(x.response.headers, 'location') ?? '',
      headersSize: -1,
      bodySize: x.response.bytes,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive },
    [HAR_EXTENSION]: {
      id: x.id, mode: x.mode, state: x.state, error: x.error, host: x.host, path: x.path, stream: x.stream,
      ttfbMs: x.timings.ttfbMs, ttftMs: x.timings.ttftMs, totalMs: x.timings.totalMs, chunkTimes: x.responseChunkTimes,
      request: side(x.request), response: side(x.response),
      provider: x.provider, api: x.api, model: x.model, responseModel: x.responseModel, usage: x.usage, costUsd: x.costUsd,
      conversationId: x.conversationId, turn: x.turn, tag: x.tag, finishReason: x.finishReason,
    },
  };
  if (x.error !== null) (entry.response as { _error?: string })._error = x.error.message;
  return entry;
}

/**
 * Streams a HAR document: the envelope, then one entry at a time (each read from the store when its turn comes), so
 * a selection of any size costs the memory of one exchange.
 */
export async function exportHar(source: ExportSource, opts: ExportOptions, sink: ExportSink): Promise<ExportReport> {
  const report = new ReportBuilder('har');
  const { ids } = source.select(opts, { dataset: false });
  await sink.line(`{"log":{"version":"1.2","creator":{"name":"LLM Inspector","version":${JSON.stringify(VERSION)}},"pages":[],"entries":[`);
  let first = true;
  for (let i = 0; i < ids.length; i++) {
    report.report.scanned++;
    sink.progress?.(i + 1, ids.length, report.report.written);
    const x = source.detail(ids[i]!);
    if (x === null) continue; // removed by retention while exporting
    if (x.state === 'pending' || x.state === 'streaming') {
      report.skip('in_flight');
      continue;
    }
    await sink.line(`${first ? '' : ','}${JSON.stringify(harEntry(x))}`);
    first = false;
    report.report.written++;
  }
  await sink.line(']}}');
  return report.finish();
}
