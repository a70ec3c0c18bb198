// Token estimates for exchanges whose provider reported no usage (OpenAI chat streams without include_usage, aborted
// streams, Ollama mid-stream errors, ...). Counts use gpt-tokenizer's o200k_base vocabulary (GPT-4o/4.1/5/o-series);
// for every other model family it is an approximation, which `source: 'estimated'` tells the UI.
//
// Only the o200k entry point is loaded, and only on the first estimate: the vocabulary costs ~70 MB of memory, which a
// session whose providers all report usage never needs. The library keeps a bounded LRU merge cache of its own.
import { createRequire } from 'node:module';
import type { Usage } from '../contract/exchange.js';
import type { ContentPart, LlmMessage, LlmRequest, LlmResponse } from '../contract/llm.js';

/** OpenAI chat framing: `<|im_start|>{role}<|im_sep|>…<|im_end|>` costs 4 tokens around each message's content. */
export const TOKENS_PER_MESSAGE = 4;
/** …and the assistant reply is primed with `<|im_start|>assistant<|im_sep|>` (3 tokens). */
export const TOKENS_REPLY_PRIMING = 3;
/** A flat guess per image (OpenAI's low-detail price); image bytes and URLs are never tokenized. */
export const TOKENS_PER_IMAGE = 85;
/**
 * Characters tokenized exactly per side (request, response). BPE runs at ~15 MB/s on prose but only ~1.4 MB/s on
 * adversarial text (base64, random symbols), so beyond this budget the rest of the side is extrapolated from the
 * chars-per-token ratio seen so far (or 4 chars/token): worst case ~0.1 s per side, typically a few ms.
 */
export const EXACT_CHAR_BUDGET = 128 * 1024;
const DEFAULT_CHARS_PER_TOKEN = 4;
/** Text with special-token markers (`<|endoftext|>`) is counted as plain text instead of throwing. */
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

type CountTokens = (text: string, options: typeof ENCODE_OPTIONS) => number;
let loadedCountTokens: CountTokens | null = null;

function countTokens(text: string, options: typeof ENCODE_OPTIONS): number {
  loadedCountTokens ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  return loadedCountTokens(text, options);
}

/** Counts tokens within a per-call character budget; never throws. */
class Counter {
  private budget = EXACT_CHAR_BUDGET;
  private exactChars = 0;
  private exactTokens = 0;

  text(s: string): number {
    if (!s) return 0;
    if (s.length <= this.budget) return this.exact(s);
    let cut = this.budget;
    // don't split a surrogate pair
    if (cut > 0 && isHighSurrogate(s.charCodeAt(cut - 1))) cut--;
    const head = cut > 0 ? this.exact(s.slice(0, cut)) : 0;
    this.budget = 0;
    const ratio = this.exactTokens > 0 && this.exactChars >= 64 ? this.exactChars / this.exactTokens : DEFAULT_CHARS_PER_TOKEN;
    return head + Math.ceil((s.length - cut) / ratio);
  }

  private exact(s: string): number {
    this.budget -= s.length;
    let n: number;
    try {
      n = countTokens(s, ENCODE_OPTIONS);
    } catch {
      n = Math.ceil(s.length / DEFAULT_CHARS_PER_TOKEN);
    }
    this.exactChars += s.length;
    this.exactTokens += n;
    return n;
  }

  part(p: ContentPart): number {
    switch (p.type) {
      case 'text':
      case 'refusal':
      case 'thinking':
        return this.text(p.text);
      case 'tool_call':
        return this.text(p.name) + this.text(p.arguments);
      case 'tool_result':
        return (p.name ? this.text(p.name) : 0) + this.text(p.content);
      case 'image':
        return TOKENS_PER_IMAGE;
      default:
        return 0;
    }
  }

  parts(parts: readonly ContentPart[]): number {
    let n = 0;
    for (const p of parts) n += this.part(p);
    return n;
  }

  message(m: LlmMessage): number {
    return TOKENS_PER_MESSAGE + this.parts(m.parts);
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function stringify(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

function requestTokens(c: Counter, request: LlmRequest): number {
  let n = 0;
  for (const m of request.messages) n += c.message(m);
  // Tool definitions are sent to the model too (OpenAI renders them into the system prompt).
  for (const t of request.tools) n += c.text(t.name) + c.text(t.description ?? '') + c.text(stringify(t.parameters));
  if (request.messages.length > 0) n += TOKENS_REPLY_PRIMING;
  return n;
}

/**
 * Estimated usage of one exchange: input = the request's messages (text, thinking, tool calls, tool results; chat
 * framing per message) and tool definitions; output = the response message's parts. A side that is absent (request
 * or response null) is null; a response without a message (embeddings, errors) has 0 output. Never throws.
 */
export function estimateUsage(request: LlmRequest | null, response: LlmResponse | null): Usage {
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  try {
    if (request) inputTokens = requestTokens(new Counter(), request);
  } catch {
    inputTokens = null;
  }
  try {
    if (response) outputTokens = response.message ? new Counter().parts(response.message.parts) : 0;
  } catch {
    outputTokens = null;
  }
  const totalTokens = inputTokens === null && outputTokens === null ? null : (inputTokens ?? 0) + (outputTokens ?? 0);
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens,
    source: 'estimated',
  };
}

/**
 * The provider's usage when it gave one (its numbers are never overwritten, even partly null ones); otherwise the
 * estimate, computed lazily.
 */
export function mergeEstimated(provider: Usage | null, estimate: () => Usage): Usage {
  return provider ?? estimate();
}
