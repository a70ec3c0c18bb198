import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import type {
  ErrorCode,
  ExchangeDetail,
  ExchangeMode,
  ExchangePage,
  ExchangeQuery,
  ExchangeState,
  ExchangeSummary,
  HeaderPairs,
  LlmView,
  MessageSide,
  Usage,
} from '../contract/index.js';
import type { ProviderInput } from '../providers/index.js';
import { decodeChunkTimes } from './chunk-times.js';
import { ERROR_CONDITION, listSql } from './exchange-list.js';

export { ERROR_CONDITION };

export const SUMMARY_COLUMNS = `id, started_at, mode, method, url, host, path, status, state, error_code, error_message,
  ttfb_ms, ttft_ms, total_ms, request_bytes, response_bytes, content_type, stream, provider, api, model,
  response_model, usage_input, usage_output, usage_cache_read, usage_cache_write, usage_reasoning, usage_total,
  usage_source, cost_usd, conversation_id, tag, finish_reason, turn, starred`;

interface SummaryRow {
  id: number;
  started_at: number;
  mode: string;
  method: string;
  url: string;
  host: string;
  path: string;
  status: number | null;
  state: string;
  error_code: string | null;
  error_message: string | null;
  ttfb_ms: number | null;
  ttft_ms: number | null;
  total_ms: number | null;
  request_bytes: number;
  response_bytes: number;
  content_type: string | null;
  stream: number;
  provider: string | null;
  api: string | null;
  model: string | null;
  response_model: string | null;
  usage_input: number | null;
  usage_output: number | null;
  usage_cache_read: number | null;
  usage_cache_write: number | null;
  usage_reasoning: number | null;
  usage_total: number | null;
  usage_source: string | null;
  cost_usd: number | null;
  conversation_id: string | null;
  tag: string | null;
  finish_reason: string | null;
  turn: number | null;
  starred: number;
}

export interface DetailRow extends SummaryRow {
  req_headers: string;
  res_headers: string;
  req_content_encoding: string | null;
  res_content_encoding: string | null;
  req_truncated: number;
  res_truncated: number;
  req_decode_error: string | null;
  res_decode_error: string | null;
  req_stored_bytes: number;
  res_stored_bytes: number;
  req_content_type: string | null;
  usage_raw: string | null;
  res_chunk_times: Buffer | null;
}

function rowToSummary(r: SummaryRow): ExchangeSummary {
  const usage: Usage | null =
    r.usage_source === null
      ? null
      : {
          inputTokens: r.usage_input,
          outputTokens: r.usage_output,
          cacheReadTokens: r.usage_cache_read,
          cacheWriteTokens: r.usage_cache_write,
          reasoningTokens: r.usage_reasoning,
          totalTokens: r.usage_total,
          source: r.usage_source as Usage['source'],
        };
  return {
    id: r.id,
    startedAt: r.started_at,
    mode: r.mode as ExchangeMode,
    method: r.method,
    url: r.url,
    host: r.host,
    path: r.path,
    status: r.status,
    state: r.state as ExchangeState,
    error: r.error_code === null ? null : { code: r.error_code as ErrorCode, message: r.error_message ?? '' },
    timings: { ttfbMs: r.ttfb_ms, ttftMs: r.ttft_ms, totalMs: r.total_ms },
    requestBytes: r.request_bytes,
    responseBytes: r.response_bytes,
    contentType: r.content_type,
    stream: r.stream !== 0,
    provider: r.provider,
    api: r.api,
    model: r.model,
    responseModel: r.response_model,
    usage,
    costUsd: r.cost_usd,
    conversationId: r.conversation_id,
    tag: r.tag,
    finishReason: r.finish_reason,
    turn: r.turn,
    starred: r.starred !== 0,
  };
}

function parseUsageRaw(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What the providers stage saw for a stored exchange: the same input ingest gave it (decoded bodies, chunk times). */
export function providerInputOf(row: DetailRow, bodies: ReadonlyMap<string, Buffer>): ProviderInput {
  return {
    exchangeId: row.id,
    method: row.method,
    host: row.host,
    path: row.path,
    url: row.url,
    status: row.status,
    requestHeaders: parseHeaders(row.req_headers),
    responseHeaders: parseHeaders(row.res_headers),
    requestBody: row.req_decode_error === null ? (bodies.get('req') ?? null) : null,
    responseBody: row.res_decode_error === null ? (bodies.get('res') ?? null) : null,
    contentType: row.content_type,
    startedAt: row.started_at,
    responseChunkTimes: decodeChunkTimes(row.res_chunk_times),
  };
}

/**
 * Text when the bytes are UTF-8, else base64. A body cut by the size cap may end inside a character; that partial
 * character is dropped rather than turning the whole body into base64.
 */
export function encodeBody(data: Buffer | null, truncated: boolean): Pick<MessageSide, 'body' | 'bodyEncoding'> {
  if (data === null) return { body: null, bodyEncoding: 'utf8' };
  if (isUtf8(data)) return { body: data.toString('utf8'), bodyEncoding: 'utf8' };
  if (truncated) {
    let end = data.length;
    for (let i = 0; i < 3 && end > 0 && ((data[end - 1] ?? 0) & 0x80) !== 0; i++) {
      end--;
      const head = data.subarray(0, end);
      if (isUtf8(head)) return { body: head.toString('utf8'), bodyEncoding: 'utf8' };
    }
  }
  return { body: data.toString('base64'), bodyEncoding: 'base64' };
}

function parseHeaders(json: string): HeaderPairs {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as HeaderPairs) : [];
  } catch {
    return [];
  }
}


/** Read side of the store. Statements are cached per distinct filter shape (a bounded set). */
export class ExchangeQueries {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly stmt: Record<'detail' | 'summary' | 'bodies' | 'body' | 'totals' | 'byState', Database.Statement>;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      detail: db.prepare('SELECT * FROM exchanges WHERE id = ?'),
      summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM exchanges WHERE id = ?`),
      bodies: db.prepare('SELECT side, data FROM bodies WHERE key IN (? * 2, ? * 2 + 1)'),
      body: db.prepare('SELECT data FROM bodies WHERE key = ?').pluck(),
      totals: db.prepare(`SELECT count(*) AS n, coalesce(sum(request_bytes), 0) AS req,
        coalesce(sum(response_bytes), 0) AS res, coalesce(sum(${ERROR_CONDITION}), 0) AS errors FROM exchanges`),
      byState: db.prepare('SELECT state, count(*) AS n FROM exchanges GROUP BY state'),
    };
  }

  private prepared(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  list(q: ExchangeQuery): ExchangePage {
    const plan = listSql(q, SUMMARY_COLUMNS);
    if (plan === null) return { items: [], nextBefore: null, nextOffset: null };
    const { limit, paging } = plan;
    const rows = this.prepared(plan.sql).all(...plan.args) as SummaryRow[];
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(rowToSummary);
    if (paging.kind === 'offset') return { items, nextBefore: null, nextOffset: more ? paging.offset + limit : null };
    return { items, nextBefore: more ? (items[items.length - 1]?.id ?? null) : null, nextOffset: null };
  }

  /** One exchange's list row; null when there is none. */
  summary(id: number): ExchangeSummary | null {
    const row = this.stmt.summary.get(id) as SummaryRow | undefined;
    return row === undefined ? null : rowToSummary(row);
  }

  /**
   * One exchange with headers and bodies. `llmView` (the worker passes the providers' parser) turns the stored bodies
   * into the normalised LLM view; a parser that throws costs only the view.
   */
  get(id: number, llmView?: (input: ProviderInput) => LlmView | null): ExchangeDetail | null {
    const row = this.stmt.detail.get(id) as DetailRow | undefined;
    if (row === undefined) return null;
    const bodies = this.bodiesOf(id);
    const side = (p: 'req' | 'res'): MessageSide => {
      const truncated = row[`${p}_truncated`] !== 0;
      return {
        headers: parseHeaders(row[`${p}_headers`]),
        bytes: p === 'req' ? row.request_bytes : row.response_bytes,
        contentEncoding: row[`${p}_content_encoding`],
        ...encodeBody(bodies.get(p) ?? null, truncated),
        storedBytes: row[`${p}_stored_bytes`],
        truncated,
        decodeError: row[`${p}_decode_error`],
      };
    };
    let llm: LlmView | null = null;
    if (llmView !== undefined && row.state !== 'pending' && row.state !== 'streaming') {
      try {
        llm = llmView(providerInputOf(row, bodies));
      } catch {
        llm = null;
      }
    }
    return {
      ...rowToSummary(row),
      request: side('req'),
      response: side('res'),
      usageRaw: parseUsageRaw(row.usage_raw),
      responseChunkTimes: decodeChunkTimes(row.res_chunk_times),
      llm,
    };
  }

  private bodiesOf(id: number): Map<string, Buffer> {
    const bodies = new Map<string, Buffer>();
    for (const b of this.stmt.bodies.all(id, id) as { side: string; data: Buffer }[]) bodies.set(b.side, b.data);
    return bodies;
  }

  /** The providers stage's input for a stored exchange, or null when there is no such exchange. */
  providerInput(id: number): ProviderInput | null {
    const row = this.stmt.detail.get(id) as DetailRow | undefined;
    return row === undefined ? null : providerInputOf(row, this.bodiesOf(id));
  }

  getBody(id: number, side: 'req' | 'res'): Buffer | null {
    return (this.stmt.body.get(id * 2 + (side === 'res' ? 1 : 0)) as Buffer | undefined) ?? null;
  }

  stats(): { exchanges: number; byState: Record<string, number>; errors: number; requestBytes: number; responseBytes: number } {
    const t = this.stmt.totals.get() as { n: number; req: number; res: number; errors: number };
    const byState: Record<string, number> = {};
    for (const r of this.stmt.byState.all() as { state: string; n: number }[]) byState[r.state] = r.n;
    return { exchanges: t.n, byState, errors: t.errors, requestBytes: t.req, responseBytes: t.res };
  }
}
