// The OS-integration commands over REST, for real: the headless API server in front of an inspector given a
// DesktopIntegration confined to a sandbox (private dconf for gsettings, temp HOME for NSS, temp root for the Debian
// store). Without one (plain `serve`), every system command answers 409 desktop_only with the CLI equivalents.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { request } from 'undici';
import type { ServiceEvent, SystemStatus } from '../../src-main/contract/index.js';
import { caTrustCommands, execRunner, SystemProxy } from '../../src-main/system/index.js';
import { gnomeBackend } from '../../src-main/system/proxy-gnome.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';
import { startTestInspector } from '../harness/inspector-harness.js';
import { debianStoreTools, gnomeTools, makeSandbox, nssTools, sandboxIntegration, type Sandbox } from '../system/sandbox.js';

const USERS_OWN = { backend: 'gnome' as const, mode: 'auto', http: { host: '', port: 0 }, https: { host: '', port: 0 }, ignoreHosts: ['localhost', '127.0.0.0/8', '::1'] };
const skip = gnomeTools.skip || nssTools.skip || debianStoreTools.skip;

let sb: Sandbox;
let world: ApiWorld;
let headless: ApiWorld;
const events: ServiceEvent[] = [];

before(async () => {
  sb = makeSandbox();
  // the proxy URL is known once the inspector listens; the integration asks for it on each use
  let proxyUrl = 'http://127.0.0.1:1';
  const system = await sandboxIntegration(sb, { proxyUrl: () => proxyUrl });
  [world, headless] = await Promise.all([startApiWorld({ start: { system } }), startApiWorld()]);
  proxyUrl = world.t.proxyUrl;
  world.t.inspector.service.events.onAny((e) => events.push(e));
});
after(async () => {
  await Promise.all([world?.close(), headless?.close()]);
  sb?.cleanup();
});

type Json = Record<string, unknown>;
async function call(w: ApiWorld, path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const res = await request(`${w.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.api.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text) as Json };
}
const changes = () => events.filter((e): e is Extract<ServiceEvent, { event: 'system.changed' }> => e.event === 'system.changed');

test('headless serve: every system command is 409 desktop_only, naming the CLI equivalents', async () => {
  const runtime = await call(headless, '/api/runtime');
  assert.equal(runtime.json['systemIntegration'], false);
  for (const [path, method, body] of [
    ['/api/system', 'GET', undefined],
    ['/api/system/proxy', 'POST', { enabled: true }],
    ['/api/ca/install', 'POST', {}],
    ['/api/ca/uninstall', 'POST', {}],
    ['/api/system/terminal', 'POST', {}],
  ] as const) {
    const r = await call(headless, path, method, body);
    assert.equal(r.status, 409, path);
    const err = r.json['error'] as Json;
    assert.equal(err['type'], 'desktop_only', path);
    assert.match(String(err['message']), /desktop app.*llm-inspector system-proxy on.*llm-inspector ca trust.*llm-inspector run -- <command>/, path);
  }
});

test('with a system integration: runtime says so, GET /api/system reports the proxy, the stores and the terminal', { skip }, async () => {
  assert.equal((await call(world, '/api/runtime')).json['systemIntegration'], true);
  const s = (await call(world, '/api/system')).json as unknown as SystemStatus;
  assert.equal(s.proxy.supported, true);
  assert.equal(s.proxy.backend, 'gnome');
  assert.equal(s.proxy.target, `127.0.0.1:${world.t.inspector.proxyPort}`);
  assert.deepEqual(s.ca.map((t) => [t.kind, t.trusted]), [['system', false], ['nss', false]]);
  // bad input is refused by the contract before anything runs
  assert.equal((await call(world, '/api/system/proxy', 'POST', { enabled: 'yes' })).status, 400);
  assert.equal((await call(world, '/api/ca/install', 'POST', { targets: ['bogus'] })).status, 400);
});

test('POST /api/system/proxy: on points gsettings at this inspector, off puts the user\'s settings back; each change is an event', { skip, timeout: 60_000 }, async () => {
  gnomeTools.assertInCi();
  await gnomeBackend.restore(sb.run, USERS_OWN);
  const port = world.t.inspector.proxyPort;
  const seen = changes().length;
  const on = await call(world, '/api/system/proxy', 'POST', { enabled: true });
  assert.equal(on.status, 200, JSON.stringify(on.json));
  assert.deepEqual((on.json as unknown as SystemStatus).proxy, { supported: true, backend: 'gnome', enabled: true, ours: true, savedPrevious: true, target: `127.0.0.1:${port}`, reason: null });
  assert.deepEqual(await gnomeBackend.read(sb.run), { backend: 'gnome', mode: 'manual', http: { host: '127.0.0.1', port }, https: { host: '127.0.0.1', port }, ignoreHosts: ['localhost', '127.0.0.1', '::1'] });
  const off = await call(world, '/api/system/proxy', 'POST', { enabled: false });
  assert.equal(off.status, 200);
  assert.equal((off.json as unknown as SystemStatus).proxy.ours, false);
  assert.deepEqual(await gnomeBackend.read(sb.run), USERS_OWN);
  const ev = changes().slice(seen);
  assert.deepEqual(ev.map((e) => e.data.proxy.ours), [true, false]);
});

test('POST /api/ca/install and /api/ca/uninstall: certutil lists the CA, then not; results per store', { skip, timeout: 60_000 }, async () => {
  nssTools.assertInCi();
  const db = join(sb.home, '.pki/nssdb');
  const seen = changes().length;
  const inst = await call(world, '/api/ca/install', 'POST', { targets: ['nss'] });
  assert.equal(inst.status, 200, JSON.stringify(inst.json));
  assert.deepEqual((inst.json['results'] as Json[]).map((r) => [r['kind'], r['ok'], r['error']]), [['nss', true, null]]);
  assert.deepEqual(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))), [{ nickname: 'LLM Inspector CA', trust: 'C,,' }]);
  const after = (inst.json['status'] as SystemStatus).ca;
  assert.deepEqual(after.map((t) => [t.kind, t.trusted]), [['system', false], ['nss', true]]);

  const all = await call(world, '/api/ca/install', 'POST', {});
  assert.deepEqual((all.json['results'] as Json[]).map((r) => [r['kind'], r['ok']]), [['system', true], ['nss', true]]);
  const un = await call(world, '/api/ca/uninstall', 'POST', {});
  assert.deepEqual((un.json['results'] as Json[]).map((r) => r['ok']), [true, true]);
  assert.deepEqual(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))), []);
  assert.deepEqual(changes().slice(seen).map((e) => e.data.ca.map((t) => t.trusted)), [[false, true], [true, true], [false, false]]);
});

test('the inspector restores the system proxy when it closes, and at start after a crash', { skip: gnomeTools.skip, timeout: 60_000 }, async () => {
  gnomeTools.assertInCi();
  const own = makeSandbox();
  try {
    await gnomeBackend.restore(own.run, USERS_OWN);
    let proxyUrl = 'http://127.0.0.1:1';
    const t = await startTestInspector({ start: { system: await sandboxIntegration(own, { proxyUrl: () => proxyUrl }) } });
    proxyUrl = t.proxyUrl;
    await t.inspector.service.call('system.proxy', { enabled: true });
    assert.deepEqual(await gnomeBackend.read(own.run), { ...USERS_OWN, mode: 'manual', http: { host: '127.0.0.1', port: t.inspector.proxyPort }, https: { host: '127.0.0.1', port: t.inspector.proxyPort }, ignoreHosts: ['localhost', '127.0.0.1', '::1'] });
    assert.equal((await t.inspector.service.call('system.status', {})).proxy.ours, true);
    await t.close();
    assert.deepEqual(await gnomeBackend.read(own.run), USERS_OWN, 'close() restored it');

    // a run that died with the proxy on (its pid is gone): the next start puts the user's settings back
    const app = execFile(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new SystemProxy({ dataDir: own.dataDir, backend: gnomeBackend, run: own.run }).on({ host: '127.0.0.1', port: 45999, bypass: [] }, app.pid ?? 0);
    await new Promise<void>((r) => {
      app.once('exit', () => r());
      app.kill('SIGKILL');
    });
    const next = await startTestInspector({ start: { system: await sandboxIntegration(own, { proxyUrl: 'http://127.0.0.1:1' }) } });
    try {
      assert.deepEqual(await gnomeBackend.read(own.run), USERS_OWN, 'recovered at start');
    } finally {
      await next.close();
    }
  } finally {
    own.cleanup();
  }
});
