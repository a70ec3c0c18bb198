// OpenAI Responses API: recognition, instructions + input items, streamed items reassembled like whole bodies,
// failures, TTFT and stream robustness properties.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openaiResponses } from '../../src-main/providers/openai-responses.js';
import { fixtureBytes, splitSseEvents } from '../support/fixtures.js';
import { feed, partsOf, recogniseUrl, textChars, toolCallStrings } from './openai-support.js';
import { streamProperties } from './stream-properties.js';

const enc = (s: string) => Buffer.from(s, 'utf8');
const events = (...evs: Record<string, unknown>[]) => evs.map((e) => `event: ${String(e['type'])}\ndata: ${JSON.stringify(e)}\n\n`).join('');

describe('recognition', () => {
  const rec = (method: string, host: string, path: string) =>
    openaiResponses.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });
  test('POST …/responses only', () => {
    assert.deepEqual(rec('POST', 'api.openai.com', '/v1/responses'), { provider: 'openai', api: 'openai.responses' });
    assert.equal(rec('POST', 'r.openai.azure.com', '/openai/v1/responses')?.provider, 'azure-openai');
    assert.equal(rec('POST', 'api.x.ai', '/v1/responses')?.provider, 'xai');
    assert.equal(rec('POST', '127.0.0.1:1234', '/v1/responses')?.provider, 'lmstudio');
    assert.equal(rec('GET', 'api.openai.com', '/v1/responses/resp_1'), null);
    assert.equal(rec('POST', 'api.openai.com', '/v1/responses/resp_1'), null);
    assert.equal(rec('POST', 'api.openai.com', '/v1/responses/input_tokens'), null);
    assert.equal(rec('GET', 'api.openai.com', '/v1/responses'), null);
  });
});

describe('request parsing', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/responses');
  const body = {
    model: 'gpt-5',
    instructions: 'You are terse.',
    stream: true,
    reasoning: { effort: 'low', summary: 'auto' },
    max_output_tokens: 1000,
    previous_response_id: 'resp_prev',
    metadata: { app: 'demo' },
    input: [
      { role: 'developer', content: 'Prefer metric units.' },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Weather here?' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ' },
          { type: 'input_file', file_id: 'file-1' },
        ],
      },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Call the tool.' }], encrypted_content: 'enc' },
      { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"temp":3}' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 3°C.' }] },
      { type: 'item_reference', id: 'msg_0' },
    ],
    tools: [
      { type: 'function', name: 'weather', description: 'Weather by city', parameters: { type: 'object' }, strict: true },
      { type: 'web_search' },
    ],
  };
  const req = openaiResponses.parseRequest(body, ctx);
  test('model, stream, parameters, hints', () => {
    assert.equal(req.model, 'gpt-5');
    assert.equal(req.stream, true);
    assert.deepEqual(req.parameters, { reasoning: { effort: 'low', summary: 'auto' }, max_output_tokens: 1000 });
    assert.deepEqual(req.hints, { user: null, sessionId: null, previousResponseId: 'resp_prev', metadata: { app: 'demo' } });
  });
  test('instructions first, then input items in order', () => {
    assert.deepEqual(req.messages, [
      { role: 'system', parts: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'developer', parts: [{ type: 'text', text: 'Prefer metric units.' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', text: 'Weather here?' },
          { type: 'image', mediaType: 'image/jpeg', url: 'data:image/jpeg;base64,/9j/4AAQ' },
        ],
      },
      {
        role: 'assistant',
        parts: [
          { type: 'thinking', text: 'Call the tool.', signature: null, redacted: false },
          { type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', parsed: { city: 'Oslo' } },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', name: null, content: '{"temp":3}', isError: false }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'It is 3°C.' }] },
    ]);
  });
  test('tools, including built-ins by type', () => {
    assert.deepEqual(req.tools, [
      { name: 'weather', description: 'Weather by city', parameters: { type: 'object' } },
      { name: 'web_search', description: null, parameters: null },
    ]);
  });
  test('string input, conversation as session', () => {
    const r = openaiResponses.parseRequest({ model: 'm', input: 'hi', conversation: { id: 'conv_1' }, user: 'u' }, ctx);
    assert.deepEqual(r.messages, [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
    assert.equal(r.hints.sessionId, 'conv_1');
    assert.equal(r.hints.user, 'u');
  });
  test('garbage bodies do not throw', () => {
    for (const b of [null, 1, 'x', { input: 5 }, { input: [null, 2, { type: 'function_call' }] }]) {
      assert.doesNotThrow(() => openaiResponses.parseRequest(b, ctx));
    }
  });
});

describe('stream reassembly', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/responses');
  test('deltas only (done events cut off): text per item, function call args concatenated', () => {
    const body = events(
      { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5', status: 'in_progress', usage: null, output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'Think' },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'ing' },
      { type: 'response.output_item.added', output_index: 1, item: { id: 'msg_1', type: 'message', role: 'assistant', content: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hel' },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'lo' },
      { type: 'response.output_item.added', output_index: 2, item: { id: 'fc_1', type: 'function_call', call_id: 'call_9', name: 'f', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '{"a"' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: ':1}' },
    );
    const { res, first } = feed(openaiResponses, ctx, splitSseEvents(enc(body)));
    assert.equal(first, 2);
    assert.equal(res.complete, false);
    assert.equal(res.responseId, 'resp_1');
    assert.deepEqual(res.message?.parts, [
      { type: 'thinking', text: 'Thinking', signature: null, redacted: false },
      { type: 'text', text: 'Hello' },
      { type: 'tool_call', id: 'call_9', name: 'f', arguments: '{"a":1}', parsed: { a: 1 } },
    ]);
  });
  test('response.incomplete: complete, finish reason is why', () => {
    const body = events({
      type: 'response.incomplete',
      response: { id: 'r', model: 'm', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 }, output: [] },
    });
    const { res } = feed(openaiResponses, ctx, [enc(body + 'data: [DONE]\n\n')]);
    assert.equal(res.complete, true);
    assert.equal(res.finishReason, 'max_output_tokens');
    assert.equal(res.usage?.outputTokens, 7);
  });
  test('the stream error fixture: error kept, not complete, no usage', () => {
    const { module, ctx: c } = recogniseUrl('POST', 'https://api.openai.com/v1/responses');
    const { res, first } = feed(module, c, splitSseEvents(fixtureBytes('openai/responses-stream-error.sse')));
    assert.equal(res.error?.type, 'insufficient_quota');
    assert.match(res.error?.message ?? '', /exceeded your current quota/);
    assert.equal(res.complete, false);
    assert.equal(res.usage, null);
    assert.equal(res.finishReason, 'failed');
    assert.equal(first, null);
  });
  test('a recording that kept few text deltas: deltas give the MANIFEST count, done events the whole text', () => {
    const chunks = splitSseEvents(fixtureBytes('openai/responses-cached-reasoning.sse'));
    const p = openaiResponses.streamParser(ctx, 'text/event-stream');
    assert.ok(p);
    let beforeDone: number | null = null;
    for (const c of chunks) {
      if (beforeDone === null && c.toString('utf8').includes('response.output_text.done')) beforeDone = textChars(p.snapshot());
      p.push(c, 0);
    }
    assert.equal(beforeDone, 3 + 3); // "Got" + " it" before the first item's done event
    const res = p.end();
    const texts = partsOf(res, 'text').map((x) => (x.type === 'text' ? x.text : ''));
    assert.equal(texts.length, 2);
    assert.match(texts[0] ?? '', /^Got it — I’ll quickly check/);
    assert.ok(textChars(res) > 1000);
  });
  test('the tool-call fixture: first content is the first reasoning summary delta', () => {
    const chunks = splitSseEvents(fixtureBytes('openai/responses-reasoning-tool-call.sse'));
    const idx = chunks.findIndex((c) => c.toString('utf8').startsWith('event: response.reasoning_summary_text.delta'));
    const { res, first } = feed(openaiResponses, ctx, chunks);
    assert.equal(first, idx);
    assert.deepEqual(toolCallStrings(res), ['calculator({"a":12,"b":7,"op":"add"})']);
  });
});

describe('whole bodies', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/responses');
  test('HTTP error envelope', () => {
    const res = openaiResponses.parseResponse(JSON.parse(fixtureBytes('openai/error-429-insufficient-quota.json').toString()), { ...ctx, status: 429 });
    assert.equal(res.error?.type, 'insufficient_quota');
    assert.equal(res.message, null);
    assert.equal(res.usage, null);
  });
  test('refusal and url citations', () => {
    const res = openaiResponses.parseResponse(
      {
        id: 'r', object: 'response', status: 'completed', model: 'm',
        output: [
          { type: 'web_search_call', id: 'ws', status: 'completed' },
          { type: 'message', content: [{ type: 'output_text', text: 'See', annotations: [{ type: 'url_citation', url: 'https://a.example' }] }, { type: 'refusal', refusal: 'no more' }] },
        ],
      },
      ctx,
    );
    assert.deepEqual(res.message?.parts, [{ type: 'text', text: 'See' }, { type: 'refusal', text: 'no more' }]);
    assert.deepEqual(res.citations, ['https://a.example']);
  });
});

describe('stream properties', () => {
  streamProperties([
    'openai/responses-reasoning-tool-call.sse',
    'openai/responses-cached-reasoning.sse',
    'openai/responses-stream-error.sse',
    'azure-openai/responses-tool-call.sse',
  ], 25);
});
