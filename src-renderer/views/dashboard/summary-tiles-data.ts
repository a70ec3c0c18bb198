import type { UsagePoint, UsageSummary } from '../../../src-main/contract/index.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.js';
import type { TrafficFilter } from './traffic-link.js';

export type TileKind = 'cost' | 'tokens-in' | 'tokens-out' | 'requests' | 'error-rate' | 'latency-p95' | 'ttft-p95';

export interface Tile {
  kind: TileKind;
  label: string;
  value: string;
  /** a second line: the part of the value worth knowing (cached share, p50, unpriced calls) */
  sub: string | null;
  tone: 'error' | 'warn' | null;
  /** where a click on the tile leads in Traffic; null when the tile is not a drill-down */
  filter: TrafficFilter | null;
}

/**
 * The summary tiles. Counts come from the summary command (ungrouped: one row, or none when nothing matched);
 * percentiles and the cached/reasoning split from the whole-range time-series point, when there is one.
 */
export function summaryTiles(summary: UsageSummary | null, whole: UsagePoint | null, range: { since: number; until: number }): Tile[] {
  // not loaded (yet, or it failed): dashes rather than zeros that would read as "no traffic"
  if (summary === null) return unknownTiles();
  const row = summary.groups[0];
  const requests = row?.total_requests ?? 0;
  const errors = row?.errors ?? 0;
  const rate = requests > 0 ? errors / requests : null;
  const minutes = Math.max(1, (range.until - range.since) / 60_000);
  const unknown = row?.unknown_cost_requests ?? 0;
  const timeOnly: TrafficFilter = { since: range.since, until: range.until };
  return [
    {
      kind: 'cost',
      label: 'Cost',
      value: formatUsd(row?.cost_usd ?? 0),
      sub: unknown > 0 ? `${formatCount(unknown)} call${unknown === 1 ? '' : 's'} unpriced` : null,
      tone: null,
      filter: null,
    },
    {
      kind: 'tokens-in',
      label: 'Tokens in',
      value: formatCount(row?.input_tokens ?? 0),
      sub: whole && whole.cacheReadTokens > 0 ? `${formatCount(whole.cacheReadTokens)} cached` : null,
      tone: null,
      filter: null,
    },
    {
      kind: 'tokens-out',
      label: 'Tokens out',
      value: formatCount(row?.output_tokens ?? 0),
      sub: whole && whole.reasoningTokens > 0 ? `${formatCount(whole.reasoningTokens)} reasoning` : null,
      tone: null,
      filter: null,
    },
    {
      kind: 'requests',
      label: 'Requests',
      value: formatCount(requests),
      sub: requests > 0 ? `${formatRate(requests / minutes)} / min` : null,
      tone: null,
      filter: timeOnly,
    },
    {
      kind: 'error-rate',
      label: 'Error rate',
      value: rate === null ? '—' : formatPercent(rate),
      sub: errors > 0 ? `${formatCount(errors)} failed` : null,
      tone: rate === null || rate === 0 ? null : rate >= 0.05 ? 'error' : 'warn',
      filter: { ...timeOnly, errors: true },
    },
    {
      kind: 'latency-p95',
      label: 'p95 latency',
      value: formatMs(whole?.latencyP95Ms),
      sub: whole?.latencyP50Ms != null ? `p50 ${formatMs(whole.latencyP50Ms)}` : null,
      tone: null,
      filter: null,
    },
    {
      kind: 'ttft-p95',
      label: 'p95 TTFT',
      value: formatMs(whole?.ttftP95Ms),
      sub: whole?.ttftP50Ms != null ? `p50 ${formatMs(whole.ttftP50Ms)}` : null,
      tone: null,
      filter: null,
    },
  ];
}

const TILE_LABELS: Array<[TileKind, string]> = [
  ['cost', 'Cost'],
  ['tokens-in', 'Tokens in'],
  ['tokens-out', 'Tokens out'],
  ['requests', 'Requests'],
  ['error-rate', 'Error rate'],
  ['latency-p95', 'p95 latency'],
  ['ttft-p95', 'p95 TTFT'],
];

function unknownTiles(): Tile[] {
  return TILE_LABELS.map(([kind, label]) => ({ kind, label, value: '—', sub: null, tone: null, filter: null }));
}

function formatRate(perMin: number): string {
  if (perMin >= 10) return formatCount(perMin);
  if (perMin >= 0.1) return perMin.toFixed(1);
  return perMin.toFixed(2);
}

/** The single point of a whole-range series; null when the range did not fit one bucket (then no percentiles). */
export function wholeRangePoint(points: readonly UsagePoint[] | undefined): UsagePoint | null {
  return points && points.length === 1 ? (points[0] ?? null) : null;
}
