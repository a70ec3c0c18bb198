// A full disk or an unwritable database pauses capture with a visible reason; the proxied traffic never notices, and
// capture resumes by itself once the store takes writes again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import type { CaptureStatus } from '../../src-main/contract/index.js';
import { sha256, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let provider: FakeProvider;
let t: TestInspector;
const big = Buffer.alloc(256 * 1024, 'x');

before(async () => {
  provider = await startProvider({ routes: [{ method: 'GET', path: /^\/big/, respond: { body: big, headers: { 'content-type': 'text/plain' } } }] });
  // a database that can grow to ~2 MB: a handful of 256 KB exchanges fill it
  t = await startTestInspector({ providerPort: provider.port, ingest: { retryIntervalMs: 100, test: { hooks: true, maxPageCount: 600 } } });
});

after(async () => {
  await t.close();
  await provider.close();
});

function waitStatus(pred: (s: CaptureStatus) => boolean, ms = 10_000): Promise<CaptureStatus> {
  return new Promise((resolve, reject) => {
    if (pred(t.inspector.service.capture)) return resolve(t.inspector.service.capture);
    const timer = setTimeout(() => { off(); reject(new Error(`status never matched; last ${JSON.stringify(t.inspector.service.capture)}`)); }, ms);
    const off = t.inspector.service.events.on('capture.status', (s) => {
      if (pred(s)) { clearTimeout(timer); off(); resolve(s); }
    });
  });
}

test('a full database pauses capture with a reason; traffic keeps flowing byte-identical; capture resumes', async () => {
  for (let i = 0; i < 20; i++) {
    const res = await request(`https://api.openai.com/big/${i}`, { dispatcher: t.dispatcher });
    const body = Buffer.from(await res.body.arrayBuffer());
    assert.equal(res.statusCode, 200, `request ${i} still served`);
    assert.equal(sha256(body), sha256(big), `request ${i} byte-identical`);
  }
  const paused = await waitStatus((s) => s.paused);
  assert.match(paused.reason ?? '', /full|space|retention/i);
  const health = await t.inspector.service.stats();
  assert.equal(health.capture.paused, true);

  // free the disk (raise the page limit); the queued exchanges are written and capture resumes
  await t.inspector.store.testPragma('max_page_count = 1000000');
  await waitStatus((s) => !s.paused);
  await t.inspector.store.flush();
  const page = await t.inspector.service.api['exchanges.list']({ limit: 100 });
  const stored = page.items.filter((x) => x.path.startsWith('/big/'));
  assert.equal(stored.length + t.inspector.service.capture.dropped, 20, 'every exchange is either stored or counted as dropped');
  assert.ok(stored.length >= 15, `most exchanges were kept through the pause (${stored.length})`);
  assert.equal(await t.inspector.store.integrityCheck(), 'ok');
});

test('a read-only database pauses capture, traffic still flows', async () => {
  await t.inspector.store.testPragma('query_only = 1');
  const res = await request('https://api.openai.com/big/ro', { dispatcher: t.dispatcher });
  assert.equal(sha256(Buffer.from(await res.body.arrayBuffer())), sha256(big));
  const paused = await waitStatus((s) => s.paused);
  assert.ok((paused.reason ?? '').length > 10);
  await t.inspector.store.testPragma('query_only = 0');
  await waitStatus((s) => !s.paused);
  await t.waitFinished((x) => x.path === '/big/ro');
});
