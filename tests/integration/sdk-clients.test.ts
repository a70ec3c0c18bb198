// The real provider SDKs (openai, @anthropic-ai/sdk, @google/genai) talking to their real hostnames through the
// inspector: once as HTTPS_PROXY (decrypted CONNECT, the harness maps the hostnames to a local fake provider) and once
// through the base-URL routes without any proxy. The fake provider replays recorded fixtures and knows nothing about
// the proxy. Each case checks that the SDK parsed the reply, and that the stored exchange holds exactly the bytes the
// provider sent, with the API key redacted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { fetch as undiciFetch } from 'undici';
import type { ExchangeMode, ExchangeSummary } from '../../src-main/contract/index.js';
import {
  fixtureBytes,
  manifestEntry,
  fixtureReply,
  sha256,
  splitSseEvents,
  startProvider,
  type FakeProvider,
  type ReceivedRequest,
} from '../support/fake-provider.js';
import { assertLlmFacts } from '../harness/llm-facts.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let provider: FakeProvider;
let t: TestInspector;

const GEMINI_MODEL = 'gemini-2.0-flash';
const OPENAI_KEY = 'sk-test-OPENAI-SECRET-4f1c2a';
const ANTHROPIC_KEY = 'sk-ant-test-ANTHROPIC-SECRET-77d0e1';
const GOOGLE_KEY = 'AIzaTEST-GOOGLE-SECRET-9b3e55';

const isStreamReq = (r: ReceivedRequest): boolean => /"stream"\s*:\s*true/.test(r.body.toString());

before(async () => {
  provider = await startProvider({
    routes: [
      { method: 'POST', path: '/v1/chat/completions', match: (r) => !isStreamReq(r), respond: fixtureReply('openai/chat-text.json') },
      { method: 'POST', path: '/v1/chat/completions', match: isStreamReq, respond: fixtureReply('openai/chat-text-include-usage.sse', { chunkDelayMs: 1 }) },
      { method: 'POST', path: '/v1/messages', match: (r) => !isStreamReq(r), respond: fixtureReply('anthropic/messages-text.json') },
      { method: 'POST', path: '/v1/messages', match: isStreamReq, respond: fixtureReply('anthropic/messages-text.sse', { chunkDelayMs: 1 }) },
      { method: 'POST', path: `/v1beta/models/${GEMINI_MODEL}:generateContent`, respond: fixtureReply('gemini/generate-content-text.json') },
      { method: 'POST', path: `/v1beta/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`, respond: fixtureReply('gemini/stream-text.sse', { chunkDelayMs: 1 }) },
    ],
  });
  t = await startTestInspector({ providerPort: provider.port });
});

after(async () => {
  await t?.close();
  await provider?.close();
});

/** fetch through the inspector as HTTPS proxy (undici's own fetch, so the ProxyAgent is the same undici build) */
function proxiedFetch(): typeof globalThis.fetch {
  const f = (input: unknown, init?: Record<string, unknown>) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init ?? {}), dispatcher: t.dispatcher } as Parameters<typeof undiciFetch>[1]);
  return f as unknown as typeof globalThis.fetch;
}

// ---- expected values, computed from the fixture bytes (independently of any SDK) ----

function sseData(file: string): unknown[] {
  const out: unknown[] = [];
  for (const ev of splitSseEvents(fixtureBytes(file))) {
    for (const line of ev.toString('utf8').split(/\r?\n/)) {
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data && data !== '[DONE]') out.push(JSON.parse(data));
    }
  }
  return out;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const expected = {
  openaiText: (): string => (JSON.parse(fixtureBytes('openai/chat-text.json').toString()) as Json).choices[0].message.content as string,
  openaiStream: (): string =>
    (sseData('openai/chat-text-include-usage.sse') as Json[]).map((c) => (c.choices?.[0]?.delta?.content as string | undefined) ?? '').join(''),
  anthropicText: (): string =>
    ((JSON.parse(fixtureBytes('anthropic/messages-text.json').toString()) as Json).content as Json[]).map((b) => b.text as string).join(''),
  anthropicStream: (): string =>
    (sseData('anthropic/messages-text.sse') as Json[])
      .filter((e) => e.type === 'content_block_delta' && e.delta?.type === 'text_delta')
      .map((e) => e.delta.text as string)
      .join(''),
  geminiText: (): string =>
    ((JSON.parse(fixtureBytes('gemini/generate-content-text.json').toString()) as Json).candidates[0].content.parts as Json[])
      .map((p) => (p.text as string | undefined) ?? '')
      .join(''),
  geminiStream: (): string =>
    (sseData('gemini/stream-text.sse') as Json[])
      .map((c) => ((c.candidates?.[0]?.content?.parts as Json[] | undefined) ?? []).map((p) => (p.text as string | undefined) ?? '').join(''))
      .join(''),
};

// ---- capture checks ----

interface CaptureExpectation {
  fixture: string;
  mode: ExchangeMode;
  host: string;
  path: string;
  /** the header carrying the API key, and the key */
  keyHeader: string;
  secret: string;
  stream: boolean;
}

/** Snapshot before a call: which exchanges / provider requests already exist. */
function mark(): { seen: Set<number>; requests: number } {
  return { seen: new Set(t.finished.map((f) => f.id)), requests: provider.requests.length };
}

async function assertCaptured(m: ReturnType<typeof mark>, exp: CaptureExpectation): Promise<ExchangeSummary> {
  const fixture = fixtureBytes(exp.fixture);
  const newRequests = provider.requests.slice(m.requests);
  assert.equal(newRequests.length, 1, `the SDK made exactly one call to the provider (no retries); got ${newRequests.map((r) => `${r.method} ${r.url} -> ${r.status}`).join(', ')}`);
  const upstream = newRequests[0]!;
  await upstream.done;
  assert.equal(upstream.routeIndex >= 0, true, `the provider had a route for ${upstream.method} ${upstream.url}`);
  assert.equal(upstream.url, exp.path, 'path + query the provider received');
  assert.equal(upstream.header('host'), exp.host, 'the provider sees its own Host');
  assert.equal(upstream.servername, exp.host, 'the provider sees its own SNI');
  assert.ok((upstream.header(exp.keyHeader) ?? '').includes(exp.secret), `the provider still gets the API key in ${exp.keyHeader}`);
  assert.equal(upstream.responseSha256, sha256(fixture), 'the provider sent the fixture');
  assert.equal(upstream.responseWireSha256, sha256(fixture), 'identity encoding: wire == fixture');

  const x = await t.waitFinished((e) => !m.seen.has(e.id) && e.path === exp.path && e.mode === exp.mode);
  assert.equal(x.state, 'complete', `exchange state (error: ${JSON.stringify(x.error)})`);
  assert.equal(x.error, null);
  assert.equal(x.status, 200);
  assert.equal(x.mode, exp.mode);
  assert.equal(x.method, 'POST');
  assert.equal(x.host, exp.host);
  assert.equal(x.path, exp.path);
  assert.equal(x.url, `https://${exp.host}${exp.path}`);
  assert.equal(x.stream, exp.stream, 'stream flag');
  assert.equal(x.responseBytes, fixture.length, 'response bytes on the wire');
  assert.equal(x.requestBytes, upstream.body.length, 'request bytes');

  const storedRes = await t.inspector.service.getBody(x.id, 'res');
  assert.ok(storedRes, 'response body stored');
  assert.equal(sha256(storedRes), sha256(fixture), 'stored response == fixture bytes the provider sent');
  const storedReq = await t.inspector.service.getBody(x.id, 'req');
  assert.ok(storedReq, 'request body stored');
  assert.equal(sha256(storedReq), upstream.bodySha256, 'stored request == what the provider received');

  const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
  assert.equal(detail.id, x.id);
  assert.equal(detail.response.truncated, false);
  assert.equal(detail.response.decodeError, null);
  assert.equal(detail.response.storedBytes, fixture.length);
  const keyHeaders = detail.request.headers.filter(([k]) => k.toLowerCase() === exp.keyHeader);
  assert.equal(keyHeaders.length, 1, `one ${exp.keyHeader} header stored`);
  assert.match(keyHeaders[0]![1], /\[REDACTED sha256:[0-9a-f]{8}\]/, `${exp.keyHeader} is redacted`);
  const json = JSON.stringify(detail);
  assert.ok(!json.includes(exp.secret), `the API key must not appear anywhere in the stored exchange detail`);
  // the LLM layer understood what the real SDK sent and got: the MANIFEST's model, usage and message facts
  assertLlmFacts(x, detail, manifestEntry(exp.fixture));
  return x;
}

// ---- OpenAI ----

function openaiClient(via: 'proxy' | 'base-url'): OpenAI {
  return via === 'proxy'
    ? new OpenAI({ apiKey: OPENAI_KEY, baseURL: 'https://api.openai.com/v1', fetch: proxiedFetch(), maxRetries: 0 })
    : new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${t.proxyUrl}/openai/v1`, maxRetries: 0 });
}

const openaiCapture = (mode: ExchangeMode, fixture: string, stream: boolean): CaptureExpectation => ({
  fixture,
  mode,
  host: 'api.openai.com',
  path: '/v1/chat/completions',
  keyHeader: 'authorization',
  secret: OPENAI_KEY,
  stream,
});

async function openaiJson(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const completion = await openaiClient(via).chat.completions.create({
    model: 'gpt-4.1-nano',
    messages: [{ role: 'user', content: 'Invent a holiday' }],
  });
  assert.equal(completion.choices[0]?.message.content, expected.openaiText());
  assert.equal(completion.model, 'gpt-4.1-nano-2025-04-14');
  await assertCaptured(m, openaiCapture(mode, 'openai/chat-text.json', false));
}

async function openaiStream(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const stream = await openaiClient(via).chat.completions.create({
    model: 'gpt-4.1-nano',
    messages: [{ role: 'user', content: 'Invent a holiday' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let usageSeen = false;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usageSeen = true;
  }
  const exp = expected.openaiStream();
  assert.ok(exp.length > 0);
  assert.equal(text, exp, 'concatenated deltas');
  assert.equal(chunks, sseData('openai/chat-text-include-usage.sse').length, 'one SDK chunk per SSE data event');
  assert.ok(usageSeen, 'the final usage chunk reached the SDK');
  await assertCaptured(m, openaiCapture(mode, 'openai/chat-text-include-usage.sse', true));
}

// ---- Anthropic ----

function anthropicClient(via: 'proxy' | 'base-url'): Anthropic {
  return via === 'proxy'
    ? new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: 'https://api.anthropic.com', fetch: proxiedFetch(), maxRetries: 0 })
    : new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: `${t.proxyUrl}/anthropic`, maxRetries: 0 });
}

const anthropicCapture = (mode: ExchangeMode, fixture: string, stream: boolean): CaptureExpectation => ({
  fixture,
  mode,
  host: 'api.anthropic.com',
  path: '/v1/messages',
  // @anthropic-ai/sdk 1.x sends the API key as `authorization: Bearer ...` (0.x used x-api-key)
  keyHeader: 'authorization',
  secret: ANTHROPIC_KEY,
  stream,
});

async function anthropicJson(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const msg = await anthropicClient(via).messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'How are you?' }],
  });
  const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  assert.equal(text, expected.anthropicText());
  assert.equal(msg.id, 'msg_01VdEjxAP5ahtHKrrRdNBteQ');
  assert.equal(msg.stop_reason, 'end_turn');
  await assertCaptured(m, anthropicCapture(mode, 'anthropic/messages-text.json', false));
}

async function anthropicStream(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const stream = await anthropicClient(via).messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'How are you?' }],
    stream: true,
  });
  let text = '';
  const types: string[] = [];
  for await (const ev of stream) {
    types.push(ev.type);
    if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
  }
  const exp = expected.anthropicStream();
  assert.ok(exp.length > 0);
  assert.equal(text, exp, 'concatenated text deltas');
  assert.equal(types[0], 'message_start');
  assert.equal(types.at(-1), 'message_stop');
  await assertCaptured(m, anthropicCapture(mode, 'anthropic/messages-text.sse', true));
}

// ---- Google GenAI ----

function genaiClient(via: 'proxy' | 'base-url'): GoogleGenAI {
  return via === 'proxy'
    ? new GoogleGenAI({
        apiKey: GOOGLE_KEY,
        vertexai: false,
        httpOptions: { baseUrl: 'https://generativelanguage.googleapis.com', fetch: proxiedFetch(), retryOptions: { attempts: 1 } },
      })
    : new GoogleGenAI({ apiKey: GOOGLE_KEY, vertexai: false, httpOptions: { baseUrl: `${t.proxyUrl}/gemini`, retryOptions: { attempts: 1 } } });
}

const geminiCapture = (mode: ExchangeMode, fixture: string, stream: boolean): CaptureExpectation => ({
  fixture,
  mode,
  host: 'generativelanguage.googleapis.com',
  path: stream ? `/v1beta/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse` : `/v1beta/models/${GEMINI_MODEL}:generateContent`,
  keyHeader: 'x-goog-api-key',
  secret: GOOGLE_KEY,
  stream,
});

async function geminiJson(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const res = await genaiClient(via).models.generateContent({ model: GEMINI_MODEL, contents: 'Why is the sky blue?' });
  assert.equal(res.text, expected.geminiText());
  await assertCaptured(m, geminiCapture(mode, 'gemini/generate-content-text.json', false));
}

async function geminiStream(via: 'proxy' | 'base-url', mode: ExchangeMode): Promise<void> {
  const m = mark();
  const stream = await genaiClient(via).models.generateContentStream({ model: GEMINI_MODEL, contents: 'Why is the sky blue?' });
  let text = '';
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.text ?? '';
  }
  const exp = expected.geminiStream();
  assert.ok(exp.length > 0);
  assert.equal(text, exp, 'concatenated chunk texts');
  assert.equal(chunks, sseData('gemini/stream-text.sse').length, 'one SDK chunk per SSE event');
  await assertCaptured(m, geminiCapture(mode, 'gemini/stream-text.sse', true));
}

// ---- the cases ----

describe('through the inspector as HTTPS proxy (MITM), real hostnames', () => {
  test('openai: chat.completions JSON', () => openaiJson('proxy', 'mitm'));
  test('openai: chat.completions stream', () => openaiStream('proxy', 'mitm'));
  test('anthropic: messages JSON', () => anthropicJson('proxy', 'mitm'));
  test('anthropic: messages stream', () => anthropicStream('proxy', 'mitm'));
  test('google genai: generateContent JSON', () => geminiJson('proxy', 'mitm'));
  test('google genai: generateContentStream (SSE)', () => geminiStream('proxy', 'mitm'));
});

describe('through the base-URL routes, no proxy', () => {
  test('openai: chat.completions JSON via /openai/v1', () => openaiJson('base-url', 'base-url'));
  test('openai: chat.completions stream via /openai/v1', () => openaiStream('base-url', 'base-url'));
  test('anthropic: messages JSON via /anthropic', () => anthropicJson('base-url', 'base-url'));
  test('anthropic: messages stream via /anthropic', () => anthropicStream('base-url', 'base-url'));
  test('google genai: generateContent JSON via /gemini', () => geminiJson('base-url', 'base-url'));
  test('google genai: generateContentStream via /gemini', () => geminiStream('base-url', 'base-url'));
});
