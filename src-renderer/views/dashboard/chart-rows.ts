import type { UsagePoint } from '../../../src-main/contract/index.js';

/**
 * Time series → chart rows. The server sends sparse points (buckets with data, one per group); charts want one row per
 * bucket over the whole range with zeros (counts) or gaps (percentiles) where nothing happened.
 */

/** Token kinds stacked so they add up to input + output: cached input and reasoning output are split off. */
export interface TokenRow {
  t: number;
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

export interface RequestRow {
  t: number;
  /** requests without an error */
  ok: number;
  errors: number;
  /** errors / requests, null for an empty bucket (no rate to draw) */
  errorRate: number | null;
}

export interface LatencyRow {
  t: number;
  latencyP50: number | null;
  latencyP95: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
}

function byBucket(points: readonly UsagePoint[]): Map<number, UsagePoint[]> {
  const m = new Map<number, UsagePoint[]>();
  for (const p of points) {
    const list = m.get(p.bucketStart);
    if (list) list.push(p);
    else m.set(p.bucketStart, [p]);
  }
  return m;
}

const sum = (ps: readonly UsagePoint[], f: (p: UsagePoint) => number) => ps.reduce((a, p) => a + f(p), 0);

/** Token rows summed over every group of each bucket. */
export function tokenRows(points: readonly UsagePoint[], starts: readonly number[]): TokenRow[] {
  const m = byBucket(points);
  return starts.map((t) => {
    const ps = m.get(t) ?? [];
    const input = sum(ps, (p) => p.inputTokens);
    const cached = sum(ps, (p) => p.cacheReadTokens);
    const output = sum(ps, (p) => p.outputTokens);
    const reasoning = sum(ps, (p) => p.reasoningTokens);
    // input already includes cache reads and output includes reasoning (normalised usage); clamp for providers whose
    // parts were reported without their total
    return { t, input: Math.max(0, input - cached), cached, output: Math.max(0, output - reasoning), reasoning };
  });
}

export function requestRows(points: readonly UsagePoint[], starts: readonly number[]): RequestRow[] {
  const m = byBucket(points);
  return starts.map((t) => {
    const ps = m.get(t) ?? [];
    const requests = sum(ps, (p) => p.requests);
    const errors = sum(ps, (p) => p.errors);
    return { t, ok: Math.max(0, requests - errors), errors, errorRate: requests > 0 ? errors / requests : null };
  });
}

/**
 * Percentile rows. Percentiles of different groups cannot be combined, so this expects the ungrouped series (one point
 * per bucket); with several it keeps the busiest group's, which the server lists first.
 */
export function latencyRows(points: readonly UsagePoint[], starts: readonly number[]): LatencyRow[] {
  const m = byBucket(points);
  return starts.map((t) => {
    const p = m.get(t)?.[0];
    return {
      t,
      latencyP50: p?.latencyP50Ms ?? null,
      latencyP95: p?.latencyP95Ms ?? null,
      ttftP50: p?.ttftP50Ms ?? null,
      ttftP95: p?.ttftP95Ms ?? null,
    };
  });
}

/** One stacked series of the cost chart; `key` is a safe data key (group names contain dots, which recharts reads as paths). */
export interface CostSeries {
  key: string;
  label: string;
  /** the group's value to filter on; null for rows without one and for the lumped "other" series */
  group: string | null;
  other: boolean;
  costUsd: number;
  requests: number;
}

export interface CostChart {
  series: CostSeries[];
  rows: Array<{ t: number } & Record<string, number>>;
}

export const NO_GROUP_LABEL = '(none)';

/**
 * Cost per bucket stacked by group: the costliest groups get their own series (ties broken by requests), the rest are
 * lumped into "other" so six colours are enough.
 */
export function costChart(points: readonly UsagePoint[], starts: readonly number[], maxSeries = 6): CostChart {
  const totals = new Map<string | null, { costUsd: number; requests: number }>();
  for (const p of points) {
    const t = totals.get(p.group) ?? { costUsd: 0, requests: 0 };
    t.costUsd += p.costUsd;
    t.requests += p.requests;
    totals.set(p.group, t);
  }
  const ranked = [...totals.entries()].sort(
    (a, b) => b[1].costUsd - a[1].costUsd || b[1].requests - a[1].requests || String(a[0]).localeCompare(String(b[0])),
  );
  const own = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const rest = ranked.slice(own.length);
  const series: CostSeries[] = own.map(([group, t], i) => ({
    key: `s${i}`,
    label: group ?? NO_GROUP_LABEL,
    group,
    other: false,
    costUsd: t.costUsd,
    requests: t.requests,
  }));
  const keyOf = new Map<string | null, string>(own.map(([g], i) => [g, `s${i}`]));
  if (rest.length > 0) {
    series.push({
      key: 'other',
      label: `other (${rest.length})`,
      group: null,
      other: true,
      costUsd: rest.reduce((a, [, t]) => a + t.costUsd, 0),
      requests: rest.reduce((a, [, t]) => a + t.requests, 0),
    });
  }
  const m = byBucket(points);
  const rows = starts.map((t) => {
    const row: { t: number } & Record<string, number> = { t };
    for (const s of series) row[s.key] = 0;
    for (const p of m.get(t) ?? []) {
      const k = keyOf.get(p.group) ?? 'other';
      row[k] = (row[k] ?? 0) + p.costUsd;
    }
    return row;
  });
  return { series, rows };
}

/** True when no bucket of the series has a request (the dashboard then shows its empty state). */
export function isEmptySeries(points: readonly UsagePoint[]): boolean {
  return points.every((p) => p.requests === 0);
}

const SEC = 1000;
const MIN = 60 * SEC;
/** Round steps for a duration axis: what a person would count in. */
const DURATION_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 250, 500, SEC, 2 * SEC, 5 * SEC, 10 * SEC, 15 * SEC, 30 * SEC, MIN, 2 * MIN, 5 * MIN,
  10 * MIN, 15 * MIN, 30 * MIN, 60 * MIN,
];

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `v`. */
function niceStep(v: number): number {
  const mag = 10 ** Math.floor(Math.log10(v));
  // tolerate float noise so a step of exactly 0.2 stays 0.2
  for (const m of [1, 2, 2.5, 5]) if (v <= m * mag * (1 + 1e-9)) return m * mag;
  return 10 * mag;
}

/**
 * Ticks for a value axis from 0 to just above `max`: at most `count` round steps (1, 2, 2.5, 5 × 10ⁿ; for durations
 * 1 s, 15 s, 1 min, …), so the tallest bar sits under a labelled tick. `minStep` keeps count axes on whole numbers.
 */
export function niceTicks(max: number, opts: { kind?: 'number' | 'duration'; count?: number; minStep?: number } = {}): number[] {
  const count = opts.count ?? 4;
  const top = max > 0 && Number.isFinite(max) ? max : 0;
  const raw = Math.max(top / count, opts.minStep ?? 0);
  let step: number;
  if (raw === 0) step = opts.minStep ?? 1;
  else if (opts.kind === 'duration') step = DURATION_STEPS.find((d) => d >= raw) ?? niceStep(raw / (60 * MIN)) * 60 * MIN;
  else step = niceStep(raw);
  // a whole-number axis cannot use 2.5: the next round step is 5
  if (opts.minStep !== undefined && Number.isInteger(opts.minStep) && !Number.isInteger(step)) step *= 2;
  const n = Math.max(1, Math.ceil(top / step - 1e-9));
  // multiply rather than add so decimal steps do not pile up float error (0.1 + 0.2 …)
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** The tallest stack of `keys` in any row. */
export function stackMax(rows: readonly object[], keys: readonly string[]): number {
  let max = 0;
  for (const r of rows) {
    const v = r as Record<string, unknown>;
    max = Math.max(max, keys.reduce((a, k) => a + (typeof v[k] === 'number' ? (v[k] as number) : 0), 0));
  }
  return max;
}

/** The largest single value of `keys` in any row. */
export function seriesMax(rows: readonly object[], keys: readonly string[]): number {
  let max = 0;
  for (const r of rows) {
    const v = r as Record<string, unknown>;
    for (const k of keys) if (typeof v[k] === 'number') max = Math.max(max, v[k] as number);
  }
  return max;
}
