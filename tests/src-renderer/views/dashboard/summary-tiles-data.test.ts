import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsagePoint, UsageSummary } from '../../../../src-main/contract/index.js';
import { summaryTiles, wholeRangePoint } from '../../../../src-renderer/views/dashboard/summary-tiles-data.js';

const range = { since: 0, until: 3_600_000 };

function summary(row: Partial<UsageSummary['groups'][number]>): UsageSummary {
  return {
    groupBy: 'none',
    groups: [
      {
        group: null,
        total_requests: 120,
        total_tokens: 0,
        avg_latency_ms: 0,
        success_rate: 1,
        input_tokens: 45_000,
        output_tokens: 3_200,
        errors: 0,
        cost_usd: 1.5,
        unknown_cost_requests: 0,
        ...row,
      },
    ],
  };
}

const whole: UsagePoint = {
  bucketStart: 0,
  group: null,
  requests: 120,
  errors: 0,
  inputTokens: 45_000,
  outputTokens: 3_200,
  cacheReadTokens: 12_000,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 48_200,
  costUsd: 1.5,
  unknownCostRequests: 0,
  latencyP50Ms: 420,
  latencyP95Ms: 2300,
  ttftP50Ms: 180,
  ttftP95Ms: 700,
};

const byKind = (tiles: ReturnType<typeof summaryTiles>) => Object.fromEntries(tiles.map((t) => [t.kind, t]));

describe('summaryTiles', () => {
  it('shows every headline number, percentiles from the whole-range point', () => {
    const t = byKind(summaryTiles(summary({}), whole, range));
    assert.deepEqual(Object.keys(t), ['cost', 'tokens-in', 'tokens-out', 'requests', 'error-rate', 'latency-p95', 'ttft-p95']);
    assert.equal(t.cost!.value, '$1.50');
    assert.equal(t['tokens-in']!.value, '45k');
    assert.equal(t['tokens-in']!.sub, '12k cached');
    assert.equal(t['tokens-out']!.value, '3.2k');
    assert.equal(t.requests!.value, '120');
    assert.equal(t.requests!.sub, '2.0 / min');
    assert.equal(t['error-rate']!.value, '0%');
    assert.equal(t['error-rate']!.tone, null);
    assert.equal(t['latency-p95']!.value, '2.30 s');
    assert.equal(t['latency-p95']!.sub, 'p50 420 ms');
    assert.equal(t['ttft-p95']!.value, '700 ms');
  });

  it('colours the error rate by how bad it is and links it to the failed calls', () => {
    const warn = byKind(summaryTiles(summary({ errors: 3 }), whole, range))['error-rate']!;
    assert.equal(warn.value, '2.5%');
    assert.equal(warn.tone, 'warn');
    assert.deepEqual(warn.filter, { since: 0, until: 3_600_000, errors: true });
    assert.equal(byKind(summaryTiles(summary({ errors: 12 }), whole, range))['error-rate']!.tone, 'error');
  });

  it('says how many calls had no price', () => {
    assert.equal(byKind(summaryTiles(summary({ unknown_cost_requests: 4 }), whole, range)).cost!.sub, '4 calls unpriced');
  });

  it('shows zeros and dashes when nothing matched', () => {
    const t = byKind(summaryTiles({ groupBy: 'none', groups: [] }, null, range));
    assert.equal(t.cost!.value, '$0.00');
    assert.equal(t.requests!.value, '0');
    assert.equal(t['error-rate']!.value, '—');
    assert.equal(t['latency-p95']!.value, '—');
  });
});

describe('summaryTiles before an answer', () => {
  it('shows dashes, not zeros that would read as no traffic, and links nowhere', () => {
    const tiles = summaryTiles(null, null, range);
    assert.equal(tiles.length, 7);
    assert.ok(tiles.every((t) => t.value === '—' && t.filter === null));
    assert.deepEqual(tiles.map((t) => t.label), summaryTiles(summary({}), whole, range).map((t) => t.label));
  });
});

describe('wholeRangePoint', () => {
  it('uses the series only when it is a single bucket', () => {
    assert.equal(wholeRangePoint([whole]), whole);
    assert.equal(wholeRangePoint([whole, { ...whole, bucketStart: 1 }]), null);
    assert.equal(wholeRangePoint(undefined), null);
  });
});
