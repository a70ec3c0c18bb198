import type { ProviderFacts, ProviderInput } from './provider-facts.js';

export type { ProviderFacts, ProviderInput } from './provider-facts.js';

/** Version of the facts below; stored with each exchange so a later parser can re-derive older rows. */
export const PARSER_VERSION = 0;

/**
 * The providers stage of the ingest pipeline. The capture engine records host, path, status, bytes and timings on its
 * own; recognising LLM APIs (model, usage, cost, conversations) plugs in here, one module per API family.
 */
export function analyseExchange(_input: ProviderInput): ProviderFacts {
  return emptyFacts();
}

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
    parserVersion: PARSER_VERSION,
  };
}

// STUB (store side): the integrator replaces this with the real export from parse-exchange.ts
import type { LlmView } from '../contract/index.js';
/** The normalised LLM view of a stored exchange, or null when no provider module understands it. */
export function parseLlmView(_input: ProviderInput): LlmView | null {
  return null;
}
