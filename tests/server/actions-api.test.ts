// The new commands over REST, as the contract derives them: resend (POST with a path id and a JSON body), the
// conversation list, the self-test, sorted exchange pages, runtime and CA trust.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'undici';
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

type Json = Record<string, unknown>;
const call = async (path: string, method: 'GET' | 'POST' = 'GET', body?: string) => {
  const res = await request(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body ?? null,
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: () => JSON.parse(text) as Json };
};

async function makeExchange(): Promise<number> {
  const seen = Math.max(0, ...t.finished.map((f) => f.id));
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { authorization: 'Bearer sk-rest-key', 'content-type': 'application/json' },
    body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}',
  });
  await res.body.arrayBuffer();
  return (await t.waitFinished((e) => e.path === '/v1/chat/completions' && e.id > seen)).id;
}

test('POST /api/exchanges/:id/resend: the path names the exchange, the JSON body may replace the request body', async () => {
  const id = await makeExchange();
  const before = provider.requests.length;
  const plain = await call(`/api/exchanges/${id}/resend`, 'POST');
  assert.equal(plain.status, 200);
  const r = plain.json();
  assert.equal(r['status'], 200);
  assert.equal(r['error'], null);
  assert.equal(r['missingSecrets'], false);
  assert.equal(typeof r['exchangeId'], 'number');

  const edited = '{"model":"gpt-4o","messages":[]}';
  // an id in the body cannot redirect the command: the path wins
  const withBody = await call(`/api/exchanges/${id}/resend`, 'POST', JSON.stringify({ id: 1, body: edited }));
  assert.equal(withBody.status, 200);
  const got = (await provider.waitForRequests(before + 2)).slice(before);
  assert.equal(got[0]?.header('authorization'), 'Bearer sk-rest-key');
  assert.equal(got[1]?.body.toString(), edited);

  assert.equal((await call('/api/exchanges/99999999/resend', 'POST')).status, 404);
  assert.equal((await call('/api/exchanges/abc/resend', 'POST')).status, 400);
  const notObject = await call(`/api/exchanges/${id}/resend`, 'POST', '[1,2]');
  assert.equal(notObject.status, 400);
  assert.equal((notObject.json()['error'] as Json)['type'], 'invalid_json');
});

test('GET /api/conversations: totals, filters from the query string', async () => {
  await makeExchange();
  await makeExchange();
  const page = (await call('/api/conversations?limit=5&model=GPT-4O*')).json() as { items: Json[]; total: number };
  assert.ok(page.total >= 1);
  const first = page.items[0];
  assert.ok(first);
  assert.equal(typeof first['id'], 'string');
  assert.ok((first['calls'] as number) >= 1);
  assert.equal(typeof first['lastExchangeId'], 'number');
  const none = (await call('/api/conversations?model=nothing*')).json();
  assert.deepEqual(none, { items: [], total: 0 });
  assert.equal((await call('/api/conversations?limit=0')).status, 400);
});

test('GET /api/exchanges sorted: offset pages with nextOffset, no nextBefore', async () => {
  await makeExchange();
  await makeExchange();
  const p1 = (await call('/api/exchanges?sort=duration&order=asc&limit=1')).json();
  assert.equal(p1['nextBefore'], null);
  assert.equal(p1['nextOffset'], 1);
  const keyset = (await call('/api/exchanges?limit=1')).json();
  assert.equal(keyset['nextOffset'], null);
  assert.equal(typeof keyset['nextBefore'], 'number');
  assert.equal((await call('/api/exchanges?sort=nope')).status, 400);
});

test('POST /api/setup/self-test, GET /api/runtime and GET /api/ca', async () => {
  const st = await call('/api/setup/self-test', 'POST');
  assert.equal(st.status, 200);
  assert.equal(st.json()['ok'], true);
  const rt = (await call('/api/runtime')).json();
  assert.equal(rt['shell'], 'headless');
  assert.equal(rt['systemIntegration'], false);
  assert.match((rt['versions'] as Json)['sqlite'] as string, /^3\./);
  const ca = (await call('/api/ca')).json();
  assert.ok(['trusted', 'not_trusted', 'unknown'].includes((ca['trust'] as Json)['state'] as string));
});
