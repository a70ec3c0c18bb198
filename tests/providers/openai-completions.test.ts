// Legacy Completions: recognition (not chat), prompt normalisation, whole and streamed `choices[].text`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openaiCompletions } from '../../src-main/providers/openai-completions.js';
import { fixtureBytes, splitSseEvents } from '../support/fixtures.js';
import { feed, recogniseUrl, textChars } from './openai-support.js';
import { streamProperties } from './stream-properties.js';

const rec = (method: string, host: string, path: string) =>
  openaiCompletions.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });

describe('recognition', () => {
  test('…/completions but not chat', () => {
    assert.deepEqual(rec('POST', 'api.openai.com', '/v1/completions'), { provider: 'openai', api: 'openai.completions' });
    assert.equal(rec('POST', 'r.openai.azure.com', '/openai/deployments/instruct/completions')?.provider, 'azure-openai');
    assert.equal(rec('POST', 'api.deepseek.com', '/beta/completions')?.provider, 'deepseek');
    assert.equal(rec('POST', 'api.mistral.ai', '/v1/fim/completions')?.provider, 'mistral');
    assert.equal(rec('POST', 'localhost:8000', '/v1/completions')?.provider, 'vllm');
    assert.equal(rec('POST', 'api.openai.com', '/v1/chat/completions'), null);
    assert.equal(rec('POST', 'localhost:8080', '/completion'), null);
    assert.equal(rec('GET', 'api.openai.com', '/v1/completions'), null);
  });
});

describe('request parsing', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/completions');
  test('prompt, parameters', () => {
    const req = openaiCompletions.parseRequest({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi', max_tokens: 16, temperature: 0, stream: true, suffix: '!' }, ctx);
    assert.equal(req.model, 'gpt-3.5-turbo-instruct');
    assert.equal(req.stream, true);
    assert.deepEqual(req.parameters, { temperature: 0, max_tokens: 16, suffix: '!' });
    assert.deepEqual(req.messages, [{ role: 'user', parts: [{ type: 'text', text: 'Say hi' }] }]);
  });
  test('batched prompts and token arrays', () => {
    assert.deepEqual(openaiCompletions.parseRequest({ prompt: ['a', 'b'] }, ctx).messages, [
      { role: 'user', parts: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
    ]);
    assert.deepEqual(openaiCompletions.parseRequest({ prompt: [1, 2, 3] }, ctx).messages, []);
  });
  test('Azure deployment is the model', () => {
    const az = recogniseUrl('POST', 'https://r.openai.azure.com/openai/deployments/instruct-dep/completions?api-version=2024-10-21');
    assert.equal(openaiCompletions.parseRequest({ prompt: 'x' }, az.ctx).model, 'instruct-dep');
  });
});

describe('responses', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/completions');
  test('whole and streamed bodies', () => {
    const whole = openaiCompletions.parseResponse(JSON.parse(fixtureBytes('openai/completions-text.json').toString()), ctx);
    assert.equal(textChars(whole), 77);
    assert.equal(whole.finishReason, 'length');
    const { res, first } = feed(openaiCompletions, ctx, splitSseEvents(fixtureBytes('openai/completions-text-stream.sse')));
    assert.equal(textChars(res), 66);
    assert.equal(res.complete, true);
    assert.equal(first, 0);
  });
  test('Mistral FIM answers with a chat-shaped message', () => {
    const res = openaiCompletions.parseResponse(
      { id: 'f', model: 'codestral', choices: [{ index: 0, message: { role: 'assistant', content: 'return a + b' }, finish_reason: 'stop' }], usage: { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 } },
      ctx,
    );
    assert.deepEqual(res.message, { role: 'assistant', parts: [{ type: 'text', text: 'return a + b' }] });
    assert.equal(res.usage?.totalTokens, 12);
  });
});

describe('stream properties', () => {
  streamProperties(['openai/completions-text-stream.sse'], 25);
});
