// The tray's brain over a real core whose OS actions run for real in a sandbox: gsettings on a private dconf, a
// terminal found on PATH, traffic through the real proxy. Only Electron's own surfaces (window, clipboard,
// notifications) are recorded instead of drawn.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { request } from 'undici';
import { DesktopController, type DesktopSurfaces } from '../../src-main/electron/desktop-controller.js';
import { desktopServices } from '../../src-main/electron/desktop-services.js';
import { trayIconState } from '../../src-main/electron/tray-menu.js';
import { gnomeBackend } from '../../src-main/system/proxy-gnome.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';
import { gnomeTools, makeSandbox, sandboxIntegration, type Sandbox } from '../system/sandbox.js';

class Surfaces implements DesktopSurfaces {
  shown: (string | undefined)[] = [];
  copied: string[] = [];
  notes: string[] = [];
  quits = 0;
  visible = false;
  showWindow(hash?: string) {
    this.shown.push(hash);
    this.visible = true;
  }
  hideWindow() {
    this.visible = false;
  }
  windowVisible() {
    return this.visible;
  }
  copyText(t: string) {
    this.copied.push(t);
  }
  notify(title: string, body: string) {
    this.notes.push(`${title}: ${body}`);
  }
  quit() {
    this.quits++;
  }
}

async function world(sb: Sandbox, opts: { has?: (t: string) => boolean; env?: NodeJS.ProcessEnv } = {}) {
  let proxyUrl = '';
  const system = await sandboxIntegration(sb, { proxyUrl: () => proxyUrl, ...(opts.has ? { has: opts.has } : {}), ...(opts.env ? { env: opts.env } : {}) });
  const t: TestInspector = await startTestInspector({ hostMap: { 'api.openai.com': '127.0.0.1:1' }, start: { system } });
  proxyUrl = t.proxyUrl;
  const surfaces = new Surfaces();
  const c = new DesktopController(
    desktopServices(t.inspector.service, t.inspector.config, { proxyUrl: t.proxyUrl, caPath: t.inspector.ca.certPath, bundlePath: t.inspector.bundlePath ?? '' }),
    surfaces,
    { proxyUrl: t.proxyUrl, platform: 'linux' },
  );
  const off = t.inspector.service.events.onAny((e) => c.onServiceEvent(e));
  return { t, c, surfaces, close: async () => (off(), await t.close()) };
}

test('capture on/off from the tray changes the config the proxy reads, and the icon follows', { timeout: 60_000 }, async () => {
  const sb = makeSandbox();
  const w = await world(sb);
  try {
    assert.equal(trayIconState(w.c.current), 'capturing');
    await w.c.run({ kind: 'set-capture', enabled: false });
    assert.equal((await w.t.inspector.service.call('config.get', {})).capture.enabled, false);
    assert.equal(trayIconState(w.c.current), 'idle');
    // changed elsewhere (the Settings view): the tray follows the config.changed event
    await w.t.inspector.service.call('config.set', { capture: { enabled: true } });
    assert.equal(w.c.current.capturing, true);
  } finally {
    await w.close();
    sb.cleanup();
  }
});

test('system proxy from the tray: on points GNOME at this proxy, off restores; a change from the window reaches the tray', { skip: gnomeTools.skip, timeout: 90_000 }, async () => {
  gnomeTools.assertInCi();
  const sb = makeSandbox();
  const w = await world(sb);
  try {
    await w.c.refresh();
    assert.deepEqual(w.c.current.systemProxy, { supported: true, enabled: false, pointsHere: false, note: null });
    await w.c.run({ kind: 'set-system-proxy', enabled: true });
    const port = Number(new URL(w.t.proxyUrl).port);
    const s = await gnomeBackend.read(sb.run);
    assert.deepEqual(s.backend === 'gnome' ? [s.mode, s.https] : null, ['manual', { host: '127.0.0.1', port }]);
    assert.equal(trayIconState(w.c.current), 'proxy');
    await w.t.inspector.service.call('system.proxy', { enabled: false });
    assert.equal(w.c.current.systemProxy?.enabled, false, 'system.changed followed');
    assert.equal(((await gnomeBackend.read(sb.run)) as { mode: string }).mode, 'none');
    assert.deepEqual(w.surfaces.notes, []);
  } finally {
    await w.close();
    sb.cleanup();
  }
});

test('a failed action becomes a notification naming what failed, never an exception', { timeout: 60_000 }, async () => {
  const sb = makeSandbox();
  const w = await world(sb, { has: () => false });
  try {
    await w.c.refresh();
    assert.equal(w.c.current.systemProxy?.supported, false);
    await w.c.run({ kind: 'set-system-proxy', enabled: true });
    assert.match(w.surfaces.notes.at(-1) ?? '', /Setting the system proxy failed: .*not supported/);
  } finally {
    await w.close();
    sb.cleanup();
  }
});

test('a failing call through the proxy shows up under recent errors and opens its exchange', { timeout: 60_000 }, async () => {
  const sb = makeSandbox();
  const w = await world(sb);
  try {
    const res = await request('https://api.openai.com/v1/models', { dispatcher: w.t.dispatcher });
    assert.equal(res.statusCode, 502);
    await res.body.arrayBuffer();
    const x = await w.t.waitFinished((e) => e.host === 'api.openai.com');
    assert.equal(w.c.current.recentErrors[0]?.id, x.id);
    assert.match(w.c.current.recentErrors[0]?.label ?? '', /^502 api\.openai\.com — upstream_unreachable/);
    await w.c.run({ kind: 'open-exchange', id: x.id });
    assert.deepEqual(w.surfaces.shown, [`#/traffic?id=${x.id}`]);
    await w.c.run({ kind: 'clear-errors' });
    assert.deepEqual(w.c.current.recentErrors, []);
  } finally {
    await w.close();
    sb.cleanup();
  }
});

test('copy env puts the shell lines on the clipboard; the intercepted terminal starts with them', { timeout: 60_000 }, async () => {
  const sb = makeSandbox();
  const bin = join(sb.home, 'bin');
  mkdirSync(bin, { recursive: true });
  const out = join(sb.home, 'terminal-env.txt');
  writeFileSync(join(bin, 'x-terminal-emulator'), `#!/bin/sh\necho "$HTTPS_PROXY $NODE_EXTRA_CA_CERTS" > '${out}'\n`);
  chmodSync(join(bin, 'x-terminal-emulator'), 0o755);
  const w = await world(sb, { env: { PATH: `${bin}:/usr/bin:/bin` } });
  try {
    await w.c.run({ kind: 'copy-env', shell: 'fish' });
    assert.match(w.surfaces.copied[0] ?? '', new RegExp(`set -gx HTTPS_PROXY ${w.t.proxyUrl.replace(/\./g, '\\.')}`));
    await w.c.run({ kind: 'intercept-terminal' });
    assert.match(w.surfaces.notes.at(-1) ?? '', /^Intercepted terminal started: x-terminal-emulator/);
    for (let i = 0; i < 50; i++) {
      try {
        if (readFileSync(out, 'utf8')) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.match(readFileSync(out, 'utf8'), new RegExp(`^${w.t.proxyUrl.replace(/\./g, '\\.')} \\S+`));
  } finally {
    await w.close();
    sb.cleanup();
  }
});
