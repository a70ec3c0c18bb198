// Upstream and client failures: the client gets a JSON 502/504 naming the cause before headers, a cut connection after
// them (never error text inside a 200 body), the provider sees a client abort, and every failure is on the exchange.
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { fixtureReply, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { recordReads } from '../support/sse-reader.js';
import { getTestPki, getUntrustedPki } from '../support/test-pki.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let provider: FakeProvider;
let untrusted: FakeProvider;
let closedPort: number;
let t: TestInspector;

before(async () => {
  provider = await startProvider({
    routes: [
      { method: 'GET', path: '/hang', respond: { fault: 'hang' } },
      { method: 'GET', path: '/reset', respond: { ...fixtureReply('openai/chat-text-include-usage.sse', { chunkDelayMs: 2 }), fault: 'reset-mid-body' } },
      { method: 'GET', path: '/slow-stream', respond: fixtureReply('anthropic/messages-text.sse', { chunkDelayMs: 80 }) },
      { method: 'GET', path: '/ok', respond: { body: '{"ok":true}', headers: { 'content-type': 'application/json' } } },
    ],
  });
  untrusted = await startProvider({ routes: [{ method: '*', path: /.*/, respond: { body: 'secret' } }], cert: (await getUntrustedPki()).leaf(['untrusted.test']) });
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  t = await startTestInspector({
    providerPort: provider.port,
    hostMap: { 'untrusted.test': `127.0.0.1:${untrusted.port}`, 'refused.test': `127.0.0.1:${closedPort}` },
    config: {
      mitm: { extraHosts: ['untrusted.test', 'refused.test'] },
      upstream: { headersTimeoutMs: 400 },
    },
  });
});

after(async () => {
  await t.close();
  await provider.close();
  await untrusted.close();
});

async function jsonError(url: string) {
  const res = await request(url, { dispatcher: t.dispatcher });
  const body = (await res.body.json()) as { error: { type: string; message: string; hint: string } };
  return { status: res.statusCode, header: res.headers['x-llm-inspector-error'], body };
}

test('upstream refuses the connection → 502 upstream_unreachable, recorded on the exchange', async () => {
  const r = await jsonError('https://refused.test/v1/x');
  assert.equal(r.status, 502);
  assert.equal(r.body.error.type, 'upstream_unreachable');
  assert.equal(r.header, 'upstream_unreachable');
  assert.match(r.body.error.message, /refused\.test/);
  const x = await t.waitFinished((e) => e.host === 'refused.test');
  assert.equal(x.state, 'error');
  assert.equal(x.error?.code, 'upstream_unreachable');
  assert.equal(x.status, 502);
});

test('upstream cert from an unknown CA → 502 upstream_tls_verify_failed; its body never reaches the client', async () => {
  const r = await jsonError('https://untrusted.test/v1/x');
  assert.equal(r.status, 502);
  assert.equal(r.body.error.type, 'upstream_tls_verify_failed');
  assert.match(r.body.error.hint, /extraCaFile|NODE_EXTRA_CA_CERTS/);
  assert.equal(untrusted.requests.length, 0);
  const x = await t.waitFinished((e) => e.host === 'untrusted.test');
  assert.equal(x.error?.code, 'upstream_tls_verify_failed');
});

test('upstream hangs past the timeout → 504 upstream_timeout', async () => {
  const r = await jsonError('https://api.openai.com/hang');
  assert.equal(r.status, 504);
  assert.equal(r.body.error.type, 'upstream_timeout');
  const x = await t.waitFinished((e) => e.path === '/hang');
  assert.equal(x.error?.code, 'upstream_timeout');
});

test('upstream resets mid-stream → the client connection is cut, no error text is spliced into the body', async () => {
  const res = await request('https://api.openai.com/reset', { dispatcher: t.dispatcher });
  assert.equal(res.statusCode, 200);
  const rec = await recordReads(res.body);
  assert.ok(rec.error, 'the client sees a failed body, not a clean end');
  assert.ok(!rec.body.toString().includes('SERVER_TO_PROXY'), 'no library error text in the body');
  assert.ok(!rec.body.toString().includes('upstream_reset'));
  const x = await t.waitFinished((e) => e.path === '/reset');
  assert.equal(x.state, 'error');
  assert.equal(x.error?.code, 'upstream_reset');
});

test('client aborts a stream → the upstream request is closed too, the exchange is aborted', async () => {
  const ac = new AbortController();
  const res = await request('https://api.openai.com/slow-stream', { dispatcher: t.dispatcher, signal: ac.signal });
  await recordReads(res.body, { stopAfter: 2 });
  ac.abort();
  const x = await t.waitFinished((e) => e.path === '/slow-stream');
  assert.equal(x.state, 'aborted');
  assert.equal(x.error?.code, 'client_aborted');
  const upstream = provider.requests.find((r) => r.url === '/slow-stream');
  await upstream?.done;
  assert.equal(upstream?.closedEarly, true, 'the provider saw the connection close before it finished');
});

test('keep-alive on both legs: sequential requests reuse one upstream connection', async () => {
  for (let i = 0; i < 5; i++) {
    const res = await request('https://api.openai.com/ok', { dispatcher: t.dispatcher });
    await res.body.arrayBuffer();
  }
  const ports = new Set(provider.requests.filter((r) => r.url === '/ok').map((r) => r.remotePort));
  assert.equal(ports.size, 1);
});

test('a CONNECT to a host outside the allow-list is a blind tunnel: the client sees the real certificate', async () => {
  const pki = await getTestPki();
  const sock = net.connect(t.inspector.proxyPort, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write(`CONNECT localhost:${provider.port} HTTP/1.1\r\nHost: localhost:${provider.port}\r\n\r\n`);
  const head = await new Promise<string>((r) => sock.once('data', (d: Buffer) => r(d.toString())));
  assert.match(head, /^HTTP\/1\.1 200/);
  const secure = tls.connect({ socket: sock, servername: 'localhost', ca: pki.caPem });
  await new Promise<void>((resolve, reject) => { secure.once('secureConnect', resolve); secure.once('error', reject); });
  assert.equal(secure.authorized, true, 'verified against the provider CA: not intercepted');
  secure.write('GET /ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  const reply = await new Promise<string>((r) => { let s = ''; secure.on('data', (d: Buffer) => (s += d)); secure.on('close', () => r(s)); });
  assert.match(reply, /\{"ok":true\}/);
  const x = await t.waitFinished((e) => e.mode === 'tunnel' && e.host === 'localhost');
  assert.equal(x.method, 'CONNECT');
  assert.ok(x.requestBytes > 0 && x.responseBytes > 0);
  const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
  assert.equal(detail.response.body, null, 'encrypted bytes are never stored');
});

test('a client that does not trust the inspector CA is recorded as client_tls_rejected', async () => {
  const sock = net.connect(t.inspector.proxyPort, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write('CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n');
  await new Promise<void>((r) => sock.once('data', () => r()));
  const secure = tls.connect({ socket: sock, servername: 'api.openai.com' });
  await new Promise<void>((resolve) => { secure.once('error', () => resolve()); secure.once('secureConnect', () => resolve()); });
  secure.destroy();
  const x = await t.waitFinished((e) => e.error?.code === 'client_tls_rejected');
  assert.equal(x.host, 'api.openai.com');
  assert.match(x.error?.message ?? '', /trust the LLM Inspector CA/);
});
