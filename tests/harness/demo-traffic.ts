// Realistic traffic for the UI: a fake provider replaying recorded fixtures, and the real SDK clients calling it
// through a running inspector's base-URL routes. Used by the browser tests, the UI benchmark and `demo-main.ts`, which
// starts a `serve` process with this traffic so the UI can be looked at by hand.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { exchangeReplies, fixtureReply, startProvider, type FakeProvider, type ReceivedRequest, type Route } from '../support/fake-provider.js';
import { DEFAULT_PROVIDER_HOSTS, getTestPki } from '../support/test-pki.js';

export const DEMO_KEYS = {
  openai: 'sk-demo-OPENAI-SECRET-1234',
  anthropic: 'sk-ant-demo-ANTHROPIC-SECRET-5678',
  google: 'AIzaDEMO-GOOGLE-SECRET-9012',
};
export const GEMINI_MODEL = 'gemini-2.0-flash';
/** a model name the demo provider answers with a 429 */
export const FAILING_MODEL = 'gpt-4o-quota';

const bodyText = (r: ReceivedRequest) => r.body.toString('utf8');
const isStream = (r: ReceivedRequest) => /"stream"\s*:\s*true/.test(bodyText(r));
const TOOL_LOOP = exchangeReplies('anthropic/tool-loop.exchange.json');
/** the tool loop's calls differ by how many messages they send */
const messageCount = (r: ReceivedRequest) => (JSON.parse(bodyText(r)) as { messages?: unknown[] }).messages?.length ?? 0;

export interface DemoProviderOptions {
  /** delay between streamed chunks, so a test can watch a reply grow (default 5 ms) */
  streamChunkDelayMs?: number;
}

export async function startDemoProvider(opts: DemoProviderOptions = {}): Promise<FakeProvider> {
  const delay = opts.streamChunkDelayMs ?? 5;
  const routes: Route[] = [
    { method: 'POST', path: '/v1/chat/completions', match: (r) => bodyText(r).includes(FAILING_MODEL), respond: fixtureReply('openai/error-429-insufficient-quota.json') },
    { method: 'POST', path: '/v1/chat/completions', match: (r) => !isStream(r), respond: fixtureReply('openai/chat-text.json') },
    { method: 'POST', path: '/v1/chat/completions', match: isStream, respond: () => fixtureReply('openai/chat-text-include-usage.sse', { chunkDelayMs: delay }) },
    { method: 'POST', path: '/v1/embeddings', respond: fixtureReply('openai/embeddings.json') },
    ...TOOL_LOOP.map((step, i) => ({
      method: 'POST',
      path: /^\/v1\/messages/,
      match: (r: ReceivedRequest) => bodyText(r).includes('test_tool') && messageCount(r) === (step.request.body as { messages: unknown[] }).messages.length,
      respond: TOOL_LOOP[i]!.reply,
    })),
    { method: 'POST', path: /^\/v1\/messages/, match: (r) => !isStream(r), respond: fixtureReply('anthropic/messages-text.json') },
    { method: 'POST', path: /^\/v1\/messages/, match: isStream, respond: () => fixtureReply('anthropic/messages-text.sse', { chunkDelayMs: delay }) },
    { method: 'POST', path: `/v1beta/models/${GEMINI_MODEL}:generateContent`, respond: fixtureReply('gemini/generate-content-text.json') },
    { method: 'POST', path: `/v1beta/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`, respond: () => fixtureReply('gemini/stream-text.sse', { chunkDelayMs: delay }) },
  ];
  return startProvider({ routes });
}

/** Config for `serve` (or startInspector) that sends every provider hostname to the demo provider, trusting its CA. */
export async function demoInspectorConfig(providerPort: number): Promise<{ upstream: { extraCaFile: string; hostMap: Record<string, string> } }> {
  const pki = await getTestPki();
  const hostMap: Record<string, string> = {};
  for (const h of DEFAULT_PROVIDER_HOSTS) if (/[a-z]/.test(h) && h !== 'localhost') hostMap[h] = `127.0.0.1:${providerPort}`;
  return { upstream: { extraCaFile: pki.caPath, hostMap } };
}

/** SDK clients pointed at the inspector's base-URL routes (no proxy settings, no CA needed). */
export function demoClients(proxyUrl: string, headers: Record<string, string> = {}) {
  return {
    openai: new OpenAI({ apiKey: DEMO_KEYS.openai, baseURL: `${proxyUrl}/openai/v1`, defaultHeaders: headers, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: DEMO_KEYS.anthropic, baseURL: `${proxyUrl}/anthropic`, defaultHeaders: headers, maxRetries: 0 }),
    google: new GoogleGenAI({ apiKey: DEMO_KEYS.google, httpOptions: { baseUrl: `${proxyUrl}/gemini`, headers } }),
  };
}

export async function openaiChat(proxyUrl: string, opts: { tag?: string; session?: string } = {}): Promise<string | null> {
  const { openai } = demoClients(proxyUrl, demoHeaders(opts));
  const r = await openai.chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Say hello in one word.' }] });
  return r.choices[0]?.message.content ?? null;
}

/** A streamed chat; `onText` sees the reply grow chunk by chunk. */
export async function openaiStream(proxyUrl: string, opts: { tag?: string; session?: string; onText?: (t: string) => void } = {}): Promise<string> {
  const { openai } = demoClients(proxyUrl, demoHeaders(opts));
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'system', content: 'You are a terse assistant.' },
      { role: 'user', content: 'Tell me about the refund policy.' },
    ],
  });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    opts.onText?.(text);
  }
  return text;
}

export async function openaiQuotaError(proxyUrl: string): Promise<number | null> {
  const { openai } = demoClients(proxyUrl);
  try {
    await openai.chat.completions.create({ model: FAILING_MODEL, messages: [{ role: 'user', content: 'hi' }] });
    return null;
  } catch (err) {
    return (err as { status?: number }).status ?? null;
  }
}

export async function openaiEmbedding(proxyUrl: string): Promise<number> {
  const { openai } = demoClients(proxyUrl);
  const r = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'The quick brown fox' });
  return r.data.length;
}

/** Anthropic's recorded tool loop, replayed call by call as the agent made it. */
export async function anthropicToolLoop(proxyUrl: string, opts: { tag?: string; session?: string } = {}): Promise<string[]> {
  const { anthropic } = demoClients(proxyUrl, demoHeaders(opts));
  const stops: string[] = [];
  for (const step of TOOL_LOOP) {
    const body = step.request.body as Anthropic.MessageCreateParamsNonStreaming;
    const r = await anthropic.messages.create(body);
    stops.push(r.stop_reason ?? '');
  }
  return stops;
}

export async function anthropicStream(proxyUrl: string, opts: { tag?: string } = {}): Promise<string> {
  const { anthropic } = demoClients(proxyUrl, demoHeaders(opts));
  const stream = anthropic.messages.stream({ model: 'claude-opus-4-8', max_tokens: 200, messages: [{ role: 'user', content: 'Write a haiku about proxies.' }] });
  const msg = await stream.finalMessage();
  return msg.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

export async function geminiGenerate(proxyUrl: string): Promise<string | undefined> {
  const { google } = demoClients(proxyUrl);
  const r = await google.models.generateContent({ model: GEMINI_MODEL, contents: 'Explain TLS in one sentence.' });
  return r.text;
}

function demoHeaders(opts: { tag?: string; session?: string }): Record<string, string> {
  const h: Record<string, string> = {};
  if (opts.tag) h['X-LLM-Inspector-Tag'] = opts.tag;
  if (opts.session) h['X-LLM-Inspector-Session'] = opts.session;
  return h;
}

/** One of everything: what a developer's first minutes with the inspector look like. */
export async function driveDemoTraffic(proxyUrl: string): Promise<void> {
  await openaiChat(proxyUrl, { tag: 'checkout' });
  await openaiStream(proxyUrl, { tag: 'support' });
  await anthropicToolLoop(proxyUrl, { tag: 'agent' });
  await anthropicStream(proxyUrl);
  await geminiGenerate(proxyUrl);
  await openaiEmbedding(proxyUrl);
  await openaiQuotaError(proxyUrl);
}
