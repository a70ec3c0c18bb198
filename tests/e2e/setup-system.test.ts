// The Setup view's OS actions in a real browser against a real inspector whose system integration is confined to a
// sandbox (gsettings on a private dconf, certutil in a temp HOME, a temp Debian store root, a script standing in for
// the terminal): the switch really changes the GNOME proxy, Install CA really adds it to the NSS database.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { caTrustCommands, execRunner } from '../../src-main/system/index.js';
import { gnomeBackend } from '../../src-main/system/proxy-gnome.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';
import { debianStoreTools, gnomeTools, makeSandbox, nssTools, sandboxIntegration, type Sandbox } from '../system/sandbox.js';
import { launchBrowser, openUi } from './browser.js';

const skip = gnomeTools.skip || nssTools.skip || debianStoreTools.skip;
let sb: Sandbox;
let world: ApiWorld;
let browser: Browser;
let envFile: string;

before(async () => {
  if (skip) return;
  sb = makeSandbox();
  const bin = join(sb.home, 'bin');
  mkdirSync(bin);
  envFile = join(sb.home, 'terminal-env.txt');
  writeFileSync(join(bin, 'x-terminal-emulator'), `#!/bin/sh\nenv > '${envFile}.tmp' && mv '${envFile}.tmp' '${envFile}'\n`);
  chmodSync(join(bin, 'x-terminal-emulator'), 0o755);
  let proxyUrl = 'http://127.0.0.1:1';
  const system = await sandboxIntegration(sb, { proxyUrl: () => proxyUrl, env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` } });
  world = await startApiWorld({ start: { system } });
  proxyUrl = world.t.proxyUrl;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close().catch(() => undefined);
  await world?.close();
  sb?.cleanup();
});

test('Setup: the system proxy switch, Install CA / Remove per store and the intercepted terminal, for real', { skip, timeout: 90_000 }, async () => {
  gnomeTools.assertInCi();
  nssTools.assertInCi();
  await gnomeBackend.restore(sb.run, { backend: 'gnome', mode: 'none', http: { host: '', port: 0 }, https: { host: '', port: 0 }, ignoreHosts: [] });
  const ui = await openUi(browser, world.api.openUrl, '#/setup');
  const { page } = ui;
  await page.waitForSelector('[data-testid="system-proxy"][data-supported="true"]');
  assert.equal(await page.locator('[data-testid="one-click-install"]').count(), 0, 'the disabled headless button is gone');

  // system proxy on → GNOME points at this inspector; off → back to none
  await page.click('[data-testid="system-proxy-switch"]');
  await page.waitForSelector('[data-testid="system-proxy"][data-ours="true"]');
  const port = world.t.inspector.proxyPort;
  const on = await gnomeBackend.read(sb.run);
  assert.ok(on.backend === 'gnome' && on.mode === 'manual' && on.https.port === port && on.https.host === '127.0.0.1', JSON.stringify(on));
  assert.match((await page.textContent('[data-testid="system-proxy-summary"]')) ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  await page.click('[data-testid="system-proxy-switch"]');
  await page.waitForSelector('[data-testid="system-proxy"][data-ours="false"]');
  const off = await gnomeBackend.read(sb.run);
  assert.equal(off.backend === 'gnome' && off.mode, 'none');

  // Install CA in the NSS row → certutil lists it and the row turns trusted; Remove → gone
  const nss = page.locator('[data-testid="trust-target"][data-kind="nss"]');
  await nss.locator('[data-testid="trust-install"]').click();
  await page.waitForSelector('[data-testid="trust-target"][data-kind="nss"][data-trusted="true"]');
  assert.equal(await nss.locator('[data-testid="trust-result"]').getAttribute('data-ok'), 'true');
  const db = join(sb.home, '.pki/nssdb');
  assert.deepEqual(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))), [{ nickname: 'LLM Inspector CA', trust: 'C,,' }]);
  assert.equal(await page.getAttribute('[data-testid="trust-target"][data-kind="system"]', 'data-trusted'), 'false', 'only that store');
  await ui.screenshot('setup-system');
  await nss.locator('[data-testid="trust-remove"]').click();
  await page.waitForSelector('[data-testid="trust-target"][data-kind="nss"][data-trusted="false"]');
  assert.deepEqual(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))), []);

  // the terminal: the page says which one started; the process it started got the proxy variables
  await page.click('[data-testid="open-terminal"]');
  await page.waitForSelector('[data-testid="terminal-result"]');
  assert.match((await page.textContent('[data-testid="terminal-result"]')) ?? '', /Started x-terminal-emulator \(pid \d+\)/);
  const deadline = Date.now() + 10_000;
  while (!existsSync(envFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(readFileSync(envFile, 'utf8'), new RegExp(`^HTTPS_PROXY=http://127\\.0\\.0\\.1:${port}$`, 'm'));
  assert.deepEqual(ui.errors, []);
  await ui.context.close();
});
