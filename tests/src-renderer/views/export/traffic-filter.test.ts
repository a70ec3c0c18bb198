import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paramsFromTrafficFilter } from '../../../../src-renderer/views/export/traffic-filter.js';

test('a Traffic filter becomes the Export fields, the rest passes through, and q is consumed', () => {
  const now = Date.UTC(2026, 10, 24, 12);
  const p = paramsFromTrafficFilter('provider:openai model:gpt-4* tag:checkout status:>=400 since:15m "refund policy"', now);
  assert.equal(p.provider, 'openai');
  assert.equal(p.model, 'gpt-4*');
  assert.equal(p.tag, 'checkout');
  assert.equal(p.since, String(now - 15 * 60_000));
  assert.match(p.search, /refund policy/);
  assert.equal(p.extra['statusMin'], '400');
  assert.equal(p.q, '');
});

test('an empty or unreadable filter clears the fields rather than keeping stale ones', () => {
  const p = paramsFromTrafficFilter('status:banana');
  assert.equal(p.provider, '');
  assert.deepEqual(p.extra, {});
});

test('a Traffic filter with starred checks "Starred only" instead of passing it through', () => {
  const p = paramsFromTrafficFilter('is:starred model:gpt-4o');
  assert.equal(p.starred, true);
  assert.equal(p.model, 'gpt-4o');
  assert.deepEqual(p.extra, {});
  assert.equal(paramsFromTrafficFilter('model:x').starred, false);
});
