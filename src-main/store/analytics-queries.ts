import { SqlWhere, type Bind } from './sql-where.js';
import type Database from 'better-sqlite3';
import type {
  AnalyticsFilter,
  AnalyticsGroupBy,
  UsagePoint,
  UsageSummary,
  UsageSummaryQuery,
  UsageSummaryRow,
  UsageTimeseries,
  UsageTimeseriesQuery,
  UsageTotals,
} from '../contract/index.js';
import { ERROR_CONDITION } from './exchange-queries.js';

/**
 * Usage analytics, computed entirely in SQL: filters and grouping in the WHERE/GROUP BY, percentiles with window
 * functions (nearest rank: the value at rank ceil(p·n) of the group's values in order). JS only maps result rows.
 */

const GROUP_COLUMN: Record<AnalyticsGroupBy, string> = {
  none: 'NULL',
  provider: 'provider',
  model: 'model',
  tag: 'tag',
  conversation: 'conversation_id',
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round bucket widths, smallest first; auto picks the first giving at most TARGET_BUCKETS over the range. */
export const BUCKET_STEPS = [
  SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR,
  3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY,
] as const;
const TARGET_BUCKETS = 120;
/** An explicit bucket width giving more buckets than this over the range is widened (the result says which was used). */
const MAX_BUCKETS = 20_000;

export function autoBucketMs(rangeMs: number, maxBuckets = TARGET_BUCKETS): number {
  for (const step of BUCKET_STEPS) if (rangeMs / step <= maxBuckets) return step;
  return BUCKET_STEPS[BUCKET_STEPS.length - 1] ?? DAY;
}


/** Tokens counted for a row: the provider's total where given, else input + output. */
const ROW_TOTAL_TOKENS = 'coalesce(usage_total, coalesce(usage_input, 0) + coalesce(usage_output, 0))';
const IS_ERROR = `CASE WHEN ${ERROR_CONDITION} THEN 1 ELSE 0 END`;

/** ceil(n * pct / 100) in integer arithmetic (SQLite may be built without math functions). */
const rank = (n: string, pct: number): string => `((${n}) * ${pct} + 99) / 100`;

function whereOf(f: AnalyticsFilter): { sql: string; args: Bind[] } {
  // finished exchanges only: one still in flight has no outcome, timings or usage yet
  const w = new SqlWhere().add(`state NOT IN ('pending', 'streaming')`);
  if (f.includeNonLlm !== true) w.add('provider IS NOT NULL');
  w.when('started_at >= ?', f.since)
    .when('started_at < ?', f.until)
    .when('provider = ?', f.provider)
    // the same matching as the exchange list: `*` wildcards, case-insensitive
    .glob('model', f.model)
    .when('tag = ?', f.tag)
    .glob('host', f.host)
    .when('conversation_id = ?', f.conversationId);
  return { sql: w.sql, args: w.args };
}

interface PointRow {
  bucket: number;
  grp: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  cost_usd: number;
  unknown_cost: number;
  lat_p50: number | null;
  lat_p95: number | null;
  ttft_p50: number | null;
  ttft_p95: number | null;
}

interface SummaryRow {
  grp: string | null;
  total_requests: number;
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  errors: number;
  avg_latency_ms: number | null;
  success_rate: number | null;
  cost_usd: number;
  unknown_cost: number;
}

const SUMMARY_SELECT = `count(*) AS total_requests,
  coalesce(sum(${ROW_TOTAL_TOKENS}), 0) AS total_tokens,
  coalesce(sum(usage_input), 0) AS input_tokens,
  coalesce(sum(usage_output), 0) AS output_tokens,
  coalesce(sum(${IS_ERROR}), 0) AS errors,
  round(avg(total_ms), 1) AS avg_latency_ms,
  round(1.0 - 1.0 * sum(${IS_ERROR}) / count(*), 4) AS success_rate,
  coalesce(sum(cost_usd), 0) AS cost_usd,
  coalesce(sum(cost_usd IS NULL), 0) AS unknown_cost`;

export class AnalyticsQueries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepared(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** The range a query covers: the filter's bounds, and the data's where the filter leaves one open. */
  private range(q: AnalyticsFilter): { since: number | null; until: number | null } {
    if (q.since !== undefined && q.until !== undefined) return { since: q.since, until: q.until };
    const w = whereOf(q);
    const r = this.prepared(`SELECT min(started_at) AS lo, max(started_at) AS hi FROM exchanges ${w.sql}`).get(...w.args) as
      { lo: number | null; hi: number | null };
    if (r.lo === null || r.hi === null) return { since: q.since ?? null, until: q.until ?? null };
    return { since: q.since ?? r.lo, until: q.until ?? r.hi + 1 };
  }

  timeseries(q: UsageTimeseriesQuery): UsageTimeseries {
    const { since, until } = this.range(q);
    const span = since !== null && until !== null ? Math.max(1, until - since) : 1;
    let bucketMs = q.bucketMs ?? autoBucketMs(span);
    if (span / bucketMs > MAX_BUCKETS) bucketMs = autoBucketMs(span, MAX_BUCKETS);
    const w = whereOf(q);
    const g = GROUP_COLUMN[q.groupBy];
    // ranks among a group's non-null values: the partition also splits off the nulls, whose rank is then discarded
    const sql = `WITH base AS (
        SELECT CAST(started_at / ? AS INTEGER) * ? AS bucket, ${g} AS grp, total_ms, ttft_ms, status, error_code,
          usage_input, usage_output, usage_cache_read, usage_cache_write, usage_reasoning, usage_total, cost_usd
        FROM exchanges ${w.sql}
      ), ranked AS (
        SELECT *,
          CASE WHEN total_ms IS NULL THEN NULL
            ELSE row_number() OVER (PARTITION BY bucket, grp, total_ms IS NULL ORDER BY total_ms) END AS lat_rank,
          count(total_ms) OVER (PARTITION BY bucket, grp) AS lat_n,
          CASE WHEN ttft_ms IS NULL THEN NULL
            ELSE row_number() OVER (PARTITION BY bucket, grp, ttft_ms IS NULL ORDER BY ttft_ms) END AS ttft_rank,
          count(ttft_ms) OVER (PARTITION BY bucket, grp) AS ttft_n
        FROM base
      )
      SELECT bucket, grp, count(*) AS requests,
        coalesce(sum(${IS_ERROR}), 0) AS errors,
        coalesce(sum(usage_input), 0) AS input_tokens,
        coalesce(sum(usage_output), 0) AS output_tokens,
        coalesce(sum(usage_cache_read), 0) AS cache_read_tokens,
        coalesce(sum(usage_cache_write), 0) AS cache_write_tokens,
        coalesce(sum(usage_reasoning), 0) AS reasoning_tokens,
        coalesce(sum(${ROW_TOTAL_TOKENS}), 0) AS total_tokens,
        coalesce(sum(cost_usd), 0) AS cost_usd,
        coalesce(sum(cost_usd IS NULL), 0) AS unknown_cost,
        max(CASE WHEN lat_rank = ${rank('lat_n', 50)} THEN total_ms END) AS lat_p50,
        max(CASE WHEN lat_rank = ${rank('lat_n', 95)} THEN total_ms END) AS lat_p95,
        max(CASE WHEN ttft_rank = ${rank('ttft_n', 50)} THEN ttft_ms END) AS ttft_p50,
        max(CASE WHEN ttft_rank = ${rank('ttft_n', 95)} THEN ttft_ms END) AS ttft_p95
      FROM ranked GROUP BY bucket, grp ORDER BY bucket, requests DESC, grp`;
    const rows = this.prepared(sql).all(bucketMs, bucketMs, ...w.args) as PointRow[];
    const points = rows.map(
      (r): UsagePoint => ({
        bucketStart: r.bucket,
        group: r.grp === null ? null : String(r.grp),
        requests: r.requests,
        errors: r.errors,
        inputTokens: r.input_tokens,
        outputTokens: r.output_tokens,
        cacheReadTokens: r.cache_read_tokens,
        cacheWriteTokens: r.cache_write_tokens,
        reasoningTokens: r.reasoning_tokens,
        totalTokens: r.total_tokens,
        costUsd: r.cost_usd,
        unknownCostRequests: r.unknown_cost,
        latencyP50Ms: r.lat_p50,
        latencyP95Ms: r.lat_p95,
        ttftP50Ms: r.ttft_p50,
        ttftP95Ms: r.ttft_p95,
      }),
    );
    return { bucketMs, since, until, groupBy: q.groupBy, points };
  }

  summary(q: UsageSummaryQuery): UsageSummary {
    const w = whereOf(q);
    const g = GROUP_COLUMN[q.groupBy];
    const sql = `SELECT ${g} AS grp, ${SUMMARY_SELECT} FROM exchanges ${w.sql}
      GROUP BY grp ORDER BY total_requests DESC, grp LIMIT ?`;
    const rows = this.prepared(sql).all(...w.args, q.limit) as SummaryRow[];
    return {
      groupBy: q.groupBy,
      groups: rows.map((r): UsageSummaryRow => ({ group: r.grp === null ? null : String(r.grp), ...summaryFields(r) })),
    };
  }

  /** Totals over the whole filter (one row even when nothing matches). */
  totals(f: AnalyticsFilter): UsageTotals {
    const w = whereOf(f);
    const r = this.prepared(`SELECT ${SUMMARY_SELECT} FROM exchanges ${w.sql}`).get(...w.args) as Omit<SummaryRow, 'grp'>;
    const { total_requests, total_tokens, avg_latency_ms, success_rate } = summaryFields(r);
    return { total_requests, total_tokens, avg_latency_ms, success_rate };
  }
}

function summaryFields(r: Omit<SummaryRow, 'grp'>): Omit<UsageSummaryRow, 'group'> {
  return {
    total_requests: r.total_requests,
    total_tokens: r.total_tokens,
    avg_latency_ms: r.avg_latency_ms ?? 0,
    success_rate: r.success_rate ?? 0,
    input_tokens: r.input_tokens,
    output_tokens: r.output_tokens,
    errors: r.errors,
    cost_usd: r.cost_usd,
    unknown_cost_requests: r.unknown_cost,
  };
}
