import type { ExchangeDetail, ExportOptions, ExportReport, HeaderPairs, LlmView } from '../contract/index.js';
import { parseLlmView } from '../providers/index.js';
import type { ExportSink } from './dataset-export.js';
import { ReportBuilder } from './report.js';
import type { ExportSource } from './source.js';

/**
 * Seed-style trace files: one JSON document per exchange. The first fields are the seed proxy's own dump format
 * (`schema`, `request_headers` as an HTTP header block, `request_body`, `response_headers`, `response_body`), so tools
 * written for those dumps read these; the rest adds what the inspector knows: timing, usage, cost and the parsed call.
 */
export interface TraceFile {
  schema: 'v1';
  request_headers: string;
  request_body: string;
  response_headers: string;
  response_body: string;
  id: number;
  started_at: string;
  method: string;
  url: string;
  status: number | null;
  state: ExchangeDetail['state'];
  error: ExchangeDetail['error'];
  provider: string | null;
  model: string | null;
  response_model: string | null;
  conversation_id: string | null;
  turn: number | null;
  tag: string | null;
  timing: { ttfb_ms: number | null; ttft_ms: number | null; total_ms: number | null };
  usage: ExchangeDetail['usage'];
  usage_raw: unknown;
  cost_usd: number | null;
  finish_reason: string | null;
  /** body encodings, when a body is not UTF-8 text (then it is base64) */
  body_encoding: { request: 'utf8' | 'base64'; response: 'utf8' | 'base64' };
  llm: LlmView | null;
}

const headerBlock = (h: HeaderPairs): string => h.map(([k, v]) => `${k}: ${v}\r\n`).join('');

export function traceOf(x: ExchangeDetail): TraceFile {
  return {
    schema: 'v1',
    request_headers: headerBlock(x.request.headers),
    request_body: x.request.body ?? '',
    response_headers: headerBlock(x.response.headers),
    response_body: x.response.body ?? '',
    id: x.id,
    started_at: new Date(x.startedAt).toISOString(),
    method: x.method,
    url: x.url,
    status: x.status,
    state: x.state,
    error: x.error,
    provider: x.provider,
    model: x.model,
    response_model: x.responseModel,
    conversation_id: x.conversationId,
    turn: x.turn,
    tag: x.tag,
    timing: { ttfb_ms: x.timings.ttfbMs, ttft_ms: x.timings.ttftMs, total_ms: x.timings.totalMs },
    usage: x.usage,
    usage_raw: x.usageRaw,
    cost_usd: x.costUsd,
    finish_reason: x.finishReason,
    body_encoding: { request: x.request.bodyEncoding, response: x.response.bodyEncoding },
    llm: x.llm,
  };
}

/** File name of an exchange's trace: zero-padded id, so a directory listing is in capture order. */
export const traceFileName = (id: number): string => `exchange-${String(id).padStart(8, '0')}.json`;

/** Writes one trace per selected exchange: to `sink.file` (a directory) or as JSONL lines (REST). */
export async function exportTraces(
  source: ExportSource,
  opts: ExportOptions,
  sink: ExportSink & { file?(name: string, text: string): void | Promise<void> },
): Promise<ExportReport> {
  const report = new ReportBuilder('traces');
  const { ids } = source.select(opts, { dataset: false });
  for (let i = 0; i < ids.length; i++) {
    report.report.scanned++;
    sink.progress?.(i + 1, ids.length, report.report.written);
    const x = source.detail(ids[i]!, parseLlmView);
    if (x === null) continue;
    if (x.state === 'pending' || x.state === 'streaming') {
      report.skip('in_flight');
      continue;
    }
    const trace = traceOf(x);
    if (sink.file) await sink.file(traceFileName(x.id), `${JSON.stringify(trace, null, 2)}\n`);
    else await sink.line(JSON.stringify(trace));
    report.report.written++;
  }
  return report.finish();
}
