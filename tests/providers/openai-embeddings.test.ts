// Embeddings: recognition (not Ollama's native endpoint), input normalisation, usage without output, no message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openaiEmbeddings } from '../../src-main/providers/openai-embeddings.js';
import { fixtureBytes } from '../support/fixtures.js';
import { recogniseUrl } from './openai-support.js';

const rec = (method: string, host: string, path: string) =>
  openaiEmbeddings.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });

describe('embeddings', () => {
  test('recognition', () => {
    assert.deepEqual(rec('POST', 'api.openai.com', '/v1/embeddings'), { provider: 'openai', api: 'openai.embeddings' });
    assert.equal(rec('POST', 'api.mistral.ai', '/v1/embeddings')?.provider, 'mistral');
    assert.equal(rec('POST', 'openrouter.ai', '/api/v1/embeddings')?.provider, 'openrouter');
    assert.equal(rec('POST', 'localhost:11434', '/api/embeddings'), null);
    assert.equal(rec('GET', 'api.openai.com', '/v1/embeddings'), null);
  });
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/embeddings');
  test('request: inputs as user text, parameters', () => {
    const req = openaiEmbeddings.parseRequest({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 256, encoding_format: 'float' }, ctx);
    assert.equal(req.model, 'text-embedding-3-small');
    assert.equal(req.stream, false);
    assert.deepEqual(req.parameters, { dimensions: 256, encoding_format: 'float' });
    assert.deepEqual(req.messages, [{ role: 'user', parts: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]);
    assert.deepEqual(openaiEmbeddings.parseRequest({ input: 'one' }, ctx).messages, [{ role: 'user', parts: [{ type: 'text', text: 'one' }] }]);
  });
  test('response: usage, no message, no stream parser', () => {
    const res = openaiEmbeddings.parseResponse(JSON.parse(fixtureBytes('openai/embeddings.json').toString()), ctx);
    assert.equal(res.message, null);
    assert.equal(res.responseModel, 'text-embedding-3-small');
    assert.deepEqual(res.usage, { inputTokens: 12, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: null, reasoningTokens: 0, totalTokens: 12, source: 'provider' });
    assert.deepEqual(res.rawUsage, { prompt_tokens: 12, total_tokens: 12 });
    assert.equal(openaiEmbeddings.streamParser(ctx, 'text/event-stream'), null);
    assert.deepEqual(openaiEmbeddings.parseResponse({ error: { message: 'nope', type: 'invalid_request_error' } }, ctx).error, { type: 'invalid_request_error', message: 'nope' });
  });
});
