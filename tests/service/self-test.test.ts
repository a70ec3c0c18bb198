// The interception self-test against the real proxy: every step passes and names the captured exchange; a wrong CA,
// capture switched off and a proxy that is not there each fail at their own step with a reason.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { ReplayMarkers } from '../../src-main/capture/index.js';
import { SELF_HOST } from '../../src-main/proxy/index.js';
import { ServiceEvents } from '../../src-main/service/index.js';
import { runSelfTest } from '../../src-main/service/self-test.js';
import { getTestPki } from '../support/test-pki.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let t: TestInspector;

before(async () => {
  t = await startTestInspector();
});
after(() => t.close());

test('every step passes, and the exchange it names is the captured /ping', async () => {
  const r = await t.inspector.service.call('setup.selfTest', {});
  assert.equal(r.ok, true, JSON.stringify(r.steps));
  assert.deepEqual(r.steps.map((s) => s.name), [
    'proxy reachable',
    'CONNECT + TLS with the inspector CA',
    `GET https://${SELF_HOST}/ping answered`,
    'exchange captured',
  ]);
  assert.ok(r.steps.every((s) => s.ok && s.detail.length > 0));
  assert.ok(r.exchangeId !== null);
  const x = await t.inspector.service.call('exchanges.get', { id: r.exchangeId });
  assert.equal(x.url, `https://${SELF_HOST}/ping`);
  assert.equal(x.state, 'complete');
  assert.equal(x.response.body, '{"intercepted":true,"scheme":"https"}');
  assert.ok(!x.request.headers.some(([k]) => k.toLowerCase() === 'x-llm-inspector-replay'));
  // a second run works the same (markers are one-use, listeners are removed)
  const again = await t.inspector.service.call('setup.selfTest', {});
  assert.equal(again.ok, true);
  assert.notEqual(again.exchangeId, r.exchangeId);
});

test('a CA the proxy does not sign with fails the TLS step; the later steps are listed as not run', async () => {
  const port = t.inspector.proxyPort;
  const r = await runSelfTest({
    proxy: { host: '127.0.0.1', port },
    caPem: (await getTestPki()).caPem,
    markers: new ReplayMarkers(),
    events: t.inspector.service.events,
  });
  assert.equal(r.ok, false);
  assert.deepEqual(r.steps.map((s) => s.ok), [true, false, false, false]);
  assert.match(r.steps[1]?.detail ?? '', /not from the inspector's CA/);
  assert.match(r.steps[3]?.detail ?? '', /Not run/);
  assert.equal(r.exchangeId, null);
});

test('nothing listening: the first step says where it looked', async () => {
  const spare = net.createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  const port = (spare.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => spare.close(() => resolve()));
  const r = await runSelfTest({ proxy: { host: '127.0.0.1', port }, caPem: t.caPem, markers: new ReplayMarkers(), events: new ServiceEvents() });
  assert.equal(r.ok, false);
  assert.match(r.steps[0]?.detail ?? '', new RegExp(`127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
});

test('capture switched off: the request is answered but nothing is recorded', async () => {
  const off = await startTestInspector({ config: { capture: { enabled: false } } });
  try {
    const r = await off.inspector.service.call('setup.selfTest', {});
    assert.equal(r.ok, false);
    assert.deepEqual(r.steps.map((s) => s.ok), [true, true, true, false]);
    assert.match(r.steps[3]?.detail ?? '', /capture is switched off/);
  } finally {
    await off.close();
  }
});
