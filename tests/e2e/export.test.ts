// The Export view against a real `serve`: a Traffic filter carried over by "Export…", a validated preview, a download
// of OpenAI chat JSONL whose lines are what the report says, and a HAR imported back into the store.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { driveDemoTraffic } from '../harness/demo-traffic.js';
import { openUi } from './browser.js';
import { startE2eWorld, waitForExchanges, type E2eWorld } from './e2e-setup.js';

let world: E2eWorld;
before(async () => {
  world = await startE2eWorld();
  await driveDemoTraffic(world.serve.proxyUrl);
  await waitForExchanges(world, 8);
});
after(async () => world?.close());

test('Traffic → Export… carries the filter; the preview validates; the download is the JSONL it described', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl);
  await ui.page.waitForSelector('[data-testid="traffic-row"]');
  await ui.page.fill('[data-testid="filter-input"]', 'provider:anthropic');
  await ui.page.press('[data-testid="filter-input"]', 'Enter');
  await ui.page.waitForSelector('[data-testid="filter-chip"]');
  await ui.page.click('[data-testid="export-these"]');
  await ui.page.waitForSelector('[data-testid="export-view"]');
  await ui.page.waitForFunction(() => (document.querySelector('[data-testid="export-option-provider"] input, input[data-testid="export-option-provider"]') as HTMLInputElement | null)?.value === 'anthropic');
  const report = ui.page.locator('[data-testid="export-report"]');
  await ui.page.waitForFunction(() => Number(document.querySelector('[data-testid="export-report"]')?.getAttribute('data-written') ?? 0) > 0, undefined, { timeout: 20_000 });
  const written = Number(await report.getAttribute('data-written'));
  await ui.page.waitForSelector('[data-testid="export-example"]');
  await ui.screenshot('export-preview');

  const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.click('[data-testid="export-download"]')]);
  const lines = readFileSync(await download.path(), 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, written);
  for (const line of lines) {
    const ex = JSON.parse(line) as { messages: { role: string }[] };
    assert.ok(Array.isArray(ex.messages) && ex.messages.length >= 2);
    assert.equal(ex.messages.at(-1)?.role, 'assistant');
  }
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('a HAR file imports into the store from the Export view', async () => {
  const res = await fetch(`${world.serve.uiUrl}/api/export?format=har&provider=openai`, { headers: { authorization: `Bearer ${world.serve.token}` } });
  assert.equal(res.status, 200);
  const har = await res.text();
  const entries = (JSON.parse(har) as { log: { entries: unknown[] } }).log.entries.length;
  assert.ok(entries > 0);
  const file = join(world.serve.dataDir, 'openai.har');
  writeFileSync(file, har);
  const before = (await world.api<{ items: unknown[] }>('/api/exchanges?limit=1000')).items.length;
  const ui = await openUi(world.browser, world.serve.openUrl, '#/export');
  await ui.page.setInputFiles('[data-testid="import-har-input"]', file);
  await ui.page.waitForSelector('[data-testid="import-har-result"][data-state="done"]', { timeout: 20_000 });
  const after = (await world.api<{ items: unknown[] }>('/api/exchanges?limit=1000')).items.length;
  assert.equal(after, before + entries);
  await ui.screenshot('export-import-har');
  await ui.context.close();
});
