import { z } from 'zod';

/**
 * Usage analytics over stored exchanges: time series (tokens, cost, errors, latency percentiles per time bucket and
 * group) and per-group summaries. Query-string friendly like the exchange list: numbers and flags coerce from strings.
 */

const text = z.string().min(1).max(500);
const flag = z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean());

export const AnalyticsFilterSchema = z.object({
  /** epoch ms, inclusive */
  since: z.coerce.number().optional(),
  /** epoch ms, exclusive */
  until: z.coerce.number().optional(),
  provider: text.optional(),
  model: text.optional(),
  tag: text.optional(),
  host: text.optional(),
  conversationId: text.optional(),
  /** count every finished exchange, not only recognised LLM calls (the default) */
  includeNonLlm: flag.optional(),
});
export type AnalyticsFilter = z.infer<typeof AnalyticsFilterSchema>;

export const AnalyticsGroupBySchema = z.enum(['none', 'provider', 'model', 'tag', 'conversation']);
export type AnalyticsGroupBy = z.infer<typeof AnalyticsGroupBySchema>;

const DAY_MS = 86_400_000;

export const UsageTimeseriesQuerySchema = AnalyticsFilterSchema.extend({
  groupBy: AnalyticsGroupBySchema.default('none'),
  /** bucket width; chosen from the range (about 100 buckets, on round steps) when absent */
  bucketMs: z.coerce.number().int().min(1000).max(366 * DAY_MS).optional(),
});
export type UsageTimeseriesQuery = z.infer<typeof UsageTimeseriesQuerySchema>;
export type UsageTimeseriesQueryInput = z.input<typeof UsageTimeseriesQuerySchema>;

/** One bucket of one group. Token sums count only what providers reported (or estimates); null counts are skipped. */
export const UsagePointSchema = z.object({
  /** epoch ms of the bucket's start (buckets are aligned to multiples of bucketMs since the epoch, UTC) */
  bucketStart: z.number(),
  /** the group's value (provider, model, tag or conversation id); null for `none` and for rows without one */
  group: z.string().nullable(),
  requests: z.number().int(),
  /** failed exchanges: an error recorded, or HTTP status >= 400 */
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  /** the provider's total where given, else input + output */
  totalTokens: z.number().int(),
  /** sum of the known costs */
  costUsd: z.number(),
  /** requests whose cost is unknown (no usage, or no price for the model): costUsd leaves them out */
  unknownCostRequests: z.number().int(),
  /** nearest-rank percentiles of total time (request start → last byte); null when no row has one */
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  /** nearest-rank percentiles of time to first token */
  ttftP50Ms: z.number().nullable(),
  ttftP95Ms: z.number().nullable(),
});
export type UsagePoint = z.infer<typeof UsagePointSchema>;

export const UsageTimeseriesSchema = z.object({
  /** the bucket width used */
  bucketMs: z.number().int(),
  /** the range covered: the filter's, or the data's when the filter leaves it open; null when there is no data */
  since: z.number().nullable(),
  until: z.number().nullable(),
  groupBy: AnalyticsGroupBySchema,
  /** buckets with data only (sparse), by time, then by requests (most first) */
  points: z.array(UsagePointSchema),
});
export type UsageTimeseries = z.infer<typeof UsageTimeseriesSchema>;

export const UsageSummaryQuerySchema = AnalyticsFilterSchema.extend({
  groupBy: AnalyticsGroupBySchema.default('none'),
  /** at most this many groups, most requests first */
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type UsageSummaryQuery = z.infer<typeof UsageSummaryQuerySchema>;
export type UsageSummaryQueryInput = z.input<typeof UsageSummaryQuerySchema>;

/** The usage totals a proxy like llm-proxy reports (snake_case on purpose), plus tokens split and cost. */
export const UsageTotalsSchema = z.object({
  total_requests: z.number().int(),
  total_tokens: z.number().int(),
  /** mean total time in ms, to 0.1 ms; 0 when there were no requests */
  avg_latency_ms: z.number(),
  /** share of requests without an error (0..1, to 4 places); 0 when there were no requests */
  success_rate: z.number(),
});
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

export const UsageSummaryRowSchema = UsageTotalsSchema.extend({
  group: z.string().nullable(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  errors: z.number().int(),
  /** sum of the known costs */
  cost_usd: z.number(),
  unknown_cost_requests: z.number().int(),
});
export type UsageSummaryRow = z.infer<typeof UsageSummaryRowSchema>;

export const UsageSummarySchema = z.object({
  groupBy: AnalyticsGroupBySchema,
  groups: z.array(UsageSummaryRowSchema),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

/** `GET /api/usage?tag=…`: totals for the filter; `agent_id` is accepted as another name for `tag`. */
export const UsageQuerySchema = AnalyticsFilterSchema.extend({ agent_id: text.optional() });
export type UsageQuery = z.infer<typeof UsageQuerySchema>;
