import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatClock, formatCost, formatDuration, formatRowTime, formatTokens, startOfDay, statusView, usageMark } from '../../../../src-renderer/views/traffic/format.js';
import { providerBadge } from '../../../../src-renderer/views/traffic/provider-badge.js';
import { summary } from './fixtures.js';

describe('formatCost', () => {
  it('shows 4 to 6 significant digits without exponents', () => {
    assert.equal(formatCost(0.000123456), '$0.0001235');
    assert.equal(formatCost(0.01), '$0.01');
    assert.equal(formatCost(1.23456), '$1.235');
    assert.equal(formatCost(2), '$2.00');
    assert.equal(formatCost(0.5), '$0.50');
    assert.equal(formatCost(123.456), '$123.46');
    assert.equal(formatCost(1234.567), '$1,234.57');
    assert.equal(formatCost(0.0000000012344), '$0.000000001234');
  });

  it('never prints $0 for an unknown cost', () => {
    assert.equal(formatCost(null), '–');
    assert.equal(formatCost(0), '$0');
  });
});

describe('other formats', () => {
  it('formats durations', () => {
    assert.deepEqual([null, 12.4, 999, 2345, 48_210, 185_000].map(formatDuration), ['–', '12 ms', '999 ms', '2.35 s', '48.2 s', '3m 05s']);
  });

  it('formats token counts', () => {
    assert.deepEqual([null, 0, 1234, 99_999, 123_456, 2_345_678].map(formatTokens), ['–', '0', '1,234', '99,999', '123k', '2.35M']);
  });

  it('formats the clock with milliseconds', () => {
    const ms = new Date(2025, 0, 2, 3, 4, 5, 6).getTime();
    assert.equal(formatClock(ms), '03:04:05.006');
  });

  it('adds the day to rows from before today', () => {
    const now = new Date(2025, 0, 31, 12, 0).getTime();
    assert.equal(formatRowTime(new Date(2025, 0, 31, 9, 1, 2, 3).getTime(), startOfDay(now)), '09:01:02.003');
    assert.equal(formatRowTime(new Date(2025, 0, 30, 23, 59, 58).getTime(), startOfDay(now)), '01-30 23:59:58');
  });

  it('marks estimated usage', () => {
    const u = { inputTokens: 1, outputTokens: 1, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 2 };
    assert.equal(usageMark({ ...u, source: 'provider' }), null);
    assert.equal(usageMark({ ...u, source: 'estimated' })?.mark, '~');
    assert.equal(usageMark(null), null);
  });
});

describe('statusView', () => {
  it('colours by class and names failures', () => {
    assert.deepEqual(statusView(summary({ id: 1, status: 200 })).tone, 'ok');
    assert.deepEqual(statusView(summary({ id: 1, status: 404 })).tone, 'client-error');
    assert.deepEqual(statusView(summary({ id: 1, status: 503 })).tone, 'server-error');
    assert.deepEqual(statusView(summary({ id: 1, status: null, state: 'streaming' })), { tone: 'streaming', text: 'streaming', title: 'response arriving' });
    const failed = statusView(summary({ id: 1, status: 504, state: 'error', error: { code: 'upstream_timeout', message: 'no answer in 60 s' } }));
    assert.equal(failed.tone, 'error');
    assert.equal(failed.text, '504 timeout');
    assert.match(failed.title, /no answer/);
    assert.equal(statusView(summary({ id: 1, mode: 'tunnel', status: null })).text, 'tunnel');
  });
});

describe('providerBadge', () => {
  it('gives known providers their initials and a theme colour, others a stable one', () => {
    assert.deepEqual(providerBadge('anthropic'), { initials: 'An', color: '--chart-3', title: 'Anthropic' });
    assert.equal(providerBadge(null).color, null);
    const a = providerBadge('acme-llm');
    assert.equal(a.initials, 'Ac');
    assert.deepEqual(providerBadge('acme-llm'), a);
    assert.match(a.color ?? '', /^--chart-[1-6]$/);
  });
});
