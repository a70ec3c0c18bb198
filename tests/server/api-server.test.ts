// The headless shell's API: token and Host/Origin checks, REST derived from the contract, live events over WebSocket,
// health, metrics and CA downloads.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import WebSocket from 'ws';
import type { ApiServer } from '../../src-main/server/index.js';
import type { FakeProvider } from '../support/fake-provider.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';
import type { TestInspector } from '../harness/inspector-harness.js';

let world: ApiWorld;
let provider: FakeProvider;
let t: TestInspector;
let api: ApiServer;

before(async () => {
  world = await startApiWorld();
  ({ provider, t, api } = world);
});
after(async () => world.close());

const auth = () => ({ authorization: `Bearer ${api.token}` });
const call = async (path: string, init: { method?: 'GET' | 'POST' | 'PATCH'; headers?: Record<string, string>; body?: string } = {}) => {
  const res = await request(`${api.url}${path}`, { method: init.method ?? 'GET', headers: init.headers ?? auth(), body: init.body ?? null });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
};

async function makeExchange(): Promise<number> {
  const seen = Math.max(0, ...t.finished.map((f) => f.id));
  const res = await request('https://api.openai.com/v1/chat/completions', { method: 'POST', dispatcher: t.dispatcher, body: '{"model":"m"}' });
  await res.body.arrayBuffer();
  const x = await t.waitFinished((e) => e.path === '/v1/chat/completions' && e.id > seen);
  return x.id;
}

test('no token → 401; wrong Host → 403 (DNS rebinding); foreign Origin → 403 (CSRF)', async () => {
  assert.equal((await call('/api/exchanges', { headers: {} })).status, 401);
  assert.equal((await call('/api/exchanges', { headers: { authorization: 'Bearer nope' } })).status, 401);
  const rebind = await call('/api/exchanges', { headers: { ...auth(), host: `evil.example:${api.port}` } });
  assert.equal(rebind.status, 403);
  const csrf = await call('/api/store/clear', { method: 'POST', headers: { ...auth(), origin: 'https://evil.example' } });
  assert.equal(csrf.status, 403);
  assert.equal((await call('/api/exchanges?token=' + api.token, { headers: {} })).status, 200);
});

test('REST: list with filters and keyset pages, get one with bodies, raw body, 404 and 400 are JSON', async () => {
  const a = await makeExchange();
  const b = await makeExchange();
  const page1 = (await call('/api/exchanges?limit=1')).json() as { items: { id: number }[]; nextBefore: number | null };
  assert.equal(page1.items[0]?.id, b);
  assert.equal(page1.nextBefore, b);
  const page2 = (await call(`/api/exchanges?limit=1&before=${page1.nextBefore}`)).json() as { items: { id: number }[] };
  assert.equal(page2.items[0]?.id, a);
  const filtered = (await call('/api/exchanges?host=api.openai.com&state=complete,error')).json() as { items: unknown[] };
  assert.ok(filtered.items.length >= 2);
  const detail = (await call(`/api/exchanges/${a}`)).json() as { request: { body: string }; response: { body: string } };
  assert.equal(detail.request.body, '{"model":"m"}');
  assert.match(detail.response.body, /chatcmpl/);
  const raw = await call(`/api/exchanges/${a}/body/response`);
  assert.equal(raw.status, 200);
  assert.equal(raw.text, detail.response.body);
  const missing = await call('/api/exchanges/999999');
  assert.equal(missing.status, 404);
  assert.equal((missing.json().error as { type: string }).type, 'not_found');
  const bad = await call('/api/exchanges?limit=abc');
  assert.equal(bad.status, 400);
  assert.equal((bad.json().error as { type: string }).type, 'invalid_input');
});

test('search over bodies finds an exchange by a word in its response', async () => {
  const id = await makeExchange();
  await t.inspector.store.flush();
  const found = (await call('/api/exchanges?search=Galaxy')).json() as { items: { id: number }[] };
  assert.ok(found.items.some((x) => x.id === id));
  const none = (await call('/api/exchanges?search=' + encodeURIComponent('"zzqq nothing"'))).json() as { items: unknown[] };
  assert.equal(none.items.length, 0);
});

test('config: PATCH validates with the same schema (400 names the field), applies and persists', async () => {
  const bad = await call('/api/config', { method: 'PATCH', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"capture":{"maxBodyBytes":-5}}' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /maxBodyBytes/);
  const ok = await call('/api/config', { method: 'PATCH', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"mitm":{"extraHosts":["llm.corp.example"]}}' });
  assert.equal(ok.status, 200);
  assert.deepEqual((ok.json().mitm as { extraHosts: string[] }).extraHosts, ['llm.corp.example']);
  assert.deepEqual(((await call('/api/config')).json().mitm as { extraHosts: string[] }).extraHosts, ['llm.corp.example']);
});

test('config: a change the inspector cannot apply is a 400 at its field, and nothing changes', async () => {
  const before = (await call('/api/config')).json();
  const res = await call('/api/config', { method: 'PATCH', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"upstream":{"extraCaFile":"/nonexistent/corp-ca.pem"}}' });
  assert.equal(res.status, 400);
  const err = (res.json() as { error: { type: string; details: { properties: { upstream: { properties: { extraCaFile: { errors: string[] } } } } } } }).error;
  assert.equal(err.type, 'invalid_input');
  assert.match(err.details.properties.upstream.properties.extraCaFile.errors[0] ?? '', /corp-ca\.pem/);
  assert.deepEqual((await call('/api/config')).json(), before);
});

test('config: a patch of one field keeps its siblings', async () => {
  const patch = (body: unknown) => call('/api/config', { method: 'PATCH', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await patch({ capture: { maxBodyBytes: 123_456 } })).status, 200);
  const res = await patch({ capture: { recordTunnels: false } });
  assert.equal(res.status, 200);
  const after = res.json() as { capture: { maxBodyBytes: number; recordTunnels: boolean } };
  assert.equal(after.capture.recordTunnels, false);
  assert.equal(after.capture.maxBodyBytes, 123_456);
  await patch({ capture: { maxBodyBytes: 10 * 1024 * 1024, recordTunnels: true } });
});

test('CA downloads parse as certificates; the private key is never served', async () => {
  const pem = await call('/api/ca.pem');
  assert.equal(pem.status, 200);
  assert.ok(!pem.text.includes('PRIVATE KEY'));
  const cert = new X509Certificate(pem.text);
  assert.match(cert.subject, /LLM Inspector CA/);
  const der = await request(`${api.url}/api/ca.der`, { headers: auth() });
  const derCert = new X509Certificate(Buffer.from(await der.body.arrayBuffer()));
  assert.equal(derCert.fingerprint256, cert.fingerprint256);
  const info = (await call('/api/ca')).json() as { fingerprintSha256: string };
  assert.equal(info.fingerprintSha256, cert.fingerprint256);
});

test('health and Prometheus metrics', async () => {
  const health = await call('/health', { headers: {} });
  assert.equal(health.status, 200);
  assert.equal(health.json().status, 'ok');
  const metrics = await call('/metrics', { headers: {} });
  assert.match(metrics.text, /^llm_inspector_exchanges_total \d+$/m);
  assert.match(metrics.text, /^llm_inspector_capture_queue_depth \d+$/m);
  assert.match(metrics.text, /^llm_inspector_stored_exchanges\{state="complete"\} \d+$/m);
  // memory per thread: the ingest worker reports its own heap, which is never zero
  const ingestHeap = /^llm_inspector_heap_used_bytes\{thread="ingest"\} (\d+)$/m.exec(metrics.text);
  assert.ok(ingestHeap && Number(ingestHeap[1]) > 1_000_000, 'ingest heap reported');
  assert.match(metrics.text, /^process_resident_memory_bytes \d+$/m);
});

test('WebSocket: token required, then started → finished events arrive live', async () => {
  const wsUrl = api.url.replace('http', 'ws') + '/api/events';
  const refused = new WebSocket(wsUrl);
  const code = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  assert.equal(code, 401);
  const foreign = new WebSocket(`${wsUrl}?token=${api.token}`, { headers: { origin: 'https://evil.example' } });
  assert.equal(await new Promise<number>((resolve) => foreign.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))), 403);

  const ws = new WebSocket(`${wsUrl}?token=${api.token}`);
  const seen: { event: string; data: { id?: number; state?: string } }[] = [];
  ws.on('message', (m: Buffer) => seen.push(...(JSON.parse(m.toString()) as { events: typeof seen }).events));
  await new Promise((r) => ws.once('open', r));
  const id = await makeExchange();
  const deadline = Date.now() + 5000;
  while (!seen.some((e) => e.event === 'exchange.finished' && e.data.id === id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  ws.close();
  const mine = seen.filter((e) => e.data.id === id).map((e) => e.event);
  assert.equal(mine[0], 'exchange.started');
  assert.ok(mine.includes('exchange.finished'), `events: ${mine.join(', ')}`);
  assert.equal(seen.find((e) => e.event === 'exchange.finished' && e.data.id === id)?.data.state, 'complete');
});
