// The Traffic view against a real `serve` fed by the real SDK clients: a streamed chat appears while it streams and its
// reply grows in the Chat tab; filters and full-text search narrow the list to what the API says they should.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { driveDemoTraffic, openaiStream } from '../harness/demo-traffic.js';
import { openUi } from './browser.js';
import { startE2eWorld, waitForExchanges, type E2eWorld } from './e2e-setup.js';

let world: E2eWorld;
before(async () => {
  // 304 chunks 20 ms apart: a reply that takes ~6 s to arrive
  world = await startE2eWorld({ streamChunkDelayMs: 20 });
});
after(async () => world?.close());

const rowIds = (page: Page) => page.$$eval('[data-testid="traffic-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));

test('first run teaches; a streamed chat appears live and its reply grows in the Chat tab', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl);
  await ui.page.waitForSelector('[data-testid="empty-state"][data-kind="no-traffic"]');
  // the card names this instance's proxy (never a guessed default)
  await ui.page.waitForFunction((url) => (document.querySelector('[data-testid="empty-state"]')?.textContent ?? '').includes(`HTTPS_PROXY=${url}`), world.serve.proxyUrl);
  assert.doesNotMatch((await ui.page.textContent('[data-testid="empty-state"]')) ?? '', /127\.0\.0\.1:8080\b/);
  await ui.screenshot('traffic-empty');

  let final = '';
  const streaming = openaiStream(world.serve.proxyUrl, { tag: 'live' }).then((t) => (final = t));
  const row = ui.page.locator('[data-testid="traffic-row"]').first();
  await row.waitFor();
  await row.click();
  await ui.page.waitForSelector('[data-testid="exchange-detail"]');
  await ui.page.click('[data-testid="tab-chat"]');
  const reply = ui.page.locator('[data-testid="chat-reply"]');
  await reply.waitFor();
  await ui.page.waitForFunction(() => (document.querySelector('[data-testid="chat-reply"]')?.textContent ?? '').length > 20);
  const early = ((await reply.textContent()) ?? '').length;
  await ui.page.waitForTimeout(1200);
  const later = ((await reply.textContent()) ?? '').length;
  assert.ok(later > early, `the reply grew while streaming (${early} → ${later} chars)`);
  await ui.screenshot('traffic-streaming');
  await streaming;
  await ui.page.waitForSelector('[data-testid="exchange-detail"][data-state="complete"]', { timeout: 15_000 });
  // the reply is rendered as Markdown, so compare the words, not the markup
  const words = (s: string) => s.replace(/[*_#`]/g, '').replace(/\s+/g, ' ').trim();
  await ui.page.waitForFunction(
    (want) => (document.querySelector('[data-testid="chat-reply"]')?.textContent ?? '').replace(/[*_#`]/g, '').replace(/\s+/g, ' ').includes(want),
    words(final).slice(-80),
  );
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('filters and full-text search narrow the list exactly as the API does, and live in the URL', async () => {
  await driveDemoTraffic(world.serve.proxyUrl);
  await waitForExchanges(world, 9);
  const ui = await openUi(world.browser, world.serve.openUrl);
  await ui.page.waitForSelector('[data-testid="traffic-row"]');
  const all = await world.api<{ items: { id: number }[] }>('/api/exchanges?limit=1000');
  await ui.page.waitForFunction((n) => document.querySelectorAll('[data-testid="traffic-row"]').length === n, all.items.length);
  await ui.screenshot('traffic-all');

  const cases: [string, string][] = [
    ['model:gpt-4o', 'model=gpt-4o'],
    ['errors', 'errorsOnly=true'],
    ['"refund policy"', `search=${encodeURIComponent('"refund policy"')}`],
    ['provider:anthropic', 'provider=anthropic'],
  ];
  for (const [typed, query] of cases) {
    const want = (await world.api<{ items: { id: number }[] }>(`/api/exchanges?limit=1000&${query}`)).items.map((x) => x.id).sort((a, b) => a - b);
    assert.ok(want.length > 0 && want.length < all.items.length, `${typed} selects some rows`);
    await ui.page.fill('[data-testid="filter-input"]', typed);
    await ui.page.press('[data-testid="filter-input"]', 'Enter');
    await ui.page.waitForFunction((n) => document.querySelectorAll('[data-testid="traffic-row"]').length === n, want.length);
    assert.deepEqual((await rowIds(ui.page)).sort((a, b) => a - b), want, typed);
    assert.match(decodeURIComponent(ui.page.url()), /[?&]q=/, typed);
    await ui.page.waitForSelector('[data-testid="filter-chip"]');
  }
  await ui.screenshot('traffic-filtered');

  // a bookmarked view opens filtered
  const url = ui.page.url();
  const again = await openUi(world.browser, world.serve.openUrl, url.slice(url.indexOf('#')));
  const want = (await world.api<{ items: unknown[] }>('/api/exchanges?limit=1000&provider=anthropic')).items.length;
  await again.page.waitForFunction((n) => document.querySelectorAll('[data-testid="traffic-row"]').length === n, want);
  assert.deepEqual([...ui.errors, ...again.errors], []);
  await again.context.close();
  await ui.context.close();
});

test('keyboard: / focuses the filter, arrows move, Enter opens, Esc closes', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl);
  await ui.page.waitForSelector('[data-testid="traffic-row"]');
  await ui.page.click('[data-testid="traffic-table"]');
  await ui.page.keyboard.press('ArrowDown');
  await ui.page.keyboard.press('Enter');
  await ui.page.waitForSelector('[data-testid="exchange-detail"]');
  assert.match(ui.page.url(), /[?&]id=\d+/);
  await ui.page.keyboard.press('Escape');
  await ui.page.waitForSelector('[data-testid="exchange-detail"]', { state: 'detached' });
  await ui.page.keyboard.press('/');
  assert.equal(await ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'filter-input');
  await ui.context.close();
});
