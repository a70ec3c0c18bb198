import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatCost,
  formatDelta,
  formatDuration,
  formatOffset,
  formatParamValue,
  formatTokens,
  statusLine,
  statusTone,
} from '../../../../src-renderer/views/exchange/format.js';

test('durations keep sub-millisecond and minute scales readable', () => {
  assert.equal(formatDuration(0.42), '0.4 ms');
  assert.equal(formatDuration(17.68), '18 ms');
  assert.equal(formatDuration(1675.3), '1.68 s');
  assert.equal(formatDuration(12_345), '12.3 s');
  assert.equal(formatDuration(125_000), '2m 05s');
  assert.equal(formatDuration(null), '—');
  assert.equal(formatDuration(Number.NaN), '—');
});

test('stream offsets are signed and precise below 100 ms', () => {
  assert.equal(formatOffset(5.936), '+5.9 ms');
  assert.equal(formatOffset(470.2), '+470 ms');
  assert.equal(formatOffset(12_500), '+12.50 s');
  assert.equal(formatOffset(null), '—');
});

test('bytes use binary units', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(10 * 1024 * 1024), '10.0 MB');
});

test('cost keeps sub-cent precision and says unknown instead of $0', () => {
  assert.equal(formatCost(null), 'unknown');
  assert.equal(formatCost(0), '$0');
  assert.equal(formatCost(0.000486), '$0.000486');
  assert.equal(formatCost(0.0001468000002), '$0.000147');
  assert.equal(formatCost(0.0355), '$0.0355');
  assert.equal(formatCost(1.5), '$1.50');
  assert.equal(formatCost(-0.002), '-$0.002');
  assert.equal(formatCost(2.4e-7), '$0.00000024');
});

test('tokens and deltas', () => {
  assert.equal(formatTokens(1234567), '1,234,567');
  assert.equal(formatDelta(120), '+120');
  assert.equal(formatDelta(-3), '−3');
  assert.equal(formatDelta(0), '±0');
  assert.equal(formatDelta(null), '—');
  assert.equal(formatDelta(250, formatDuration), '+250 ms');
});

test('parameter values are one line and cut', () => {
  assert.equal(formatParamValue(0.7), '0.7');
  assert.equal(formatParamValue('high'), 'high');
  assert.equal(formatParamValue({ type: 'json_object' }), '{"type":"json_object"}');
  assert.equal(formatParamValue('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
});

test('status lines and tones', () => {
  assert.equal(statusLine(429), '429 Too Many Requests');
  assert.equal(statusLine(299), '299');
  assert.equal(statusTone(200, 'complete'), 'ok');
  assert.equal(statusTone(429, 'complete'), 'warn');
  assert.equal(statusTone(503, 'complete'), 'error');
  assert.equal(statusTone(200, 'streaming'), 'live');
  assert.equal(statusTone(null, 'aborted'), 'error');
});
