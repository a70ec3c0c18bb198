// Resend through the real proxy to a fake provider: a new exchange is captured with the same body, the provider gets the
// real (unredacted) key, the marker never leaves the proxy, and each way in (MITM, forward HTTP, base URL) is reused.
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { REPLAY_HEADER } from '../../src-main/capture/index.js';
import type { ExchangeMode, ResendResult } from '../../src-main/contract/index.js';
import { NotFoundError } from '../../src-main/service/index.js';
import { fixtureReply, sha256, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

const KEY = 'sk-test-resend-0123456789';
const BODY = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"say hi"}]}';
let provider: FakeProvider;
let t: TestInspector;

before(async () => {
  provider = await startProvider({ routes: [{ method: 'POST', path: /^\/v1\/chat\/completions/, respond: fixtureReply('openai/chat-text.json') }] });
  // a host outside the MITM list, mapped to the provider so its blind tunnel stays on 127.0.0.1
  t = await startTestInspector({ providerPort: provider.port, hostMap: { 'unlisted.example.test': `127.0.0.1:${provider.port}` } });
});
after(async () => {
  await t.close();
  await provider.close();
});

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-custom': 'kept' };

async function capture(mode: ExchangeMode): Promise<number> {
  const seen = Math.max(0, ...t.finished.map((f) => f.id));
  if (mode === 'mitm') {
    const res = await request('https://api.openai.com/v1/chat/completions?api_key=q-secret', { method: 'POST', dispatcher: t.dispatcher, headers, body: BODY });
    await res.body.arrayBuffer();
  } else if (mode === 'base-url') {
    const res = await request(`${t.proxyUrl}/openai/v1/chat/completions`, { method: 'POST', headers, body: BODY });
    await res.body.arrayBuffer();
  } else {
    // absolute form, as a client with HTTP_PROXY and an http:// URL sends it
    const port = Number(new URL(t.proxyUrl).port);
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: 'http://api.openai.com/v1/chat/completions', agent: false, headers: { ...headers, host: 'api.openai.com' } },
        (res) => res.resume().on('end', resolve),
      );
      req.on('error', reject);
      req.end(BODY);
    });
  }
  return (await t.waitFinished((e) => e.id > seen && e.mode === mode && e.path.startsWith('/v1/chat/completions'))).id;
}

async function resend(id: number, body?: string): Promise<ResendResult> {
  return t.inspector.service.call('exchanges.resend', body === undefined ? { id } : { id, body });
}

for (const mode of ['mitm', 'http', 'base-url'] as const) {
  test(`${mode}: resend captures a new exchange with the same request, the provider gets the real key`, async () => {
    const original = await capture(mode);
    const before = provider.requests.length;
    const r = await resend(original);
    assert.equal(r.error, null);
    assert.equal(r.status, 200);
    assert.equal(r.missingSecrets, false);
    assert.ok(r.exchangeId !== null && r.exchangeId > original);
    const copy = await t.waitFinished((e) => e.id === r.exchangeId);
    assert.equal(copy.mode, mode);
    assert.equal(copy.state, 'complete');

    const [got] = (await provider.waitForRequests(before + 1)).slice(before);
    assert.ok(got);
    assert.equal(got.header('authorization'), `Bearer ${KEY}`);
    assert.equal(got.header('x-custom'), 'kept');
    assert.equal(got.header(REPLAY_HEADER), undefined, 'the marker is stripped before forwarding');
    assert.equal(got.bodySha256, sha256(BODY));
    assert.equal(got.header('content-length'), String(Buffer.byteLength(BODY)));
    if (mode === 'mitm') assert.match(got.url, /api_key=q-secret/, 'a redacted query secret is restored too');

    const a = await t.inspector.service.call('exchanges.get', { id: original });
    const b = await t.inspector.service.call('exchanges.get', { id: r.exchangeId });
    assert.equal(b.url, a.url);
    assert.equal(b.request.body, a.request.body);
    assert.equal(b.request.body, BODY);
    const stored = Object.fromEntries(b.request.headers.map(([k, v]) => [k.toLowerCase(), v]));
    assert.match(stored['authorization'] ?? '', /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/, 'still redacted in the store');
    assert.equal(stored[REPLAY_HEADER], undefined, 'the marker is not stored');
    assert.equal(stored['authorization'], Object.fromEntries(a.request.headers.map(([k, v]) => [k.toLowerCase(), v]))['authorization']);
  });
}

test('an edited body replaces the stored one, with its own content-length', async () => {
  const original = await capture('mitm');
  const before = provider.requests.length;
  const edited = '{"model":"gpt-4o","messages":[{"role":"user","content":"say hello, with ünïcödé"}]}';
  const r = await resend(original, edited);
  assert.equal(r.status, 200);
  const [got] = (await provider.waitForRequests(before + 1)).slice(before);
  assert.equal(got?.body.toString('utf8'), edited);
  assert.equal(got?.header('content-length'), String(Buffer.byteLength(edited)));
  assert.ok(r.exchangeId !== null);
  await t.waitFinished((e) => e.id === r.exchangeId);
  assert.equal((await t.inspector.service.call('exchanges.get', { id: r.exchangeId })).request.body, edited);
});

test('a compressed request is stored decoded, so it is resent decoded without its content-encoding', async () => {
  const seen = Math.max(0, ...t.finished.map((f) => f.id));
  const gz = gzipSync(BODY);
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { ...headers, 'content-encoding': 'gzip' },
    body: gz,
  });
  await res.body.arrayBuffer();
  const original = (await t.waitFinished((e) => e.id > seen && e.path === '/v1/chat/completions')).id;
  const before = provider.requests.length;
  const r = await resend(original);
  assert.equal(r.status, 200);
  const [got] = (await provider.waitForRequests(before + 1)).slice(before);
  assert.equal(got?.header('content-encoding'), undefined);
  assert.equal(got?.body.toString('utf8'), BODY);
  assert.equal(provider.requests[before - 1]?.header('content-encoding'), 'gzip', 'the original went out compressed');
});

test('what cannot be resent says why; an unknown id is not found', async () => {
  await assert.rejects(resend(99_999_999), NotFoundError);
  // a blind tunnel (a host not intercepted) has no request to resend; the client rejects the provider's certificate
  const res = await request('https://unlisted.example.test/', { dispatcher: t.dispatcher }).catch(() => null);
  await res?.body.arrayBuffer().catch(() => undefined);
  const tunnel = await t.waitFinished((e) => e.mode === 'tunnel');
  const r = await resend(tunnel.id);
  assert.equal(r.exchangeId, null);
  assert.match(r.error ?? '', /blind tunnel/);
});

test('in a later run the key is gone: the request is sent anyway, with missingSecrets', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'llmi-resend-'));
  try {
    const first = await startTestInspector({ providerPort: provider.port, dataDir });
    const res = await request('https://api.openai.com/v1/chat/completions', { method: 'POST', dispatcher: first.dispatcher, headers, body: BODY });
    await res.body.arrayBuffer();
    const original = (await first.waitFinished((e) => e.path === '/v1/chat/completions')).id;
    await first.close();

    const second = await startTestInspector({ providerPort: provider.port, dataDir });
    try {
      const before = provider.requests.length;
      const r = await second.inspector.service.call('exchanges.resend', { id: original });
      assert.equal(r.missingSecrets, true);
      assert.equal(r.error, null);
      assert.equal(r.status, 200);
      const [got] = (await provider.waitForRequests(before + 1)).slice(before);
      assert.match(got?.header('authorization') ?? '', /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
