// The LLM views against a real `serve` fed by the real SDK clients: the Chat tab shows Anthropic's tool loop, the
// dashboard's totals are the store's, the Conversations view shows the whole thread with a bar per call.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { driveDemoTraffic } from '../harness/demo-traffic.js';
import { openUi } from './browser.js';
import { startE2eWorld, waitForExchanges, type E2eWorld } from './e2e-setup.js';

interface Row {
  id: number;
  model: string | null;
  turn: number | null;
  conversationId: string | null;
  usage: { inputTokens: number | null } | null;
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

/** the second call of the recorded Anthropic tool loop: it sends the tool call and its result back */
const toolLoopFinal = () => {
  const r = rows.find((x) => x.model === 'claude-opus-4-8' && x.turn === 2);
  assert.ok(r, 'the tool loop was captured as turn 2 of a conversation');
  return r;
};

test('the Chat tab shows the tool loop: the call, its arguments, the result and the final answer', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl, `#/traffic?id=${toolLoopFinal().id}&tab=chat`);
  await ui.page.waitForSelector('[data-testid="tool-call"]');
  assert.match((await ui.page.textContent('[data-testid="tool-call"]')) ?? '', /test_tool[\s\S]*"value"[\s\S]*"test"/);
  await ui.page.waitForSelector('[data-testid="tool-result"]');
  const roles = await ui.page.$$eval('[data-testid="chat-message"]', (els) => els.map((e) => e.getAttribute('data-role')));
  assert.ok(roles.includes('user') && roles.includes('assistant'), roles.join(','));
  assert.ok(((await ui.page.textContent('[data-testid="chat-reply"]')) ?? '').length > 0);
  await ui.screenshot('chat-tool-loop');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('the dashboard shows the store\'s totals and a click on a chart filters the timeline', async () => {
  const since = Date.now() - 3600_000;
  const summary = await world.api<{ groups: { total_requests: number; input_tokens: number }[] }>(`/api/analytics/summary?since=${since}&groupBy=provider`);
  const requests = summary.groups.reduce((a, g) => a + g.total_requests, 0);
  assert.ok(requests >= 8);
  const ui = await openUi(world.browser, world.serve.openUrl, '#/dashboard?range=1h');
  const value = '[data-testid="summary-tile"][data-kind="requests"] .dash-tile-value';
  await ui.page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''), value);
  assert.equal(((await ui.page.textContent(value)) ?? '').trim(), String(requests));
  for (const chart of ['chart-tokens', 'chart-cost', 'chart-requests', 'chart-latency']) {
    await ui.page.waitForSelector(`[data-testid="${chart}"] svg`);
  }
  await ui.screenshot('dashboard');
  const legend = ui.page.locator('[data-testid="chart-cost"] [data-testid="legend-item"]').first();
  await legend.click();
  await ui.page.waitForFunction(() => location.hash.startsWith('#/traffic') && /q=/.test(location.hash));
  await ui.page.waitForSelector('[data-testid="filter-chip"]');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('a conversation opens as one thread with a token bar per call', async () => {
  const conv = toolLoopFinal().conversationId;
  assert.ok(conv);
  const calls = rows.filter((r) => r.conversationId === conv);
  const ui = await openUi(world.browser, world.serve.openUrl, '#/conversations');
  await ui.page.waitForSelector(`[data-testid="conversation-row"][data-id="${conv}"]`);
  await ui.screenshot('conversations');
  await ui.page.click(`[data-testid="conversation-row"][data-id="${conv}"]`);
  await ui.page.waitForSelector('[data-testid="conversation-thread"]');
  await ui.page.waitForSelector('[data-testid="tool-call"]');
  const bars = await ui.page.$$eval('[data-testid="turn-bar"]', (els) => els.map((e) => Number(e.getAttribute('data-id'))));
  assert.deepEqual(bars.sort((a, b) => a - b), calls.map((c) => c.id).sort((a, b) => a - b));
  await ui.screenshot('conversation-thread');
  await ui.page.click(`[data-testid="turn-bar"][data-id="${calls[0]!.id}"]`);
  await ui.page.waitForFunction((id) => location.hash.startsWith('#/traffic') && location.hash.includes(`id=${id}`), calls[0]!.id);
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});
