import { z } from 'zod';

/** Token counts of one LLM call; null where the provider did not say. */
export const UsageSchema = z.object({
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  cacheReadTokens: z.number().int().nullable(),
  cacheWriteTokens: z.number().int().nullable(),
  reasoningTokens: z.number().int().nullable(),
  totalTokens: z.number().int().nullable(),
  source: z.enum(['provider', 'estimated', 'regex']),
});
export type Usage = z.infer<typeof UsageSchema>;
