import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { interceptedEnv, nodeHonoursEnvProxy, outsideAsar, proxyPreloadPath } from '../../src-main/system/index.js';

const ctx = { proxyUrl: 'http://127.0.0.1:8080', caPath: '/d/ca.pem', bundlePath: '/d/bundle.pem', preloadPath: '/opt/my app/proxy-preload.js' };

test('intercepted env: proxy, CA variables, localhost kept out, preload appended to NODE_OPTIONS', () => {
  const env = interceptedEnv({ PATH: '/bin', NODE_OPTIONS: '--max-old-space-size=512' }, ctx);
  assert.equal(env.PATH, '/bin');
  for (const k of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) assert.equal(env[k], ctx.proxyUrl);
  assert.equal(env.NO_PROXY, 'localhost,127.0.0.1,::1');
  assert.equal(env.NODE_EXTRA_CA_CERTS, '/d/ca.pem');
  for (const k of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'GIT_SSL_CAINFO']) assert.equal(env[k], '/d/bundle.pem');
  assert.equal(env.NODE_USE_ENV_PROXY, '1');
  assert.equal(env.NODE_OPTIONS, '--max-old-space-size=512 --import="file:///opt/my%20app/proxy-preload.js"');
});

test('intercepted env: --proxy-localhost empties NO_PROXY; no NODE_OPTIONS before gives just the preload', () => {
  const env = interceptedEnv({}, { ...ctx, proxyLocalhost: true });
  assert.equal(env.NO_PROXY, '');
  assert.equal(env.NODE_OPTIONS, '--import="file:///opt/my%20app/proxy-preload.js"');
});

test('which Node versions honour the proxy variables by themselves', () => {
  assert.equal(nodeHonoursEnvProxy('v20.20.2'), false);
  assert.equal(nodeHonoursEnvProxy('22.20.0'), false);
  assert.equal(nodeHonoursEnvProxy('22.21.0'), true);
  assert.equal(nodeHonoursEnvProxy('24.4.1'), false);
  assert.equal(nodeHonoursEnvProxy('24.5.0'), true);
  assert.equal(nodeHonoursEnvProxy('26.0.0'), true);
});

test('the preload an intercepted child loads is a readable file, outside the asar when packaged', () => {
  assert.ok(existsSync(proxyPreloadPath()), proxyPreloadPath());
  assert.equal(outsideAsar('/opt/LLM Inspector/resources/app.asar/dist/src-main/system/proxy-preload.js'), '/opt/LLM Inspector/resources/app.asar.unpacked/dist/src-main/system/proxy-preload.js');
  assert.equal(outsideAsar('C:\\Program Files\\LLM Inspector\\resources\\app.asar\\dist\\x.js'), 'C:\\Program Files\\LLM Inspector\\resources\\app.asar.unpacked\\dist\\x.js');
  // only the archive itself: a folder merely named like it elsewhere is left alone
  assert.equal(outsideAsar('/home/me/app.asarx/dist/x.js'), '/home/me/app.asarx/dist/x.js');
  assert.equal(outsideAsar('/work/main/dist/src-main/system/proxy-preload.js'), '/work/main/dist/src-main/system/proxy-preload.js');
});
