import { z } from 'zod';
import { ExchangeModeSchema, ExchangeStateSchema, ExchangeSummarySchema } from './exchange.js';

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

/** Columns the exchange list can be ordered by. */
export const ExchangeSortSchema = z.enum(['time', 'duration', 'ttft', 'inputTokens', 'outputTokens', 'cost', 'status', 'model', 'host']);
export type ExchangeSort = z.infer<typeof ExchangeSortSchema>;

/**
 * Filters for the exchange list. `host` and `model` accept `*` wildcards (`gpt-4*`). Every field is optional; query-string friendly (numbers and lists coerce from strings),
 * so the same schema validates REST query strings, IPC payloads and the UI's URL state.
 */
export const ExchangeQuerySchema = z.object({
  /** keyset pagination: only ids strictly below this (newest first) */
  before: z.coerce.number().int().positive().optional(),
  /** only ids strictly above this (for catching up after a reconnect) */
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  host: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  mode: csv(ExchangeModeSchema).optional(),
  state: csv(ExchangeStateSchema).optional(),
  statusMin: z.coerce.number().int().optional(),
  statusMax: z.coerce.number().int().optional(),
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  conversationId: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  /** epoch ms, inclusive */
  since: z.coerce.number().optional(),
  /** epoch ms, exclusive */
  until: z.coerce.number().optional(),
  errorsOnly: z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean()).optional(),
  /** only exchanges the user starred */
  starred: z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean()).optional(),
  /** full-text search over request and response bodies (SQLite FTS5 syntax; plain words are AND-ed) */
  search: z.string().min(1).max(500).optional(),
  /** only exchanges a provider module recognised (hides tunnels and other traffic) */
  llmOnly: z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean()).optional(),
  /** cost bounds in USD, inclusive; rows without a known cost never match a bound */
  costMin: z.coerce.number().optional(),
  costMax: z.coerce.number().optional(),
  /** total duration bounds in ms, inclusive */
  durationMin: z.coerce.number().optional(),
  durationMax: z.coerce.number().optional(),
  /** total token (input + output) bounds, inclusive */
  tokensMin: z.coerce.number().optional(),
  tokensMax: z.coerce.number().optional(),
  /** order of the list (default `time`, `desc`); `time` pages by `before`, every other order pages by `offset` */
  sort: ExchangeSortSchema.optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type ExchangeQuery = z.infer<typeof ExchangeQuerySchema>;
export type ExchangeQueryInput = z.input<typeof ExchangeQuerySchema>;

export const ExchangePageSchema = z.object({
  items: z.array(ExchangeSummarySchema),
  /** pass as `before` to get the next (older) page; null when this is the last page or the list is not in time order */
  nextBefore: z.number().int().nullable(),
  /** pass as `offset` to get the next page of a list in another order; null when this is the last page */
  nextOffset: z.number().int().nullable().default(null),
});
export type ExchangePage = z.infer<typeof ExchangePageSchema>;
