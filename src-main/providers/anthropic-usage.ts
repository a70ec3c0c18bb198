import type { Usage } from '../contract/index.js';
import { isObj, num } from './stream-framing.js';
import { countOnlyUsage } from './openai-usage.js';

/**
 * Anthropic usage → normalised usage. `input_tokens` excludes cached tokens (only those after the last cache
 * breakpoint), so inputTokens = input + cache_read + cache_creation; output_tokens already includes thinking.
 * Missing cache fields count as 0 once the object carries input_tokens (compatible hosts omit them).
 */
export function anthropicUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['input_tokens']);
  const output = num(raw['output_tokens']);
  if (input === null && output === null) return null;
  const cacheRead = num(raw['cache_read_input_tokens']) ?? (input !== null ? 0 : null);
  const cacheWrite = num(raw['cache_creation_input_tokens']) ?? (input !== null ? 0 : null);
  const details = raw['output_tokens_details'];
  const reasoning = isObj(details) ? num(details['thinking_tokens']) : null;
  const inputTokens = input === null ? null : input + (cacheRead ?? 0) + (cacheWrite ?? 0);
  return {
    inputTokens,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
    totalTokens: inputTokens !== null && output !== null ? inputTokens + output : null,
    source: 'provider',
  };
}

/** `count_tokens` answers `{input_tokens}`: a count, nothing generated or cached. */
export function countTokensUsage(raw: unknown): Usage | null {
  const input = isObj(raw) ? num(raw['input_tokens']) : null;
  if (input === null) return null;
  return countOnlyUsage(input);
}

/**
 * Streamed usage: start from message_start's object and overwrite every field message_delta carries (nested objects
 * such as output_tokens_details / server_tool_use merge field by field). A null in the delta keeps the earlier value.
 */
export function mergeUsage(base: unknown, delta: unknown): unknown {
  if (!isObj(delta)) return base;
  if (!isObj(base)) return structuredClone(delta);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(delta)) {
    if (v === null || v === undefined) continue;
    out[k] = isObj(v) ? mergeUsage(out[k], v) : v;
  }
  return out;
}

/** Bedrock Converse usage (`inputTokens` excludes cache reads/writes, like Anthropic's). */
export function bedrockUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['inputTokens']);
  const output = num(raw['outputTokens']);
  if (input === null && output === null) return null;
  const cacheRead = num(raw['cacheReadInputTokens']) ?? num(raw['cacheReadInputTokenCount']) ?? 0;
  const cacheWrite = num(raw['cacheWriteInputTokens']) ?? num(raw['cacheWriteInputTokenCount']) ?? 0;
  const inputTokens = input === null ? null : input + cacheRead + cacheWrite;
  return {
    inputTokens,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: null,
    totalTokens: num(raw['totalTokens']) ?? (inputTokens !== null && output !== null ? inputTokens + output : null),
    source: 'provider',
  };
}
