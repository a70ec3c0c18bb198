// The desktop window's path without the Electron binary (which these machines cannot download): the built renderer in
// Debian's Chromium, its page and downloads answered by the app:// handler, its commands and events carried by the
// real compiled preload through the real IPC router and event bridge to a real core. Only Electron's transport between
// the page and the main process is replaced, by Playwright bindings.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { request } from 'undici';
import { APP_CSP, createAppProtocolHandler } from '../../src-main/electron/app-protocol.js';
import { IpcEventBridge } from '../../src-main/electron/ipc-events.js';
import { IPC_EVENTS, IPC_INVOKE, IpcRouter } from '../../src-main/electron/ipc-router.js';
import { runCommand, StaticUi } from '../../src-main/server/index.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';
import { repoRoot } from '../support/fixtures.js';
import { makeSandbox, sandboxIntegration, type Sandbox } from '../system/sandbox.js';
import { ARTIFACTS, launchBrowser } from './browser.js';

let world: ApiWorld;
let sb: Sandbox;
let browser: Browser;
let server: http.Server;
let origin: string;
const requested: string[] = [];

before(async () => {
  sb = makeSandbox();
  let proxyUrl = '';
  const system = await sandboxIntegration(sb, { proxyUrl: () => proxyUrl });
  world = await startApiWorld({ start: { shell: 'electron', system } });
  proxyUrl = world.t.proxyUrl;
  const handle = createAppProtocolHandler(new StaticUi(join(repoRoot(), 'dist', 'renderer')), () => ({ url: world.api.url, token: world.api.token }));
  // stands in for protocol.handle: the same web Request in, the same Response out, only over http for Chromium
  server = http.createServer((req, res) => {
    requested.push(`${req.method} ${req.url}`);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const init: RequestInit & { duplex?: 'half' } = {
      method: req.method ?? 'GET',
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    };
    handle(new Request(`app://inspector${req.url ?? '/'}`, init))
      .then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      })
      .catch((err: Error) => res.writeHead(500).end(err.message));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  await world?.close();
  sb?.cleanup();
});

/** A page whose `window.llmInspector` comes from the compiled preload, wired to the router and bridge over bindings. */
async function openDesktopPage(hash: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const router = new IpcRouter({ run: (c, i) => runCommand(world.t.inspector.service, c, i) });
  const svc = world.t.inspector.service;
  const bridge = new IpcEventBridge({ onAny: (fn) => svc.events.onAny(fn), greeting: () => ({ event: 'capture.status', data: svc.capture }) });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await context.exposeBinding('__llmiInvoke', (_src, channel: string, message: unknown) => {
    assert.equal(channel, IPC_INVOKE);
    // the sender is the window's page, as Electron reports it for the app:// origin
    return router.handle('app://inspector/', message);
  });
  await context.exposeBinding('__llmiSend', (_src, channel: string, message: unknown) => {
    assert.equal(channel, IPC_EVENTS);
    if (message !== 'subscribe') return;
    bridge.subscribe({
      id: 1,
      isDestroyed: () => page.isClosed(),
      send: (ch, m) => void page.evaluate(([c, msg]) => (window as unknown as { __llmiDeliver(c: string, m: string): void }).__llmiDeliver(c, msg), [ch, m] as const).catch(() => undefined),
      once: (_e, fn) => void page.once('close', fn),
    });
  });
  const preload = readFileSync(join(repoRoot(), 'dist', 'src-main', 'electron', 'preload.cjs'), 'utf8');
  await context.addInitScript(`(() => {
    const listeners = new Map();
    window.__llmiDeliver = (channel, message) => { for (const fn of listeners.get(channel) ?? []) fn({}, message); };
    const ipcRenderer = {
      invoke: (channel, message) => window.__llmiInvoke(channel, message),
      send: (channel, message) => { window.__llmiSend(channel, message); },
      on: (channel, fn) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
      off: (channel, fn) => listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
    };
    const contextBridge = { exposeInMainWorld: (key, api) => { window[key] = Object.freeze(api); } };
    const module = { exports: {} };
    (function (require, module, exports) {\n${preload}\n})((name) => { if (name !== 'electron') throw new Error(name); return { contextBridge, ipcRenderer }; }, module, module.exports);
  })();`);
  const res = await page.goto(`${origin}/${hash}`);
  assert.equal(res?.headers()['content-security-policy'], APP_CSP);
  return { page, errors, close: async () => (bridge.close(), await context.close()) };
}

test('the window runs on IPC alone: commands and live events arrive without any socket or token', { timeout: 60_000 }, async () => {
  const ui = await openDesktopPage('#/traffic');
  try {
    await ui.page.waitForSelector('nav[aria-label="Views"]');
    const before = await ui.page.$$('[data-testid="traffic-row"]');
    const res = await request('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      dispatcher: world.t.dispatcher,
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.statusCode, 200);
    await res.body.arrayBuffer();
    // the row arrives by the event bridge: nothing polls
    await ui.page.waitForFunction((n) => document.querySelectorAll('[data-testid="traffic-row"]').length > n, before.length, { timeout: 10_000 });
    // and is completed by the finished event: the model and tokens are known only once the reply is parsed
    await ui.page.waitForFunction(() => /gpt-4o/.test(document.querySelector('[data-testid="traffic-row"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    assert.deepEqual(requested.filter((r) => r.includes('/api/')), [], 'commands and events never went over HTTP');
    assert.deepEqual(ui.errors, []);
    await ui.page.screenshot({ path: join(ARTIFACTS, 'desktop-traffic.png') });
  } finally {
    await ui.close();
  }
});

test('the CA downloads through the app origin, which adds the token the page never holds', { timeout: 60_000 }, async () => {
  const ui = await openDesktopPage('#/setup');
  try {
    await ui.page.waitForSelector('[data-testid="ca-download-der"]');
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.click('[data-testid="ca-download-der"]')]);
    const cert = new X509Certificate(readFileSync(await download.path()));
    assert.equal(cert.fingerprint256, new X509Certificate(world.t.caPem).fingerprint256);
    assert.ok(requested.includes('GET /api/ca.der'));
    const token = await ui.page.evaluate(() => document.cookie + location.href);
    assert.doesNotMatch(token, new RegExp(world.api.token));
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
