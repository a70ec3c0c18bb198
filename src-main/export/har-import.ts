import zlib from 'node:zlib';
import { z } from 'zod';
import { ExchangeErrorSchema, ExchangeModeSchema, ExchangeStateSchema, type HeaderPairs } from '../contract/index.js';
import type { CapturedSide, FinishOp } from '../ingest/ingest-ops.js';
import { HAR_EXTENSION } from './har-export.js';

/**
 * HAR → exchanges, stored as if captured live: each entry becomes the same FinishOp the capture stage hands the
 * ingest worker, which decodes it and runs the LLM stage (providers → usage → cost → conversations). HAR bodies are
 * already decoded, so a body whose headers name a Content-Encoding is encoded again here: the stored row then keeps
 * its wire encoding and decodes exactly as a live capture would. Entries this inspector wrote carry `_llmInspector`,
 * which restores what HAR has no field for (mode, state, TTFT, chunk times, truncation).
 */

const num = z.number().finite();
const HeaderSchema = z.object({ name: z.string(), value: z.coerce.string() });
const SideExtSchema = z.object({
  bytes: num, storedBytes: num, truncated: z.boolean(), contentEncoding: z.string().nullable(), decodeError: z.string().nullable(),
});
const ExtSchema = z.object({
  mode: ExchangeModeSchema,
  state: ExchangeStateSchema,
  error: ExchangeErrorSchema.nullable(),
  host: z.string(),
  path: z.string(),
  stream: z.boolean(),
  ttfbMs: num.nullable(),
  totalMs: num.nullable(),
  chunkTimes: z.array(num).nullable(),
  request: SideExtSchema,
  response: SideExtSchema,
}).partial();

export const HarEntrySchema = z.object({
  startedDateTime: z.string(),
  time: num.optional(),
  request: z.object({
    method: z.string().min(1),
    url: z.string().min(1),
    headers: z.array(HeaderSchema).default([]),
    bodySize: num.optional(),
    postData: z.object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional(), _encoding: z.string().optional() }).optional(),
  }),
  response: z.object({
    status: num.default(0),
    headers: z.array(HeaderSchema).default([]),
    bodySize: num.optional(),
    content: z.object({ size: num.optional(), mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional() }).optional(),
    _error: z.string().optional(),
  }),
  timings: z.record(z.string(), z.unknown()).optional(),
  [HAR_EXTENSION]: z.unknown().optional(),
});

export const HarDocumentSchema = z.object({ log: z.object({ entries: z.array(z.unknown()) }) });

export type ImportOp = Omit<FinishOp, 'id'>;

const headerValue = (h: HeaderPairs, name: string): string | null => h.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;

function encode(body: Buffer, encoding: string | null): { raw: Buffer; encoding: string | null } {
  const layers = (encoding ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '' && e !== 'identity');
  let raw = body;
  for (const e of layers) {
    if (e === 'gzip' || e === 'x-gzip') raw = zlib.gzipSync(raw);
    else if (e === 'deflate') raw = zlib.deflateSync(raw);
    else if (e === 'br') raw = zlib.brotliCompressSync(raw);
    // an encoding Node cannot produce (zstd on Node 20): store the decoded bytes as they are
    else return { raw: body, encoding: null };
  }
  return { raw, encoding };
}

function sideOf(
  headers: HeaderPairs,
  text: string | undefined,
  base64: boolean,
  wireBytes: number | undefined,
  ext: z.infer<typeof SideExtSchema> | undefined,
  contentType: string | null,
  chunkTimes: number[] | null,
): CapturedSide {
  const body = text === undefined ? null : Buffer.from(text, base64 ? 'base64' : 'utf8');
  const declared = headerValue(headers, 'content-encoding');
  // a body the original capture could not decode was stored raw: keep it raw, so it fails to decode the same way
  const { raw, encoding } = body === null || ext?.decodeError ? { raw: body, encoding: declared } : encode(body, declared);
  return {
    headers,
    raw,
    bytes: ext?.bytes ?? (wireBytes !== undefined && wireBytes >= 0 ? wireBytes : (raw?.length ?? 0)),
    truncated: ext?.truncated ?? false,
    contentEncoding: encoding,
    contentType,
    chunkTimes,
  };
}

function timing(t: Record<string, unknown> | undefined, key: string): number {
  const v = t?.[key];
  return typeof v === 'number' && v > 0 ? v : 0;
}

/** One HAR entry → the op a live capture would have produced (without an id: the store numbers it). */
export function entryToOp(raw: unknown): ImportOp {
  const e = HarEntrySchema.parse(raw);
  const extParsed = ExtSchema.safeParse(e[HAR_EXTENSION]);
  const ext = extParsed.success ? extParsed.data : {};
  const startedAt = Date.parse(e.startedDateTime);
  if (!Number.isFinite(startedAt)) throw new Error(`startedDateTime ${JSON.stringify(e.startedDateTime)} is not a date`);
  let host = ext.host;
  let path = ext.path;
  let https = true;
  if (host === undefined || path === undefined) {
    const u = new URL(e.request.url);
    host = u.hostname.replace(/^\[|\]$/g, '');
    path = `${u.pathname}${u.search}`;
    https = u.protocol === 'https:';
  }
  const reqHeaders: HeaderPairs = e.request.headers.map((h) => [h.name, h.value]);
  const resHeaders: HeaderPairs = e.response.headers.map((h) => [h.name, h.value]);
  const status = e.response.status > 0 ? e.response.status : null;
  const post = e.request.postData;
  const content = e.response.content;
  const t = e.timings;
  // HAR's TTFB: everything up to the first response byte (ssl is already inside connect)
  const ttfb = ['blocked', 'dns', 'connect', 'send', 'wait'].reduce((s, k) => s + timing(t, k), 0);
  const resType = content?.mimeType || headerValue(resHeaders, 'content-type');
  return {
    op: 'finish',
    startedAt,
    mode: ext.mode ?? (https ? 'mitm' : 'http'),
    method: e.request.method,
    url: e.request.url,
    host,
    path,
    status,
    state: ext.state === 'complete' || ext.state === 'aborted' || ext.state === 'error' ? ext.state : status === null ? 'error' : 'complete',
    error: ext.error !== undefined ? ext.error : status === null ? { code: 'upstream_unreachable', message: e.response._error ?? 'the HAR entry has no response' } : null,
    ttfbMs: ext.ttfbMs !== undefined ? ext.ttfbMs : t === undefined ? null : ttfb,
    totalMs: ext.totalMs !== undefined ? ext.totalMs : (e.time ?? null),
    stream: ext.stream ?? /event-stream|ndjson|jsonl|eventstream/i.test(resType ?? ''),
    request: sideOf(reqHeaders, post?.text, (post?._encoding ?? post?.encoding) === 'base64', e.request.bodySize, ext.request,
      headerValue(reqHeaders, 'content-type') ?? post?.mimeType ?? null, null),
    response: sideOf(resHeaders, content?.text, content?.encoding === 'base64', e.response.bodySize, ext.response,
      resType || null, ext.chunkTimes ?? null),
  };
}

export interface ParsedHar {
  ops: ImportOp[];
  skipped: { index: number; reason: string }[];
}

/** A whole HAR document → ops, skipping (with why) the entries that cannot be exchanges. */
export function harToOps(doc: unknown): ParsedHar {
  const parsed = HarDocumentSchema.safeParse(doc);
  if (!parsed.success) throw new Error('not a HAR file: expected {"log":{"entries":[…]}}');
  const ops: ImportOp[] = [];
  const skipped: ParsedHar['skipped'] = [];
  parsed.data.log.entries.forEach((entry, index) => {
    try {
      ops.push(entryToOp(entry));
    } catch (err) {
      const reason = err instanceof z.ZodError ? z.prettifyError(err).replace(/\s*\n\s*/g, ' ') : (err as Error).message;
      skipped.push({ index, reason });
    }
  });
  return { ops, skipped };
}
