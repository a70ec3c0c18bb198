import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExportFormatSchema } from '../../../../src-main/contract/index.js';
import { downloadFilename, FORMATS, formatInfo } from '../../../../src-renderer/views/export/export-formats.js';

describe('FORMATS', () => {
  it('describes every format of the contract once, openai-chat first', () => {
    assert.deepEqual(FORMATS.map((f) => f.id).sort(), [...ExportFormatSchema.options].sort());
    assert.equal(FORMATS[0]!.id, 'openai-chat');
  });
  it('lets only ShareGPT and TRL keep thinking, and says why the others cannot', () => {
    assert.deepEqual(FORMATS.filter((f) => f.thinkingLocked === null).map((f) => f.id), ['sharegpt', 'trl-messages']);
    assert.match(formatInfo('bedrock-claude').thinkingLocked ?? '', /text-only/);
  });
});

describe('downloadFilename', () => {
  it('names the file by format and local day, with the right extension', () => {
    const day = new Date(2026, 10, 24, 23, 30);
    assert.equal(downloadFilename('openai-chat', day), 'llm-inspector-openai-chat-2026-11-24.jsonl');
    assert.equal(downloadFilename('har', day), 'llm-inspector-har-2026-11-24.har');
    assert.equal(downloadFilename('traces', new Date(2027, 0, 5)), 'llm-inspector-traces-2027-01-05.jsonl');
  });
});
