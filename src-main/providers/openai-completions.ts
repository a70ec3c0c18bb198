import type { ContentPart, LlmRequest } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput } from './provider-module.js';
import { createChatStreamParser, isEventStream, parseChatLikeResponse, requestModel } from './openai-chat.js';
import { providerForHost } from './provider-hosts.js';
import { pickParams, requestHints } from './openai-usage.js';
import { arr, isObj, str } from './stream-framing.js';

/**
 * Legacy Completions (`POST …/v1/completions`, Azure `deployments/{d}/completions`, DeepSeek `/beta/completions`,
 * Mistral `/v1/fim/completions`): `prompt` in, `choices[].text` out. Responses and chunks have the chat shapes apart
 * from `text`, so the chat parsers (which read `text` as well as `delta`/`message`) do the work.
 */

const COMPLETIONS_PATH = /\/completions\/?$/;
const CHAT_PATH = /\/chat\/completions\/?$/;

const COMPLETIONS_PARAMS = [
  'temperature', 'top_p', 'top_k', 'min_p', 'max_tokens', 'n', 'stop', 'seed', 'presence_penalty', 'frequency_penalty',
  'repetition_penalty', 'logit_bias', 'logprobs', 'echo', 'best_of', 'suffix', 'stream_options', 'random_seed',
  'min_tokens',
] as const;

function promptParts(prompt: unknown): ContentPart[] {
  if (typeof prompt === 'string') return [{ type: 'text', text: prompt }];
  // a batch of prompts; token-id arrays have no text to show
  return arr(prompt)
    .map((p) => str(p))
    .filter((p): p is string => p !== null)
    .map((text) => ({ type: 'text', text }));
}

function parseCompletionsRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const parts = promptParts(b['prompt']);
  return {
    model: requestModel(b, ctx),
    stream: b['stream'] === true,
    parameters: pickParams(b, COMPLETIONS_PARAMS),
    messages: parts.length > 0 ? [{ role: 'user', parts }] : [],
    tools: [],
    hints: requestHints(b),
  };
}

export const openaiCompletions: ProviderModule = {
  id: 'openai.completions',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST') return null;
    if (!COMPLETIONS_PATH.test(input.path) || CHAT_PATH.test(input.path)) return null;
    return { provider: providerForHost(input.host), api: 'openai.completions' };
  },
  parseRequest: parseCompletionsRequest,
  streamParser: (ctx, contentType) => (isEventStream(contentType) ? createChatStreamParser(ctx) : null),
  parseResponse: parseChatLikeResponse,
};
