import type { ProviderFacts, ProviderInput } from '../providers/index.js';
import { emptyFacts } from '../providers/index.js';
import { ConfigSchema } from '../contract/index.js';
import { LlmAnalyser, type AnalysisConfig } from './llm-analysis.js';

export { LlmAnalyser, type AnalysisConfig } from './llm-analysis.js';

const defaults = ConfigSchema.parse({});
let analyser: LlmAnalyser | null = null;

/** The ingest worker's one analyser (conversation state lives in it). */
export function configureAnalysis(config: AnalysisConfig): void {
  if (analyser) analyser.reconfigure(config);
  else analyser = new LlmAnalyser(config);
}

/** The providers stage of the ingest pipeline. Total: a failure costs the facts, never the exchange. */
export function analyseExchange(input: ProviderInput): ProviderFacts {
  analyser ??= new LlmAnalyser({ pricing: defaults.pricing, conversations: defaults.conversations });
  try {
    return analyser.analyse(input);
  } catch {
    return emptyFacts();
  }
}

/** Re-derives parse facts of a stored exchange (re-parse); leaves conversation grouping alone. */
export function reanalyseExchange(input: ProviderInput): ProviderFacts {
  analyser ??= new LlmAnalyser({ pricing: defaults.pricing, conversations: defaults.conversations });
  try {
    return analyser.analyse(input, { conversations: false });
  } catch {
    return emptyFacts();
  }
}
