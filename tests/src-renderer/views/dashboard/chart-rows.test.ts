import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsagePoint } from '../../../../src-main/contract/index.js';
import { costChart, isEmptySeries, latencyRows, niceTicks, requestRows, seriesMax, stackMax, tokenRows } from '../../../../src-renderer/views/dashboard/chart-rows.js';

function point(p: Partial<UsagePoint> & { bucketStart: number }): UsagePoint {
  return {
    group: null,
    requests: 1,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    unknownCostRequests: 0,
    latencyP50Ms: null,
    latencyP95Ms: null,
    ttftP50Ms: null,
    ttftP95Ms: null,
    ...p,
  };
}

const starts = [0, 1000, 2000];

describe('tokenRows', () => {
  it('splits cached input and reasoning output off so the stack adds up to input + output', () => {
    const rows = tokenRows([point({ bucketStart: 1000, inputTokens: 100, cacheReadTokens: 30, outputTokens: 50, reasoningTokens: 20 })], starts);
    assert.deepEqual(rows[1], { t: 1000, input: 70, cached: 30, output: 30, reasoning: 20 });
    const r = rows[1]!;
    assert.equal(r.input + r.cached + r.output + r.reasoning, 150);
  });
  it('fills empty buckets with zeros and sums groups of one bucket', () => {
    const rows = tokenRows(
      [point({ bucketStart: 2000, group: 'a', inputTokens: 5 }), point({ bucketStart: 2000, group: 'b', inputTokens: 7, outputTokens: 1 })],
      starts,
    );
    assert.deepEqual(rows.map((r) => r.input), [0, 0, 12]);
    assert.equal(rows[2]!.output, 1);
  });
  it('never goes negative when a provider reports parts larger than the total', () => {
    const rows = tokenRows([point({ bucketStart: 0, inputTokens: 10, cacheReadTokens: 15 })], starts);
    assert.equal(rows[0]!.input, 0);
  });
});

describe('requestRows', () => {
  it('splits failed from succeeded and leaves the rate empty for quiet buckets', () => {
    const rows = requestRows([point({ bucketStart: 0, requests: 4, errors: 1 })], starts);
    assert.deepEqual(rows[0], { t: 0, ok: 3, errors: 1, errorRate: 0.25 });
    assert.deepEqual(rows[1], { t: 1000, ok: 0, errors: 0, errorRate: null });
  });
});

describe('latencyRows', () => {
  it('takes the percentiles of the bucket and leaves gaps elsewhere', () => {
    const rows = latencyRows([point({ bucketStart: 1000, latencyP50Ms: 200, latencyP95Ms: 900, ttftP50Ms: 80, ttftP95Ms: null })], starts);
    assert.deepEqual(rows[1], { t: 1000, latencyP50: 200, latencyP95: 900, ttftP50: 80, ttftP95: null });
    assert.equal(rows[0]!.latencyP95, null);
  });
});

describe('costChart', () => {
  it('ranks groups by cost and gives them safe data keys', () => {
    const c = costChart(
      [
        point({ bucketStart: 0, group: 'gpt-4.1', costUsd: 0.01 }),
        point({ bucketStart: 1000, group: 'claude', costUsd: 0.5 }),
        point({ bucketStart: 1000, group: 'gpt-4.1', costUsd: 0.02 }),
      ],
      starts,
    );
    assert.deepEqual(
      c.series.map((s) => [s.key, s.label, s.group]),
      [
        ['s0', 'claude', 'claude'],
        ['s1', 'gpt-4.1', 'gpt-4.1'],
      ],
    );
    assert.ok(Math.abs(c.series[1]!.costUsd - 0.03) < 1e-12);
    assert.deepEqual(c.rows[1], { t: 1000, s0: 0.5, s1: 0.02 });
    assert.deepEqual(c.rows[2], { t: 2000, s0: 0, s1: 0 });
  });

  it('lumps the cheapest groups into "other" beyond the colour budget', () => {
    const pts = ['a', 'b', 'c', 'd'].map((g, i) => point({ bucketStart: 0, group: g, costUsd: 4 - i }));
    const c = costChart(pts, starts, 3);
    assert.deepEqual(c.series.map((s) => s.key), ['s0', 's1', 'other']);
    const other = c.series[2]!;
    assert.equal(other.other, true);
    assert.equal(other.group, null);
    assert.equal(other.costUsd, 3);
    assert.equal(c.rows[0]!.other, 3);
  });

  it('labels rows without a group and breaks cost ties by requests', () => {
    const c = costChart([point({ bucketStart: 0, group: 'x', requests: 1 }), point({ bucketStart: 0, group: null, requests: 5 })], starts);
    assert.deepEqual(c.series.map((s) => s.label), ['(none)', 'x']);
  });
});

describe('isEmptySeries', () => {
  it('is true only without requests', () => {
    assert.equal(isEmptySeries([]), true);
    assert.equal(isEmptySeries([point({ bucketStart: 0, requests: 0 })]), true);
    assert.equal(isEmptySeries([point({ bucketStart: 0 })]), false);
  });
});

describe('niceTicks', () => {
  it('covers the maximum with at most four round steps', () => {
    assert.deepEqual(niceTicks(9), [0, 2.5, 5, 7.5, 10]);
    assert.deepEqual(niceTicks(3740), [0, 1000, 2000, 3000, 4000]);
    assert.deepEqual(niceTicks(0.0082), [0, 0.0025, 0.005, 0.0075, 0.01]);
    assert.deepEqual(niceTicks(0.8), [0, 0.2, 0.4, 0.6, 0.8]);
    assert.deepEqual(niceTicks(200), [0, 50, 100, 150, 200]);
  });
  it('keeps count axes on whole numbers', () => {
    assert.deepEqual(niceTicks(3, { minStep: 1 }), [0, 1, 2, 3]);
    assert.deepEqual(niceTicks(9, { minStep: 1 }), [0, 5, 10]);
  });
  it('uses clock steps for durations', () => {
    assert.deepEqual(niceTicks(123_000, { kind: 'duration' }), [0, 60_000, 120_000, 180_000]);
    assert.deepEqual(niceTicks(2300, { kind: 'duration' }), [0, 1000, 2000, 3000]);
    assert.deepEqual(niceTicks(420, { kind: 'duration' }), [0, 200, 400, 600]);
  });
  it('gives an empty chart a unit axis', () => {
    assert.deepEqual(niceTicks(0), [0, 1]);
    assert.deepEqual(niceTicks(Number.NaN), [0, 1]);
  });
});

describe('stackMax and seriesMax', () => {
  const rows = [{ t: 0, a: 1, b: 2 }, { t: 1, a: 4, b: 0 }, { t: 2, a: null, b: 3 }];
  it('find the tallest stack and the largest value', () => {
    assert.equal(stackMax(rows, ['a', 'b']), 4);
    assert.equal(seriesMax(rows, ['a', 'b']), 4);
    assert.equal(seriesMax(rows, ['b']), 3);
    assert.equal(stackMax([], ['a']), 0);
  });
});
