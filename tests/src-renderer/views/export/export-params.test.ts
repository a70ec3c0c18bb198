import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PARAMS, importedSelection, MAX_LISTED_IDS, normaliseIds, readParams, writeParams } from '../../../../src-renderer/views/export/export-params.js';

describe('readParams', () => {
  it('gives the defaults for an empty URL', () => {
    assert.deepEqual(readParams(new URLSearchParams('')), DEFAULT_PARAMS);
  });
  it('reads every kind of field, and ids prefilled from the URL', () => {
    const p = readParams(new URLSearchParams('format=sharegpt&model=gpt-4o*&ids=1,2,3&per=call&dedupe=0&strict=1&thinking=keep&maxTokens=4096&since=24h'));
    assert.equal(p.format, 'sharegpt');
    assert.equal(p.model, 'gpt-4o*');
    assert.equal(p.ids, '1,2,3');
    assert.equal(p.per, 'call');
    assert.equal(p.dedupe, false);
    assert.equal(p.strict, true);
    assert.equal(p.thinking, 'keep');
    assert.equal(p.maxTokens, '4096');
    assert.equal(p.since, '24h');
  });
  it('falls back to the default for unknown choices', () => {
    const p = readParams(new URLSearchParams('format=csv&per=week&thinking=maybe'));
    assert.equal(p.format, 'openai-chat');
    assert.equal(p.per, 'conversation');
    assert.equal(p.thinking, 'default');
  });
  it('keeps filters of the contract that have no field of their own, and ignores unknown keys', () => {
    const p = readParams(new URLSearchParams('statusMin=200&llmOnly=1&bogus=1&token=abc'));
    assert.deepEqual(p.extra, { statusMin: '200', llmOnly: '1' });
  });
});

describe('writeParams', () => {
  it('writes only what differs from the defaults', () => {
    assert.equal(writeParams(DEFAULT_PARAMS).toString(), '');
    const qs = writeParams({ ...DEFAULT_PARAMS, format: 'har', dedupe: false, scrubPii: true, per: 'call', tag: 'checkout' });
    assert.equal(qs.toString(), 'format=har&tag=checkout&dedupe=0&scrubPii=1&per=call');
  });
  it('round-trips through readParams', () => {
    const p = { ...DEFAULT_PARAMS, format: 'vertex-gemini' as const, provider: 'anthropic', ids: '4,5', strict: true, trainOn: 'last' as const, extra: { statusMax: '299' } };
    assert.deepEqual(readParams(writeParams(p)), p);
  });
  it('keeps an emptied number box empty instead of refilling it with the default', () => {
    const qs = writeParams({ ...DEFAULT_PARAMS, maxTokens: '' });
    assert.equal(qs.toString(), 'maxTokens=');
    assert.equal(readParams(qs).maxTokens, '');
  });
});

describe('normaliseIds', () => {
  it('accepts what people paste', () => {
    assert.equal(normaliseIds('1, 2 3;#4,,'), '1,2,3,4');
    assert.equal(normaliseIds('  '), '');
  });
});

describe('importedSelection', () => {
  const filtered = { ...DEFAULT_PARAMS, format: 'sharegpt' as const, model: 'gpt-4o', since: '24h', extra: { statusMin: '200' } };
  it('clears the filters and selects the imported ids, keeping the format and options', () => {
    const p = importedSelection({ ...filtered, strict: true }, [7, 8, 9]);
    assert.equal(p.ids, '7,8,9');
    assert.equal(p.model, '');
    assert.equal(p.since, '');
    assert.deepEqual(p.extra, {});
    assert.equal(p.format, 'sharegpt');
    assert.equal(p.strict, true);
  });
  it('selects a big import by its first id, since the list would not fit in a URL', () => {
    const ids = Array.from({ length: MAX_LISTED_IDS + 1 }, (_, i) => 1000 + i);
    const p = importedSelection(filtered, ids);
    assert.equal(p.ids, '');
    assert.deepEqual(p.extra, { after: '999' });
  });
});

describe('starred only', () => {
  it('is off by default, read from and written to the URL as a flag, not an extra filter', () => {
    assert.equal(DEFAULT_PARAMS.starred, false);
    const p = readParams(new URLSearchParams('starred=1'));
    assert.equal(p.starred, true);
    assert.deepEqual(p.extra, {});
    assert.equal(writeParams(p).get('starred'), '1');
    assert.equal(writeParams(DEFAULT_PARAMS).has('starred'), false);
  });
  it('is cleared by "export what was imported"', () => {
    assert.equal(importedSelection({ ...DEFAULT_PARAMS, starred: true }, [1, 2]).starred, false);
  });
});
