import { z } from 'zod';
import { ExchangeQuerySchema } from './query.js';

/**
 * Exports of captured traffic: fine-tuning datasets (one JSON object per line), HAR 1.2 archives and per-exchange
 * trace files. One options schema serves the CLI flags, the REST query string and the UI dialog, so a filter means
 * the same thing everywhere (the exchange list's own filters, plus explicit ids).
 */

/** Fine-tuning / dataset targets (one converter module per target in `src-main/export/targets/`). */
export const DatasetFormatSchema = z.enum(['openai-chat', 'openai-dpo', 'bedrock-claude', 'vertex-gemini', 'sharegpt', 'trl-messages']);
export type DatasetFormat = z.infer<typeof DatasetFormatSchema>;

/** Everything `export` can write: a dataset, a HAR archive, or seed-style per-exchange trace files. */
export const ExportFormatSchema = z.enum([...DatasetFormatSchema.options, 'har', 'traces']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

const flag = z.preprocess((v) => (v === undefined ? undefined : v === true || v === 'true' || v === '1' || v === ''), z.boolean());
const intList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.coerce.number().int().positive()).max(100_000),
);
/** `preferred:rejected` exchange id pairs for DPO, e.g. `12:10,15:14` */
const pairList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(
    z.preprocess(
      (v) => (typeof v === 'string' ? (([a, b]) => ({ preferred: a, rejected: b }))(v.split(':')) : v),
      z.object({ preferred: z.coerce.number().int().positive(), rejected: z.coerce.number().int().positive() }),
    ),
  ),
);

/** The exchange list's filters, without its paging and ordering (an export walks the whole selection in id order). */
export const ExportFilterSchema = ExchangeQuerySchema.omit({ before: true, limit: true, sort: true, order: true, offset: true });
export type ExportFilter = z.infer<typeof ExportFilterSchema>;

export const ExportOptionsSchema = ExportFilterSchema.extend({
  format: ExportFormatSchema.default('openai-chat'),
  /** only these exchanges (still narrowed by any filter given) */
  ids: intList.optional(),
  /** one example per conversation (its final call + reply: agent loops are not repeated prefix by prefix) or per call */
  per: z.enum(['conversation', 'call']).default('conversation'),
  /** keep errored and aborted calls (dropped by default) */
  includeErrors: flag.default(false),
  /** drop examples whose output line is identical to an earlier one */
  dedupe: flag.default(true),
  /** thinking blocks: the target's default when absent; `keep` only where the target can carry them */
  thinking: z.enum(['strip', 'keep']).optional(),
  /** replace emails, phone numbers and API-key-like strings in message text */
  scrubPii: flag.default(false),
  /** fail on the first example that would need a fix (or be dropped) instead of fixing it */
  strict: flag.default(false),
  /** warn about examples with more tokens than this (o200k count of the written messages) */
  maxTokens: z.coerce.number().int().positive().default(65_536),
  /** drop examples over `maxTokens` instead of only warning */
  dropOverLimit: flag.default(false),
  /** warn (or with `strict`, fail) when fewer examples are written (OpenAI requires 10) */
  minExamples: z.coerce.number().int().min(0).default(10),
  /** which assistant turns are trained (OpenAI `weight`): every one, or only the last */
  trainOn: z.enum(['all', 'last']).default('all'),
  /** DPO: which of two replies to the same prompt is preferred when no explicit pair says so */
  dpoPrefer: z.enum(['latest', 'earliest']).default('latest'),
  /** DPO: explicit `preferred:rejected` pairs */
  pairs: pairList.optional(),
  /** stop after this many examples (or HAR entries / trace files) */
  maxExamples: z.coerce.number().int().positive().optional(),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

/** What happened to one example: it was dropped, fixed (changed to meet the target's rules) or only warned about. */
export const ExportIssueSchema = z.object({
  exchangeId: z.number().int(),
  /** the output line it was written as (1-based), null when it was not written */
  line: z.number().int().nullable(),
  action: z.enum(['dropped', 'fixed', 'warning']),
  /** stable code (`trailing_turns_dropped`, `unanswered_tool_call`, `over_token_limit`, …) */
  code: z.string(),
  message: z.string(),
});
export type ExportIssue = z.infer<typeof ExportIssueSchema>;

const counts = z.record(z.string(), z.number().int());

export const ExportReportSchema = z.object({
  format: ExportFormatSchema,
  /** exchanges the selection matched and the export looked at */
  scanned: z.number().int(),
  /** examples (or HAR entries, trace files) written */
  written: z.number().int(),
  /** errored / aborted calls left out by the selection (`includeErrors` keeps them) */
  erroredExcluded: z.number().int(),
  /** exchanges that are not chat calls with a reply (embeddings, token counts, unknown APIs, no body) */
  skipped: counts,
  duplicates: z.number().int(),
  dropped: counts,
  fixed: counts,
  warnings: counts,
  pii: z.object({ email: z.number().int(), phone: z.number().int(), apiKey: z.number().int() }),
  tokens: z.object({ total: z.number().int(), max: z.number().int(), overLimit: z.number().int() }),
  /** the first issues in order (the full list goes to the per-example report stream) */
  issues: z.array(ExportIssueSchema),
  issuesOmitted: z.number().int(),
  /** false when `strict` stopped the export or too few examples were written under `strict` */
  ok: z.boolean(),
  failure: z.string().nullable(),
  elapsedMs: z.number(),
});
export type ExportReport = z.infer<typeof ExportReportSchema>;

/** `GET /api/export/preview`: the validation report of a dry run plus the first lines it would write. */
export const ExportPreviewSchema = z.object({ report: ExportReportSchema, preview: z.array(z.unknown()) });
export type ExportPreview = z.infer<typeof ExportPreviewSchema>;

/** `POST /api/import/har` and `llm-inspector import`: what was stored. */
export const ImportResultSchema = z.object({
  imported: z.number().int(),
  ids: z.array(z.number().int()),
  /** entries that could not be turned into an exchange (no URL, bad base64, …) with why */
  skipped: z.array(z.object({ index: z.number().int(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
