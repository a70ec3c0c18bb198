import type { ExchangeSummary, LlmMessage, LlmView } from '../../../src-main/contract/index.js';

/** One call of a conversation as the turn bars show it. */
export interface TurnRow {
  id: number;
  /** the call's turn number, or its position when the server did not give one */
  turn: number;
  startedAt: number;
  model: string | null;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  costUsd: number | null;
  durationMs: number | null;
  failed: boolean;
  /** true while the call is still running (its numbers are not final) */
  live: boolean;
  estimated: boolean;
}

export interface TurnTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** null when no call had a known cost; `unpriced` says how many were left out */
  costUsd: number | null;
  unpriced: number;
  errors: number;
  /** summed call durations (time spent waiting on the model) */
  durationMs: number;
  /** first call start → last call end */
  spanMs: number;
  /** the largest input + output of any call: the bars' common scale */
  maxTokens: number;
}

const isFailed = (e: ExchangeSummary) => e.state === 'error' || e.error !== null || (e.status !== null && e.status >= 400);

/** The calls oldest first (the list command returns newest first), with their token counts resolved. */
export function turnRows(items: readonly ExchangeSummary[]): TurnRow[] {
  const sorted = [...items].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  return sorted.map((e, i) => ({
    id: e.id,
    turn: e.turn ?? i + 1,
    startedAt: e.startedAt,
    model: e.responseModel ?? e.model,
    inputTokens: e.usage?.inputTokens ?? 0,
    cachedTokens: e.usage?.cacheReadTokens ?? 0,
    outputTokens: e.usage?.outputTokens ?? 0,
    costUsd: e.costUsd,
    durationMs: e.timings.totalMs,
    failed: isFailed(e),
    live: e.state === 'pending' || e.state === 'streaming',
    estimated: e.usage !== null && e.usage.source !== 'provider',
  }));
}

export function turnTotals(rows: readonly TurnRow[]): TurnTotals {
  let cost: number | null = null;
  let unpriced = 0;
  let spanEnd = 0;
  for (const r of rows) {
    if (r.costUsd === null) unpriced++;
    else cost = (cost ?? 0) + r.costUsd;
    spanEnd = Math.max(spanEnd, r.startedAt + (r.durationMs ?? 0));
  }
  const first = rows[0]?.startedAt ?? 0;
  return {
    calls: rows.length,
    inputTokens: rows.reduce((a, r) => a + r.inputTokens, 0),
    outputTokens: rows.reduce((a, r) => a + r.outputTokens, 0),
    cachedTokens: rows.reduce((a, r) => a + r.cachedTokens, 0),
    costUsd: cost,
    unpriced,
    errors: rows.filter((r) => r.failed).length,
    durationMs: rows.reduce((a, r) => a + (r.durationMs ?? 0), 0),
    spanMs: rows.length ? Math.max(0, spanEnd - first) : 0,
    maxTokens: rows.reduce((a, r) => Math.max(a, r.inputTokens + r.outputTokens), 0),
  };
}

/** Bar widths as percentages of the row's track (a call with tokens never disappears: at least 0.5%). */
export function barWidths(row: TurnRow, maxTokens: number): { input: number; output: number } {
  if (maxTokens <= 0) return { input: 0, output: 0 };
  const pct = (n: number) => (n <= 0 ? 0 : Math.max(0.5, (n / maxTokens) * 100));
  return { input: pct(row.inputTokens), output: pct(row.outputTokens) };
}

/** The thread to show: the latest call's request messages and its reply. */
export function threadOf(llm: LlmView | null | undefined): { messages: LlmMessage[]; reply: LlmMessage | null } {
  return { messages: llm?.request?.messages ?? [], reply: llm?.response?.message ?? null };
}
