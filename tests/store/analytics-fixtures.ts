// Synthetic exchanges with known tokens, costs, latencies, providers, models, tags and times, plus an independent
// (plain JS) computation of what the analytics queries must return for them.
import type { AnalyticsFilter, AnalyticsGroupBy, UsagePoint, UsageSummaryRow, UsageTotals } from '../../src-main/contract/index.js';
import { emptyFacts, PARSER_VERSION } from '../../src-main/providers/index.js';
import type { FinishRecord } from '../../src-main/store/index.js';
import { finishRecord } from './fixtures.js';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

export interface Synthetic {
  id: number;
  startedAt: number;
  llm: boolean;
  provider: string | null;
  model: string | null;
  tag: string | null;
  conversationId: string | null;
  host: string;
  status: number | null;
  errorCode: string | null;
  totalMs: number | null;
  ttftMs: number | null;
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
  total: number | null;
  costUsd: number | null;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS: Record<string, string[]> = {
  openai: ['gpt-4o', 'gpt-4o-mini'],
  anthropic: ['claude-sonnet-4', 'claude-haiku'],
  google: ['gemini-2.5-pro'],
};
const HOSTS: Record<string, string> = { openai: 'api.openai.com', anthropic: 'api.anthropic.com', google: 'generativelanguage.googleapis.com' };
const TAGS = ['agent:sofia', 'agent:max', null];

/** `n` LLM exchanges over six hours (plus `nonLlm` unrecognised ones), deterministic for a seed. */
export function synthetic(n = 360, nonLlm = 40, seed = 7): Synthetic[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Synthetic[] = [];
  for (let id = 1; id <= n + nonLlm; id++) {
    const llm = id <= n;
    const provider = llm ? pick(Object.keys(MODELS)) : null;
    const roll = r();
    const errorCode = roll < 0.05 ? 'upstream_reset' : null;
    const status = errorCode ? null : roll < 0.15 ? pick([429, 500, 400]) : 200;
    const ok = status === 200;
    const hasUsage = llm && ok && r() < 0.9;
    const input = hasUsage ? 1 + Math.floor(r() * 5000) : null;
    const output = hasUsage ? Math.floor(r() * 2000) : null;
    out.push({
      id,
      startedAt: T0 + Math.floor(r() * 6 * HOUR),
      llm,
      provider,
      model: provider ? pick(MODELS[provider] ?? []) : null,
      tag: llm ? pick(TAGS) : null,
      conversationId: llm ? `conv-${1 + Math.floor(r() * 12)}` : null,
      host: provider ? (HOSTS[provider] ?? 'x') : 'telemetry.example.com',
      status,
      errorCode,
      // integers and halves: sums are exact, and some rows have no timing at all
      totalMs: r() < 0.05 ? null : 20 + Math.floor(r() * 8000) / 2,
      ttftMs: llm && ok && r() < 0.7 ? 5 + Math.floor(r() * 1600) / 2 : null,
      input,
      output,
      cacheRead: hasUsage && r() < 0.5 ? Math.floor(r() * 3000) : null,
      cacheWrite: hasUsage && r() < 0.2 ? Math.floor(r() * 1000) : null,
      reasoning: hasUsage && r() < 0.3 ? Math.floor(r() * 900) : null,
      // some providers give no total: input + output is counted instead
      total: hasUsage && input !== null && output !== null && r() < 0.7 ? input + output + 3 : null,
      // multiples of 1/1024: sums are exact in binary floating point, whatever the order
      costUsd: hasUsage && r() < 0.85 ? Math.floor(r() * 4096) / 1024 : null,
    });
  }
  return out;
}

export function toRecord(x: Synthetic): FinishRecord {
  const usage = x.input === null && x.output === null
    ? null
    : { inputTokens: x.input, outputTokens: x.output, cacheReadTokens: x.cacheRead, cacheWriteTokens: x.cacheWrite,
        reasoningTokens: x.reasoning, totalTokens: x.total, source: 'provider' as const };
  return finishRecord(x.id, {
    startedAt: x.startedAt,
    host: x.host,
    url: `https://${x.host}/v1/x`,
    status: x.status,
    state: x.errorCode || (x.status !== null && x.status >= 400) ? 'error' : 'complete',
    error: x.errorCode ? { code: 'upstream_reset', message: 'reset' } : null,
    totalMs: x.totalMs,
    facts: {
      ...emptyFacts(),
      provider: x.provider, api: x.provider ? `${x.provider}.api` : null, model: x.model, tag: x.tag,
      conversationId: x.conversationId, usage, costUsd: x.costUsd, ttftMs: x.ttftMs, parserVersion: PARSER_VERSION,
    },
  });
}

// ---- the expected answers, computed independently ----

export function matches(x: Synthetic, f: AnalyticsFilter): boolean {
  if (!x.llm && f.includeNonLlm !== true) return false;
  if (f.since !== undefined && x.startedAt < f.since) return false;
  if (f.until !== undefined && x.startedAt >= f.until) return false;
  if (f.provider !== undefined && x.provider !== f.provider) return false;
  if (f.model !== undefined && x.model !== f.model) return false;
  if (f.tag !== undefined && x.tag !== f.tag) return false;
  if (f.host !== undefined && x.host !== f.host) return false;
  if (f.conversationId !== undefined && x.conversationId !== f.conversationId) return false;
  return true;
}

export function groupOf(x: Synthetic, g: AnalyticsGroupBy): string | null {
  return g === 'none' ? null : g === 'conversation' ? x.conversationId : x[g];
}

const isError = (x: Synthetic): boolean => x.errorCode !== null || (x.status !== null && x.status >= 400);
const sum = (xs: Synthetic[], f: (x: Synthetic) => number | null): number => xs.reduce((a, x) => a + (f(x) ?? 0), 0);
const rowTokens = (x: Synthetic): number => x.total ?? (x.input ?? 0) + (x.output ?? 0);

/** Nearest rank: the value at rank ceil(p·n) of the sorted values. */
export function percentile(values: number[], pct: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((values.length * pct) / 100)) - 1] ?? null;
}

function groupBy<K>(xs: Synthetic[], key: (x: Synthetic) => K): Map<string, { key: K; rows: Synthetic[] }> {
  const m = new Map<string, { key: K; rows: Synthetic[] }>();
  for (const x of xs) {
    const k = key(x);
    const id = JSON.stringify(k);
    const e = m.get(id) ?? { key: k, rows: [] };
    e.rows.push(x);
    m.set(id, e);
  }
  return m;
}

export function expectedPoints(data: Synthetic[], f: AnalyticsFilter, g: AnalyticsGroupBy, bucketMs: number): UsagePoint[] {
  const rows = data.filter((x) => matches(x, f));
  const groups = groupBy(rows, (x) => [Math.floor(x.startedAt / bucketMs) * bucketMs, groupOf(x, g)] as const);
  return [...groups.values()].map(({ key: [bucketStart, group], rows: xs }) => ({
    bucketStart,
    group,
    requests: xs.length,
    errors: xs.filter(isError).length,
    inputTokens: sum(xs, (x) => x.input),
    outputTokens: sum(xs, (x) => x.output),
    cacheReadTokens: sum(xs, (x) => x.cacheRead),
    cacheWriteTokens: sum(xs, (x) => x.cacheWrite),
    reasoningTokens: sum(xs, (x) => x.reasoning),
    totalTokens: sum(xs, rowTokens),
    costUsd: sum(xs, (x) => x.costUsd),
    unknownCostRequests: xs.filter((x) => x.costUsd === null).length,
    latencyP50Ms: percentile(xs.flatMap((x) => (x.totalMs === null ? [] : [x.totalMs])), 50),
    latencyP95Ms: percentile(xs.flatMap((x) => (x.totalMs === null ? [] : [x.totalMs])), 95),
    ttftP50Ms: percentile(xs.flatMap((x) => (x.ttftMs === null ? [] : [x.ttftMs])), 50),
    ttftP95Ms: percentile(xs.flatMap((x) => (x.ttftMs === null ? [] : [x.ttftMs])), 95),
  }));
}

export function expectedTotals(xs: Synthetic[]): UsageTotals {
  const timed = xs.flatMap((x) => (x.totalMs === null ? [] : [x.totalMs]));
  return {
    total_requests: xs.length,
    total_tokens: sum(xs, rowTokens),
    avg_latency_ms: timed.length === 0 ? 0 : timed.reduce((a, b) => a + b, 0) / timed.length,
    success_rate: xs.length === 0 ? 0 : 1 - xs.filter(isError).length / xs.length,
  };
}

export function expectedSummary(data: Synthetic[], f: AnalyticsFilter, g: AnalyticsGroupBy): UsageSummaryRow[] {
  const rows = data.filter((x) => matches(x, f));
  return [...groupBy(rows, (x) => groupOf(x, g)).values()].map(({ key, rows: xs }) => ({
    group: key,
    ...expectedTotals(xs),
    input_tokens: sum(xs, (x) => x.input),
    output_tokens: sum(xs, (x) => x.output),
    errors: xs.filter(isError).length,
    cost_usd: sum(xs, (x) => x.costUsd),
    unknown_cost_requests: xs.filter((x) => x.costUsd === null).length,
  }));
}
