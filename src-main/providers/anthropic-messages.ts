import type { LlmHints, LlmMessage, LlmRequest, LlmResponse, LlmRole } from '../contract/index.js';
import { contentToParts, blockToParts, citationRefs, systemMessage, toolDefs } from './anthropic-content.js';
import { createAnthropicAccumulator } from './anthropic-stream.js';
import { anthropicUsage, countTokensUsage } from './anthropic-usage.js';
import type { ParseContext, ProviderModule, Recognition, RecogniseInput, StreamParser } from './provider-module.js';
import { arr, isObj, sseFramer, str, tryJson } from './stream-framing.js';
import { emptyResponse as emptyStreamResponse } from './openai-usage.js';

export { createAnthropicAccumulator } from './anthropic-stream.js';
export type { AnthropicAccumulator } from './anthropic-stream.js';

/**
 * Anthropic Messages (`POST …/v1/messages`, `…/v1/messages/count_tokens`) on api.anthropic.com and every
 * Anthropic-compatible host, plus Claude on Vertex AI (`…/publishers/anthropic/models/{model}:rawPredict|streamRawPredict`).
 * Bedrock's invoke API reuses the exported request/response/stream functions.
 */

const MESSAGES_PATH = /(?:^|\/)v1\/messages$/;
const COUNT_PATH = /(?:^|\/)v1\/messages\/count_tokens$/;
const VERTEX_PATH = /\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;

/** Hosts known to speak the Anthropic Messages API besides Anthropic itself. */
const HOST_PROVIDERS: [RegExp, string][] = [
  [/^api\.anthropic\.com$/, 'anthropic'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/^api\.x\.ai$/, 'xai'],
  [/(^|\.)moonshot\.(ai|cn)$/, 'moonshot'],
  [/(^|\.)minimax(i)?\.(io|com|chat)$/, 'minimax'],
  [/^(api\.z\.ai|open\.bigmodel\.cn)$/, 'zhipu'],
  [/^openrouter\.ai$/, 'openrouter'],
  [/(^|\.)aiplatform\.googleapis\.com$/, 'vertex-ai'],
  [/^bedrock-runtime\.[^.]+\.amazonaws\.com$/, 'bedrock'],
];
const PORT_PROVIDERS: Record<string, string> = { '11434': 'ollama', '1234': 'lmstudio', '8000': 'vllm', '8080': 'llamacpp' };

/** Provider label for a host speaking the Anthropic API ('anthropic-compatible' when unknown). */
export function anthropicHostProvider(hostWithPort: string): string {
  const host = hostWithPort.toLowerCase();
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  const name = m?.[1] ?? host;
  const port = m?.[2];
  for (const [re, provider] of HOST_PROVIDERS) if (re.test(name)) return provider;
  if (port && PORT_PROVIDERS[port] && /^(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)$/.test(name)) return PORT_PROVIDERS[port]!;
  return 'anthropic-compatible';
}

function trimPath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function recognise(input: RecogniseInput): Recognition | null {
  if (input.method.toUpperCase() !== 'POST') return null;
  const path = trimPath(input.path);
  const vertex = VERTEX_PATH.exec(path);
  if (vertex) return { provider: 'vertex-ai', api: vertex[1] === 'count-tokens' ? 'anthropic.countTokens' : 'anthropic.messages' };
  if (COUNT_PATH.test(path)) return { provider: anthropicHostProvider(input.host), api: 'anthropic.countTokens' };
  if (MESSAGES_PATH.test(path)) return { provider: anthropicHostProvider(input.host), api: 'anthropic.messages' };
  return null;
}

/** Model named in a Vertex Claude or Bedrock URL when the integrator did not supply one. */
function pathModel(path: string): string | null {
  const m = VERTEX_PATH.exec(trimPath(path)) ?? /\/model\/([^/]+)\/(?:invoke|converse)/.exec(path);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/** Claude Code and other agents put a session id inside metadata.user_id (`…_session_<uuid>` or a JSON string). */
function sessionFromUserId(userId: string): string | null {
  const json = userId.startsWith('{') ? tryJson(userId) : undefined;
  if (isObj(json)) return str(json['session_id']) ?? str(json['sessionId']);
  return /_session_([0-9a-zA-Z-]{8,})$/.exec(userId)?.[1] ?? null;
}

function hints(body: Record<string, unknown>): LlmHints {
  const md = body['metadata'];
  const metadata: Record<string, string> = {};
  if (isObj(md)) for (const [k, v] of Object.entries(md)) if (typeof v === 'string') metadata[k] = v;
  const user = str(metadata['user_id']) ?? null;
  return {
    user,
    sessionId: user === null ? null : sessionFromUserId(user),
    previousResponseId: null,
    metadata: Object.keys(metadata).length > 0 ? metadata : null,
  };
}

const NOT_PARAMETERS = new Set(['model', 'messages', 'system', 'tools', 'stream', 'metadata', 'anthropic_version']);

function role(r: unknown): LlmRole {
  return r === 'assistant' ? 'assistant' : r === 'system' ? 'system' : 'user';
}

/** A Messages request body → normalised request (also Vertex/Bedrock bodies: no `model`, an `anthropic_version`). */
export function parseAnthropicRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (!NOT_PARAMETERS.has(k)) parameters[k] = v;
  const messages: LlmMessage[] = [];
  const sys = systemMessage(b['system']);
  if (sys) messages.push(sys);
  for (const m of arr(b['messages'])) {
    if (!isObj(m)) continue;
    messages.push({ role: role(m['role']), parts: contentToParts(m['content']) });
  }
  const path = trimPath(ctx.path);
  return {
    model: str(b['model']) ?? ctx.urlModel ?? pathModel(ctx.path),
    stream: b['stream'] === true || path.endsWith(':streamRawPredict') || path.endsWith('/invoke-with-response-stream'),
    parameters,
    messages,
    tools: toolDefs(b['tools']),
    hints: hints(b),
  };
}

/** A whole body is complete by definition (streams decide for themselves). */
function emptyResponse(): LlmResponse {
  return { ...emptyStreamResponse(), complete: true };
}

/** An error body (`{type:"error", error:{type,message}}`, or any body of a failed HTTP status). */
export function anthropicError(body: unknown, status: number | null): LlmResponse['error'] {
  const b = isObj(body) ? body : {};
  const e = b['error'];
  if (isObj(e)) return { type: str(e['type']) ?? 'error', message: str(e['message']) ?? '' };
  if (typeof e === 'string') return { type: status !== null ? `http_${status}` : 'error', message: e };
  if (status !== null && status >= 400) {
    return { type: str(b['type']) ?? str(b['__type']) ?? `http_${status}`, message: str(b['message']) ?? str(b['Message']) ?? '' };
  }
  return null;
}

/** A whole (non-streamed) Messages response, count_tokens answer or error body. */
export function parseAnthropicResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const out = emptyResponse();
  const b = isObj(body) ? body : {};
  out.error = anthropicError(body, ctx.status);
  if (out.error) return out;
  if (ctx.api === 'anthropic.countTokens') {
    out.usage = countTokensUsage(b);
    out.rawUsage = out.usage ? { input_tokens: b['input_tokens'] } : null;
    return out;
  }
  out.responseModel = str(b['model']);
  out.responseId = str(b['id']);
  out.finishReason = str(b['stop_reason']);
  out.rawUsage = b['usage'] ?? null;
  out.usage = anthropicUsage(b['usage']);
  const blocks = arr(b['content']);
  if (Array.isArray(b['content']) || str(b['type']) === 'message') {
    out.message = { role: 'assistant', parts: blocks.flatMap(blockToParts) };
  }
  for (const block of blocks) {
    if (!isObj(block)) continue;
    for (const ref of citationRefs(block['citations'])) if (!out.citations.includes(ref)) out.citations.push(ref);
  }
  return out;
}

/** SSE (`event:` + `data:` lines) → the Anthropic accumulator. */
export function anthropicSseParser(): StreamParser {
  const acc = createAnthropicAccumulator();
  let at = 0;
  const framer = sseFramer(({ event, data }) => {
    const parsed = tryJson(data.trim());
    if (isObj(parsed)) {
      // the `event:` name wins over a missing or odd `type` (some compatible hosts omit it from the data)
      acc.handle(typeof parsed['type'] === 'string' || !event ? parsed : { ...parsed, type: event }, at);
    } else if (event === 'error') {
      acc.handle({ type: 'error', error: { type: 'error', message: data.trim() } }, at);
    }
  });
  let ended: LlmResponse | null = null;
  return {
    push(chunk, atMs) {
      if (ended) return;
      at = atMs;
      try {
        framer.push(chunk);
      } catch {
        // never throw into the tee
      }
    },
    get firstContentAtMs() {
      return acc.firstContentAtMs;
    },
    snapshot: () => ended ?? acc.build(false),
    end() {
      if (!ended) {
        try {
          framer.end();
        } catch {
          // a cut stream still yields what was parsed
        }
        ended = acc.build(true);
      }
      return ended;
    },
  };
}

export const anthropicMessages: ProviderModule = {
  id: 'anthropic-messages',
  recognise,
  parseRequest: parseAnthropicRequest,
  streamParser(ctx, contentType) {
    if (ctx.api === 'anthropic.countTokens') return null;
    if (contentType !== null && !/event-stream/i.test(contentType)) return null;
    return anthropicSseParser();
  },
  parseResponse: parseAnthropicResponse,
};
