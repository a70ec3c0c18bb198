// Faithful forwarding through all three ways in: decrypted CONNECT, plain-HTTP forward (upgraded to HTTPS) and base-URL
// routes. What the client got == what upstream sent == what was stored (sha256), and streams arrive event by event.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { fixtureBytes, fixtureReply, sha256, splitSseEvents, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { recordReads } from '../support/sse-reader.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let provider: FakeProvider;
let t: TestInspector;

before(async () => {
  provider = await startProvider({
    routes: [
      { method: 'POST', path: '/v1/chat/completions', match: (r) => !r.body.includes('"stream":true'), respond: fixtureReply('openai/chat-text.json') },
      { method: 'POST', path: '/v1/chat/completions', respond: fixtureReply('openai/chat-text-include-usage.sse', { chunkDelayMs: 3 }) },
      { method: 'POST', path: '/v1/messages', respond: fixtureReply('anthropic/messages-text.sse', { chunkDelayMs: 2 }) },
      { method: 'GET', path: '/gzip', respond: { body: Buffer.from('{"hello":"gzip world"}'.repeat(50)), encoding: 'gzip', headers: { 'content-type': 'application/json' } } },
      { method: 'GET', path: '/bad-gzip', respond: { body: Buffer.from('this is not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } } },
      { method: 'POST', path: '/echo-size', respond: (r) => ({ body: JSON.stringify({ got: r.body.length, sha: r.bodySha256 }), headers: { 'content-type': 'application/json' } }) },
    ],
  });
  t = await startTestInspector({ providerPort: provider.port });
});

after(async () => {
  await t.close();
  await provider.close();
});

const chatBody = JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] });

test('MITM JSON: client got == upstream sent == stored, content-length kept, secrets redacted', async () => {
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-SECRET' },
    body: chatBody,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  assert.equal(res.statusCode, 200);
  const fixture = fixtureBytes('openai/chat-text.json');
  assert.equal(sha256(body), sha256(fixture));
  assert.equal(res.headers['content-length'], String(fixture.length));
  const upstream = provider.requests.at(-1);
  assert.equal(upstream?.servername, 'api.openai.com');
  assert.equal(upstream?.header('host'), 'api.openai.com');
  assert.equal(upstream?.header('authorization'), 'Bearer sk-test-SECRET', 'the provider still gets the key');
  assert.equal(upstream?.responseSha256, sha256(body));

  const x = await t.waitFinished((e) => e.path === '/v1/chat/completions' && e.mode === 'mitm' && e.responseBytes === fixture.length);
  assert.equal(x.state, 'complete');
  assert.equal(x.status, 200);
  assert.equal(x.host, 'api.openai.com');
  assert.equal(x.url, 'https://api.openai.com/v1/chat/completions');
  assert.ok(x.timings.totalMs !== null && x.timings.ttfbMs !== null && x.timings.ttfbMs <= x.timings.totalMs);
  const stored = await t.inspector.service.getBody(x.id, 'res');
  assert.equal(sha256(stored ?? Buffer.alloc(0)), sha256(fixture));
  const storedReq = await t.inspector.service.getBody(x.id, 'req');
  assert.equal(storedReq?.toString(), chatBody);
  const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
  const auth = detail.request.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  assert.match(auth, /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/);
  assert.ok(!JSON.stringify(detail).includes('sk-test-SECRET'));
});

test('MITM SSE: events arrive one per read, never coalesced, and the stream is stored whole', async () => {
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4.1-nano', stream: true, messages: [] }),
  });
  const rec = await recordReads(res.body);
  const fixture = fixtureBytes('openai/chat-text-include-usage.sse');
  const events = splitSseEvents(fixture).length;
  assert.equal(sha256(rec.body), sha256(fixture));
  // chunks are sent 3 ms apart upstream; a buffering proxy would deliver far fewer, larger reads
  assert.ok(rec.reads.length >= events * 0.9, `${rec.reads.length} reads for ${events} events`);
  const x = await t.waitFinished((e) => e.stream && e.path === '/v1/chat/completions');
  assert.equal(x.state, 'complete');
  assert.equal(x.contentType, 'text/event-stream');
  assert.equal(sha256((await t.inspector.service.getBody(x.id, 'res')) ?? Buffer.alloc(0)), sha256(fixture));
});

test('base-URL route: no proxy, no CA; the provider sees its own Host', async () => {
  const res = await request(`${t.proxyUrl}/anthropic/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-SECRET' },
    body: JSON.stringify({ model: 'claude', stream: true, messages: [] }),
  });
  const rec = await recordReads(res.body);
  const fixture = fixtureBytes('anthropic/messages-text.sse');
  assert.equal(sha256(rec.body), sha256(fixture));
  const upstream = provider.requests.at(-1);
  assert.equal(upstream?.header('host'), 'api.anthropic.com');
  assert.equal(upstream?.servername, 'api.anthropic.com');
  const x = await t.waitFinished((e) => e.mode === 'base-url' && e.path === '/v1/messages');
  assert.equal(x.url, 'https://api.anthropic.com/v1/messages');
  assert.equal(x.state, 'complete');
});

test('plain-HTTP forward to an LLM host is upgraded to HTTPS upstream', async () => {
  const res = await request('http://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { 'content-type': 'application/json' },
    body: chatBody,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  assert.equal(sha256(body), sha256(fixtureBytes('openai/chat-text.json')));
  assert.equal(provider.requests.at(-1)?.servername, 'api.openai.com', 'went out over TLS');
  const x = await t.waitFinished((e) => e.mode === 'http' && e.path === '/v1/chat/completions');
  assert.equal(x.url, 'https://api.openai.com/v1/chat/completions');
});

test('a 5 MiB request body is forwarded byte-identical and stored up to the cap', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024, 'a');
  big.write('{"start":1}', 0);
  const res = await request('https://api.openai.com/echo-size', { method: 'POST', dispatcher: t.dispatcher, body: big });
  const echo = (await res.body.json()) as { got: number; sha: string };
  assert.equal(echo.got, big.length);
  assert.equal(echo.sha, sha256(big));
  const x = await t.waitFinished((e) => e.path === '/echo-size');
  assert.equal(x.requestBytes, big.length);
  assert.equal(sha256((await t.inspector.service.getBody(x.id, 'req')) ?? Buffer.alloc(0)), sha256(big));
});

test('compressed responses pass through untouched and are stored decoded', async () => {
  const res = await request('https://api.openai.com/gzip', { dispatcher: t.dispatcher, headers: { 'accept-encoding': 'gzip' } });
  const wire = Buffer.from(await res.body.arrayBuffer());
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.equal(sha256(wire), provider.requests.at(-1)?.responseWireSha256);
  const x = await t.waitFinished((e) => e.path === '/gzip');
  const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
  assert.equal(detail.response.body, gunzipSync(wire).toString());
  assert.equal(detail.response.contentEncoding, 'gzip');
  assert.equal(x.responseBytes, wire.length);
});

test('a malformed gzip body still reaches the client unchanged; the store keeps the raw bytes with a decode error', async () => {
  const res = await request('https://api.openai.com/bad-gzip', { dispatcher: t.dispatcher });
  const wire = Buffer.from(await res.body.arrayBuffer());
  assert.equal(wire.toString(), 'this is not gzip at all');
  const x = await t.waitFinished((e) => e.path === '/bad-gzip');
  assert.equal(x.state, 'complete');
  const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
  assert.ok(detail.response.decodeError, 'decode error recorded');
  assert.equal(Buffer.from(detail.response.body ?? '', detail.response.bodyEncoding === 'base64' ? 'base64' : 'utf8').toString(), 'this is not gzip at all');
});

test('curl: absolute-form http:// through the proxy is upgraded; https:// with the CA is decrypted', async () => {
  const { execFile } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const caFile = join(t.dataDir, 'ca-for-curl.pem');
  writeFileSync(caFile, t.caPem);
  const curl = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile('curl', ['-sS', '--max-time', '10', '-x', t.proxyUrl, ...args], { encoding: 'buffer', maxBuffer: 1 << 24 }, (err, out, errOut) =>
        err ? reject(new Error(`${err.message} ${errOut.toString()}`)) : resolve(sha256(out)),
      ),
    );
  const expected = sha256(fixtureBytes('openai/chat-text.json'));
  const data = ['-H', 'content-type: application/json', '--data-binary', chatBody];
  assert.equal(await curl(['http://api.openai.com/v1/chat/completions', ...data]), expected);
  assert.equal(await curl(['--cacert', caFile, 'https://api.openai.com/v1/chat/completions', ...data]), expected);
  await t.waitFinished((e) => e.mode === 'http' && e.path === '/v1/chat/completions' && e.id > 0);
});
