import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPreset, resolveTime, toLocalInput } from '../../../../src-renderer/views/export/time-input.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('resolveTime', () => {
  it('is open when empty', () => {
    assert.deepEqual(resolveTime('  ', NOW), { ok: true, value: undefined });
  });
  it('reads relative times back from now', () => {
    assert.deepEqual(resolveTime('15m', NOW), { ok: true, value: NOW - 15 * 60_000 });
    assert.deepEqual(resolveTime('24h', NOW), { ok: true, value: NOW - 86_400_000 });
    assert.deepEqual(resolveTime('7d', NOW), { ok: true, value: NOW - 7 * 86_400_000 });
    assert.deepEqual(resolveTime('2w', NOW), { ok: true, value: NOW - 14 * 86_400_000 });
  });
  it('takes epoch ms and dates', () => {
    assert.deepEqual(resolveTime('1795539437144', NOW), { ok: true, value: 1795539437144 });
    assert.deepEqual(resolveTime('2026-11-24T10:00:00Z', NOW), { ok: true, value: Date.UTC(2026, 10, 24, 10) });
  });
  it('says what it expected otherwise', () => {
    const r = resolveTime('yesterday-ish', NOW);
    assert.equal(r.ok, false);
  });
});

describe('toLocalInput', () => {
  it('shows a bound in local time to the minute, and round-trips through resolveTime', () => {
    const local = toLocalInput('24h', NOW);
    assert.match(local, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    const back = resolveTime(local, NOW);
    assert.ok(back.ok);
    assert.equal(back.value, NOW - 86_400_000);
    assert.equal(toLocalInput('', NOW), '');
  });
  it('knows its presets', () => {
    assert.equal(isPreset('24h'), true);
    assert.equal(isPreset(''), true);
    assert.equal(isPreset('2026-11-24T10:00'), false);
  });
});
