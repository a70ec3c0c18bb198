import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PARAMS, type ExportParams } from '../../../../src-renderer/views/export/export-params.js';
import { buildExportQuery, downloadPath, optionApplies, previewPath } from '../../../../src-renderer/views/export/export-query.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const build = (patch: Partial<ExportParams>) => buildExportQuery({ ...DEFAULT_PARAMS, ...patch }, NOW);

function ok(patch: Partial<ExportParams>): URLSearchParams {
  const r = build(patch);
  assert.ok(r.ok, `expected valid options, got ${JSON.stringify(!r.ok && r.errors)}`);
  return new URLSearchParams(r.query);
}

describe('buildExportQuery', () => {
  it('asks for the default format with nothing else by default', () => {
    const r = build({});
    assert.ok(r.ok);
    assert.equal(r.query, 'format=openai-chat');
    assert.equal(r.options.per, 'conversation');
    assert.equal(r.options.dedupe, true);
    assert.equal(r.options.maxTokens, 65_536);
  });
  it('passes the filters under their contract names, trimmed', () => {
    const qs = ok({ provider: ' anthropic ', model: 'claude-*', tag: 'agent', conversationId: 'c:12', host: '*.openai.com', search: 'refund policy' });
    assert.equal(qs.get('provider'), 'anthropic');
    assert.equal(qs.get('model'), 'claude-*');
    assert.equal(qs.get('conversationId'), 'c:12');
    assert.equal(qs.get('search'), 'refund policy');
  });
  it('resolves relative and absolute times to epoch ms', () => {
    const qs = ok({ since: '24h', until: String(NOW - 1000) });
    assert.equal(qs.get('since'), String(NOW - 86_400_000));
    assert.equal(qs.get('until'), String(NOW - 1000));
  });
  it('writes flags and choices the server reads, only when they differ from its defaults', () => {
    const qs = ok({ per: 'call', includeErrors: true, dedupe: false, scrubPii: true, strict: true, dropOverLimit: true, maxTokens: '4096', minExamples: '0' });
    assert.equal(qs.get('per'), 'call');
    assert.equal(qs.get('includeErrors'), 'true');
    assert.equal(qs.get('dedupe'), 'false');
    assert.equal(qs.get('scrubPii'), 'true');
    assert.equal(qs.get('strict'), 'true');
    assert.equal(qs.get('maxTokens'), '4096');
    assert.equal(qs.get('minExamples'), '0');
    const r = build({ dedupe: false });
    assert.ok(r.ok);
    assert.equal(r.options.dedupe, false);
  });
  it('normalises explicit ids and rejects what is not an id', () => {
    assert.equal(ok({ ids: '1, 2 3' }).get('ids'), '1,2,3');
    const r = build({ ids: '1,x' });
    assert.ok(!r.ok);
    assert.match(r.errors['ids'] ?? '', /"x" is not an exchange id/);
  });
  it('reports bad numbers and times per field', () => {
    const r = build({ maxTokens: '12x', minExamples: '-1', since: 'last tuesday' });
    assert.ok(!r.ok);
    assert.equal(r.errors['maxTokens'], 'needs a whole number');
    assert.equal(r.errors['minExamples'], 'needs 0 or more');
    assert.match(r.errors['since'] ?? '', /is not a time/);
    const zero = build({ maxTokens: '0' });
    assert.ok(!zero.ok);
    assert.equal(zero.errors['maxTokens'], 'needs a number above 0');
  });
  it('never asks a format to keep thinking it cannot carry', () => {
    assert.equal(ok({ format: 'openai-chat', thinking: 'keep' }).get('thinking'), null);
    assert.equal(ok({ format: 'sharegpt', thinking: 'keep' }).get('thinking'), 'keep');
    assert.equal(ok({ format: 'trl-messages', thinking: 'keep' }).get('thinking'), 'keep');
  });
  it('leaves dataset options out of HAR and trace exports, but keeps the selection', () => {
    const qs = ok({ format: 'har', strict: true, scrubPii: true, per: 'call', dedupe: false, maxTokens: '10', model: 'gpt-4o', ids: '5', maxExamples: '3' });
    assert.deepEqual([...qs.keys()].sort(), ['format', 'ids', 'maxExamples', 'model']);
  });
  it('sends DPO pairs and preference only for DPO', () => {
    const qs = ok({ format: 'openai-dpo', pairs: '12:10, 15:14', dpoPrefer: 'earliest', per: 'call' });
    assert.equal(qs.get('pairs'), '12:10,15:14');
    assert.equal(qs.get('dpoPrefer'), 'earliest');
    assert.equal(qs.get('per'), null);
    assert.equal(ok({ format: 'sharegpt', pairs: '1:2' }).get('pairs'), null);
    const bad = build({ format: 'openai-dpo', pairs: '12-10' });
    assert.ok(!bad.ok);
    assert.match(bad.errors['pairs'] ?? '', /preferred:rejected/);
  });
  it('passes extra filters through and reports them when the contract rejects them', () => {
    assert.equal(ok({ extra: { statusMin: '200' } }).get('statusMin'), '200');
    const r = build({ extra: { statusMin: 'ok' } });
    assert.ok(!r.ok);
    assert.ok(r.errors['statusMin']);
  });
});

describe('optionApplies', () => {
  it('greys out what a format does not use', () => {
    assert.equal(optionApplies('openai-chat', 'trainOn'), true);
    assert.equal(optionApplies('sharegpt', 'trainOn'), false);
    assert.equal(optionApplies('openai-dpo', 'per'), false);
    assert.equal(optionApplies('bedrock-claude', 'thinking'), false);
    assert.equal(optionApplies('har', 'includeErrors'), false);
    assert.equal(optionApplies('traces', 'maxExamples'), true);
  });
});

describe('paths', () => {
  it('builds the preview and download routes', () => {
    assert.equal(previewPath('format=har', 5), '/api/export/preview?format=har&lines=5');
    assert.equal(downloadPath('format=har&ids=1'), '/api/export?format=har&ids=1');
  });
});

describe('starred only', () => {
  it('asks the server for starred exchanges only when checked', () => {
    assert.equal(ok({ starred: true }).get('starred'), 'true');
    assert.equal(ok({}).has('starred'), false);
    const r = build({ starred: true });
    assert.ok(r.ok);
    assert.equal(r.options.starred, true);
  });
});
