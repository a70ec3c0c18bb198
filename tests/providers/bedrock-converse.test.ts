import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bedrockConverse } from '../../src-main/providers/bedrock-converse.js';
import { bedrockEventStreamChunks, encodeEventStreamMessage, fixtureBytes, manifest, splitSseEvents } from '../support/fixtures.js';
import { checkAgainstManifest, contextFor, feed, splitAt, textOf } from './anthropic-support.js';

const ES = 'application/vnd.amazon.eventstream';
const entries = manifest().filter((e) => e.provider === 'bedrock');
const BASE = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0';

function frame(type: string, payload: unknown, messageType = 'event'): Buffer {
  return encodeEventStreamMessage({ ':event-type': type, ':content-type': 'application/json', ':message-type': messageType }, Buffer.from(JSON.stringify(payload)));
}

test('the manifest lists the Bedrock fixtures', () => {
  assert.equal(entries.length, 3);
});

for (const entry of entries) {
  test(`${entry.file}: usage and finish as the manifest says`, () => {
    const { module, ctx } = contextFor(entry.request.concreteUrl, { status: entry.request.status });
    assert.equal(module, bedrockConverse);
    assert.equal(ctx.api, entry.api);
    assert.equal(ctx.provider, 'bedrock');
    const res =
      entry.format === 'events-jsonl'
        ? feed(module, ctx, ES, bedrockEventStreamChunks(entry.file)).res
        : module.parseResponse(JSON.parse(fixtureBytes(entry.file).toString('utf8')), ctx);
    checkAgainstManifest(entry, res);
  });
}

test('converse: reasoning with signature then text', () => {
  const { module, ctx } = contextFor(`${BASE}/converse`);
  const res = module.parseResponse(JSON.parse(fixtureBytes('bedrock/converse-reasoning.json').toString()), ctx);
  const [thinking, text] = res.message!.parts;
  assert.ok(thinking?.type === 'thinking' && thinking.text.startsWith('Let me count') && thinking.signature?.startsWith('EvYBCkgI'));
  assert.ok(text?.type === 'text' && text.text.startsWith('There are **3**'));
  assert.deepEqual(res.rawUsage, JSON.parse(fixtureBytes('bedrock/converse-reasoning.json').toString()).usage);
});

test('converse-stream: text, tool call reassembly, TTFT', () => {
  const { module, ctx } = contextFor(`${BASE}/converse-stream`);
  const text = feed(module, ctx, ES, bedrockEventStreamChunks('bedrock/converse-stream-text.events.jsonl'), [...Array(16).keys()].map((i) => 50 + i));
  assert.equal(textOf(text.res), 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."');
  assert.equal(text.first, 51);
  assert.equal(text.snapshot.complete, false);
  const tool = feed(module, ctx, ES, bedrockEventStreamChunks('bedrock/converse-stream-tool-call.events.jsonl')).res;
  assert.deepEqual(tool.message!.parts, [
    { type: 'tool_call', id: 'tool-use-id', name: 'test-tool', arguments: '{"value":"Sparkle Day"}', parsed: { value: 'Sparkle Day' } },
  ]);
  assert.equal(module.streamParser(ctx, 'application/json'), null);
});

test('converse-stream: reasoning deltas and an exception frame', () => {
  const { module, ctx } = contextFor(`${BASE}/converse-stream`);
  const res = feed(module, ctx, ES, [
    frame('messageStart', { role: 'assistant' }),
    frame('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm, ' } } }),
    frame('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'ok.' } } }),
    frame('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'c2ln' } } }),
    frame('contentBlockStop', { contentBlockIndex: 0 }),
    frame('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Hi' } }),
    encodeEventStreamMessage(
      { ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' },
      Buffer.from('{"message":"Too many requests"}'),
    ),
  ]).res;
  assert.deepEqual(res.message!.parts, [
    { type: 'thinking', text: 'Hmm, ok.', signature: 'c2ln', redacted: false },
    { type: 'text', text: 'Hi' },
  ]);
  assert.deepEqual(res.error, { type: 'throttlingException', message: 'Too many requests' });
  assert.equal(res.complete, false);
  assert.equal(res.usage, null);
});

test('converse-stream: a frame with a bad CRC leaves the response incomplete, not thrown', () => {
  const { module, ctx } = contextFor(`${BASE}/converse-stream`);
  const frames = bedrockEventStreamChunks('bedrock/converse-stream-text.events.jsonl');
  const bad = Buffer.from(frames[3]!);
  bad[bad.length - 6] = bad[bad.length - 6]! ^ 0xff;
  const res = feed(module, ctx, ES, [...frames.slice(0, 3), bad, ...frames.slice(4)]).res;
  assert.equal(res.complete, false);
  assert.equal(res.usage?.inputTokens, 22);
  assert.ok(textOf(res).startsWith('Let me count the "strawberry":'), 'the damaged delta (r"s in ") is dropped');
});

test('converse request: system, images, tool loop, reasoning, inferenceConfig, tools', () => {
  const { module, ctx } = contextFor(`${BASE}/converse`);
  const req = module.parseRequest(
    {
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
      inferenceConfig: { maxTokens: 512, temperature: 0.5, stopSequences: ['X'] },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      requestMetadata: { team: 'a' },
      toolConfig: {
        tools: [{ toolSpec: { name: 'lookup', description: 'Look up', inputSchema: { json: { type: 'object' } } } }],
        toolChoice: { auto: {} },
      },
      messages: [
        { role: 'user', content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: 'AAAA' } } }] },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Look it up.', signature: 'sig' } } },
            { toolUse: { toolUseId: 't1', name: 'lookup', input: { q: 'x' } } },
          ],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { a: 1 } }, { text: 'fine' }], status: 'error' } }] },
      ],
    },
    ctx,
  );
  assert.equal(req.model, 'anthropic.claude-3-5-sonnet-20240620-v1:0');
  assert.equal(req.stream, false);
  assert.deepEqual(req.parameters, {
    maxTokens: 512,
    temperature: 0.5,
    stopSequences: ['X'],
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    toolChoice: { auto: {} },
  });
  assert.deepEqual(req.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
  assert.deepEqual(req.messages[0]!.parts, [{ type: 'text', text: 'Be brief.' }]);
  assert.deepEqual(req.messages[1]!.parts[1], { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,AAAA' });
  assert.deepEqual(req.messages[2]!.parts, [
    { type: 'thinking', text: 'Look it up.', signature: 'sig', redacted: false },
    { type: 'tool_call', id: 't1', name: 'lookup', arguments: '{"q":"x"}', parsed: { q: 'x' } },
  ]);
  assert.deepEqual(req.messages[3]!.parts, [{ type: 'tool_result', toolCallId: 't1', name: null, content: '{"a":1}\nfine', isError: true }]);
  assert.deepEqual(req.tools, [{ name: 'lookup', description: 'Look up', parameters: { type: 'object' } }]);
  assert.deepEqual(req.hints.metadata, { team: 'a' });
  const streamCtx = contextFor(`${BASE}/converse-stream`).ctx;
  assert.equal(module.parseRequest({ messages: [] }, streamCtx).stream, true);
});

test('recognition: converse, invoke only with an Anthropic body, other hosts and paths', () => {
  const r = (url: string, body: unknown = null) => {
    const u = new URL(url);
    return bedrockConverse.recognise({ method: 'POST', host: u.host, path: u.pathname, query: u.searchParams, headers: [], body });
  };
  assert.deepEqual(r(`${BASE}/converse`), { provider: 'bedrock', api: 'bedrock.converse' });
  assert.deepEqual(r(`${BASE}/invoke`, { anthropic_version: 'bedrock-2023-05-31', messages: [] }), { provider: 'bedrock', api: 'bedrock.invoke' });
  assert.deepEqual(r(`${BASE}/invoke-with-response-stream`, { anthropic_version: 'bedrock-2023-05-31' }), { provider: 'bedrock', api: 'bedrock.invoke-stream' });
  assert.equal(r(`${BASE}/invoke`, { inputText: 'titan' }), null);
  assert.equal(r('https://example.com/model/x/converse'), null);
  assert.equal(r('https://bedrock-runtime.us-east-1.amazonaws.com/guardrail/x/version/1/apply'), null);
});

test('invoke (Anthropic body): request, whole response and the {"bytes"} event stream', () => {
  const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
  const { module, ctx } = contextFor(`${BASE}/invoke-with-response-stream`, { body });
  const req = module.parseRequest(body, ctx);
  assert.equal(req.model, 'anthropic.claude-3-5-sonnet-20240620-v1:0');
  assert.equal(req.stream, true);
  assert.deepEqual(req.parameters, { max_tokens: 100 });

  // every Anthropic SSE event of a fixture, wrapped as Bedrock `chunk` frames
  const events = splitSseEvents(fixtureBytes('anthropic/messages-tool-use-raw.sse'))
    .map((e) => /^data: (.*)$/m.exec(e.toString('utf8'))?.[1]?.trim())
    .filter((d): d is string => !!d);
  const frames = events.map((d) => frame('chunk', { bytes: Buffer.from(d).toString('base64') }));
  const bytes = Buffer.concat(frames);
  const whole = feed(module, ctx, ES, [bytes]).res;
  assert.equal(whole.complete, true);
  assert.equal(whole.usage?.inputTokens, 377);
  assert.equal(whole.usage?.outputTokens, 65);
  assert.equal(whole.finishReason, 'tool_use');
  assert.ok(whole.message!.parts.some((p) => p.type === 'tool_call' && p.name === 'get_weather' && p.parsed !== null));
  fc.assert(
    fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 20 }), (cuts) => {
      assert.deepEqual(feed(module, ctx, ES, splitAt(bytes, cuts)).res, whole);
    }),
    { numRuns: 50 },
  );
  const cut = feed(module, ctx, ES, [Buffer.concat(frames.slice(0, -1))]).res;
  assert.equal(cut.complete, false);

  const invokeCtx = contextFor(`${BASE}/invoke`, { body }).ctx;
  const res = module.parseResponse(JSON.parse(fixtureBytes('anthropic/messages-text.json').toString()), invokeCtx);
  assert.equal(res.usage?.inputTokens, 12);
  assert.equal(module.parseResponse({ message: 'Too many tokens' }, { ...invokeCtx, status: 400 }).error?.message, 'Too many tokens');
});

test('property: arbitrary chunk boundaries parse like the whole; truncation and garbage never throw, never complete', () => {
  const { module, ctx } = contextFor(`${BASE}/converse-stream`);
  for (const file of entries.filter((e) => e.format === 'events-jsonl').map((e) => e.file)) {
    const frames = bedrockEventStreamChunks(file);
    const bytes = Buffer.concat(frames);
    const whole = feed(module, ctx, ES, [bytes]).res;
    assert.equal(whole.complete, true);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 30 }), (cuts) => {
        assert.deepEqual(feed(module, ctx, ES, splitAt(bytes, cuts)).res, whole);
      }),
      { numRuns: 60 },
    );
    // everything before the messageStop frame
    const stopAt = frames.findIndex((f) => f.includes('messageStop'));
    const beforeStop = frames.slice(0, stopAt).reduce((n, f) => n + f.length, 0);
    fc.assert(
      fc.property(fc.nat({ max: beforeStop }), (n) => {
        assert.equal(feed(module, ctx, ES, [bytes.subarray(0, n)]).res.complete, false);
      }),
      { numRuns: 60 },
    );
  }
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 8 }), (chunks) => {
      assert.equal(feed(module, ctx, ES, chunks).res.complete, false);
    }),
  );
});
