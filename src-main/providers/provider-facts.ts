import type { HeaderPairs, Usage } from '../contract/index.js';

/** What the providers stage receives: one finished exchange with decoded bodies. */
export interface ProviderInput {
  exchangeId: number;
  method: string;
  host: string;
  path: string;
  url: string;
  status: number | null;
  requestHeaders: HeaderPairs;
  responseHeaders: HeaderPairs;
  /** decoded (decompressed) bodies; null when absent or undecodable */
  requestBody: Buffer | null;
  responseBody: Buffer | null;
  contentType: string | null;
  startedAt: number;
  /** response chunk arrivals as flat pairs [byteOffset, msSinceStart, …] (for TTFT); null when not recorded */
  responseChunkTimes: number[] | null;
}

/** What the providers stage adds to an exchange. Every field null means "not an LLM call we understand". */
export interface ProviderFacts {
  provider: string | null;
  api: string | null;
  model: string | null;
  responseModel: string | null;
  usage: Usage | null;
  costUsd: number | null;
  conversationId: string | null;
  tag: string | null;
  ttftMs: number | null;
  finishReason: string | null;
  /** position of this call in its conversation (1-based) */
  turn: number | null;
  /** the provider's usage object(s) verbatim, as JSON text */
  usageRaw: string | null;
  responseId: string | null;
  /** an error the provider reported in a 200 stream or an error body; the exchange is marked as failed with it */
  providerError: { type: string; message: string } | null;
  /** bumped when parsing improves, so stored exchanges can be re-derived */
  parserVersion: number;
}

/** Version of the facts (ProviderFacts); stored with each exchange so a later parser can re-derive older rows. */
export const PARSER_VERSION = 1;

/** Facts for an exchange nobody recognised (or whose parse failed). */
export function emptyFacts(): ProviderFacts {
  return {
    provider: null,
    api: null,
    model: null,
    responseModel: null,
    usage: null,
    costUsd: null,
    conversationId: null,
    tag: null,
    ttftMs: null,
    finishReason: null,
    turn: null,
    usageRaw: null,
    responseId: null,
    providerError: null,
    parserVersion: PARSER_VERSION,
  };
}
