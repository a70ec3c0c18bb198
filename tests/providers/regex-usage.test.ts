import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { extractUsageByRegex, HEAD_CHARS, TAIL_CHARS } from '../../src-main/providers/regex-usage.js';
import { fixtureBytes, manifest } from '../support/fixtures.js';

const text = (file: string): string => fixtureBytes(file).toString('utf8');

test('regex fallback finds the final usage in every single-response fixture (input/output/total as normalised)', () => {
  let checked = 0;
  for (const e of manifest()) {
    if (e.format === 'exchange' || !e.normalized || e.api.includes('countTokens') || e.file.includes('count-tokens')) continue;
    const u = extractUsageByRegex(text(e.file));
    assert.ok(u, `${e.file}: usage expected`);
    assert.equal(u.source, 'regex');
    for (const k of ['inputTokens', 'outputTokens', 'totalTokens', 'cacheWriteTokens'] as const) {
      const want: number | undefined = e.normalized[k];
      if (want !== undefined && !(want === 0 && u[k] === null)) assert.equal(u[k], want, `${e.file} ${k}`);
    }
    for (const k of ['cacheReadTokens', 'reasoningTokens'] as const) {
      const want: number | undefined = e.normalized[k];
      // a key the body does not carry stays null (unknown) where the parsers say 0
      if (want !== undefined && want !== 0) assert.equal(u[k], want, `${e.file} ${k}`);
    }
    checked++;
  }
  assert.ok(checked >= 40, `checked ${checked} fixtures`);
});

test('regex fallback: spot checks against the MANIFEST provider usage', () => {
  const openai = extractUsageByRegex(text('openai/chat-text-include-usage.sse'));
  assert.deepEqual(
    { i: openai?.inputTokens, o: openai?.outputTokens, t: openai?.totalTokens },
    { i: 16, o: 300, t: 316 },
  );
  // Anthropic: input from message_start (+ cache read/write), output from the last message_delta
  const anthropic = extractUsageByRegex(text('anthropic/messages-prompt-cache.sse'));
  assert.equal(anthropic?.inputTokens, 6 + 6289 + 3337);
  assert.equal(anthropic?.outputTokens, 198);
  assert.equal(anthropic?.cacheReadTokens, 6289);
  assert.equal(anthropic?.cacheWriteTokens, 3337);
  // Gemini: last chunk's usageMetadata, prompt + toolUsePrompt, candidates + thoughts
  const gemini = extractUsageByRegex(text('gemini/stream-cached-tool-use-prompt.sse'));
  assert.deepEqual(
    [gemini?.inputTokens, gemini?.outputTokens, gemini?.totalTokens, gemini?.cacheReadTokens, gemini?.reasoningTokens],
    [3778, 523, 4301, 901, 91],
  );
  const ollama = extractUsageByRegex(text('ollama/chat-stream-tools.ndjson'));
  assert.equal(ollama?.inputTokens, 169);
  assert.equal(ollama?.outputTokens, 15);
  // xAI reports reasoning outside completion_tokens: input + output + reasoning == total → output includes it
  const xai = extractUsageByRegex(text('xai/chat-tool-call.sse'));
  assert.equal(xai?.outputTokens, 26 + 196);
  // the last of several exchanges wins
  const loop = extractUsageByRegex(text('gemini/function-calling-chat.exchange.json'));
  assert.deepEqual([loop?.inputTokens, loop?.outputTokens, loop?.totalTokens], [62, 14, 76]);
});

test('regex fallback: null for bodies without usage', () => {
  for (const f of [
    'openai/chat-stream-no-usage.sse',
    'openai/error-429-insufficient-quota.json',
    'openai/responses-stream-error.sse',
    'anthropic/error-529-overloaded.json',
    'gemini/error-404-model-not-found.json',
    'ollama/generate-stream-midstream-error.ndjson',
  ]) {
    assert.equal(extractUsageByRegex(text(f)), null, f);
  }
  assert.equal(extractUsageByRegex(''), null);
  assert.equal(extractUsageByRegex('{"usage": null, "max_output_tokens": 100, "prompt_eval_duration": 5}'), null);
});

test('regex fallback: identifiers are matched whole, decimals rejected, key=value text works', () => {
  assert.equal(extractUsageByRegex('{"max_output_tokens": 4096, "output_tokens": 7}')?.outputTokens, 7);
  assert.equal(extractUsageByRegex('{"max_output_tokens": 4096}'), null);
  assert.equal(extractUsageByRegex('{"prompt_eval_count": 11}')?.outputTokens, null);
  assert.equal(extractUsageByRegex('{"prompt_tokens": 1.5}'), null);
  const log = extractUsageByRegex('done prompt_tokens=12 completion_tokens=34');
  assert.deepEqual([log?.inputTokens, log?.outputTokens, log?.totalTokens], [12, 34, 46]);
  const pretty = extractUsageByRegex('{\n  "input_tokens" :\n    5,\n  "output_tokens": 6\n}');
  assert.deepEqual([pretty?.inputTokens, pretty?.outputTokens], [5, 6]);
});

test('regex fallback: 10 MB of junk returns, usage at both ends is seen, the middle is not scanned', () => {
  const junk = '{"prompt_tokens" "x": [[[[' + 'a"b:c prompt_tokens: '.repeat(10 * 1024 * 1024 / 21);
  assert.ok(junk.length >= 10 * 1024 * 1024 - 64);
  const r = extractUsageByRegex(junk);
  assert.equal(r, null);
  const middle = 'x'.repeat(HEAD_CHARS + 10) + '"completion_tokens": 99' + 'x'.repeat(TAIL_CHARS + 10);
  assert.equal(extractUsageByRegex(middle), null);
  const ends = '{"input_tokens": 5}' + 'y'.repeat(10 * 1024 * 1024) + '{"output_tokens": 9}';
  const u = extractUsageByRegex(ends);
  assert.deepEqual([u?.inputTokens, u?.outputTokens], [5, 9]);
  const digits = extractUsageByRegex('"total_tokens":' + '9'.repeat(5 * 1024 * 1024));
  assert.equal(digits, null);
});

test('regex fallback never throws on arbitrary strings', () => {
  const keyish = fc.constantFrom('"prompt_tokens": ', 'eval_count=', '"totalTokenCount":', 'thoughtsTokenCount: ', '"cached_tokens":');
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), keyish, fc.nat().map(String)), { maxLength: 30 }), (parts) => {
      const u = extractUsageByRegex(parts.join(''));
      if (u !== null) {
        assert.equal(u.source, 'regex');
        for (const v of [u.inputTokens, u.outputTokens, u.totalTokens]) assert.ok(v === null || (Number.isSafeInteger(v) && v >= 0));
      }
    }),
    { numRuns: 500 },
  );
});
