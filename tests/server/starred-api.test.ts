// Starring over REST: POST /api/exchanges/:id/star stores the star, answers with the updated summary, announces it as
// exchange.updated, and the list filters by it; unknown ids are 404, a missing flag is 400.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import type { ExchangeSummary } from '../../src-main/contract/index.js';
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

const call = async (path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) => {
  const res = await request(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: () => JSON.parse(text) as Record<string, unknown> };
};

async function makeExchange(): Promise<number> {
  const seen = Math.max(0, ...t.finished.map((f) => f.id));
  const res = await request('https://api.openai.com/v1/chat/completions', { method: 'POST', dispatcher: t.dispatcher, body: '{"model":"m"}' });
  await res.body.arrayBuffer();
  const x = await t.waitFinished((e) => e.path === '/v1/chat/completions' && e.id > seen);
  return x.id;
}

test('POST /api/exchanges/:id/star stars and unstars, emits exchange.updated, and the list filters by it', async () => {
  const a = await makeExchange();
  const b = await makeExchange();
  const updates: ExchangeSummary[] = [];
  const off = t.inspector.service.events.on('exchange.updated', (s) => updates.push(s));
  try {
    const starred = await call(`/api/exchanges/${a}/star`, 'POST', { starred: true });
    assert.equal(starred.status, 200);
    assert.equal(starred.json().id, a);
    assert.equal(starred.json().starred, true);
    assert.ok(updates.some((u) => u.id === a && u.starred));

    const list = (await call('/api/exchanges?starred=true')).json() as { items: ExchangeSummary[] };
    assert.deepEqual(list.items.map((x) => x.id), [a]);
    const all = (await call('/api/exchanges')).json() as { items: ExchangeSummary[] };
    assert.equal(all.items.find((x) => x.id === b)?.starred, false);
    assert.equal(((await call(`/api/exchanges/${a}`)).json()).starred, true);

    const unstarred = await call(`/api/exchanges/${a}/star`, 'POST', { starred: false });
    assert.equal(unstarred.json().starred, false);
    assert.ok(updates.some((u) => u.id === a && !u.starred));
    assert.deepEqual(((await call('/api/exchanges?starred=1')).json() as { items: unknown[] }).items, []);
  } finally {
    off();
  }
});

test('starring an unknown exchange is 404; a missing or wrong flag is 400', async () => {
  const missing = await call('/api/exchanges/999999/star', 'POST', { starred: true });
  assert.equal(missing.status, 404);
  assert.equal((missing.json().error as { type: string }).type, 'not_found');
  const id = await makeExchange();
  assert.equal((await call(`/api/exchanges/${id}/star`, 'POST', {})).status, 400);
  assert.equal((await call(`/api/exchanges/${id}/star`, 'POST', { starred: 'maybe' })).status, 400);
});

test('the service command answers the same without REST', async () => {
  const id = await makeExchange();
  const s = await t.inspector.service.call('exchanges.star', { id, starred: true });
  assert.equal(s.starred, true);
  assert.equal((await t.inspector.service.call('exchanges.get', { id })).starred, true);
});
