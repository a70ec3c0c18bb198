import type { ProviderFacts } from './provider-facts.js';

export type { ProviderFacts, ProviderInput } from './provider-facts.js';
export type { ProviderModule, StreamParser, Recognition, ParseContext, RecogniseInput } from './provider-module.js';
export { parseExchange, parseLlmView, startStreamParse, type ParsedExchange, type LiveParseInput } from './parse-exchange.js';
export { PROVIDER_MODULES } from './registry.js';
export { estimateUsage } from './usage-estimate.js';
export { extractUsageByRegex, HEAD_CHARS, TAIL_CHARS } from './regex-usage.js';
export { providerForHost } from './provider-hosts.js';

/** Version of the facts below; stored with each exchange so a later parser can re-derive older rows. */
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
