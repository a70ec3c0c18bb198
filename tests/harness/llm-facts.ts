// Checks a stored exchange against a fixture's MANIFEST entry: provider and API recognised, the exact normalised usage,
// the response model, the finish reason and the reply's text length (the "message facts").
import assert from 'node:assert/strict';
import type { ExchangeDetail, ExchangeSummary } from '../../src-main/contract/index.js';
import type { ManifestEntry } from '../support/fixtures.js';

const USAGE_KEYS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'totalTokens'] as const;

/** The MANIFEST labels compat hosts and Gemini stream URLs loosely; compare API families. */
export const apiFamily = (a: string): string => a.replace('openai-compat.', 'openai.').replace('.streamGenerateContent', '.generateContent');

export function assertLlmFacts(x: ExchangeSummary, detail: ExchangeDetail | null, e: ManifestEntry): void {
  const label = e.file;
  assert.ok(x.provider, `${label}: provider recognised`);
  assert.equal(apiFamily(x.api ?? ''), apiFamily(e.api), `${label}: api`);
  const model = e.parsed?.['model'];
  if (typeof model === 'string' && x.status === 200) assert.equal(x.responseModel ?? x.model, model, `${label}: model`);
  const finish = e.parsed?.['finish'];
  if (typeof finish === 'string') assert.equal(x.finishReason, finish, `${label}: finish reason`);
  if (e.normalized) {
    assert.equal(x.usage?.source, 'provider', `${label}: usage comes from the provider`);
    for (const k of USAGE_KEYS) {
      const want: number | undefined = e.normalized[k];
      if (want !== undefined) assert.equal(x.usage?.[k], want, `${label}: usage.${k}`);
    }
  }
  const chars = e.parsed?.['text_chars'];
  // one recording kept only its first deltas but carries the full text in its final events: the final text wins
  if (detail && typeof chars === 'number' && e.file !== 'openai/responses-cached-reasoning.sse') {
    const text = (detail.llm?.response?.message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
    assert.equal(text.length, chars, `${label}: reply text length`);
  }
}
