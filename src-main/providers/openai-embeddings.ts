import type { ContentPart, LlmRequest, LlmResponse } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput } from './provider-module.js';
import { requestModel } from './openai-chat.js';
import { providerForHost } from './provider-hosts.js';
import { embeddingsUsage, emptyResponse, errorFromBody, pickParams, requestHints } from './openai-usage.js';
import { arr, isObj, str } from './stream-framing.js';

/**
 * Embeddings (`POST …/embeddings`, Azure `deployments/{d}/embeddings`): `input` in, vectors out. No message, no
 * stream; usage is `prompt_tokens` only.
 */

const EMBEDDINGS_PATH = /\/embeddings\/?$/;
/** Ollama's legacy native endpoint: a different body, handled by the Ollama module. */
const OLLAMA_NATIVE = /^\/api\/embeddings\/?$/;

const EMBEDDINGS_PARAMS = ['dimensions', 'encoding_format', 'input_type', 'output_dimension', 'output_dtype', 'truncate'] as const;

function inputParts(input: unknown): ContentPart[] {
  if (typeof input === 'string') return [{ type: 'text', text: input }];
  // a batch of strings; token-id arrays have no text to show
  return arr(input)
    .map((p) => str(p))
    .filter((p): p is string => p !== null)
    .map((text) => ({ type: 'text', text }));
}

function parseEmbeddingsRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const parts = inputParts(b['input']);
  return {
    model: requestModel(b, ctx),
    stream: false,
    parameters: pickParams(b, EMBEDDINGS_PARAMS),
    messages: parts.length > 0 ? [{ role: 'user', parts }] : [],
    tools: [],
    hints: requestHints(b),
  };
}

function parseEmbeddingsResponse(body: unknown): LlmResponse {
  const res = emptyResponse();
  res.complete = true;
  if (!isObj(body)) return res;
  res.error = errorFromBody(body);
  res.responseModel = str(body['model']) || null;
  res.responseId = str(body['id']) || null;
  const usage = body['usage'];
  res.rawUsage = isObj(usage) ? usage : null;
  res.usage = embeddingsUsage(usage);
  return res;
}

export const openaiEmbeddings: ProviderModule = {
  id: 'openai.embeddings',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST' || !EMBEDDINGS_PATH.test(input.path) || OLLAMA_NATIVE.test(input.path)) return null;
    return { provider: providerForHost(input.host), api: 'openai.embeddings' };
  },
  parseRequest: parseEmbeddingsRequest,
  streamParser: () => null,
  parseResponse: parseEmbeddingsResponse,
};
