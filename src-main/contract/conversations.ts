import { z } from 'zod';

/** Filters for the conversation list (query-string friendly, like the exchange query). */
export const ConversationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  provider: z.string().min(1).optional(),
  /** `*` wildcards allowed */
  model: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  /** epoch ms: conversations with a call at or after this */
  since: z.coerce.number().optional(),
  until: z.coerce.number().optional(),
});
export type ConversationQuery = z.infer<typeof ConversationQuerySchema>;

/** One conversation as the list shows it: totals over its calls. */
export const ConversationSummarySchema = z.object({
  id: z.string(),
  /** calls recorded for it */
  calls: z.number().int(),
  /** highest turn number seen */
  turns: z.number().int(),
  firstAt: z.number(),
  lastAt: z.number(),
  /** provider and model of the latest call */
  provider: z.string().nullable(),
  model: z.string().nullable(),
  tag: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** null when no call had a known cost */
  costUsd: z.number().nullable(),
  errors: z.number().int(),
  /** id of the latest call, whose request carries the whole thread */
  lastExchangeId: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationPageSchema = z.object({
  items: z.array(ConversationSummarySchema),
  total: z.number().int(),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;
