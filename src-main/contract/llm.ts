import { z } from 'zod';
import { UsageSchema } from './usage.js';

/**
 * The normalised view of an LLM call that every provider module produces: the same shapes whatever the wire format, so
 * the UI, conversations and exports never look at provider JSON.
 */
export const ContentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('image'),
    mediaType: z.string().nullable(),
    /** an http(s) URL or a data: URL */
    url: z.string().nullable(),
  }),
  z.object({
    type: z.literal('thinking'),
    text: z.string(),
    /** opaque signature the provider requires when the thinking is sent back */
    signature: z.string().nullable(),
    redacted: z.boolean(),
  }),
  z.object({
    type: z.literal('tool_call'),
    id: z.string().nullable(),
    name: z.string(),
    /** arguments exactly as sent (a JSON string; may be cut short by max tokens) */
    arguments: z.string(),
    /** parsed arguments, or null when `arguments` is not valid JSON */
    parsed: z.unknown().nullable(),
  }),
  z.object({
    type: z.literal('tool_result'),
    toolCallId: z.string().nullable(),
    /** the tool's name when the format carries it (Gemini functionResponse, Ollama tool_name) */
    name: z.string().nullable(),
    content: z.string(),
    isError: z.boolean(),
  }),
  z.object({ type: z.literal('refusal'), text: z.string() }),
]);
export type ContentPart = z.infer<typeof ContentPartSchema>;

export const LlmRoleSchema = z.enum(['system', 'developer', 'user', 'assistant', 'tool']);
export type LlmRole = z.infer<typeof LlmRoleSchema>;

export const LlmMessageSchema = z.object({ role: LlmRoleSchema, parts: z.array(ContentPartSchema) });
export type LlmMessage = z.infer<typeof LlmMessageSchema>;

export const ToolDefSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  /** JSON schema of the arguments, as the provider received it */
  parameters: z.unknown().nullable(),
});
export type ToolDef = z.infer<typeof ToolDefSchema>;

/** Grouping hints a request carries (explicit session ids beat history matching). */
export const LlmHintsSchema = z.object({
  user: z.string().nullable(),
  sessionId: z.string().nullable(),
  previousResponseId: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
});
export type LlmHints = z.infer<typeof LlmHintsSchema>;

export const LlmRequestSchema = z.object({
  model: z.string().nullable(),
  stream: z.boolean(),
  /** sampling and limit parameters as sent (temperature, max_tokens, top_p, reasoning effort, …) */
  parameters: z.record(z.string(), z.unknown()),
  /** system / developer instructions first, then the conversation in order */
  messages: z.array(LlmMessageSchema),
  tools: z.array(ToolDefSchema),
  hints: LlmHintsSchema,
});
export type LlmRequest = z.infer<typeof LlmRequestSchema>;

export const LlmErrorSchema = z.object({ type: z.string(), message: z.string() });
export type LlmError = z.infer<typeof LlmErrorSchema>;

export const LlmResponseSchema = z.object({
  responseModel: z.string().nullable(),
  responseId: z.string().nullable(),
  /** the assistant's reply (text, thinking, tool calls, refusal); null for embeddings, token counts and errors */
  message: LlmMessageSchema.nullable(),
  finishReason: z.string().nullable(),
  usage: UsageSchema.nullable(),
  /** the provider's usage object(s) verbatim */
  rawUsage: z.unknown().nullable(),
  /** an error the provider reported (HTTP error body, or an error event in a 200 stream) */
  error: LlmErrorSchema.nullable(),
  citations: z.array(z.string()),
  /** false when a stream ended without its terminal event (cut, aborted) */
  complete: z.boolean(),
});
export type LlmResponse = z.infer<typeof LlmResponseSchema>;

export const LlmViewSchema = z.object({
  provider: z.string(),
  api: z.string(),
  request: LlmRequestSchema.nullable(),
  response: LlmResponseSchema.nullable(),
});
export type LlmView = z.infer<typeof LlmViewSchema>;
