import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LlmRequest } from '../../src-main/contract/index.js';
import { anthropicMessages, anthropicHostProvider } from '../../src-main/providers/anthropic-messages.js';
import { fixtureBytes, manifest, splitSseEvents } from '../support/fixtures.js';
import { checkAgainstManifest, contextFor, feed, splitAt, textOf } from './anthropic-support.js';

const entries = manifest().filter((e) => e.provider === 'anthropic' && e.format !== 'exchange');
const sseEntries = entries.filter((e) => e.format === 'sse');

test('the manifest lists the Anthropic fixtures', () => {
  assert.ok(entries.length >= 10);
});

for (const entry of entries) {
  test(`${entry.file}: usage, model, finish, blocks as the manifest says`, () => {
    const { module, ctx } = contextFor(entry.request.concreteUrl, { status: entry.request.status });
    assert.equal(module, anthropicMessages);
    assert.equal(ctx.api, entry.api);
    const bytes = fixtureBytes(entry.file);
    const res =
      entry.format === 'sse'
        ? feed(module, ctx, 'text/event-stream', splitSseEvents(bytes)).res
        : module.parseResponse(JSON.parse(bytes.toString('utf8')), ctx);
    checkAgainstManifest(entry, res);
  });
}

test('stream details: text, tool JSON, thinking signature, TTFT, usage override', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages');
  const run = (file: string) => {
    const chunks = splitSseEvents(fixtureBytes(file));
    return feed(module, ctx, 'text/event-stream', chunks, chunks.map((_, i) => 100 + i * 10));
  };

  const pong = run('anthropic/messages-delta-input-tokens.sse');
  assert.equal(textOf(pong.res), 'pong');
  assert.equal(pong.first, 120); // message_start 100, block start 110, first text_delta 120
  assert.deepEqual(pong.res.rawUsage, { input_tokens: 61, output_tokens: 2 });
  assert.equal(pong.snapshot.complete, false);

  const tool = run('anthropic/messages-tool-use-raw.sse').res;
  const call = tool.message!.parts.find((p) => p.type === 'tool_call');
  assert.ok(call && call.type === 'tool_call');
  assert.equal(call.name, 'get_weather');
  assert.equal(call.id, 'toolu_01NRLabsLyVHZPKxbKvkfSMn');
  assert.deepEqual(JSON.parse(call.arguments), call.parsed);
  assert.equal(typeof (call.parsed as Record<string, unknown>)['location'], 'string');
  assert.equal(textOf(tool), "I'll check the current weather in Paris for you.");

  const cut = run('anthropic/messages-tool-use-truncated-max-tokens-raw.sse').res;
  const partial = cut.message!.parts.find((p) => p.type === 'tool_call');
  assert.ok(partial && partial.type === 'tool_call');
  assert.equal(partial.parsed, null);
  assert.ok(partial.arguments.startsWith('{"filename": "taxes.txt", "lines_of_text": ['));
  assert.ok(partial.arguments.endsWith('\n"Filing taxes'));

  const thinking = run('anthropic/messages-thinking.sse').res;
  const t = thinking.message!.parts[0]!;
  assert.ok(t.type === 'thinking');
  assert.ok(t.text.startsWith('The previous result was 925.'));
  assert.ok(t.signature?.startsWith('EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv'));
  assert.equal(textOf(thinking), '925 ÷ 5 = 185');

  const cache = run('anthropic/messages-prompt-cache.sse').res;
  const results = cache.message!.parts.filter((p) => p.type === 'tool_result');
  assert.equal(results.length, 2);
  assert.ok(results[1]!.type === 'tool_result' && results[1]!.content.includes('Sum: 650'));
  assert.equal(results[1]!.type === 'tool_result' && results[1]!.toolCallId, 'srvtoolu_013eUksWZnfcjFk1iarJsYgM');

  const err = run('anthropic/messages-midstream-error.sse').res;
  assert.equal(textOf(err), 'Hello! I');
  assert.deepEqual(err.error, { type: 'overloaded_error', message: 'Overloaded' });
  assert.equal(err.complete, false);
});

test('whole responses: text, tool_use, thinking with signature, reasoning tokens', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages');
  const thinking = module.parseResponse(JSON.parse(fixtureBytes('anthropic/messages-thinking.json').toString()), ctx);
  assert.equal(thinking.usage?.reasoningTokens, 139);
  assert.equal(thinking.usage?.totalTokens, 51 + 1699);
  const t = thinking.message!.parts[0]!;
  assert.ok(t.type === 'thinking' && t.signature && t.text.length > 0);
  const tool = module.parseResponse(JSON.parse(fixtureBytes('anthropic/messages-tool-use.json').toString()), ctx);
  const call = tool.message!.parts[1]!;
  assert.ok(call.type === 'tool_call');
  assert.equal(call.arguments, JSON.stringify(call.parsed));
  const text = module.parseResponse(JSON.parse(fixtureBytes('anthropic/messages-text.json').toString()), ctx);
  assert.equal(text.responseId?.startsWith('msg_'), true);
  assert.ok(textOf(text).length > 0);
});

test('tool-loop exchange: both calls parse, request 2 replays the tool_use and answers it with a tool_result', () => {
  type Step = { request: { url: string; body: unknown }; response: { status: number; body: unknown } };
  const steps = JSON.parse(fixtureBytes('anthropic/tool-loop.exchange.json').toString()) as Step[];
  const parsed = steps.map((s) => {
    const { module, ctx } = contextFor(s.request.url, { status: s.response.status });
    assert.equal(ctx.provider, 'anthropic');
    return { req: module.parseRequest(s.request.body, ctx), res: module.parseResponse(s.response.body, ctx) };
  });
  const [one, two] = parsed as [(typeof parsed)[0], (typeof parsed)[0]];
  assert.equal(one.req.model, 'claude-opus-4-8');
  assert.equal(one.req.stream, false);
  assert.equal(one.req.parameters['max_tokens'], 1000);
  assert.deepEqual(one.req.tools.map((t) => [t.name, t.description]), [['test_tool', 'A test tool']]);
  assert.equal((one.req.tools[0]!.parameters as Record<string, unknown>)['type'], 'object');
  assert.deepEqual(one.req.messages.map((m) => m.role), ['user']);
  const call = one.res.message!.parts.find((p) => p.type === 'tool_call');
  assert.ok(call && call.type === 'tool_call');
  assert.deepEqual(call.parsed, { value: 'test' });
  assert.equal(one.res.finishReason, 'tool_use');
  assert.deepEqual(one.res.usage, { inputTokens: 415, outputTokens: 76, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: null, totalTokens: 491, source: 'provider' });

  assert.deepEqual(two.req.messages.map((m) => m.role), ['user', 'assistant', 'user']);
  assert.deepEqual(two.req.messages[1]!.parts, one.res.message!.parts, 'the replayed assistant turn equals the first reply');
  assert.deepEqual(two.req.messages[2]!.parts, [{ type: 'tool_result', toolCallId: call.id, name: null, content: 'Tool result', isError: false }]);
  assert.equal(two.res.usage?.inputTokens, 505);
  assert.equal(two.res.usage?.outputTokens, 41);
  assert.equal(two.res.finishReason, 'end_turn');
});

test('request parsing: system blocks, images, thinking, tool loop, parameters, hints', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages?beta=true');
  const req: LlmRequest = module.parseRequest(
    {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      temperature: 0.2,
      top_k: 5,
      stop_sequences: ['END'],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      stream: true,
      metadata: { user_id: 'user_ab12_account_9f_session_123e4567-e89b-12d3-a456-426614174000' },
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be kind.' }],
      tools: [
        { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'text', text: 'Weather in Paris?' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Need the tool.', signature: 'sig==' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18C' }, { type: 'text', text: 'sunny' }] },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'boom', is_error: true },
          ],
        },
      ],
    },
    ctx,
  );
  assert.equal(req.model, 'claude-sonnet-4-5');
  assert.equal(req.stream, true);
  assert.deepEqual(req.parameters, {
    max_tokens: 2048,
    temperature: 0.2,
    top_k: 5,
    stop_sequences: ['END'],
    thinking: { type: 'enabled', budget_tokens: 1024 },
  });
  assert.deepEqual(req.messages[0], { role: 'system', parts: [{ type: 'text', text: 'You are terse.' }, { type: 'text', text: 'Be kind.' }] });
  assert.deepEqual(req.messages[1]!.parts.slice(0, 2), [
    { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
    { type: 'image', mediaType: null, url: 'https://example.com/cat.jpg' },
  ]);
  assert.deepEqual(req.messages[2]!.parts, [
    { type: 'thinking', text: 'Need the tool.', signature: 'sig==', redacted: false },
    { type: 'thinking', text: '', signature: 'opaque', redacted: true },
    { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}', parsed: { city: 'Paris' } },
  ]);
  assert.deepEqual(req.messages[3]!.parts, [
    { type: 'tool_result', toolCallId: 'toolu_1', name: null, content: '18C\nsunny', isError: false },
    { type: 'tool_result', toolCallId: 'toolu_2', name: null, content: 'boom', isError: true },
  ]);
  assert.deepEqual(req.tools.map((t) => t.name), ['get_weather', 'web_search']);
  assert.equal(req.tools[1]!.parameters, null);
  assert.equal(req.hints.user, 'user_ab12_account_9f_session_123e4567-e89b-12d3-a456-426614174000');
  assert.equal(req.hints.sessionId, '123e4567-e89b-12d3-a456-426614174000');

  const plain = module.parseRequest({ model: 'm', system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] }, ctx);
  assert.deepEqual(plain.messages, [
    { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
    { role: 'user', parts: [{ type: 'text', text: 'hi' }] },
  ]);
  assert.equal(plain.stream, false);
  assert.deepEqual(plain.hints, { user: null, sessionId: null, previousResponseId: null, metadata: null });
});

test('recognition: hosts, count_tokens, Vertex Claude, non-matches', () => {
  const r = (url: string, method = 'POST') => {
    const u = new URL(url);
    return anthropicMessages.recognise({ method, host: u.host, path: u.pathname, query: u.searchParams, headers: [], body: null });
  };
  assert.deepEqual(r('https://api.anthropic.com/v1/messages?beta=true'), { provider: 'anthropic', api: 'anthropic.messages' });
  assert.deepEqual(r('https://api.deepseek.com/anthropic/v1/messages'), { provider: 'deepseek', api: 'anthropic.messages' });
  assert.deepEqual(r('http://localhost:11434/v1/messages'), { provider: 'ollama', api: 'anthropic.messages' });
  assert.deepEqual(r('http://localhost:4000/v1/messages'), { provider: 'anthropic-compatible', api: 'anthropic.messages' });
  assert.deepEqual(r('https://api.anthropic.com/v1/messages/count_tokens'), { provider: 'anthropic', api: 'anthropic.countTokens' });
  const vertex = 'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514';
  assert.deepEqual(r(`${vertex}:streamRawPredict`), { provider: 'vertex-ai', api: 'anthropic.messages' });
  assert.deepEqual(r(`${vertex}:rawPredict`), { provider: 'vertex-ai', api: 'anthropic.messages' });
  assert.equal(r('https://api.anthropic.com/v1/messages', 'GET'), null);
  assert.equal(r('https://api.anthropic.com/v1/messages/batches'), null);
  assert.equal(r('https://api.openai.com/v1/chat/completions'), null);
  assert.equal(anthropicHostProvider('API.ANTHROPIC.COM'), 'anthropic');
  assert.equal(anthropicHostProvider('api.x.ai'), 'xai');
});

test('Vertex Claude: model from the URL, stream from the method', () => {
  const { module, ctx } = contextFor(
    'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict',
  );
  const req = module.parseRequest({ anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, ctx);
  assert.equal(req.model, 'claude-sonnet-4@20250514');
  assert.equal(req.stream, true);
  assert.deepEqual(req.parameters, { max_tokens: 10 });
  const res = feed(module, ctx, 'text/event-stream', [fixtureBytes('anthropic/messages-text.sse')]).res;
  assert.equal(res.complete, true);
});

test('count_tokens: input tokens only, no message', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages/count_tokens');
  assert.equal(module.streamParser(ctx, 'application/json'), null);
  const res = module.parseResponse({ input_tokens: 14 }, ctx);
  assert.equal(res.message, null);
  assert.deepEqual(res.usage, { inputTokens: 14, outputTokens: null, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: null, source: 'provider' });
  assert.equal(res.complete, true);
});

test('error bodies of any status; JSON error bodies are not streams', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages', { status: 429 });
  assert.equal(module.streamParser(ctx, 'application/json'), null);
  const res = module.parseResponse({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, request_id: 'req_1' }, ctx);
  assert.deepEqual(res.error, { type: 'rate_limit_error', message: 'slow down' });
  assert.equal(res.message, null);
  assert.deepEqual(module.parseResponse({ detail: 'nope' }, { ...ctx, status: 502 }).error, { type: 'http_502', message: '' });
});

for (const entry of sseEntries) {
  test(`${entry.file}: property: arbitrary chunk boundaries parse like the whole body`, () => {
    const { module, ctx } = contextFor(entry.request.concreteUrl);
    const bytes = fixtureBytes(entry.file);
    const whole = feed(module, ctx, 'text/event-stream', [bytes]).res;
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 30 }), (cuts) => {
        assert.deepEqual(feed(module, ctx, 'text/event-stream', splitAt(bytes, cuts)).res, whole);
      }),
      { numRuns: 60 },
    );
  });
}

test('property: truncated streams and garbage never throw and are never complete', () => {
  const { module, ctx } = contextFor('https://api.anthropic.com/v1/messages');
  const bodies = sseEntries.map((e) => fixtureBytes(e.file));
  fc.assert(
    fc.property(fc.nat({ max: bodies.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, frac) => {
      const body = bodies[i]!;
      const stop = body.indexOf('event: message_stop');
      const cut = body.subarray(0, Math.floor((stop === -1 ? body.length : stop) * frac));
      const res = feed(module, ctx, 'text/event-stream', [cut]).res;
      assert.equal(res.complete, false);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string().map((s) => Buffer.from(s))), { maxLength: 10 }), (chunks) => {
      const res = feed(module, ctx, 'text/event-stream', chunks).res;
      assert.equal(res.complete, false);
    }),
  );
  const shuffled = feed(module, ctx, 'text/event-stream', [
    Buffer.from('event: content_block_delta\ndata: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\\"a"}}\n\n'),
    Buffer.from('data: {"type":"message_delta","usage":null}\n\ndata: [DONE]\n\n'),
  ]).res;
  assert.equal(shuffled.complete, false);
});

test('property: arbitrary JSON bodies never make request or response parsing throw', () => {
  const urls = [
    'https://api.anthropic.com/v1/messages',
    'https://api.anthropic.com/v1/messages/count_tokens',
    'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
    'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream',
  ];
  const contexts = urls.map((u) => contextFor(u));
  const block = fc.record({ type: fc.constantFrom('text', 'image', 'tool_use', 'tool_result', 'thinking', 'document', 'x_tool_result'), text: fc.jsonValue(), input: fc.jsonValue(), content: fc.jsonValue(), source: fc.jsonValue() }, { requiredKeys: ['type'] });
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record({ messages: fc.array(fc.record({ role: fc.jsonValue(), content: fc.oneof(fc.jsonValue(), fc.array(block)) })), system: fc.jsonValue(), tools: fc.jsonValue(), content: fc.array(block), usage: fc.jsonValue() }),
  );
  fc.assert(
    fc.property(body, fc.nat({ max: contexts.length - 1 }), fc.constantFrom(200, 400, 529), (b, i, status) => {
      const { module, ctx } = contexts[i]!;
      module.parseRequest(b, ctx);
      module.parseResponse(b, { ...ctx, status });
    }),
    { numRuns: 300 },
  );
});
