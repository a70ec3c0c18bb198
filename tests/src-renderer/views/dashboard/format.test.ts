import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAgo, formatBucket, formatCount, formatMs, formatPercent, formatTick, formatUsd, formatWhen } from '../../../../src-renderer/views/dashboard/format.js';

describe('formatUsd', () => {
  it('keeps sub-cent amounts readable instead of rounding them to $0.00', () => {
    assert.equal(formatUsd(0.0042), '$0.0042');
    assert.equal(formatUsd(0.00014), '$0.00014');
    assert.equal(formatUsd(0.004), '$0.004');
    assert.equal(formatUsd(0.0000001), '<$0.000001');
  });
  it('uses cents and thousands separators for larger amounts', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.1234), '$0.123');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(12345.6), '$12,346');
    assert.equal(formatUsd(-2.5), '-$2.50');
  });
  it('shows a dash for unknown', () => {
    assert.equal(formatUsd(null), '—');
    assert.equal(formatUsd(Number.NaN), '—');
  });
});

describe('formatCount', () => {
  it('abbreviates with k, M and B', () => {
    assert.equal(formatCount(950), '950');
    assert.equal(formatCount(1050), '1.05k');
    assert.equal(formatCount(12_340), '12.3k');
    assert.equal(formatCount(123_400), '123k');
    assert.equal(formatCount(4_560_000), '4.56M');
    assert.equal(formatCount(1_200_000_000), '1.2B');
    assert.equal(formatCount(2000), '2k');
  });
});

describe('formatMs', () => {
  it('picks a unit by size', () => {
    assert.equal(formatMs(850.4), '850 ms');
    assert.equal(formatMs(1240), '1.24 s');
    assert.equal(formatMs(35_000), '35.0 s');
    assert.equal(formatMs(125_000), '2m 05s');
    assert.equal(formatMs(120_000), '2m');
    assert.equal(formatMs(119_700), '2m');
    assert.equal(formatMs(119_400), '1m 59s');
    assert.equal(formatMs(null), '—');
  });
});

describe('formatPercent', () => {
  it('shows a decimal only for small rates', () => {
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(0.004), '0.4%');
    assert.equal(formatPercent(0.05), '5%');
    assert.equal(formatPercent(0.083), '8.3%');
    assert.equal(formatPercent(0.125), '13%');
    assert.equal(formatPercent(1), '100%');
  });
});

describe('time labels', () => {
  const t = Date.UTC(2026, 10, 24, 14, 15, 30);
  it('labels short ranges with the clock and long ones with the day', () => {
    assert.equal(formatTick(t, 3_600_000, 60_000, 'UTC'), '14:15');
    assert.equal(formatTick(t, 900_000, 10_000, 'UTC'), '14:15:30');
    assert.match(formatTick(t, 7 * 86_400_000, 7_200_000, 'UTC'), /^24 Nov,? 14:15$/);
    assert.equal(formatTick(t, 90 * 86_400_000, 86_400_000, 'UTC'), '24 Nov');
  });
  it('shows a bucket as its start and end', () => {
    assert.match(formatBucket(Date.UTC(2026, 10, 24, 14, 15), 900_000, 'UTC'), /^24 Nov,? 14:15 – 14:30$/);
  });
  it('shows today as a clock and older days with the date', () => {
    const now = Date.UTC(2026, 10, 24, 20, 0);
    assert.equal(formatWhen(t, now, 'UTC'), '14:15:30');
    assert.match(formatWhen(t - 2 * 86_400_000, now, 'UTC'), /^22 Nov,? 14:15$/);
  });
  it('says how long ago', () => {
    assert.equal(formatAgo(1000, 3000), 'just now');
    assert.equal(formatAgo(0, 90_000), '2 min ago');
    assert.equal(formatAgo(0, 3 * 86_400_000), '3 d ago');
  });
});
