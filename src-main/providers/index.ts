export type { ProviderFacts, ProviderInput } from './provider-facts.js';
export { emptyFacts, PARSER_VERSION } from './provider-facts.js';
export type { ProviderModule, StreamParser, Recognition, ParseContext, RecogniseInput } from './provider-module.js';
export { parseExchange, parseLlmView, startStreamParse, type ParsedExchange, type LiveParseInput } from './parse-exchange.js';
export { PROVIDER_MODULES } from './registry.js';
export { estimateUsage } from './usage-estimate.js';
export { extractUsageByRegex, HEAD_CHARS, TAIL_CHARS } from './regex-usage.js';
export { providerForHost } from './provider-hosts.js';

