import type { ExchangeState, ExchangeSummary } from '../../../src-main/contract/index.js';
import type { FilterFields } from './filter-query.js';

/**
 * Whether a live row belongs in the list the server would return for this filter, decided the same way the store's SQL
 * decides (`src-main/store/exchange-list.ts`): `*` wildcards and case-insensitive host/model, inclusive bounds, a row
 * with an unknown value never matching a bound. Full-text `search` cannot be decided here and is ignored: the caller
 * handles it.
 *
 * `provisional`: the row is still in flight, so whether it is an LLM call is not known yet (the LLM stage runs when it
 * ends). `llm` then lets it through, unless it is a tunnel, so the LLM-only list still shows streams live; the row is
 * checked again when it finishes. Narrower facts (model, provider, cost, …) stay strict: showing every in-flight row
 * under `model:gpt-4*` would flash rows of other models.
 */
export function matchesQuery(s: ExchangeSummary, q: FilterFields, opts: { provisional?: boolean } = {}): boolean {
  const unknown = opts.provisional === true && isInFlight(s.state);
  if (q.host !== undefined && !globMatch(q.host, s.host)) return false;
  if (q.method !== undefined && s.method.toUpperCase() !== q.method.toUpperCase()) return false;
  if (q.mode?.length && !q.mode.includes(s.mode)) return false;
  if (q.state?.length && !q.state.includes(s.state)) return false;
  if (!inRange(s.status, q.statusMin, q.statusMax)) return false;
  if (q.since !== undefined && s.startedAt < q.since) return false;
  if (q.until !== undefined && s.startedAt >= q.until) return false;
  if (!inRange(s.timings.totalMs, q.durationMin, q.durationMax)) return false;
  if (q.errorsOnly === true && !isError(s)) return false;
  if (q.starred === true && !s.starred) return false;
  if (q.provider !== undefined && s.provider !== q.provider) return false;
  if (q.model !== undefined && (s.model === null || !globMatch(q.model, s.model))) return false;
  if (q.tag !== undefined && s.tag !== q.tag) return false;
  if (q.conversationId !== undefined && s.conversationId !== q.conversationId) return false;
  if (!inRange(s.costUsd, q.costMin, q.costMax)) return false;
  if (!inRange(totalTokens(s), q.tokensMin, q.tokensMax)) return false;
  // a tunnel is never an LLM call, finished or not
  if (q.llmOnly === true && !(s.provider !== null || (unknown && s.mode !== 'tunnel'))) return false;
  return true;
}

export function isInFlight(state: ExchangeState): boolean {
  return state === 'pending' || state === 'streaming';
}

/** What the list counts as an error: the exchange failed, or the server said no. */
export function isError(s: ExchangeSummary): boolean {
  return s.error !== null || (s.status !== null && s.status >= 400);
}

/** Input plus output tokens; null when the exchange has no usage numbers at all. */
export function totalTokens(s: ExchangeSummary): number | null {
  const u = s.usage;
  if (u === null || (u.inputTokens === null && u.outputTokens === null)) return null;
  return (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
}

function inRange(v: number | null, min: number | undefined, max: number | undefined): boolean {
  if (min === undefined && max === undefined) return true;
  if (v === null) return false;
  return (min === undefined || v >= min) && (max === undefined || v <= max);
}

const globCache = new Map<string, RegExp>();

/** Case-insensitive whole-value match where `*` is any run of characters (and nothing else is special). */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern.toLowerCase() === value.toLowerCase();
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'is');
    if (globCache.size > 100) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(value);
}
