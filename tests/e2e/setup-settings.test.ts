// Setup & CA, Settings and About in the browser against a real `serve`: the CA downloads are real certificates with
// the fingerprint the page shows, the self-test goes through the proxy, settings refuse bad values inline.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openUi } from './browser.js';
import { startE2eWorld, type E2eWorld } from './e2e-setup.js';

let world: E2eWorld;
before(async () => {
  world = await startE2eWorld();
});
after(async () => world?.close());

const hex = (s: string) => s.replace(/[^0-9a-f]/gi, '').toLowerCase();

test('the CA downloads as PEM, DER and CRT, each the certificate whose fingerprint the page shows', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl, '#/setup');
  await ui.page.waitForSelector('[data-testid="ca-fingerprint"]');
  const shown = hex((await ui.page.textContent('[data-testid="ca-fingerprint"]')) ?? '');
  assert.equal(shown.length, 64);
  for (const fmt of ['pem', 'der', 'crt']) {
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.click(`[data-testid="ca-download-${fmt}"]`)]);
    const file = await download.path();
    const cert = new X509Certificate(readFileSync(file));
    assert.match(cert.subject, /LLM Inspector CA/, fmt);
    assert.equal(cert.ca, true, fmt);
    assert.equal(hex(cert.fingerprint256), shown, fmt);
  }
  const trust = await ui.page.getAttribute('[data-testid="ca-trust"]', 'data-state');
  assert.ok(['trusted', 'not_trusted', 'unknown'].includes(trust ?? ''), `trust state ${trust}`);
  const install = ui.page.locator('[data-testid="one-click-install"]');
  assert.equal(await install.isDisabled(), true, 'headless mode cannot install the CA');
  await ui.screenshot('setup');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('"Test it" goes through the proxy and links the exchange it captured', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl, '#/setup');
  await ui.page.click('[data-testid="self-test"]');
  await ui.page.waitForSelector('[data-testid="self-test-exchange"]', { timeout: 15_000 });
  const steps = await ui.page.$$eval('[data-testid="self-test-step"]', (els) => els.map((e) => e.getAttribute('data-ok')));
  assert.ok(steps.length >= 3);
  assert.deepEqual(new Set(steps), new Set(['true']));
  const page = await world.api<{ items: { host: string }[] }>('/api/exchanges?host=llm-inspector.test');
  assert.ok(page.items.length >= 1);
  await ui.screenshot('setup-self-test');
  await ui.context.close();
});

test('settings show an inline error for a bad value and save a good one', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl, '#/settings');
  await ui.page.waitForSelector('[data-testid="settings-form"]');
  const port = ui.page.locator('[data-testid="field-proxy.port"]');
  await port.fill('70000');
  const err = ui.page.locator('[data-testid="field-error"][data-path="proxy.port"]');
  await err.waitFor();
  assert.ok(((await err.textContent()) ?? '').length > 3);
  await ui.screenshot('settings-error');
  await port.fill('8080');
  await err.waitFor({ state: 'detached' });

  const cap = ui.page.locator('[data-testid="field-capture.maxBodyBytes"]');
  const before = await world.api<{ capture: { maxBodyBytes: number } }>('/api/config');
  await cap.fill('2');
  await ui.page.click('[data-testid="settings-save"]');
  await ui.page.waitForSelector('[data-testid="settings-toast"]');
  const saved = await world.api<{ capture: { maxBodyBytes: number }; proxy: { port: number } }>('/api/config');
  assert.notEqual(saved.capture.maxBodyBytes, before.capture.maxBodyBytes);
  assert.equal(saved.capture.maxBodyBytes, 2 * 1024 * 1024, 'the field is in MiB');

  await ui.page.selectOption('[data-testid="theme-select"]', 'dark');
  await ui.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await ui.screenshot('settings-dark');
  assert.equal((await world.api<{ ui: { theme: string } }>('/api/config')).ui.theme, 'dark');
  await ui.page.selectOption('[data-testid="theme-select"]', 'light');
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('About lists the versions this process runs on', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl, '#/about');
  await ui.page.waitForSelector('[data-testid="about-versions"]');
  const text = (await ui.page.textContent('[data-testid="about-versions"]')) ?? '';
  assert.ok(text.includes(process.versions.node), text);
  await ui.screenshot('about');
  await ui.context.close();
});
