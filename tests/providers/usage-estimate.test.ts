import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Usage } from '../../src-main/contract/exchange.js';
import type { ContentPart, LlmMessage, LlmRequest, LlmResponse } from '../../src-main/contract/llm.js';
import {
  estimateUsage,
  EXACT_CHAR_BUDGET,
  mergeEstimated,
  TOKENS_PER_IMAGE,
  TOKENS_PER_MESSAGE,
  TOKENS_REPLY_PRIMING,
} from '../../src-main/providers/usage-estimate.js';

function request(messages: LlmMessage[], tools: LlmRequest['tools'] = []): LlmRequest {
  return {
    model: 'gpt-4o',
    stream: true,
    parameters: {},
    messages,
    tools,
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: null },
  };
}

function response(parts: ContentPart[] | null): LlmResponse {
  return {
    responseModel: 'gpt-4o-2024-08-06',
    responseId: 'chatcmpl-1',
    message: parts ? { role: 'assistant', parts } : null,
    finishReason: 'stop',
    usage: null,
    rawUsage: null,
    error: null,
    citations: [],
    complete: true,
  };
}

const text = (t: string): ContentPart => ({ type: 'text', text: t });

test('exact o200k counts for well-known strings, with chat framing on the input side', () => {
  // "hello world" is 2 tokens in o200k_base; the request adds 4 per message and 3 for the reply priming, like
  // gpt-tokenizer's encodeChat (9 tokens for one user "hello world" message)
  const u = estimateUsage(request([{ role: 'user', parts: [text('hello world')] }]), response([text('hello world')]));
  assert.equal(u.inputTokens, 2 + TOKENS_PER_MESSAGE + TOKENS_REPLY_PRIMING);
  assert.equal(u.inputTokens, 9);
  assert.equal(u.outputTokens, 2);
  assert.equal(u.totalTokens, 11);
  assert.equal(u.source, 'estimated');
  assert.equal(u.cacheReadTokens, null);
  assert.equal(u.cacheWriteTokens, null);
  assert.equal(u.reasoningTokens, null);
  // "Hello, world!" = Hello , world ! = 4
  assert.equal(estimateUsage(null, response([text('Hello, world!')])).outputTokens, 4);
});

test('representative agent request and tool-calling response give plausible positive counts', () => {
  const req = request(
    [
      { role: 'system', parts: [text('You are a helpful assistant that answers questions about the weather.')] },
      { role: 'user', parts: [text('What is the weather in Paris and in Berlin today?'), { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,' + 'A'.repeat(5000) }] },
      {
        role: 'assistant',
        parts: [
          { type: 'thinking', text: 'I should call the weather tool twice.', signature: 'sig', redacted: false },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', parsed: { city: 'Paris' } },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', name: 'get_weather', content: '{"temp_c":21,"sky":"clear"}', isError: false }] },
    ],
    [{ name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  );
  const res = response([
    { type: 'text', text: 'Paris is clear at 21°C. Let me check Berlin.' },
    { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Berlin"}', parsed: { city: 'Berlin' } },
  ]);
  const u = estimateUsage(req, res);
  assert.ok(u.inputTokens !== null && u.inputTokens > 60 && u.inputTokens < 400, `input ${u.inputTokens}`);
  assert.ok(u.inputTokens >= TOKENS_PER_IMAGE, 'image counted as a flat amount');
  assert.ok(u.inputTokens < 1000, 'image data URL is not tokenized');
  assert.ok(u.outputTokens !== null && u.outputTokens > 10 && u.outputTokens < 60, `output ${u.outputTokens}`);
  assert.equal(u.totalTokens, u.inputTokens + u.outputTokens);
  // more text → more tokens
  const longer = estimateUsage(request([...req.messages, { role: 'user', parts: [text('And Rome?')] }], req.tools), res);
  assert.ok(longer.inputTokens! > u.inputTokens);
});

test('missing sides are null; a response without a message has 0 output; special tokens count as text', () => {
  const none = estimateUsage(null, null);
  assert.deepEqual([none.inputTokens, none.outputTokens, none.totalTokens, none.source], [null, null, null, 'estimated']);
  const onlyReq = estimateUsage(request([{ role: 'user', parts: [text('hi')] }]), null);
  assert.equal(onlyReq.outputTokens, null);
  assert.equal(onlyReq.totalTokens, onlyReq.inputTokens);
  assert.equal(estimateUsage(null, response(null)).outputTokens, 0);
  assert.equal(estimateUsage(request([]), null).inputTokens, 0);
  const special = estimateUsage(null, response([text('a <|endoftext|> b <|im_start|>')]));
  assert.ok(special.outputTokens! > 3);
});

test('huge inputs are bounded: beyond the exact budget the count is extrapolated and stays plausible', () => {
  const word = 'lorem ipsum dolor sit amet ';
  const big = word.repeat(Math.ceil((EXACT_CHAR_BUDGET * 8) / word.length));
  const u = estimateUsage(request([{ role: 'user', parts: [text(big)] }]), response([text(big)]));
  const perChar = 5 / word.length; // "lorem ipsum dolor sit amet " ≈ 5 tokens
  for (const n of [u.inputTokens!, u.outputTokens!]) {
    assert.ok(n > big.length * perChar * 0.7 && n < big.length * perChar * 1.5, `${n} for ${big.length} chars`);
  }
  // random printable junk beyond the budget: returns, positive
  const junk = Array.from({ length: EXACT_CHAR_BUDGET * 2 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
  assert.ok(estimateUsage(null, response([text(junk), text('😀'.repeat(1000))])).outputTokens! > 0);
});

test('mergeEstimated keeps provider numbers and only estimates when there are none', () => {
  const provider: Usage = {
    inputTokens: 10,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens: null,
    source: 'provider',
  };
  let called = 0;
  const est = (): Usage => {
    called++;
    return estimateUsage(null, response([text('hello world')]));
  };
  assert.equal(mergeEstimated(provider, est), provider);
  assert.equal(called, 0);
  const e = mergeEstimated(null, est);
  assert.equal(called, 1);
  assert.equal(e.source, 'estimated');
  assert.equal(e.outputTokens, 2);
});

test('estimateUsage never throws on arbitrary message text', () => {
  const part = fc.oneof(
    fc.string({ unit: 'binary' }).map((t): ContentPart => ({ type: 'text', text: t })),
    fc.tuple(fc.string(), fc.string({ unit: 'binary' })).map(([n, a]): ContentPart => ({ type: 'tool_call', id: null, name: n, arguments: a, parsed: null })),
    fc.string().map((t): ContentPart => ({ type: 'tool_result', toolCallId: null, name: null, content: t, isError: false })),
  );
  fc.assert(
    fc.property(fc.array(fc.array(part, { maxLength: 4 }), { maxLength: 5 }), fc.array(part, { maxLength: 4 }), (msgs, out) => {
      const u = estimateUsage(request(msgs.map((parts) => ({ role: 'user', parts }))), response(out));
      assert.ok(u.inputTokens! >= 0 && u.outputTokens! >= 0);
      assert.equal(u.totalTokens, u.inputTokens! + u.outputTokens!);
    }),
    { numRuns: 300 },
  );
});
