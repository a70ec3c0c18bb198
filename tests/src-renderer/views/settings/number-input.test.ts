import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumberValue, humanDuration, parseNumberText } from '../../../../src-renderer/views/settings/number-input.js';

describe('parseNumberText', () => {
  it('parses plain numbers and scales them to config units', () => {
    assert.equal(parseNumberText('8080'), 8080);
    assert.equal(parseNumberText(' 1.5 ', { scale: 1024 * 1024 }), 1572864);
    assert.equal(parseNumberText('600', { scale: 1000 }), 600_000);
    assert.equal(parseNumberText('0.0004', { scale: 1000 }), 0, 'a scaled value is whole in its own unit');
    assert.equal(parseNumberText('1 000 000'), 1_000_000);
    assert.equal(parseNumberText('1e3'), 1000);
  });
  it('keeps a half-typed or wrong value as text for the schema to report', () => {
    assert.equal(parseNumberText('12a'), '12a');
    assert.equal(parseNumberText('--1'), '--1');
  });
  it('maps an empty box to null only where null is allowed', () => {
    assert.equal(parseNumberText('', { nullable: true }), null);
    assert.equal(parseNumberText('  '), '');
  });
});

describe('formatNumberValue', () => {
  it('shows the value in the displayed unit without float noise', () => {
    assert.equal(formatNumberValue(10 * 1024 * 1024, { scale: 1024 * 1024 }), '10');
    assert.equal(formatNumberValue(1572864, { scale: 1024 * 1024 }), '1.5');
    assert.equal(formatNumberValue(300_000, { scale: 1000 }), '300');
    assert.equal(formatNumberValue(0.1 + 0.2), '0.3');
    assert.equal(formatNumberValue(null), '');
    assert.equal(formatNumberValue('12a'), '12a');
  });
  it('round-trips with parseNumberText', () => {
    for (const v of [0, 1, 1536, 2_621_440]) assert.equal(parseNumberText(formatNumberValue(v, { scale: 1024 }), { scale: 1024 }), v);
  });
});

describe('humanDuration', () => {
  it('durations in the two biggest units', () => {
    assert.equal(humanDuration(600_000), '10 min');
    assert.equal(humanDuration(3_600_000), '1 h');
    assert.equal(humanDuration(5_430_000), '1 h 30 min');
    assert.equal(humanDuration(90_061_000), '1 d 1 h');
    assert.equal(humanDuration(500), '500 ms');
  });
});
