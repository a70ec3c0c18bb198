import type { LlmRequest, LlmResponse, LlmView } from '../contract/index.js';
import type { ProviderInput } from './provider-facts.js';
import type { ParseContext, ProviderModule, Recognition, StreamParser } from './provider-module.js';
import { PROVIDER_MODULES } from './registry.js';
import { tryJson } from './stream-framing.js';

/** One exchange as the LLM layer understands it. */
export interface ParsedExchange extends Recognition {
  request: LlmRequest | null;
  response: LlmResponse | null;
  /** ms from request start to the first content token (streams), or to the last byte for whole bodies */
  ttftMs: number | null;
  /** model named in the URL (Gemini, Vertex, Azure deployment, Bedrock) */
  urlModel: string | null;
  /** the module that understood it */
  module: ProviderModule;
}

const STREAM_TYPES = /text\/event-stream|application\/x-ndjson|application\/jsonl|application\/vnd\.amazon\.eventstream/i;

function headerValue(pairs: readonly (readonly [string, string])[], name: string): string | null {
  for (const [k, v] of pairs) if (k.toLowerCase() === name) return v;
  return null;
}

/** Model names in URLs: Gemini/Vertex `models/{model}:method`, Azure `deployments/{name}/`, Bedrock `model/{id}/`. */
function modelFromPath(path: string): string | null {
  const m =
    /\/(?:models|tunedModels)\/([^/:]+):/.exec(path) ??
    /\/deployments\/([^/]+)\//.exec(path) ??
    /\/model\/([^/]+)\/(?:invoke|converse)/.exec(path);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

function firstNonBlank(body: Buffer): number | undefined {
  for (const b of body) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}

function bodyJson(body: Buffer | null): unknown {
  if (body === null || body.length === 0) return null;
  return tryJson(body.toString('utf8')) ?? null;
}

/**
 * Recognises an exchange with the first registered module that claims it, then parses its request and response.
 * Streams are replayed chunk by chunk with their recorded arrival times, so TTFT is the first content token, not the
 * first byte. Never throws: a module that fails costs only the part it failed on.
 */
export function parseExchange(input: ProviderInput): ParsedExchange | null {
  const q = input.path.indexOf('?');
  const path = q === -1 ? input.path : input.path.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : input.path.slice(q + 1));
  const requestJson = bodyJson(input.requestBody);
  const recogniseInput = { method: input.method, host: input.host, path, query, headers: input.requestHeaders, body: requestJson };
  for (const module of PROVIDER_MODULES) {
    let recognition: Recognition | null = null;
    try {
      recognition = module.recognise(recogniseInput);
    } catch {
      recognition = null;
    }
    if (!recognition) continue;
    const ctx: ParseContext = { ...recognition, host: input.host, path, query, urlModel: modelFromPath(path), status: input.status };
    let request: LlmRequest | null = null;
    try {
      request = requestJson === null ? null : module.parseRequest(requestJson, ctx);
    } catch {
      request = null;
    }
    const { response, ttftMs } = parseResponse(module, ctx, input);
    return { ...recognition, request, response, ttftMs, urlModel: ctx.urlModel, module };
  }
  return null;
}

function parseResponse(module: ProviderModule, ctx: ParseContext, input: ProviderInput): { response: LlmResponse | null; ttftMs: number | null } {
  const body = input.responseBody;
  if (body === null || body.length === 0) return { response: null, ttftMs: null };
  const contentType = input.contentType ?? headerValue(input.responseHeaders, 'content-type');
  try {
    const parser = contentType !== null && STREAM_TYPES.test(contentType) ? module.streamParser(ctx, contentType) : null;
    if (parser !== null) {
      replay(body, input.responseChunkTimes, (chunk, at) => parser.push(chunk, at));
      const response = parser.end();
      return { response, ttftMs: parser.firstContentAtMs };
    }
    // Gemini's JSON-array stream and other streamed JSON arrive as application/json: let the module's stream parser
    // try when the body is an array, otherwise parse it whole
    if (firstNonBlank(body) === 0x5b /* [ */) {
      const arrayParser = module.streamParser(ctx, contentType);
      if (arrayParser !== null) {
        replay(body, input.responseChunkTimes, (chunk, at) => arrayParser.push(chunk, at));
        return { response: arrayParser.end(), ttftMs: arrayParser.firstContentAtMs };
      }
    }
    const json = bodyJson(body);
    if (json === null) return { response: null, ttftMs: null };
    return { response: module.parseResponse(json, ctx), ttftMs: null };
  } catch {
    return { response: null, ttftMs: null };
  }
}

/**
 * Feeds a stored body back in the chunks it arrived in (or whole, when no timings were recorded). The last recorded
 * chunk runs to the end of the body, which also covers bytes after the timing cap.
 */
function replay(body: Buffer, times: number[] | null, push: (chunk: Uint8Array, atMs: number) => void): void {
  if (times === null || times.length < 2) {
    push(body, 0);
    return;
  }
  for (let i = 0; i < times.length; i += 2) {
    const start = times[i] ?? 0;
    if (start >= body.length) break;
    const end = i + 2 < times.length ? Math.min(times[i + 2] ?? body.length, body.length) : body.length;
    if (end > start) push(body.subarray(start, end), times[i + 1] ?? 0);
  }
}

/** The detail view's LLM tab: the parse of one stored exchange. */
export function parseLlmView(input: ProviderInput): LlmView | null {
  const parsed = parseExchange(input);
  if (!parsed) return null;
  return { provider: parsed.provider, api: parsed.api, request: parsed.request, response: parsed.response };
}

/** What a live (in-flight) parse needs to know about the exchange. */
export interface LiveParseInput {
  method: string;
  host: string;
  path: string;
  requestHeaders: ProviderInput['requestHeaders'];
  requestBody: Buffer | null;
  status: number | null;
  contentType: string | null;
}

/**
 * A stream parser for a response still arriving, so a live view can show the reply growing. Null when the exchange
 * is not a recognised LLM stream.
 */
export function startStreamParse(input: LiveParseInput): StreamParser | null {
  if (input.contentType === null || !STREAM_TYPES.test(input.contentType)) return null;
  const q = input.path.indexOf('?');
  const path = q === -1 ? input.path : input.path.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : input.path.slice(q + 1));
  const body = bodyJson(input.requestBody);
  for (const module of PROVIDER_MODULES) {
    try {
      const recognition = module.recognise({ method: input.method, host: input.host, path, query, headers: input.requestHeaders, body });
      if (!recognition) continue;
      return module.streamParser({ ...recognition, host: input.host, path, query, urlModel: modelFromPath(path), status: input.status }, input.contentType);
    } catch {
      return null;
    }
  }
  return null;
}
