import { z } from 'zod';

/** Replay a stored request through the proxy; the copy is captured as a new exchange. */
export const ResendInputSchema = z.object({
  id: z.coerce.number().int().positive(),
  /** replace the request body (e.g. an edited prompt); the stored one otherwise */
  body: z.string().optional(),
});

export const ResendResultSchema = z.object({
  /** the new exchange, when the proxy captured it */
  exchangeId: z.number().int().nullable(),
  status: z.number().int().nullable(),
  /** why the replay failed before a response, in words a person can act on */
  error: z.string().nullable(),
  /** true when a redacted secret could not be restored (it was captured before this run) so the replay lacks it */
  missingSecrets: z.boolean(),
});
export type ResendResult = z.infer<typeof ResendResultSchema>;

/** One step of the interception self-test. */
export const SelfTestStepSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

export const SelfTestResultSchema = z.object({
  ok: z.boolean(),
  steps: z.array(SelfTestStepSchema),
  /** the exchange the test request produced, if it was captured */
  exchangeId: z.number().int().nullable(),
});
export type SelfTestResult = z.infer<typeof SelfTestResultSchema>;
