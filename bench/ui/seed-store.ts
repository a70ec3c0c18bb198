// Fills a store with realistic LLM exchanges for the UI benchmark: several providers and models, streamed and plain
// calls, conversations with turns, tags, errors, and chat bodies the full-text index can search, spread over a week.
import { performance } from 'node:perf_hooks';
import type { FinishOp } from '../../src-main/ingest/index.js';
import { PARSER_VERSION } from '../../src-main/providers/index.js';
import { ExchangeStore, type FinishRecord } from '../../src-main/store/index.js';

const MODELS = [
  { provider: 'openai', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4o', inPerTok: 2.5e-6, outPerTok: 10e-6 },
  { provider: 'openai', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4.1-nano', inPerTok: 0.1e-6, outPerTok: 0.4e-6 },
  { provider: 'anthropic', host: 'api.anthropic.com', path: '/v1/messages', model: 'claude-sonnet-4-5', inPerTok: 3e-6, outPerTok: 15e-6 },
  { provider: 'google', host: 'generativelanguage.googleapis.com', path: '/v1beta/models/gemini-2.0-flash:generateContent', model: 'gemini-2.0-flash', inPerTok: 0.1e-6, outPerTok: 0.4e-6 },
  { provider: 'mistral', host: 'api.mistral.ai', path: '/v1/chat/completions', model: 'mistral-large-latest', inPerTok: 2e-6, outPerTok: 6e-6 },
] as const;
const TAGS = ['checkout', 'support', 'agent', 'search', null] as const;
const WORDS = ['refund', 'order', 'shipping', 'invoice', 'password', 'weather', 'summary', 'translate', 'python', 'error',
  'customer', 'delivery', 'account', 'billing', 'schedule', 'meeting', 'report', 'analysis', 'recipe', 'travel'];
/** appears in one body in a thousand, so a search has a small, known answer */
export const RARE_WORD = 'zanzibarquokka';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentence(rand: () => number, words: number, rare: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  if (rare) out.splice(Math.floor(words / 2), 0, RARE_WORD);
  return out.join(' ');
}

function record(id: number, startedAt: number, rand: () => number): FinishRecord {
  const m = MODELS[Math.floor(rand() * MODELS.length)]!;
  const failed = rand() < 0.03;
  const stream = rand() < 0.5;
  const inputTokens = 50 + Math.floor(rand() * 3000);
  const outputTokens = failed ? 0 : 10 + Math.floor(rand() * 800);
  const cacheRead = rand() < 0.3 ? Math.floor(inputTokens * 0.6) : null;
  const ttfb = 150 + Math.floor(rand() * 600);
  const total = ttfb + (stream ? Math.floor(rand() * 6000) : Math.floor(rand() * 300));
  const conv = Math.floor(id / 4);
  const prompt = sentence(rand, 25 + Math.floor(rand() * 40), id % 1000 === 7);
  const reqBody = JSON.stringify({ model: m.model, stream, messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: prompt }] });
  const resBody = failed
    ? JSON.stringify({ error: { type: 'rate_limit_error', message: 'Rate limit reached, retry later' } })
    : JSON.stringify({ id: `resp_${id}`, model: m.model, choices: [{ message: { role: 'assistant', content: sentence(rand, 40, false) }, finish_reason: 'stop' }] });
  const side = (body: string) => ({
    headers: [['content-type', 'application/json'], ['authorization', 'Bearer [redacted sha256:0f1e2d3c]']] as [string, string][],
    bytes: Buffer.byteLength(body), contentEncoding: null, contentType: 'application/json', body: Buffer.from(body),
    truncated: false, decodeError: null, chunkTimes: null,
  });
  const op: Omit<FinishOp, 'request' | 'response'> = {
    op: 'finish', id, startedAt, mode: 'mitm', method: 'POST', url: `https://${m.host}${m.path}`, host: m.host, path: m.path,
    status: failed ? 429 : 200, state: failed ? 'error' : 'complete', error: null, ttfbMs: ttfb, totalMs: total, stream,
  };
  return {
    ...op,
    request: side(reqBody),
    response: side(resBody),
    facts: {
      provider: m.provider, api: `${m.provider}.chat`, model: m.model, responseModel: m.model,
      usage: failed ? null : { inputTokens, outputTokens, cacheReadTokens: cacheRead, cacheWriteTokens: null, reasoningTokens: null,
        totalTokens: inputTokens + outputTokens, source: 'provider' },
      costUsd: failed ? null : inputTokens * m.inPerTok + outputTokens * m.outPerTok,
      conversationId: `c:${conv}`, tag: TAGS[conv % TAGS.length] ?? null, ttftMs: ttfb + 20, finishReason: failed ? null : 'stop',
      turn: (id % 4) + 1, usageRaw: null, responseId: `resp_${id}`,
      providerError: failed ? { type: 'rate_limit_error', message: 'Rate limit reached' } : null, parserVersion: PARSER_VERSION,
    },
  };
}

export interface SeedResult {
  count: number;
  elapsedMs: number;
}

/** Writes `count` exchanges ending now, ~6 s apart, and builds the full-text index so search is ready. */
export function seedStore(dbPath: string, count: number): SeedResult {
  const t0 = performance.now();
  const rand = lcg(42);
  const store = ExchangeStore.open(dbPath);
  try {
    const now = Date.now();
    const step = Math.floor((7 * 24 * 3600 * 1000) / count);
    for (let start = 1; start <= count; start += 2048) {
      const batch: FinishRecord[] = [];
      for (let id = start; id < Math.min(count + 1, start + 2048); id++) batch.push(record(id, now - (count - id) * step, rand));
      store.applyBatch(batch);
    }
    while (store.indexPendingText(5000) > 0) {
      // index the bodies in slices, as the background indexer would
    }
  } finally {
    store.close();
  }
  return { count, elapsedMs: performance.now() - t0 };
}
