// Usage analytics over a seeded store: exact sums, bucketing and nearest-rank percentiles, checked against an
// independent computation over the same synthetic rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  UsageSummaryQuerySchema,
  UsageTimeseriesQuerySchema,
  type UsagePoint,
  type UsageSummaryRow,
  type UsageTimeseriesQueryInput,
} from '../../src-main/contract/index.js';
import { autoBucketMs, ExchangeStore } from '../../src-main/store/index.js';
import { beginOp, tempDirs } from './fixtures.js';
import { expectedPoints, expectedSummary, expectedTotals, matches, percentile, synthetic, T0, toRecord } from './analytics-fixtures.js';

const dirs = tempDirs();
const data = synthetic();
let store: ExchangeStore;
const HOUR = 3_600_000;

before(() => {
  store = ExchangeStore.open(join(dirs.make(), 'a.db'));
  store.applyBatch(data.map(toRecord));
  // an exchange still in flight counts nowhere
  store.applyBatch([beginOp(10_000, { startedAt: T0 + HOUR })]);
});
after(() => {
  store.close();
  dirs.cleanup();
});

const byKey = (a: { bucketStart?: number; group: string | null }, b: { bucketStart?: number; group: string | null }) =>
  (a.bucketStart ?? 0) - (b.bucketStart ?? 0) || String(a.group).localeCompare(String(b.group));

function timeseries(input: UsageTimeseriesQueryInput) {
  return store.usageTimeseries(UsageTimeseriesQuerySchema.parse(input));
}

function assertPoints(actual: UsagePoint[], expected: UsagePoint[]): void {
  assert.equal(actual.length, expected.length);
  assert.deepEqual([...actual].sort(byKey), [...expected].sort(byKey));
}

test('the synthetic data covers what the checks need', () => {
  assert.equal(data.length, 400);
  assert.ok(data.some((x) => x.errorCode !== null) && data.some((x) => x.status === 500));
  assert.ok(data.some((x) => x.total === null && x.input !== null), 'rows without a provider total');
  assert.ok(data.some((x) => x.costUsd === null && x.input !== null), 'rows with unknown cost');
  assert.ok(data.some((x) => x.llm && x.totalMs === null));
  assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
  assert.equal(percentile([1, 2, 3, 4], 50), 2);
  assert.equal(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 95), 19);
  assert.equal(percentile(Array.from({ length: 21 }, (_, i) => i + 1), 95), 20);
});

test('hourly buckets by provider: exact token and cost sums, errors, unknown costs, p50/p95 of latency and TTFT', () => {
  const since = T0;
  const until = T0 + 6 * HOUR;
  const r = timeseries({ since, until, groupBy: 'provider', bucketMs: HOUR });
  assert.equal(r.bucketMs, HOUR);
  assert.equal(r.since, since);
  assert.equal(r.until, until);
  assert.equal(r.groupBy, 'provider');
  assertPoints(r.points, expectedPoints(data, { since, until }, 'provider', HOUR));
  // 6 hours × 3 providers, every one present
  assert.equal(r.points.length, 18);
  assert.deepEqual([...new Set(r.points.map((p) => p.bucketStart))], [0, 1, 2, 3, 4, 5].map((h) => T0 + h * HOUR));
  // ordered by time, then most requests first
  for (let i = 1; i < r.points.length; i++) {
    const a = r.points[i - 1];
    const b = r.points[i];
    assert.ok(a && b && (a.bucketStart < b.bucketStart || (a.bucketStart === b.bucketStart && a.requests >= b.requests)));
  }
  assert.equal(r.points.reduce((n, p) => n + p.requests, 0), data.filter((x) => x.llm).length);
  assert.ok(r.points.every((p) => p.latencyP95Ms !== null && p.ttftP50Ms !== null && p.costUsd > 0 && p.inputTokens > 0));
  assert.ok(r.points.some((p) => p.errors > 0 && p.unknownCostRequests > 0));
});

test('every grouping, finer and odd buckets, and filters (provider, model, tag, host, conversation, range)', () => {
  const cases: UsageTimeseriesQueryInput[] = [
    { groupBy: 'none', bucketMs: 15 * 60_000 },
    { groupBy: 'model', bucketMs: 7 * 60_000 },
    { groupBy: 'tag', bucketMs: 2 * HOUR, provider: 'openai' },
    { groupBy: 'conversation', bucketMs: 6 * HOUR },
    { groupBy: 'model', bucketMs: HOUR, tag: 'agent:sofia', since: T0 + 90 * 60_000, until: T0 + 4 * HOUR + 1234 },
    { groupBy: 'none', bucketMs: 30 * 60_000, host: 'api.anthropic.com' },
    { groupBy: 'provider', bucketMs: HOUR, conversationId: 'conv-3' },
    { groupBy: 'provider', bucketMs: HOUR, includeNonLlm: true },
    { groupBy: 'none', bucketMs: HOUR, model: 'gpt-4o-mini', until: T0 + 2 * HOUR },
  ];
  for (const c of cases) {
    const q = UsageTimeseriesQuerySchema.parse(c);
    const r = store.usageTimeseries(q);
    assert.equal(r.bucketMs, q.bucketMs);
    assertPoints(r.points, expectedPoints(data, q, q.groupBy, q.bucketMs ?? 0));
  }
  const none = timeseries({ groupBy: 'provider', bucketMs: HOUR, model: 'no-such-model' });
  assert.deepEqual(none.points, []);
  assert.equal(none.since, null);
});

test('auto bucket width follows the range: from the data when open, from the filter when given', () => {
  const llm = data.filter((x) => x.llm);
  const lo = Math.min(...llm.map((x) => x.startedAt));
  const hi = Math.max(...llm.map((x) => x.startedAt));
  const open = timeseries({});
  assert.equal(open.since, lo);
  assert.equal(open.until, hi + 1);
  assert.equal(open.bucketMs, autoBucketMs(hi + 1 - lo));
  assert.equal(open.bucketMs, 5 * 60_000, 'six hours in at most 120 buckets: 5 minutes');
  assertPoints(open.points, expectedPoints(data, {}, 'none', open.bucketMs));

  const day = timeseries({ since: T0, until: T0 + 24 * HOUR });
  assert.equal(day.bucketMs, 15 * 60_000);
  assert.equal(timeseries({ since: T0, until: T0 + 30 * 24 * HOUR }).bucketMs, 6 * HOUR);
  assert.equal(timeseries({ since: T0, until: T0 + 60_000 }).bucketMs, 1000);
  // a width that would make too many buckets is widened (the result says which one was used)
  assert.equal(timeseries({ since: T0, until: T0 + 365 * 24 * HOUR, bucketMs: 1000 }).bucketMs, 30 * 60_000);
});

function assertSummaryRows(actual: UsageSummaryRow[], expected: UsageSummaryRow[]): void {
  assert.equal(actual.length, expected.length);
  const a = [...actual].sort(byKey);
  const e = [...expected].sort(byKey);
  a.forEach((row, i) => {
    const want = e[i];
    assert.ok(want);
    const { avg_latency_ms, success_rate, ...exact } = row;
    const { avg_latency_ms: wantAvg, success_rate: wantRate, ...wantExact } = want;
    assert.deepEqual(exact, wantExact);
    // rounded in SQL: to 0.1 ms and 4 places
    assert.ok(Math.abs(avg_latency_ms - wantAvg) <= 0.05 + 1e-9, `${avg_latency_ms} vs ${wantAvg}`);
    assert.ok(Math.abs(success_rate - wantRate) <= 0.00005 + 1e-12, `${success_rate} vs ${wantRate}`);
  });
}

test('summaries per group in the llm-proxy shape, most requests first, with a limit', () => {
  for (const groupBy of ['none', 'provider', 'model', 'tag', 'conversation'] as const) {
    const r = store.usageSummary(UsageSummaryQuerySchema.parse({ groupBy }));
    assert.equal(r.groupBy, groupBy);
    assertSummaryRows(r.groups, expectedSummary(data, {}, groupBy));
    for (let i = 1; i < r.groups.length; i++) assert.ok((r.groups[i - 1]?.total_requests ?? 0) >= (r.groups[i]?.total_requests ?? 0));
  }
  const filtered = UsageSummaryQuerySchema.parse({ groupBy: 'model', provider: 'anthropic', since: T0 + HOUR, until: T0 + 5 * HOUR });
  assertSummaryRows(store.usageSummary(filtered).groups, expectedSummary(data, filtered, 'model'));
  const top = store.usageSummary(UsageSummaryQuerySchema.parse({ groupBy: 'conversation', limit: 3 }));
  assert.equal(top.groups.length, 3);
});

test('totals for one tag (the /usage?agent_id= question), and zeros when nothing matches', () => {
  for (const tag of ['agent:sofia', 'agent:max']) {
    const got = store.usageTotals({ tag });
    const want = expectedTotals(data.filter((x) => matches(x, { tag })));
    assert.equal(got.total_requests, want.total_requests);
    assert.equal(got.total_tokens, want.total_tokens);
    assert.ok(Math.abs(got.avg_latency_ms - want.avg_latency_ms) <= 0.05 + 1e-9);
    assert.ok(Math.abs(got.success_rate - want.success_rate) <= 0.00005 + 1e-12);
    assert.ok(got.success_rate < 1 && got.success_rate > 0.5);
    assert.deepEqual(Object.keys(got).sort(), ['avg_latency_ms', 'success_rate', 'total_requests', 'total_tokens']);
  }
  assert.deepEqual(store.usageTotals({ tag: 'agent:nobody' }), { total_requests: 0, total_tokens: 0, avg_latency_ms: 0, success_rate: 0 });
});

test('query plans: a provider or model filter over a time range uses the (column, started_at) index', () => {
  const raw = new Database(store.path, { readonly: true });
  const plan = (sql: string) =>
    (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('openai', T0, T0 + HOUR) as { detail: string }[]).map((r) => r.detail).join('; ');
  assert.match(plan(`SELECT count(*) FROM exchanges WHERE provider = ? AND started_at >= ? AND started_at < ?`), /exchanges_provider_time/);
  // model (and host) compare case-insensitively, as the exchange list does
  assert.match(plan(`SELECT count(*) FROM exchanges WHERE model = ? COLLATE NOCASE AND started_at >= ? AND started_at < ?`), /exchanges_model_time/);
  assert.match(plan(`SELECT count(*) FROM exchanges WHERE tag = ? AND started_at >= ? AND started_at < ?`), /exchanges_tag_time/);
  raw.close();
});
