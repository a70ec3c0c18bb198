import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { APP_CSP, createAppProtocolHandler } from '../../src-main/electron/app-protocol.js';
import { StaticUi } from '../../src-main/server/index.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';

// The window's scheme handler over a real core and its real loopback API server: pages from a real build folder,
// downloads forwarded with the token the page never holds.
let world: ApiWorld;
let uiDir: string;
let handle: (r: Request) => Promise<Response>;

before(async () => {
  world = await startApiWorld();
  uiDir = mkdtempSync(join(tmpdir(), 'llmi-ui-'));
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>LLM Inspector</title><script type="module" src="/assets/app-1.js"></script>');
  writeFileSync(join(uiDir, 'assets', 'app-1.js'), 'console.log("app")');
  writeFileSync(join(tmpdir(), 'llmi-secret.js'), 'secret');
  handle = createAppProtocolHandler(new StaticUi(uiDir), () => ({ url: world.api.url, token: world.api.token }));
});
after(async () => {
  await world.close();
  rmSync(uiDir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'llmi-secret.js'), { force: true });
});

test('the page is served with the window policy, for any path (the router lives in the hash)', async () => {
  for (const url of ['app://inspector/', 'app://inspector/traffic', 'app://inspector/?x=1']) {
    const res = await handle(new Request(url));
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get('content-security-policy'), APP_CSP);
    assert.match(await res.text(), /<title>LLM Inspector<\/title>/);
  }
  assert.match(APP_CSP, /connect-src 'self'(;|$)/);
  assert.doesNotMatch(APP_CSP, /unsafe-eval|script-src[^;]*unsafe-inline/);
});

test('bundles come from the build folder and nothing outside it is reachable', async () => {
  const js = await handle(new Request('app://inspector/assets/app-1.js'));
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.equal(await js.text(), 'console.log("app")');
  for (const url of ['app://inspector/assets/..%2F..%2Fllmi-secret.js', 'app://inspector/assets/missing.js']) {
    assert.equal((await handle(new Request(url))).status, 404, url);
  }
  // dot segments are resolved by the URL parser first: what is left is a page path, which gets the page, not the file
  const dotted = await handle(new Request('app://inspector/assets/%2e%2e/%2e%2e/llmi-secret.js'));
  assert.doesNotMatch(await dotted.text(), /secret/);
});

test('other hosts and methods are refused', async () => {
  assert.equal((await handle(new Request('app://elsewhere/'))).status, 404);
  assert.equal((await handle(new Request('app://inspector/', { method: 'POST', body: 'x' }))).status, 405);
});

test('CA downloads are forwarded to the API server with its token, which a bare request lacks', async () => {
  const bare = await fetch(`${world.api.url}/api/ca.der`);
  assert.equal(bare.status, 401);
  const res = await handle(new Request('app://inspector/api/ca.der'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /llm-inspector-ca\.der/);
  const cert = new X509Certificate(Buffer.from(await res.arrayBuffer()));
  assert.equal(cert.fingerprint256, new X509Certificate(world.t.caPem).fingerprint256);
});

test('an upload streams through to the API (HAR import) and its answer comes back as is', async () => {
  const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] } };
  const res = await handle(new Request('app://inspector/api/import/har', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(har) }));
  const direct = await fetch(`${world.api.url}/api/import/har`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.token}` }, body: JSON.stringify(har) });
  assert.equal(res.status, direct.status);
  assert.equal(res.headers.get('content-type'), direct.headers.get('content-type'));
});

test('before the core is up, downloads answer 503 rather than hanging', async () => {
  const early = createAppProtocolHandler(new StaticUi(uiDir), () => null);
  assert.equal((await early(new Request('app://inspector/api/ca.pem'))).status, 503);
});

test('without a renderer build the page says how to build it', async () => {
  const none = createAppProtocolHandler(new StaticUi(join(uiDir, 'nope')), () => null);
  const res = await none(new Request('app://inspector/'));
  assert.equal(res.status, 404);
  assert.match(await res.text(), /npm run build/);
});
