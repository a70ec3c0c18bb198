import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateAll, estimateTokens, histogram, niceStep } from '../../../../src-renderer/views/export/token-bins.js';

describe('estimateTokens', () => {
  it('counts about four characters of text a token, over every string value', () => {
    const line = { messages: [{ role: 'user', content: 'x'.repeat(40) }, { role: 'assistant', content: 'y'.repeat(36) }] };
    // 'user' + 40 + 'assistant' + 36 = 89 characters
    assert.equal(estimateTokens(line), Math.ceil(89 / 4));
  });
  it('counts a data: URL image as a fixed amount, not its base64', () => {
    const line = { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(100_000)}` } }] }] };
    assert.ok(estimateTokens(line) < 100);
  });
});

describe('estimateAll', () => {
  const lines = [{ t: 'a'.repeat(40) }, { t: 'b'.repeat(120) }];
  it('scales to the exact total when the preview holds every example', () => {
    const e = estimateAll(lines, { written: 2, tokens: { total: 400 } });
    assert.equal(e.calibrated, true);
    assert.deepEqual(e.counts, [100, 300]);
  });
  it('stays a raw estimate for a sample', () => {
    const e = estimateAll(lines, { written: 50, tokens: { total: 4000 } });
    assert.equal(e.calibrated, false);
    assert.deepEqual(e.counts, [10, 30]);
  });
});

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    assert.equal(niceStep(400, 12), 50);
    assert.equal(niceStep(10_000, 10), 1000);
    assert.equal(niceStep(3, 12), 1);
    assert.equal(niceStep(1500, 10), 200);
  });
});

describe('histogram', () => {
  it('puts every example in one bin and marks bins over the limit', () => {
    const h = histogram([10, 60, 380, 390], 300);
    assert.equal(h.width, 50);
    assert.equal(h.bins.reduce((a, b) => a + b.count, 0), 4);
    assert.equal(h.bins[0]!.count, 1);
    assert.equal(h.bins[1]!.count, 1);
    assert.equal(h.bins[7]!.count, 2);
    assert.equal(h.bins[7]!.over, true);
    assert.equal(h.bins[5]!.over, false);
    assert.equal(h.limitShown, true);
  });
  it('leaves out a limit far beyond every example so the bars keep their width', () => {
    const h = histogram([100, 379], 65_536);
    assert.equal(h.limitShown, false);
    assert.ok(h.domainMax < 1000);
  });
  it('reaches the known longest example even when no previewed one is that long', () => {
    const h = histogram([100], 65_536, 5000);
    assert.ok(h.domainMax >= 5000);
  });
});
