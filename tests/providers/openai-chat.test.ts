// OpenAI Chat Completions and its compat hosts: recognition, request normalisation, stream reassembly quirks, TTFT,
// and stream robustness properties over the recorded fixtures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openaiChat } from '../../src-main/providers/openai-chat.js';
import { fixtureBytes, splitSseEvents } from '../support/fixtures.js';
import { feed, recogniseUrl, toolCallStrings } from './openai-support.js';
import { streamProperties } from './stream-properties.js';

const enc = (s: string) => Buffer.from(s, 'utf8');
const sse = (...chunks: unknown[]) => chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');

describe('recognition', () => {
  const rec = (method: string, host: string, path: string) =>
    openaiChat.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });
  test('chat/completions on any host, labelled by host', () => {
    assert.deepEqual(rec('POST', 'api.openai.com', '/v1/chat/completions'), { provider: 'openai', api: 'openai.chat' });
    assert.deepEqual(rec('POST', 'r.openai.azure.com', '/openai/deployments/gpt4/chat/completions'), { provider: 'azure-openai', api: 'openai.chat' });
    assert.equal(rec('POST', 'api.groq.com', '/openai/v1/chat/completions')?.provider, 'groq');
    assert.equal(rec('POST', 'openrouter.ai', '/api/v1/chat/completions')?.provider, 'openrouter');
    assert.equal(rec('POST', 'localhost:11434', '/v1/chat/completions')?.provider, 'ollama');
    assert.equal(rec('POST', 'my-gateway.internal', '/v1/chat/completions/')?.provider, 'openai-compatible');
  });
  test('not other methods or paths', () => {
    assert.equal(rec('GET', 'api.openai.com', '/v1/chat/completions'), null);
    assert.equal(rec('POST', 'api.openai.com', '/v1/completions'), null);
    assert.equal(rec('POST', 'api.openai.com', '/v1/chat/completions/abc'), null);
    assert.equal(rec('POST', 'api.anthropic.com', '/v1/messages'), null);
  });
});

describe('request parsing', () => {
  const { ctx } = recogniseUrl('POST', 'https://api.openai.com/v1/chat/completions');
  const body = {
    model: 'gpt-4.1',
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.2,
    max_completion_tokens: 500,
    user: 'u-1',
    metadata: { session_id: 's-9', n: 3 },
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image, and the weather?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'Need the weather tool.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'clock', arguments: '{"tz":' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '12:00' }] },
      { role: 'assistant', content: 'Sunny, noon.', refusal: null },
    ],
    tools: [{ type: 'function', function: { name: 'weather', description: 'Weather', parameters: { type: 'object' } } }],
    functions: [{ name: 'legacy', parameters: {} }],
  };
  const req = openaiChat.parseRequest(body, ctx);
  test('model, stream, parameters, hints', () => {
    assert.equal(req.model, 'gpt-4.1');
    assert.equal(req.stream, true);
    assert.deepEqual(req.parameters, { temperature: 0.2, max_completion_tokens: 500, stream_options: { include_usage: true } });
    assert.deepEqual(req.hints, { user: 'u-1', sessionId: 's-9', previousResponseId: null, metadata: { session_id: 's-9' } });
  });
  test('messages normalised in order', () => {
    assert.deepEqual(req.messages, [
      { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'developer', parts: [{ type: 'text', text: 'Use tools.' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', text: 'What is in this image, and the weather?' },
          { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
          { type: 'image', mediaType: null, url: 'https://example.com/cat.jpg' },
        ],
      },
      {
        role: 'assistant',
        parts: [
          { type: 'thinking', text: 'Need the weather tool.', signature: null, redacted: false },
          { type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"location":"Paris"}', parsed: { location: 'Paris' } },
          { type: 'tool_call', id: 'call_2', name: 'clock', arguments: '{"tz":', parsed: null },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', name: null, content: 'sunny', isError: false }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_2', name: null, content: '12:00', isError: false }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Sunny, noon.' }] },
    ]);
  });
  test('tools and legacy functions', () => {
    assert.deepEqual(req.tools, [
      { name: 'weather', description: 'Weather', parameters: { type: 'object' } },
      { name: 'legacy', description: null, parameters: {} },
    ]);
  });
  test('Azure classic: the model is the deployment in the URL', () => {
    const az = recogniseUrl('POST', 'https://r.openai.azure.com/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21');
    assert.equal(openaiChat.parseRequest({ messages: [] }, az.ctx).model, 'my-gpt');
  });
  test('garbage bodies do not throw', () => {
    for (const b of [null, 3, 'x', [], { messages: 'no' }, { messages: [null, 1, { role: 'weird', content: 5 }] }]) {
      assert.doesNotThrow(() => openaiChat.parseRequest(b, ctx));
    }
  });
});

describe('stream reassembly', () => {
  const { ctx } = recogniseUrl('POST', 'https://openrouter.ai/api/v1/chat/completions');
  test('interleaved parallel tool calls by index; args concatenated and parsed', () => {
    const body = sse(
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: null } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }] } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{"y"' } }] } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: ':2}' } }] } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    );
    const { res } = feed(openaiChat, ctx, [enc(': OPENROUTER PROCESSING\n\n' + body)]);
    assert.deepEqual(toolCallStrings(res), ['f({"x":1})', 'g({"y":2})']);
    assert.equal(res.complete, true, 'finish_reason without [DONE] completes');
    assert.equal(res.usage, null);
    assert.equal(res.responseId, 'c1');
  });
  test('choices other than 0 are ignored; refusal and reasoning deltas', () => {
    const body = sse(
      { model: 'm', choices: [{ index: 1, delta: { content: 'other' } }, { index: 0, delta: { reasoning: 'hmm' } }] },
      { model: 'm', choices: [{ index: 0, delta: { refusal: 'I cannot' } }] },
      { model: 'm', choices: [{ index: 0, delta: { refusal: ' help.' }, finish_reason: 'stop' }] },
      '[DONE]',
    );
    const { res } = feed(openaiChat, ctx, [enc(body)]);
    assert.deepEqual(res.message?.parts, [
      { type: 'thinking', text: 'hmm', signature: null, redacted: false },
      { type: 'refusal', text: 'I cannot help.' },
    ]);
  });
  test('an error chunk mid-stream is reported', () => {
    const body = sse({ model: 'm', choices: [{ index: 0, delta: { content: 'Hi' } }] }, { error: { message: 'overloaded', code: 502 } });
    const { res } = feed(openaiChat, ctx, [enc(body)]);
    assert.deepEqual(res.error, { type: '502', message: 'overloaded' });
    assert.equal(res.complete, false);
  });
  test('a JSON error body served as text/event-stream', () => {
    const { res } = feed(openaiChat, ctx, [enc('{"error":{"message":"bad key","type":"invalid_request_error"}}')]);
    assert.deepEqual(res.error, { type: 'invalid_request_error', message: 'bad key' });
    assert.equal(res.message, null);
  });
  test('Perplexity: last cumulative usage and citations', () => {
    const pp = recogniseUrl('POST', 'https://api.perplexity.ai/chat/completions');
    const { res } = feed(pp.module, pp.ctx, [fixtureBytes('perplexity/chat-citations.sse')]);
    assert.equal(res.citations.length, 7);
    assert.equal(res.citations[1], 'https://en.wikipedia.org/wiki/San_Francisco');
    assert.deepEqual(res.rawUsage, { prompt_tokens: 10, completion_tokens: 336, total_tokens: 346 });
  });
  test('no stream parser for JSON content', () => {
    assert.equal(openaiChat.streamParser(ctx, 'application/json'), null);
    assert.ok(openaiChat.streamParser(ctx, 'text/event-stream; charset=utf-8'));
  });
});

describe('first content time (TTFT)', () => {
  const cases: [string, number][] = [
    ['azure-openai/chat-model-router-stream.sse', 2], // empty prompt-filter chunk, then a role-only chunk
    ['openai/chat-text-include-usage.sse', 1],
    ['deepseek/chat-tool-call-reasoning.sse', 1], // first chunk has reasoning_content ""
    ['xai/chat-tool-call.sse', 0],
    ['groq/chat-tool-call.sse', 1], // tool call
    ['mistral/chat-tool-call.sse', 1],
  ];
  for (const [file, index] of cases) {
    test(`${file}: event #${index}`, () => {
      const { module, ctx } = recogniseUrl('POST', file.startsWith('azure') ? 'https://r.openai.azure.com/openai/deployments/model-router/chat/completions' : 'https://api.openai.com/v1/chat/completions');
      const { first } = feed(module, ctx, splitSseEvents(fixtureBytes(file)), undefined);
      assert.equal(first, index);
    });
  }
});

describe('stream properties', () => {
  streamProperties([
    'openai/chat-text-include-usage.sse',
    'openai/chat-structured-stream-raw.sse',
    'openai/chat-logprobs-stream-raw.sse',
    'openai/chat-stream-no-usage.sse',
    'azure-openai/chat-model-router-stream.sse',
    'deepseek/chat-tool-call-reasoning.sse',
    'groq/chat-tool-call.sse',
    'mistral/chat-tool-call.sse',
    'xai/chat-tool-call.sse',
    'perplexity/chat-citations.sse',
  ], 25);
});
