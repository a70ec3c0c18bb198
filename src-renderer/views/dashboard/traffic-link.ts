import type { AnalyticsGroupBy } from '../../../src-main/contract/index.js';

/**
 * Chart clicks → a Traffic filter. The Traffic view reads its filter from the URL param `q` in its typed query language
 * (`provider:openai model:gpt-4o since:<ms> until:<ms> errors`, see views/traffic/filter-query.ts), so every drill-down
 * is a plain link.
 */
export interface TrafficFilter {
  provider?: string;
  model?: string;
  tag?: string;
  /** conversation id (`conv:`) */
  conversation?: string;
  /** epoch ms, inclusive */
  since?: number;
  /** epoch ms, exclusive */
  until?: number;
  errors?: boolean;
}

/** A token value: bare when it is one word, else double-quoted; the language has no escapes, so quotes are dropped. */
export function quoteValue(v: string): string {
  return v !== '' && !/[\s"]/.test(v) ? v : `"${v.replace(/"/g, '')}"`;
}

/** The `q` text for a filter, tokens in a fixed order so equal filters give equal URLs. */
export function filterQuery(f: TrafficFilter): string {
  const tokens: string[] = [];
  if (f.provider) tokens.push(`provider:${quoteValue(f.provider)}`);
  if (f.model) tokens.push(`model:${quoteValue(f.model)}`);
  if (f.tag) tokens.push(`tag:${quoteValue(f.tag)}`);
  if (f.conversation) tokens.push(`conv:${quoteValue(f.conversation)}`);
  if (f.since !== undefined && Number.isFinite(f.since)) tokens.push(`since:${Math.floor(f.since)}`);
  if (f.until !== undefined && Number.isFinite(f.until)) tokens.push(`until:${Math.ceil(f.until)}`);
  if (f.errors) tokens.push('errors');
  return tokens.join(' ');
}

/** The filter narrowing to one group of a chart grouped by `groupBy`; empty when the group cannot be expressed. */
export function groupFilter(groupBy: AnalyticsGroupBy, group: string | null): TrafficFilter {
  if (group === null) return {};
  switch (groupBy) {
    case 'provider':
      return { provider: group };
    case 'model':
      return { model: group };
    case 'tag':
      return { tag: group };
    default:
      return {};
  }
}

/** One bucket [t, t + bucketMs), kept inside the dashboard's range so a partial first bucket does not widen it. */
export function bucketFilter(t: number, bucketMs: number, range: { since: number; until: number }): TrafficFilter {
  return { since: Math.max(t, range.since), until: Math.min(t + bucketMs, range.until) };
}

/** Hash parameters for the Traffic view. */
export function trafficParams(f: TrafficFilter): Record<string, string | undefined> {
  const q = filterQuery(f);
  return { q: q === '' ? undefined : q };
}
