import { z } from 'zod';
import { UsageSchema } from './usage.js';
import { LlmViewSchema } from './llm.js';

/** How the exchange reached the inspector. */
export const ExchangeModeSchema = z.enum(['mitm', 'http', 'base-url', 'tunnel']);
export type ExchangeMode = z.infer<typeof ExchangeModeSchema>;

export const ExchangeStateSchema = z.enum(['pending', 'streaming', 'complete', 'aborted', 'error']);
export type ExchangeState = z.infer<typeof ExchangeStateSchema>;

/** Causes a client can see in a 502/504 body and the UI shows on the exchange. */
export const ErrorCodeSchema = z.enum([
  'upstream_unreachable',
  'upstream_tls_verify_failed',
  'upstream_timeout',
  'upstream_reset',
  'client_aborted',
  'client_tls_rejected',
  'provider_error',
  'bad_request',
  'inspector_stopped',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ExchangeErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type ExchangeError = z.infer<typeof ExchangeErrorSchema>;

// Usage lives in its own module so llm.ts (which this module needs) can use it without an import cycle.
export { UsageSchema, type Usage } from './usage.js';

export const TimingsSchema = z.object({
  /** request start → first response byte (headers) */
  ttfbMs: z.number().nullable(),
  /** request start → first content token; set by provider parsers */
  ttftMs: z.number().nullable(),
  /** request start → last byte (or failure) */
  totalMs: z.number().nullable(),
});
export type Timings = z.infer<typeof TimingsSchema>;

/** Raw header pairs in wire order and case, secrets already redacted. */
export const HeaderPairsSchema = z.array(z.tuple([z.string(), z.string()]));
export type HeaderPairs = z.infer<typeof HeaderPairsSchema>;

/** A light row for lists and live events: no headers, no bodies. */
export const ExchangeSummarySchema = z.object({
  id: z.number().int(),
  startedAt: z.number(),
  mode: ExchangeModeSchema,
  method: z.string(),
  url: z.string(),
  host: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  state: ExchangeStateSchema,
  error: ExchangeErrorSchema.nullable(),
  timings: TimingsSchema,
  requestBytes: z.number().int(),
  responseBytes: z.number().int(),
  contentType: z.string().nullable(),
  stream: z.boolean(),
  provider: z.string().nullable(),
  api: z.string().nullable(),
  model: z.string().nullable(),
  responseModel: z.string().nullable(),
  usage: UsageSchema.nullable(),
  costUsd: z.number().nullable(),
  conversationId: z.string().nullable(),
  tag: z.string().nullable(),
  /** why generation stopped, as the provider said it (stop, length, tool_calls, end_turn, …) */
  finishReason: z.string().nullable(),
  /** position of this call in its conversation (1-based) */
  turn: z.number().int().nullable(),
  /** the user marked this exchange (a bookmark; export can select by it) */
  starred: z.boolean(),
});
export type ExchangeSummary = z.infer<typeof ExchangeSummarySchema>;

export const BodyEncodingSchema = z.enum(['utf8', 'base64']);

/** One side of an exchange as the detail view shows it. */
export const MessageSideSchema = z.object({
  headers: HeaderPairsSchema,
  /** bytes on the wire (compressed, if it was) */
  bytes: z.number().int(),
  /** Content-Encoding the wire bytes had, if any */
  contentEncoding: z.string().nullable(),
  /** decoded body as stored; null when there was none or it was not kept */
  body: z.string().nullable(),
  bodyEncoding: BodyEncodingSchema,
  /** decoded size of the stored body */
  storedBytes: z.number().int(),
  truncated: z.boolean(),
  /** set when the body could not be decoded (e.g. malformed gzip); the raw bytes are stored instead */
  decodeError: z.string().nullable(),
});
export type MessageSide = z.infer<typeof MessageSideSchema>;

export const ExchangeDetailSchema = ExchangeSummarySchema.extend({
  request: MessageSideSchema,
  response: MessageSideSchema,
  /** the provider's usage object(s) verbatim (parsed JSON) */
  usageRaw: z.unknown().nullable(),
  /** response chunk arrivals as flat pairs [byteOffset, msSinceStart, …]; null when not recorded */
  responseChunkTimes: z.array(z.number()).nullable(),
  /** the normalised LLM call (messages, tools, reply), parsed from the stored bodies on demand */
  llm: LlmViewSchema.nullable(),
});
export type ExchangeDetail = z.infer<typeof ExchangeDetailSchema>;
