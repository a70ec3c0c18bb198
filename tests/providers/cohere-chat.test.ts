// Cohere v2 chat (POST /v2/chat). There is NO recorded Cohere transcript in tests/fixtures/providers: every body below
// was written for this test FROM COHERE'S DOCUMENTATION (v2 API reference for /v2/chat and the v2 streaming guide:
// message-start, content-start/delta/end, tool-plan-delta, tool-call-start/delta/end, citation-start/end,
// message-end), not captured from the live API. Ids and numbers are invented.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { LlmResponse } from '../../src-main/contract/index.js';
import type { ParseContext } from '../../src-main/providers/provider-module.js';
import { cohereChat } from '../../src-main/providers/cohere-chat.js';
import { splitAt } from '../support/chunks.js';

function rec(method: string, host: string, path: string) {
  return cohereChat.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });
}

const ctx: ParseContext = {
  provider: 'cohere',
  api: 'cohere.chat',
  host: 'api.cohere.com',
  path: '/v2/chat',
  query: new URLSearchParams(),
  urlModel: null,
  status: 200,
};


function feed(chunks: Uint8Array[], c: ParseContext = ctx): { res: LlmResponse; first: number | null } {
  const p = cohereChat.streamParser(c, 'text/event-stream');
  assert.ok(p, 'stream parser');
  chunks.forEach((ch, i) => {
    p.push(ch, 7 + i);
    p.snapshot();
  });
  const res = p.end();
  return { res, first: p.firstContentAtMs };
}

/** SSE framing as the v2 stream documents it: `event: <type>` + `data: <json>` per event. */
function sse(events: Record<string, unknown>[]): Buffer {
  return Buffer.from(events.map((e) => `event: ${String(e['type'])}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
}

// ---- bodies built from the documentation ----

const DOC_TEXT_RESPONSE = {
  id: 'c14c80c3-18eb-4519-9460-6c92edd8cfb4',
  finish_reason: 'COMPLETE',
  message: {
    role: 'assistant',
    content: [{ type: 'text', text: 'LLMs are neural networks trained on large amounts of text.' }],
  },
  usage: { billed_units: { input_tokens: 5, output_tokens: 12 }, tokens: { input_tokens: 71, output_tokens: 12 } },
};

const DOC_TOOL_RESPONSE = {
  id: '3d3c6f4e-4b1e-4d43-9d1b-5a4b2f3f1c11',
  finish_reason: 'TOOL_CALL',
  message: {
    role: 'assistant',
    tool_plan: 'I will look up the weather in Toronto.',
    tool_calls: [{ id: 'get_weather_1byjy32y4hvq', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } }],
  },
  usage: { billed_units: { input_tokens: 37, output_tokens: 20 }, tokens: { input_tokens: 1099, output_tokens: 45 } },
};

const DOC_TEXT_STREAM = [
  { id: '29f14a5a-11de-4cae-9800-25e4747408ea', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
  { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
  { type: 'content-delta', index: 0, delta: { message: { content: { text: 'A large language model ' } } } },
  { type: 'content-delta', index: 0, delta: { message: { content: { text: '(LLM) is a neural network — “große” 🌍.' } } } },
  { type: 'content-end', index: 0 },
  { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: { billed_units: { input_tokens: 6, output_tokens: 15 }, tokens: { input_tokens: 72, output_tokens: 15 } } } },
];

const DOC_TOOL_STREAM = [
  { id: '4c4e8a1e-6b39-4f34-8a0c-1f0c7c2b9a77', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
  { type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will use the get_weather' } } },
  { type: 'tool-plan-delta', delta: { message: { tool_plan: ' tool.' } } },
  {
    type: 'tool-call-start',
    index: 0,
    delta: { message: { tool_calls: { id: 'get_weather_nsz5zm3w56q3', type: 'function', function: { name: 'get_weather', arguments: '' } } } },
  },
  { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{\n    "' } } } } },
  { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: 'location":"Toronto"}' } } } } },
  { type: 'tool-call-end', index: 0 },
  {
    type: 'tool-call-start',
    index: 1,
    delta: { message: { tool_calls: { id: 'get_weather_2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } } } },
  },
  { type: 'tool-call-end', index: 1 },
  { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: { billed_units: { input_tokens: 37, output_tokens: 28 }, tokens: { input_tokens: 1100, output_tokens: 60 } } } },
];

describe('recognition', () => {
  test('POST /v2/chat', () => {
    assert.deepEqual(rec('POST', 'api.cohere.com', '/v2/chat'), { provider: 'cohere', api: 'cohere.chat' });
    assert.deepEqual(rec('POST', 'api.cohere.ai', '/v2/chat/'), { provider: 'cohere', api: 'cohere.chat' });
  });
  test('not v1, the OpenAI compatibility API, or other methods', () => {
    assert.equal(rec('POST', 'api.cohere.com', '/v1/chat'), null);
    assert.equal(rec('POST', 'api.cohere.com', '/compatibility/v1/chat/completions'), null);
    assert.equal(rec('POST', 'api.cohere.com', '/v2/embed'), null);
    assert.equal(rec('GET', 'api.cohere.com', '/v2/chat'), null);
  });
});

describe('requests (documented shapes)', () => {
  test('messages, tool calls and results, tools, parameters', () => {
    const r = cohereChat.parseRequest(
      {
        model: 'command-a-03-2025',
        stream: true,
        temperature: 0.3,
        max_tokens: 400,
        messages: [
          { role: 'system', content: 'You are a weather bot.' },
          { role: 'user', content: [{ type: 'text', text: "What's the weather in Toronto?" }] },
          {
            role: 'assistant',
            tool_plan: 'I will look up the weather.',
            tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } }],
          },
          { role: 'tool', tool_call_id: 'get_weather_1', content: [{ type: 'document', document: { data: '{"temperature":"20C"}' } }] },
          { role: 'assistant', content: 'It is 20C.' },
        ],
        tools: [
          {
            type: 'function',
            function: { name: 'get_weather', description: 'gets the weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
          },
        ],
      },
      ctx,
    );
    assert.equal(r.model, 'command-a-03-2025');
    assert.equal(r.stream, true);
    assert.deepEqual(r.parameters, { temperature: 0.3, max_tokens: 400 });
    assert.deepEqual(r.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant']);
    assert.deepEqual(r.messages[2]?.parts, [
      { type: 'thinking', text: 'I will look up the weather.', signature: null, redacted: false },
      { type: 'tool_call', id: 'get_weather_1', name: 'get_weather', arguments: '{"location":"Toronto"}', parsed: { location: 'Toronto' } },
    ]);
    assert.deepEqual(r.messages[3]?.parts, [
      { type: 'tool_result', toolCallId: 'get_weather_1', name: null, content: '{"temperature":"20C"}', isError: false },
    ]);
    assert.deepEqual(r.messages[4]?.parts, [{ type: 'text', text: 'It is 20C.' }]);
    assert.equal(r.tools[0]?.name, 'get_weather');
    assert.equal(r.tools[0]?.description, 'gets the weather');
    assert.equal(cohereChat.parseRequest({ model: 'm', messages: [] }, ctx).stream, false, 'stream defaults to false');
  });
});

describe('whole responses (documented shapes)', () => {
  test('text: usage from tokens, not billed_units', () => {
    const res = cohereChat.parseResponse(DOC_TEXT_RESPONSE, ctx);
    assert.equal(res.responseId, 'c14c80c3-18eb-4519-9460-6c92edd8cfb4');
    assert.equal(res.finishReason, 'COMPLETE');
    assert.deepEqual(res.message, { role: 'assistant', parts: [{ type: 'text', text: 'LLMs are neural networks trained on large amounts of text.' }] });
    assert.deepEqual(res.usage, {
      inputTokens: 71,
      outputTokens: 12,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      reasoningTokens: null,
      totalTokens: 83,
      source: 'provider',
    });
    assert.deepEqual(res.rawUsage, DOC_TEXT_RESPONSE.usage);
    assert.equal(res.complete, true);
  });
  test('tool call with tool plan; billed_units when tokens are absent', () => {
    const res = cohereChat.parseResponse(DOC_TOOL_RESPONSE, ctx);
    assert.equal(res.finishReason, 'TOOL_CALL');
    const [plan, call] = res.message?.parts ?? [];
    assert.ok(plan?.type === 'thinking' && plan.text === 'I will look up the weather in Toronto.');
    assert.ok(call?.type === 'tool_call' && call.name === 'get_weather' && call.id === 'get_weather_1byjy32y4hvq');
    assert.deepEqual(call.parsed, { location: 'Toronto' });
    assert.equal(res.usage?.inputTokens, 1099);
    const billed = cohereChat.parseResponse({ ...DOC_TOOL_RESPONSE, usage: { billed_units: { input_tokens: 37, output_tokens: 20 } } }, ctx);
    assert.equal(billed.usage?.inputTokens, 37);
    assert.equal(billed.usage?.outputTokens, 20);
  });
  test('error body', () => {
    const res = cohereChat.parseResponse({ id: 'e1', message: "invalid request: model 'nope' not found" }, { ...ctx, status: 404 });
    assert.deepEqual(res.error, { type: '404', message: "invalid request: model 'nope' not found" });
    assert.equal(res.message, null);
  });
});

describe('streams (documented event shapes)', () => {
  test('text stream: content deltas, message-end finish and usage', () => {
    const { res, first } = feed([sse(DOC_TEXT_STREAM)]);
    assert.equal(res.responseId, '29f14a5a-11de-4cae-9800-25e4747408ea');
    assert.deepEqual(res.message?.parts, [{ type: 'text', text: 'A large language model (LLM) is a neural network — “große” 🌍.' }]);
    assert.equal(res.finishReason, 'COMPLETE');
    assert.equal(res.usage?.inputTokens, 72);
    assert.equal(res.usage?.outputTokens, 15);
    assert.equal(res.complete, true);
    assert.equal(first, 7);
  });
  test('tool stream: plan, calls by index with argument fragments', () => {
    const { res } = feed([sse(DOC_TOOL_STREAM)]);
    assert.deepEqual(res.message?.parts, [
      { type: 'thinking', text: 'I will use the get_weather tool.', signature: null, redacted: false },
      { type: 'tool_call', id: 'get_weather_nsz5zm3w56q3', name: 'get_weather', arguments: '{\n    "location":"Toronto"}', parsed: { location: 'Toronto' } },
      { type: 'tool_call', id: 'get_weather_2', name: 'get_weather', arguments: '{"location":"Paris"}', parsed: { location: 'Paris' } },
    ]);
    assert.equal(res.finishReason, 'TOOL_CALL');
    assert.equal(res.usage?.outputTokens, 60);
  });
  test('TTFT is the first chunk with content, not message-start', () => {
    const chunks = DOC_TEXT_STREAM.map((e) => sse([e]));
    assert.equal(feed(chunks).first, 7 + 2);
  });
  test('a stream error in message-end', () => {
    const events = [...DOC_TEXT_STREAM.slice(0, 3), { type: 'message-end', delta: { finish_reason: 'ERROR', error: 'internal server error' } }];
    const res = feed([sse(events)]).res;
    assert.deepEqual(res.error, { type: 'error', message: 'internal server error' });
    assert.equal(res.finishReason, 'ERROR');
    assert.equal(res.complete, false);
    assert.deepEqual(res.message?.parts, [{ type: 'text', text: 'A large language model ' }]);
  });
  test('a JSON error body under an event-stream content type', () => {
    const res = feed([Buffer.from('{"id":"x","message":"too many tokens"}')], { ...ctx, status: 429 }).res;
    assert.deepEqual(res.error, { type: '429', message: 'too many tokens' });
    assert.equal(res.complete, false);
  });
  test('data-only framing (no event: lines) parses the same', () => {
    const dataOnly = Buffer.from(DOC_TEXT_STREAM.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join(''));
    assert.deepEqual(feed([dataOnly]).res, feed([sse(DOC_TEXT_STREAM)]).res);
  });

  for (const [name, events] of [
    ['text', DOC_TEXT_STREAM],
    ['tool', DOC_TOOL_STREAM],
  ] as const) {
    const bytes = sse(events);
    const whole = feed([bytes]).res;
    const limit = bytes.indexOf('event: message-end');
    test(`${name} stream: any chunk boundaries (inside UTF-8 characters) give the same parse`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), (cuts) => {
          assert.deepEqual(feed(splitAt(bytes, cuts)).res, whole);
        }),
        { numRuns: 60 },
      );
      assert.deepEqual(feed(splitAt(bytes, Array.from({ length: bytes.length }, (_, i) => i))).res, whole);
    });
    test(`${name} stream: cut before message-end is incomplete; garbage never throws`, () => {
      fc.assert(
        fc.property(fc.nat({ max: limit }), fc.uint8Array({ maxLength: 300 }), (len, junk) => {
          assert.equal(feed([bytes.subarray(0, len)]).res.complete, false);
          assert.equal(feed([junk]).res.complete, false);
          assert.equal(typeof feed([bytes.subarray(0, len), junk]).res.complete, 'boolean');
        }),
        { numRuns: 60 },
      );
    });
  }

  test('garbage request and response bodies never throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        cohereChat.parseRequest(v, ctx);
        cohereChat.parseResponse(v, ctx);
      }),
      { numRuns: 200 },
    );
  });
});
