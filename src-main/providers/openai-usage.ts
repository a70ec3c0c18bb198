import type { ContentPart, LlmError, LlmHints, LlmResponse, Usage } from '../contract/index.js';
import type { StreamParser } from './provider-module.js';
import { isObj, num, sseFramer, str, tryJson } from './stream-framing.js';

/**
 * Pieces shared by the OpenAI-shaped modules (chat, responses, completions, embeddings): the usage mapping of
 * provider-formats §0, the error envelope, tool-call parts and request hints.
 */

function sub(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key];
  return isObj(v) ? v : {};
}

/**
 * Chat / legacy completions / every compat host. `prompt_tokens` includes cached tokens, `completion_tokens` includes
 * reasoning — except xAI chat, which reports reasoning beside `completion_tokens` (total = prompt + completion +
 * reasoning); that shape is detected from the numbers, or assumed for provider 'xai' when there is no total.
 */
export function chatUsage(raw: unknown, provider: string): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['prompt_tokens']) ?? num(raw['input_tokens']);
  const completion = num(raw['completion_tokens']) ?? num(raw['output_tokens']);
  const total = num(raw['total_tokens']);
  if (input === null && completion === null && total === null) return null;
  const pd = isObj(raw['prompt_tokens_details']) ? sub(raw, 'prompt_tokens_details') : sub(raw, 'input_tokens_details');
  const cd = isObj(raw['completion_tokens_details']) ? sub(raw, 'completion_tokens_details') : sub(raw, 'output_tokens_details');
  const reasoning = num(cd['reasoning_tokens']) ?? 0;
  // DeepSeek names its cache hits at the top level (and mirrors them in prompt_tokens_details)
  const cacheRead = num(raw['prompt_cache_hit_tokens']) ?? num(pd['cached_tokens']) ?? 0;
  const cacheWrite = num(pd['cache_write_tokens']) ?? num(pd['cache_creation_tokens']);
  let output = completion;
  if (completion !== null && reasoning > 0) {
    const p = input ?? 0;
    const reasoningOutside =
      total !== null ? total === p + completion + reasoning && total !== p + completion : provider === 'xai';
    if (reasoningOutside) output = completion + reasoning;
  }
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
    totalTokens: total ?? (input !== null && output !== null ? input + output : null),
    source: 'provider',
  };
}

/** Responses API: `input_tokens` (incl. cached), `output_tokens` (incl. reasoning). */
export function responsesUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['input_tokens']) ?? num(raw['prompt_tokens']);
  const output = num(raw['output_tokens']) ?? num(raw['completion_tokens']);
  const total = num(raw['total_tokens']);
  if (input === null && output === null && total === null) return null;
  const id = sub(raw, 'input_tokens_details');
  const od = sub(raw, 'output_tokens_details');
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: num(id['cached_tokens']) ?? 0,
    cacheWriteTokens: null,
    reasoningTokens: num(od['reasoning_tokens']) ?? 0,
    totalTokens: total ?? (input !== null && output !== null ? input + output : null),
    source: 'provider',
  };
}

/** Embeddings: only `prompt_tokens` (and `total_tokens`); nothing is generated. */
export function embeddingsUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['prompt_tokens']) ?? num(raw['input_tokens']);
  const total = num(raw['total_tokens']);
  if (input === null && total === null) return null;
  return {
    inputTokens: input ?? total,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: null,
    reasoningTokens: 0,
    totalTokens: total ?? input,
    source: 'provider',
  };
}

function errorText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

/**
 * An error object in any of the shapes OpenAI-style hosts use: `{type, code, message}` (the inner object of
 * `{"error":{…}}` or a Responses `error` event), or a bare message string.
 */
export function errorFromObject(e: unknown): LlmError | null {
  if (typeof e === 'string') return { type: 'error', message: e };
  if (!isObj(e)) return null;
  const type = errorText(e['type']) ?? errorText(e['code']) ?? 'error';
  const message = errorText(e['message']) ?? errorText(e['detail']) ?? '';
  return { type, message };
}

/** The error a whole body reports: `{"error":{…}}`, `{"error":"…"}`, or vLLM/Mistral's `{"object":"error",…}`. */
export function errorFromBody(body: unknown): LlmError | null {
  if (!isObj(body)) return null;
  const e = body['error'];
  if (e !== undefined && e !== null) return errorFromObject(e);
  if (body['object'] === 'error') return errorFromObject(body);
  return null;
}

/** Parses tool-call arguments; null when they are not (yet) valid JSON. */
export function parseArgs(args: string): unknown {
  if (args.trim() === '') return null;
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return null;
  }
}

/** A tool_call part; `args` may arrive as a JSON string (the norm) or an object (some compat hosts). */
export function toolCallPart(id: string | null, name: string, args: unknown): ContentPart {
  const text = typeof args === 'string' ? args : args === undefined || args === null ? '' : JSON.stringify(args);
  return { type: 'tool_call', id, name, arguments: text, parsed: parseArgs(text) };
}

/** Tool results and the like: a string as is, text parts joined, anything else as JSON. */
export function contentToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    const texts = v.map((p) => (isObj(p) ? str(p['text']) ?? str(p['output']) : str(p)));
    if (texts.every((t) => t !== null)) return texts.join('');
  }
  return JSON.stringify(v);
}

/** Metadata with its string values only; null when there are none. */
export function stringRecord(v: unknown): Record<string, string> | null {
  if (!isObj(v)) return null;
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') {
      out[k] = val;
      any = true;
    }
  }
  return any ? out : null;
}

/** Grouping hints common to the OpenAI-style request bodies. */
export function requestHints(body: Record<string, unknown>): LlmHints {
  const metadata = stringRecord(body['metadata']);
  const conversation = body['conversation'];
  const sessionId =
    str(body['session_id']) ??
    str(conversation) ??
    (isObj(conversation) ? str(conversation['id']) : null) ??
    metadata?.['session_id'] ??
    null;
  return {
    user: str(body['user']) ?? str(body['safety_identifier']),
    sessionId,
    previousResponseId: str(body['previous_response_id']),
    metadata,
  };
}

/** The request fields (of those listed) that the body carries, as sent. */
export function pickParams(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out;
}

/** A response with nothing in it yet. */
export function emptyResponse(): LlmResponse {
  return {
    responseModel: null,
    responseId: null,
    message: null,
    finishReason: null,
    usage: null,
    rawUsage: null,
    error: null,
    citations: [],
    complete: false,
  };
}

/** Usage of a token-count call (count_tokens, :countTokens): a prompt count, nothing generated or cached. */
export function countOnlyUsage(input: number): Usage {
  return {
    inputTokens: input,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens: null,
    source: 'provider',
  };
}

/** `data:image/png;base64,…` → `image/png`. */
export function dataUrlMediaType(url: string | null): string | null {
  if (url === null) return null;
  const m = /^data:([^;,]+)[;,]/i.exec(url);
  return m?.[1] ?? null;
}

export interface SseHooks {
  /** one SSE event (`[DONE]` included); call `content()` when it carried reply content (TTFT) */
  onEvent(data: string, event: string | undefined, content: () => void): void;
  /** the reply so far */
  build(): LlmResponse;
  /** the body held no SSE event at all: it may be a whole JSON body (an error served as text/event-stream) */
  onNoEvents(body: unknown): void;
}

/**
 * The StreamParser plumbing both OpenAI stream formats share: SSE framing, arrival time of the first content, no
 * throwing, nothing after end(), and a fallback for bodies that are not SSE at all.
 */
export function sseStreamParser(hooks: SseHooks): StreamParser {
  let at = 0;
  let first: number | null = null;
  let ended = false;
  let sawEvent = false;
  let rawHead = '';
  const headDecoder = new TextDecoder();
  const content = () => {
    if (first === null) first = at;
  };
  const framer = sseFramer((e) => {
    sawEvent = true;
    try {
      hooks.onEvent(e.data.trim(), e.event, content);
    } catch {
      // a malformed event costs only itself
    }
  });
  return {
    push(chunk, atMs) {
      if (ended) return;
      at = atMs;
      // keep the start of the body until an event shows it really is SSE
      if (!sawEvent && rawHead.length < 1 << 20) rawHead += headDecoder.decode(chunk, { stream: true });
      try {
        framer.push(chunk);
      } catch {
        // never throw into the capture path
      }
    },
    get firstContentAtMs() {
      return first;
    },
    snapshot: () => hooks.build(),
    end() {
      if (!ended) {
        ended = true;
        try {
          framer.end();
          if (!sawEvent) hooks.onNoEvents(tryJson((rawHead + headDecoder.decode()).trim()));
        } catch {
          // ignore
        }
      }
      return hooks.build();
    },
  };
}
