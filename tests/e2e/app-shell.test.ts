// The built UI served by a real `serve` process, in Debian's Chromium: it loads under its CSP without errors, keeps the
// token out of the address bar, and every view is reachable from the sidebar and by keyboard.
import assert from 'node:assert/strict';
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

test('the UI loads with its security headers and drops the token from the URL', async () => {
  const res = await fetch(world.serve.openUrl);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.match(res.headers.get('set-cookie') ?? '', /HttpOnly/);
  assert.match(await res.text(), /<div id="root">/);
  const noToken = await fetch(world.serve.uiUrl + '/');
  assert.equal(noToken.status, 401);

  const ui = await openUi(world.browser, world.serve.openUrl);
  await ui.page.waitForSelector('nav[aria-label="Views"]');
  assert.doesNotMatch(ui.page.url(), /token=/);
  assert.match(ui.page.url(), /#\/traffic/);
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});

test('every view opens from the sidebar and with Alt+digit, without errors', async () => {
  const ui = await openUi(world.browser, world.serve.openUrl);
  for (const id of ['conversations', 'dashboard', 'setup', 'settings', 'about', 'traffic']) {
    await ui.page.click(`[data-testid="nav-${id}"]`);
    await ui.page.waitForFunction((v) => location.hash.startsWith(`#/${v}`), id);
    const active = await ui.page.getAttribute(`[data-testid="nav-${id}"]`, 'aria-current');
    assert.equal(active, 'page', id);
  }
  await ui.page.keyboard.press('Alt+3');
  await ui.page.waitForFunction(() => location.hash.startsWith('#/dashboard'));
  await ui.page.keyboard.press('Alt+1');
  await ui.page.waitForFunction(() => location.hash.startsWith('#/traffic'));
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});
