// For every fixture in MANIFEST.md: a plausible client request (method, URL, headers, body) and a fake-provider route
// that answers it with the fixture, so a test can replay the whole corpus through the proxy against ONE fake provider.
// Routes are told apart by path plus the `x-llmi-fixture: <file>` request header (the proxy forwards it unchanged).
import type { Reply, Route } from './fake-provider.js';
import { exchangeReplies, fixtureReply, manifest, type FixtureReplyOptions, type ManifestEntry } from './fixtures.js';

export const FIXTURE_HEADER = 'x-llmi-fixture';

export interface FixtureRequest {
  method: string;
  /** Concrete absolute URL at the real provider (what the client would call through the proxy). */
  url: string;
  scheme: 'http' | 'https';
  /** Hostname of the real provider (give it as SNI / Host). */
  host: string;
  /** Port at the real provider (443, 11434, ...). */
  port: number;
  /** Path + query. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FixtureCase {
  file: string;
  entry: ManifestEntry;
  /** One per call the fixture describes (exchanges: several, in order). */
  requests: FixtureRequest[];
  /** Replies in call order (parallel to requests). */
  replies: Reply[];
  /** Route answering requests[i] with replies[i] (cycling for exchanges). */
  route: Route;
}

function requestBody(e: ManifestEntry): Record<string, unknown> {
  const model = typeof e.parsed?.['model'] === 'string' ? e.parsed['model'] : 'test-model';
  const stream = e.streaming;
  const messages = [{ role: 'user', content: 'Hello from the LLM Inspector tests' }];
  const q = e.request.qualifier;
  switch (e.api) {
    case 'openai.chat':
    case 'openai-compat.chat':
      return {
        model,
        messages,
        ...(stream ? { stream: true } : {}),
        ...(q.includes('include_usage') ? { stream_options: { include_usage: true } } : {}),
      };
    case 'openai.completions':
      return { model, prompt: 'Hello', ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) };
    case 'openai.embeddings':
      return { model, input: 'Hello' };
    case 'openai.responses':
      return { model, input: 'Hello', ...(stream ? { stream: true } : {}) };
    case 'anthropic.messages':
      return { model, max_tokens: 1024, messages, ...(stream ? { stream: true } : {}) };
    case 'ollama.chat':
      return { model, messages, stream };
    case 'ollama.generate':
      return { model, prompt: 'Hello', stream };
    case 'bedrock.converse':
    case 'bedrock.converse-stream':
      return { messages: [{ role: 'user', content: [{ text: 'Hello' }] }] };
    default: // gemini.*
      return { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] };
  }
}

function authHeaders(e: ManifestEntry): Record<string, string> {
  if (e.api.startsWith('anthropic')) return { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };
  if (e.api.startsWith('gemini')) return { 'x-goog-api-key': 'test-google-key' };
  if (e.api.startsWith('bedrock')) return { authorization: 'AWS4-HMAC-SHA256 Credential=TEST/20250101/us-east-1/bedrock/aws4_request' };
  if (e.api.startsWith('ollama')) return {};
  if (e.provider === 'azure-openai') return { 'api-key': 'test-azure-key' };
  return { authorization: 'Bearer sk-test' };
}

function makeRequest(e: ManifestEntry, url: string, body: unknown): FixtureRequest {
  const u = new URL(url);
  const scheme = u.protocol === 'http:' ? 'http' : 'https';
  return {
    method: e.request.method,
    url: u.toString(),
    scheme,
    host: u.hostname,
    port: u.port ? Number(u.port) : scheme === 'http' ? 80 : 443,
    path: u.pathname + u.search,
    headers: {
      'content-type': 'application/json',
      ...(e.streaming ? { accept: e.format === 'sse' ? 'text/event-stream' : '*/*' } : { accept: 'application/json' }),
      ...authHeaders(e),
      [FIXTURE_HEADER]: e.file,
    },
    body: JSON.stringify(body),
  };
}

/**
 * Map file → FixtureCase for every manifest entry. Options are passed to fixtureReply (e.g. chunkDelayMs).
 * `matchHeader: false` drops the x-llmi-fixture match (one fixture per provider).
 */
export function providerRoutesForAllFixtures(
  opts: FixtureReplyOptions & { matchHeader?: boolean } = {},
): Map<string, FixtureCase> {
  const { matchHeader = true, ...replyOpts } = opts;
  const out = new Map<string, FixtureCase>();
  for (const e of manifest()) {
    let requests: FixtureRequest[];
    let replies: Reply[];
    if (e.format === 'exchange') {
      const steps = exchangeReplies(e.file);
      requests = steps.map((s) => makeRequest(e, s.request.url, s.request.body));
      replies = steps.map((s) => ({ ...s.reply, ...(replyOpts.encoding ? { encoding: replyOpts.encoding } : {}) }));
    } else {
      requests = [makeRequest(e, e.request.concreteUrl, requestBody(e))];
      replies = [fixtureReply(e.file, replyOpts)];
    }
    const first = requests[0]!;
    let calls = 0;
    const route: Route = {
      method: e.request.method,
      path: first.path.split('?')[0]!,
      respond: () => replies[calls++ % replies.length]!,
    };
    if (matchHeader) route.match = (r) => r.header(FIXTURE_HEADER) === e.file;
    out.set(e.file, { file: e.file, entry: e, requests, replies, route });
  }
  return out;
}
