// The exchange detail against a real `serve`: bodies in the viewer, stream events with arrival times, curl that
// names no secret, Resend making a new exchange through the proxy, and Compare between two turns.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { driveDemoTraffic, DEMO_KEYS } from '../harness/demo-traffic.js';
import { openUi } from './browser.js';
import { startE2eWorld, waitForExchanges, type E2eWorld } from './e2e-setup.js';

interface Row {
  id: number;
  model: string | null;
  stream: boolean;
  turn: number | null;
  path: string;
}

let world: E2eWorld;
let rows: Row[];
before(async () => {
  world = await startE2eWorld();
  await driveDemoTraffic(world.serve.proxyUrl);
  await waitForExchanges(world, 8);
  rows = (await world.api<{ items: Row[] }>('/api/exchanges?limit=1000')).items;
});
after(async () => world?.close());

test('request and response bodies, stream events and a curl without secrets', async () => {
  const streamed = rows.find((r) => r.stream && r.path === '/v1/chat/completions');
  assert.ok(streamed);
  const ui = await openUi(world.browser, world.serve.openUrl, `#/traffic?id=${streamed.id}&tab=request`);
  await ui.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ui.page.waitForSelector('[data-testid="body-viewer"]');
  assert.match((await ui.page.textContent('[data-testid="body-viewer"]')) ?? '', /refund policy/);
  await ui.screenshot('detail-request');
  await ui.page.click('[data-testid="tab-stream"]');
  await ui.page.waitForSelector('[data-testid="stream-event"]');
  assert.ok((await ui.page.$$('[data-testid="stream-event"]')).length > 5);
  await ui.screenshot('detail-stream');
  await ui.page.click('[data-testid="tab-overview"]');
  await ui.page.waitForSelector('[data-testid="waterfall"]');
  await ui.page.waitForSelector('[data-testid="usage-table"]');
  await ui.screenshot('detail-overview');
  await ui.page.click('[data-testid="star-toggle"]');
  await ui.page.waitForSelector('[data-testid="star-toggle"][aria-pressed="true"]');
  // the toggle shows the click at once; the row's star comes from the service's exchange.updated after the store wrote it
  await ui.page.waitForSelector(`[data-testid="traffic-row"][data-id="${streamed.id}"] .tr-star, [data-testid="traffic-row"][data-id="${streamed.id}"] [title*="tarred"]`);
  const starred = await world.api<{ items: { id: number }[] }>('/api/exchanges?starred=true');
  assert.deepEqual(starred.items.map((x) => x.id), [streamed.id]);
  await ui.page.click('[data-testid="copy-curl"]');
  const curl = await ui.page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^curl /);
  assert.match(curl, /api\.openai\.com\/v1\/chat\/completions/);
  assert.ok(!curl.includes(DEMO_KEYS.openai), 'the key is not in the curl');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('Resend replays the call through the proxy as a new exchange; Compare shows the two turns side by side', async () => {
  const first = rows.find((r) => r.model === 'claude-opus-4-8' && r.turn === 1 && !r.stream)!;
  const second = rows.find((r) => r.model === 'claude-opus-4-8' && r.turn === 2)!;
  const ui = await openUi(world.browser, world.serve.openUrl, `#/traffic?id=${first.id}`);
  await ui.page.click('[data-testid="resend"]');
  await ui.page.waitForSelector('[data-testid="resend-result"]');
  await ui.page.waitForSelector('[data-testid="resend-open"]');
  const after = (await world.api<{ items: Row[] }>('/api/exchanges?limit=1000')).items;
  assert.equal(after.length, rows.length + 1);
  // the provider saw the real key again (restored from the in-memory vault)
  const toAnthropic = world.provider.requests.filter((r) => r.url.startsWith('/v1/messages'));
  const last = toAnthropic.at(-1)!;
  assert.equal(toAnthropic.length, rows.filter((r) => r.path.startsWith('/v1/messages')).length + 1, 'the replay reached the provider');
  assert.equal(last.header('authorization'), `Bearer ${DEMO_KEYS.anthropic}`, JSON.stringify(last.headers));

  await ui.page.goto(`${world.serve.openUrl}#/traffic?id=${second.id}&compare=${first.id}&tab=compare`);
  await ui.page.waitForSelector('[data-testid="compare-summary"]');
  await ui.page.waitForSelector('[data-testid="compare-diff"] .cm-mergeView, [data-testid="compare-diff"] .cm-editor');
  assert.match((await ui.page.textContent('[data-testid="compare-summary"]')) ?? '', /message/i);
  await ui.screenshot('detail-compare');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});
