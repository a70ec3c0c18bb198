// Ollama native API (/api/chat, /api/generate, /api/embed): recognition, request normalisation, every ollama/*
// fixture against the MANIFEST (usage, durations, model, finish, text and thinking lengths, tool calls, the mid-stream
// error), and NDJSON robustness properties.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { LlmResponse } from '../../src-main/contract/index.js';
import type { ParseContext } from '../../src-main/providers/provider-module.js';
import { ollamaNative } from '../../src-main/providers/ollama-native.js';
import { fixtureBytes, manifest, manifestEntry, splitLines, type ManifestEntry } from '../support/fixtures.js';
import { splitAt } from '../support/chunks.js';

const USAGE_KEYS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'totalTokens'] as const;

function rec(method: string, path: string, body: unknown = null, host = 'localhost:11434') {
  return ollamaNative.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body });
}

function ctxFor(url: string, status = 200): ParseContext {
  const u = new URL(url);
  const r = rec('POST', u.pathname, null, u.host);
  if (!r) throw new Error(`not recognised: ${url}`);
  return { ...r, host: u.host, path: u.pathname, query: u.searchParams, urlModel: null, status };
}


function feed(ctx: ParseContext, chunks: Uint8Array[]): { res: LlmResponse; first: number | null } {
  const p = ollamaNative.streamParser(ctx, 'application/x-ndjson');
  assert.ok(p, 'stream parser');
  chunks.forEach((c, i) => {
    p.push(c, 5 + i);
    p.snapshot();
  });
  const res = p.end();
  return { res, first: p.firstContentAtMs };
}

function parseFixture(e: ManifestEntry): { res: LlmResponse; first: number | null } {
  const ctx = ctxFor(e.request.concreteUrl, e.request.status);
  if (e.format === 'ndjson') return feed(ctx, splitLines(fixtureBytes(e.file)));
  return { res: ollamaNative.parseResponse(JSON.parse(fixtureBytes(e.file).toString('utf8')), ctx), first: null };
}

function chars(res: LlmResponse, type: 'text' | 'thinking'): number {
  let n = 0;
  for (const p of res.message?.parts ?? []) if (p.type === type) n += [...p.text].length;
  return n;
}

describe('recognition', () => {
  test('native paths on any host', () => {
    assert.deepEqual(rec('POST', '/api/chat'), { provider: 'ollama', api: 'ollama.chat' });
    assert.deepEqual(rec('POST', '/api/generate', { model: 'llama3.2', prompt: 'hi' }), { provider: 'ollama', api: 'ollama.generate' });
    assert.deepEqual(rec('POST', '/api/embed'), { provider: 'ollama', api: 'ollama.embeddings' });
    assert.deepEqual(rec('POST', '/api/embeddings', null, 'gpu-box.lan:8080'), { provider: 'ollama', api: 'ollama.embeddings' });
    assert.deepEqual(rec('POST', '/ollama/api/chat/', null, 'gateway.example.com'), { provider: 'ollama', api: 'ollama.chat' });
  });
  test('not other methods, paths, or bodies that are not Ollama requests', () => {
    assert.equal(rec('GET', '/api/chat'), null);
    assert.equal(rec('POST', '/api/tags'), null);
    assert.equal(rec('POST', '/api/show'), null);
    assert.equal(rec('POST', '/v1/chat/completions'), null);
    assert.equal(rec('POST', '/api/chat', { question: 'no model' }), null);
  });
});

describe('every ollama/* fixture matches the MANIFEST', () => {
  const entries = manifest().filter((e) => e.provider === 'ollama');
  test('there are fixtures to check', () => assert.equal(entries.length, 6));
  for (const e of entries) {
    test(e.file, () => {
      const { res, first } = parseFixture(e);
      const p = e.parsed ?? {};
      if (e.normalized) {
        assert.ok(res.usage, 'usage');
        assert.equal(res.usage.source, 'provider');
        for (const k of USAGE_KEYS) {
          const want: number | undefined = e.normalized[k];
          if (want !== undefined) assert.equal(res.usage[k], want, `usage.${k}`);
        }
        // nothing else is reported: unknown, not 0
        assert.equal(res.usage.cacheReadTokens, null);
        assert.equal(res.usage.reasoningTokens, null);
        assert.equal(res.usage.totalTokens, (e.normalized.inputTokens ?? 0) + (e.normalized.outputTokens ?? 0));
        const raw = res.rawUsage as Record<string, number>;
        assert.equal(raw['prompt_eval_count'], e.normalized.inputTokens);
        assert.equal(raw['eval_count'], e.normalized.outputTokens);
      } else {
        assert.equal(res.usage, null, 'no usage in this body');
      }
      if (p['durations_ns']) {
        for (const [k, v] of Object.entries(p['durations_ns'] as Record<string, number>)) assert.equal((res.rawUsage as Record<string, number>)[k], v, k);
      }
      if (typeof p['model'] === 'string') assert.equal(res.responseModel, p['model'], 'responseModel');
      assert.equal(res.finishReason, typeof p['done_reason'] === 'string' ? p['done_reason'] : null, 'finishReason');
      if (typeof p['text_chars'] === 'number') assert.equal(chars(res, 'text'), p['text_chars'], 'text_chars');
      assert.equal(chars(res, 'thinking'), typeof p['thinking_chars'] === 'number' ? p['thinking_chars'] : 0, 'thinking_chars');
      const calls = (res.message?.parts ?? []).filter((x) => x.type === 'tool_call');
      assert.deepEqual(
        calls.map((c) => (c.type === 'tool_call' ? c.name : '')),
        Array.isArray(p['tool_calls']) ? p['tool_calls'] : [],
        'tool calls',
      );
      if (typeof p['error'] === 'string') {
        assert.deepEqual(res.error, { type: 'error', message: p['error'] });
        assert.equal(res.complete, false);
      } else {
        assert.equal(res.error, null);
        assert.equal(res.complete, true);
      }
      if (e.format === 'ndjson') assert.ok(first !== null, 'TTFT');
    });
  }
});

describe('fixture details', () => {
  const parse = (file: string) => parseFixture(manifestEntry(file)).res;
  test('tool calls: arguments object → JSON text, no id', () => {
    for (const file of ['ollama/chat-stream-tools.ndjson', 'ollama/chat-tools.json']) {
      const call = parse(file).message?.parts[0];
      assert.ok(call?.type === 'tool_call');
      assert.equal(call.id, null);
      assert.equal(call.arguments, '{"city":"Tokyo"}');
      assert.deepEqual(call.parsed, { city: 'Tokyo' });
    }
  });
  test('thinking then answer, TTFT at the first delta with content', () => {
    const { res, first } = parseFixture(manifestEntry('ollama/generate-stream-thinking.ndjson'));
    assert.deepEqual(res.message?.parts.map((x) => x.type), ['thinking', 'text']);
    const t = res.message?.parts[0];
    assert.ok(t?.type === 'thinking' && t.text.startsWith('The user'));
    // line 1 is an empty response, line 2 the first thinking delta
    assert.equal(first, 6);
  });
  test('mid-stream error keeps the text so far', () => {
    const res = parse('ollama/generate-stream-midstream-error.ndjson');
    assert.deepEqual(res.message?.parts, [{ type: 'text', text: ' Yes.Ican' }]);
    assert.equal(res.responseModel, 'gemma4');
  });
  test('missing counters are unknown, not 0', () => {
    const ctx = ctxFor('http://localhost:11434/api/chat');
    const res = ollamaNative.parseResponse({ model: 'm', message: { role: 'assistant', content: 'hi' }, done: true, eval_count: 3 }, ctx);
    assert.deepEqual(res.usage, {
      inputTokens: null,
      outputTokens: 3,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      reasoningTokens: null,
      totalTokens: null,
      source: 'provider',
    });
    const none = ollamaNative.parseResponse({ model: 'm', message: { role: 'assistant', content: 'hi' }, done: true, total_duration: 9 }, ctx);
    assert.equal(none.usage, null);
    assert.deepEqual(none.rawUsage, { total_duration: 9 });
  });
  test('a stream without its done line is incomplete', () => {
    const bytes = fixtureBytes('ollama/generate-stream-thinking.ndjson');
    const lines = splitLines(bytes);
    const res = feed(ctxFor('http://localhost:11434/api/generate'), lines.slice(0, -1)).res;
    assert.equal(res.complete, false);
    assert.equal(res.usage, null);
    assert.equal(res.finishReason, null);
  });
  test('embeddings: prompt_eval_count is the input, no message', () => {
    const ctx = ctxFor('http://localhost:11434/api/embed');
    const res = ollamaNative.parseResponse({ model: 'all-minilm', embeddings: [[0.1, 0.2]], total_duration: 14143917, load_duration: 1019500, prompt_eval_count: 8 }, ctx);
    assert.equal(res.message, null);
    assert.equal(res.usage?.inputTokens, 8);
    assert.equal(res.usage?.outputTokens, 0);
    assert.equal(res.complete, true);
    const legacy = ollamaNative.parseResponse({ embedding: [0.5] }, ctxFor('http://localhost:11434/api/embeddings'));
    assert.equal(legacy.usage, null);
  });
});

describe('requests', () => {
  test('chat: roles, images, tool calls with object arguments, tool results by name, options as parameters', () => {
    const ctx = ctxFor('http://localhost:11434/api/chat');
    const r = ollamaNative.parseRequest(
      {
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What is in this picture? And the weather?', images: ['iVBORw0KGgoAAAANSUhEUg=='] },
          { role: 'assistant', content: '', thinking: 'Need weather.', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
          { role: 'tool', content: '22 degrees', tool_name: 'get_weather' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } } }],
        options: { temperature: 0.1, num_ctx: 8192 },
        format: 'json',
        keep_alive: '5m',
      },
      ctx,
    );
    assert.equal(r.model, 'llama3.2');
    assert.equal(r.stream, true, 'streaming is the default');
    assert.deepEqual(r.parameters, { temperature: 0.1, num_ctx: 8192, format: 'json', keep_alive: '5m' });
    assert.deepEqual(r.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
    assert.deepEqual(r.messages[1]?.parts[1], { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' });
    assert.deepEqual(r.messages[2]?.parts, [
      { type: 'thinking', text: 'Need weather.', signature: null, redacted: false },
      { type: 'tool_call', id: null, name: 'get_weather', arguments: '{"city":"Tokyo"}', parsed: { city: 'Tokyo' } },
    ]);
    assert.deepEqual(r.messages[3]?.parts, [{ type: 'tool_result', toolCallId: null, name: 'get_weather', content: '22 degrees', isError: false }]);
    assert.deepEqual(r.tools, [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }]);
    assert.equal(ollamaNative.parseRequest({ model: 'x', messages: [], stream: false }, ctx).stream, false);
  });

  test('generate: system + prompt (+ images) as messages', () => {
    const ctx = ctxFor('http://localhost:11434/api/generate');
    const r = ollamaNative.parseRequest({ model: 'gemma4', system: 'You are terse.', prompt: 'Why is the sky blue?', images: ['/9j/4AAQ'], think: true }, ctx);
    assert.deepEqual(r.messages, [
      { role: 'system', parts: [{ type: 'text', text: 'You are terse.' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', text: 'Why is the sky blue?' },
          { type: 'image', mediaType: 'image/jpeg', url: 'data:image/jpeg;base64,/9j/4AAQ' },
        ],
      },
    ]);
    assert.equal(r.parameters['think'], true);
    assert.equal(r.stream, true);
  });

  test('embed: inputs as user messages, never a stream', () => {
    const r = ollamaNative.parseRequest({ model: 'all-minilm', input: ['a', 'b'] }, ctxFor('http://localhost:11434/api/embed'));
    assert.equal(r.stream, false);
    assert.equal(r.messages.length, 2);
  });

  test('garbage request and response bodies never throw', () => {
    const ctx = ctxFor('http://localhost:11434/api/chat');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        ollamaNative.parseRequest(v, ctx);
        ollamaNative.parseResponse(v, ctx);
      }),
      { numRuns: 200 },
    );
  });
});

describe('stream properties', () => {
  for (const file of ['ollama/generate-stream-thinking.ndjson', 'ollama/chat-stream-tools.ndjson', 'ollama/generate-stream-midstream-error.ndjson']) {
    const e = manifestEntry(file);
    const ctx = ctxFor(e.request.concreteUrl);
    const bytes = fixtureBytes(file);
    const whole = feed(ctx, [bytes]).res;
    const doneAt = bytes.indexOf('"done":true');
    const limit = doneAt === -1 ? bytes.length : doneAt;

    test(`${file}: any chunk boundaries give the same parse`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 60 }), (cuts) => {
          assert.deepEqual(feed(ctx, splitAt(bytes, cuts)).res, whole);
        }),
        { numRuns: 40 },
      );
      assert.deepEqual(feed(ctx, splitAt(bytes, Array.from({ length: bytes.length }, (_, i) => i))).res, whole);
    });

    test(`${file}: a cut stream is incomplete; garbage never throws and is incomplete`, () => {
      fc.assert(
        fc.property(fc.nat({ max: limit }), fc.array(fc.nat({ max: limit }), { maxLength: 8 }), fc.uint8Array({ maxLength: 200 }), (len, cuts, junk) => {
          assert.equal(feed(ctx, splitAt(bytes.subarray(0, len), cuts)).res.complete, false);
          assert.equal(feed(ctx, [junk]).res.complete, false);
          assert.equal(typeof feed(ctx, [bytes.subarray(0, len), junk]).res.complete, 'boolean');
        }),
        { numRuns: 60 },
      );
    });
  }

  test('CRLF line endings and multi-byte characters split across chunks', () => {
    const ctx = ctxFor('http://localhost:11434/api/chat');
    const lines = [
      { model: 'm', message: { role: 'assistant', content: 'Grüße ' }, done: false },
      { model: 'm', message: { role: 'assistant', content: '🌍 日本' }, done: false },
      { model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 4, eval_count: 2 },
    ];
    const bytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\r\n') + '\r\n');
    const want = feed(ctx, [bytes]).res;
    assert.deepEqual(want.message?.parts, [{ type: 'text', text: 'Grüße 🌍 日本' }]);
    assert.equal(want.complete, true);
    for (let i = 0; i < bytes.length; i++) assert.deepEqual(feed(ctx, [bytes.subarray(0, i), bytes.subarray(i)]).res, want);
  });
});
