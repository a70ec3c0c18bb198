import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRate, RateMeter, sparkArea, sparkPath } from '../../../../src-renderer/views/traffic/rate-meter.js';

describe('RateMeter', () => {
  it('buckets by second, oldest first, the running second last', () => {
    const m = new RateMeter(5);
    m.add(10_000, 1, 100);
    m.add(10_900, 1, 50);
    m.add(12_100, 3, 0);
    const s = m.series(13_500);
    assert.deepEqual(s.requests, [0, 2, 0, 3, 0]);
    assert.deepEqual(s.tokens, [0, 150, 0, 0, 0]);
  });

  it('forgets seconds that left the window, even when the ring slot is reused', () => {
    const m = new RateMeter(5);
    m.add(1_000, 7, 0);
    assert.deepEqual(m.series(6_000).requests, [0, 0, 0, 0, 0]);
    m.add(6_200, 1, 0);
    assert.deepEqual(m.series(6_500).requests, [0, 0, 0, 0, 1]);
  });

  it('averages the last whole seconds', () => {
    const m = new RateMeter(60);
    for (let s = 0; s < 10; s++) m.add(s * 1000 + 10, 2, 40);
    m.add(10_100, 100, 0);
    assert.deepEqual(m.rate(10_500, 5), { requests: 2, tokens: 40 });
  });
});

describe('sparkline paths', () => {
  it('scales the highest value to the top and zero to the bottom', () => {
    assert.equal(sparkPath([0, 5, 10], 100, 20), 'M0,20L50,10L100,0');
    assert.equal(sparkPath([0, 0], 10, 20), 'M0,20L10,20');
    assert.equal(sparkPath([1], 10, 20), 'M0,0');
    assert.equal(sparkPath([], 10, 20), '');
  });

  it('honours a fixed maximum and closes an area', () => {
    assert.equal(sparkPath([5], 10, 20, 10), 'M0,10');
    assert.equal(sparkArea([0, 10], 100, 20), 'M0,20L100,0L100,20L0,20Z');
  });

  it('formats rates compactly', () => {
    assert.deepEqual([0, 0.42, 3, 12.4, 999, 1234, 35_000, 1_100_000].map(formatRate), ['0', '0.4', '3', '12', '999', '1.2k', '35k', '1.1M']);
  });
});
