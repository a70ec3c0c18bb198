import type { HeaderPairs, LlmRequest, LlmResponse } from '../contract/index.js';

/** What recognition looks at: the request line, headers and (parsed) body. */
export interface RecogniseInput {
  method: string;
  host: string;
  /** path without the query string */
  path: string;
  query: URLSearchParams;
  headers: HeaderPairs;
  /** the request body parsed as JSON, or null */
  body: unknown;
}

export interface Recognition {
  /** e.g. 'openai', 'azure-openai', 'deepseek', 'anthropic', 'gemini', 'vertex-ai', 'ollama', 'bedrock' */
  provider: string;
  /** e.g. 'openai.chat', 'openai.responses', 'anthropic.messages', 'gemini.generateContent' */
  api: string;
}

export interface ParseContext extends Recognition {
  host: string;
  path: string;
  query: URLSearchParams;
  /** model named in the URL (Gemini, Vertex, Azure deployment, Bedrock), URL-decoded */
  urlModel: string | null;
  /** HTTP status of the response (errors have their own bodies) */
  status: number | null;
}

/**
 * Consumes a streamed response body chunk by chunk, as it is tee'd. Never throws: garbage, reordering or a cut stream
 * yields the best partial answer with `complete: false`.
 */
export interface StreamParser {
  /** `atMs`: arrival time of the chunk, ms since the exchange started */
  push(chunk: Uint8Array, atMs: number): void;
  /** when the first content (text, thinking, tool call, refusal) arrived; TTFT */
  readonly firstContentAtMs: number | null;
  /** the reply so far (for live views) */
  snapshot(): LlmResponse;
  /** the stream is over: the final parse */
  end(): LlmResponse;
}

/**
 * One API family. Registered in one explicit list (registry.ts); the first module that recognises an exchange parses it.
 */
export interface ProviderModule {
  readonly id: string;
  recognise(input: RecogniseInput): Recognition | null;
  parseRequest(body: unknown, ctx: ParseContext): LlmRequest;
  /** a parser for a streamed body of this content type, or null when this content type is not a stream of this API */
  streamParser(ctx: ParseContext, contentType: string | null): StreamParser | null;
  /** a whole (non-streamed) response body, already JSON-parsed */
  parseResponse(body: unknown, ctx: ParseContext): LlmResponse;
}
