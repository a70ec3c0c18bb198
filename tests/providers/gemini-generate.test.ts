// Gemini API and Vertex AI (generateContent / streamGenerateContent / countTokens): recognition, request
// normalisation (the resent `contents` history of a function-calling chat), every gemini/* and vertex-ai/* fixture
// against the MANIFEST, and stream robustness properties (chunk boundaries, CRLF pairs, cuts, garbage).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { geminiGenerate } from '../../src-main/providers/gemini-generate.js';
import { fixtureBytes, manifest, manifestEntry } from '../support/fixtures.js';
import { ctxFor, feed, parseFixture, partKinds, rec, served, splitAt, USAGE_KEYS } from './gemini-support.js';

describe('recognition', () => {
  test('Gemini API paths on generativelanguage.googleapis.com', () => {
    const host = 'generativelanguage.googleapis.com';
    assert.deepEqual(rec('POST', host, '/v1beta/models/gemini-2.0-flash:generateContent'), { provider: 'gemini', api: 'gemini.generateContent' });
    assert.deepEqual(rec('POST', host, '/v1/models/gemini-2.5-pro:streamGenerateContent'), { provider: 'gemini', api: 'gemini.streamGenerateContent' });
    assert.deepEqual(rec('POST', host, '/v1alpha/models/x:countTokens'), { provider: 'gemini', api: 'gemini.countTokens' });
    assert.deepEqual(rec('POST', host, '/v1beta/tunedModels/my-model-123:generateContent'), { provider: 'gemini', api: 'gemini.generateContent' });
  });
  test('Vertex AI publisher models', () => {
    const r = rec('POST', 'us-central1-aiplatform.googleapis.com', '/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:streamGenerateContent');
    assert.deepEqual(r, { provider: 'vertex-ai', api: 'gemini.streamGenerateContent' });
    assert.deepEqual(rec('POST', 'aiplatform.googleapis.com', '/v1/projects/p/locations/global/publishers/google/models/gemini-3-pro:countTokens'), {
      provider: 'vertex-ai',
      api: 'gemini.countTokens',
    });
  });
  test('not other methods, verbs or publishers', () => {
    const host = 'generativelanguage.googleapis.com';
    assert.equal(rec('GET', host, '/v1beta/models/gemini-2.0-flash:generateContent'), null);
    assert.equal(rec('POST', host, '/v1beta/models/gemini-2.0-flash:embedContent'), null);
    assert.equal(rec('POST', host, '/v1beta/models'), null);
    assert.equal(rec('POST', host, '/v1beta/openai/chat/completions'), null);
    assert.equal(rec('POST', 'x-aiplatform.googleapis.com', '/v1/projects/p/locations/l/publishers/anthropic/models/claude:rawPredict'), null);
  });
});

describe('every gemini/* and vertex-ai/* fixture matches the MANIFEST', () => {
  const entries = manifest().filter((e) => (e.provider === 'gemini' || e.provider === 'vertex-ai') && e.format !== 'exchange');
  test('there are fixtures to check', () => assert.ok(entries.length >= 14, `${entries.length} entries`));
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
        if (e.api !== 'gemini.countTokens') {
          assert.equal(res.usage.cacheWriteTokens, null, 'Gemini reports no cache writes');
          // rawUsage is the last (cumulative) usageMetadata, verbatim
          assert.equal((res.rawUsage as Record<string, unknown>)['totalTokenCount'], e.normalized.totalTokens);
        }
      } else {
        assert.equal(res.usage, null, 'no usage in this body');
      }
      if (typeof p['model'] === 'string') assert.equal(res.responseModel, p['model'], 'responseModel');
      if (typeof p['finish'] === 'string') assert.equal(res.finishReason, p['finish'], 'finishReason');
      if (typeof p['error'] === 'string') {
        assert.ok(res.error, 'error');
        assert.equal(`${e.request.status} ${res.error.type}`, p['error']);
        assert.ok(res.error.message.length > 10, 'error message');
        assert.equal(res.message, null);
        if (e.streaming || served(e)) assert.equal(res.complete, false, 'an error is not a complete stream');
      } else {
        assert.equal(res.error, null);
        if (served(e)) assert.equal(res.complete, true, 'complete');
      }
      if (Array.isArray(p['parts'])) {
        // the closing `{}` of a partial-args call (the manifest's "functionCall:None") is not a call of its own
        const want = (p['parts'] as string[]).filter((k) => k !== 'functionCall:None');
        assert.deepEqual(partKinds(res.message?.parts ?? []), want, 'parts');
        const thinking = (res.message?.parts ?? []).some((x) => x.type === 'thinking' && x.text.length > 0);
        assert.equal(thinking, want.includes('thought'), 'thinking presence');
      }
      if (served(e) && res.message && res.message.parts.length > 0) assert.equal(first, 10, 'TTFT: the first chunk carries content');
    });
  }
});

describe('fixture details', () => {
  const parse = (file: string) => parseFixture(manifestEntry(file)).res;
  test('text is the concatenation of every chunk', () => {
    const sse = parse('gemini/stream-text.sse');
    const arr = parse('gemini/stream-text-json-array.json');
    assert.deepEqual(arr, sse, 'SSE and JSON-array framings of the same chunks parse alike');
    const text = sse.message?.parts[0];
    assert.ok(text?.type === 'text');
    assert.ok(text.text.startsWith('The sky is blue due to a phenomenon called **Rayleigh scattering**.'));
    assert.equal(sse.responseId, 'pdSfaOurIPqAm9IPucqbqA4');
  });
  test('whole function call: args JSON-stringified and parsed', () => {
    const res = parse('gemini/stream-function-call.sse');
    const call = res.message?.parts[0];
    assert.ok(call?.type === 'tool_call');
    assert.equal(call.name, 'customDivide');
    assert.deepEqual(JSON.parse(call.arguments), { denominator: 2, numerator: 100 });
    assert.deepEqual(call.parsed, { denominator: 2, numerator: 100 });
    assert.equal(call.id, null);
  });
  test('Vertex partialArgs are rebuilt by jsonPath', () => {
    const res = parse('vertex-ai/stream-function-call-partial-args.sse');
    const calls = (res.message?.parts ?? []).filter((x) => x.type === 'tool_call');
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.ok(call.type === 'tool_call');
    assert.equal(call.name, 'getCurrentWeather');
    assert.deepEqual(call.parsed, { country: 'USA', location: 'NewYorkCity', purpose: 'to know what to wear today', unit: 'C' });
    const sig = res.message?.parts[0];
    assert.ok(sig?.type === 'thinking' && sig.redacted && sig.signature?.startsWith('CiQB4'), 'the thoughtSignature is kept');
  });
  test('thought parts become thinking; signatures on call parts are kept', () => {
    const thought = parse('gemini/generate-content-thought-parts.json');
    const t = thought.message?.parts[0];
    assert.ok(t?.type === 'thinking' && !t.redacted && t.text.startsWith('**Breaking Down'));
    const tool = parse('gemini/generate-content-tool-call-thinking.json');
    const [sig, call] = tool.message?.parts ?? [];
    assert.ok(sig?.type === 'thinking' && sig.text === '' && sig.signature?.startsWith('Eqo+'));
    assert.ok(call?.type === 'tool_call' && call.name === 'weather');
    assert.deepEqual(call.parsed, { location: 'San Francisco' });
  });
  test('server-side tool results in a stream are kept as tool results; finish STOP mid-stream is not the end', () => {
    const res = parse('gemini/stream-cached-tool-use-prompt.sse');
    const kinds = (res.message?.parts ?? []).map((x) => x.type);
    assert.deepEqual(kinds, ['tool_call', 'tool_result', 'text']);
    const r = res.message?.parts[1];
    assert.ok(r?.type === 'tool_result' && r.name === 'weather_server_get_weather' && r.content.includes('call_tool_result_json'));
  });
  test('errors: status and message from the Google envelope', () => {
    const e429 = parse('gemini/error-429-resource-exhausted.json');
    assert.deepEqual(e429.error, { type: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan.' });
    // the 404 served with an event-stream content type, parsed whole too
    const ctx = ctxFor('https://generativelanguage.googleapis.com/v1beta/models/custom-gemini-2.0-flash:streamGenerateContent', 404);
    const whole = geminiGenerate.parseResponse(JSON.parse(fixtureBytes('gemini/error-404-model-not-found.json').toString('utf8')), ctx);
    assert.equal(whole.error?.type, 'NOT_FOUND');
    // an error array (JSON-array stream) and an error chunk mid-stream
    const arr = feed(ctx, 'application/json', [Buffer.from('[{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}]')]).res;
    assert.deepEqual(arr.error, { type: 'RESOURCE_EXHAUSTED', message: 'slow down' });
    const mid = feed(ctx, 'text/event-stream', [
      Buffer.from('data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}],"modelVersion":"m"}\r\n\r\n'),
      Buffer.from('data: {"error":{"code":500,"message":"internal","status":"INTERNAL"}}\r\n\r\n'),
    ]).res;
    assert.equal(mid.error?.type, 'INTERNAL');
    assert.equal(mid.complete, false);
    assert.deepEqual(mid.message?.parts, [{ type: 'text', text: 'Hel' }]);
  });
  test('countTokens: totalTokens is the input count', () => {
    const res = parse('gemini/count-tokens.json');
    assert.equal(res.message, null);
    assert.deepEqual(res.usage, {
      inputTokens: 11,
      outputTokens: null,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      reasoningTokens: null,
      totalTokens: null,
      source: 'provider',
    });
  });
  test('blocked prompt: blockReason is the finish reason', () => {
    const ctx = ctxFor('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent');
    const res = geminiGenerate.parseResponse({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } }, ctx);
    assert.equal(res.finishReason, 'SAFETY');
    assert.equal(res.usage?.inputTokens, 4);
    assert.equal(res.usage?.outputTokens, 0);
  });
});

describe('stream properties', () => {
  const cases: [string, string][] = [
    ['gemini/stream-text.sse', 'text/event-stream'],
    ['gemini/stream-text-json-array.json', 'application/json'],
    ['vertex-ai/stream-function-call-partial-args.sse', 'text/event-stream'],
    ['gemini/stream-cached-tool-use-prompt.sse', 'text/event-stream'],
  ];
  for (const [file, contentType] of cases) {
    const e = manifestEntry(file);
    const ctx = ctxFor(e.request.concreteUrl);
    const bytes = fixtureBytes(file);
    const whole = feed(ctx, contentType, [bytes]).res;

    test(`${file}: any chunk boundaries (inside UTF-8 characters and CRLF pairs) give the same parse`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), (cuts) => {
          assert.deepEqual(feed(ctx, contentType, splitAt(bytes, cuts)).res, whole);
        }),
        { numRuns: 40 },
      );
      // every CR LF pair split, and every multi-byte character split
      const crlf: number[] = [];
      const utf8: number[] = [];
      for (let i = 1; i < bytes.length; i++) {
        if (bytes[i - 1] === 0x0d && bytes[i] === 0x0a) crlf.push(i);
        if ((bytes[i]! & 0xc0) === 0x80) utf8.push(i);
      }
      assert.deepEqual(feed(ctx, contentType, splitAt(bytes, crlf)).res, whole);
      assert.deepEqual(feed(ctx, contentType, splitAt(bytes, utf8)).res, whole);
      assert.deepEqual(feed(ctx, contentType, splitAt(bytes, Array.from({ length: bytes.length }, (_, i) => i))).res, whole);
    });
  }

  test('the multi-byte fixture really has multi-byte characters split by the property', () => {
    const bytes = fixtureBytes('gemini/stream-cached-tool-use-prompt.sse');
    assert.ok(bytes.some((b) => b >= 0x80));
  });

  for (const [file, contentType] of cases.slice(0, 3)) {
    const e = manifestEntry(file);
    const ctx = ctxFor(e.request.concreteUrl);
    const bytes = fixtureBytes(file);
    // only the last chunk carries finishReason: a prefix ending before it is a cut stream
    const limit = bytes.lastIndexOf('"finishReason"');
    test(`${file}: a stream cut before its last chunk is incomplete and never throws`, () => {
      fc.assert(
        fc.property(fc.nat({ max: limit }), fc.array(fc.nat({ max: limit }), { maxLength: 8 }), (len, cuts) => {
          const res = feed(ctx, contentType, splitAt(bytes.subarray(0, len), cuts)).res;
          assert.equal(res.complete, false);
        }),
        { numRuns: 60 },
      );
    });
    test(`${file}: garbage (alone or after a prefix) never throws and is incomplete`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: limit }), (junk, len) => {
          assert.equal(feed(ctx, contentType, [junk]).res.complete, false);
          const mixed = feed(ctx, contentType, [bytes.subarray(0, len), junk]).res;
          assert.equal(typeof mixed.complete, 'boolean');
        }),
        { numRuns: 60 },
      );
    });
  }

  test('LF-only and CR-only SSE framing parse like CRLF', () => {
    const e = manifestEntry('gemini/stream-text.sse');
    const ctx = ctxFor(e.request.concreteUrl);
    const text = fixtureBytes('gemini/stream-text.sse').toString('utf8');
    const want = feed(ctx, 'text/event-stream', [Buffer.from(text)]).res;
    assert.deepEqual(feed(ctx, 'text/event-stream', [Buffer.from(text.replace(/\r\n/g, '\n'))]).res, want);
    assert.deepEqual(feed(ctx, 'text/event-stream', [Buffer.from(text.replace(/\r\n/g, '\r'))]).res, want);
  });

  test('an empty body is incomplete with no message', () => {
    const ctx = ctxFor('https://generativelanguage.googleapis.com/v1beta/models/m:streamGenerateContent');
    const res = feed(ctx, 'application/json', []).res;
    assert.equal(res.complete, false);
    assert.equal(res.message, null);
  });
});
