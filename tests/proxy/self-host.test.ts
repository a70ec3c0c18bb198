// The magic host llm-inspector.test, answered by the proxy itself over every way in (decrypted CONNECT, HTTP inside a
// tunnel, absolute-form forwarding, the generic route) and captured like any exchange; nothing goes upstream.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { SELF_HOST, selfHostAnswer } from '../../src-main/proxy/index.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let t: TestInspector;

before(async () => {
  t = await startTestInspector();
});
after(() => t.close());

async function viaProxy(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await request(url, { dispatcher: t.dispatcher });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, type: String(res.headers['content-type']), body };
}

/** `GET http://host/path` in absolute form straight to the proxy port, as curl -x does. */
function absolute(url: string): Promise<{ status: number; body: string }> {
  const port = Number(new URL(t.proxyUrl).port);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, headers: { host: new URL(url).host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('through CONNECT it is always decrypted with a leaf from the inspector CA, and /ping says https', async () => {
  // not in the MITM list, yet TLS verifies against the inspector CA: the proxy intercepted it, no blind tunnel
  assert.equal(t.inspector.config.get().mitm.hosts.includes(SELF_HOST), false);
  const ping = await viaProxy(`https://${SELF_HOST}/ping`);
  assert.equal(ping.status, 200);
  assert.match(ping.type, /application\/json/);
  assert.deepEqual(JSON.parse(ping.body.toString()), { intercepted: true, scheme: 'https' });
  const x = await t.waitFinished((e) => e.url === `https://${SELF_HOST}/ping`);
  assert.equal(x.mode, 'mitm');
  assert.equal(x.status, 200);
  assert.equal(x.state, 'complete');
  const detail = await t.inspector.service.call('exchanges.get', { id: x.id });
  assert.equal(detail.response.body, '{"intercepted":true,"scheme":"https"}');
});

test('the page links the CA downloads, which are served there too', async () => {
  const page = await viaProxy(`https://${SELF_HOST}/`);
  assert.equal(page.status, 200);
  assert.match(page.type, /text\/html/);
  for (const link of ['/ca.pem', '/ca.crt', '/ca.der']) assert.match(page.body.toString(), new RegExp(`href="${link}"`));
  const pem = await viaProxy(`https://${SELF_HOST}/ca.pem`);
  assert.equal(pem.body.toString(), t.caPem);
  const crt = await viaProxy(`https://${SELF_HOST}/ca.crt`);
  assert.equal(crt.body.toString(), t.caPem);
  const der = await viaProxy(`https://${SELF_HOST}/ca.der`);
  assert.equal(new X509Certificate(der.body).fingerprint256, new X509Certificate(t.caPem).fingerprint256);
  assert.equal((await viaProxy(`https://${SELF_HOST}/nope`)).status, 404);
});

test('plain HTTP: absolute-form forwarding, HTTP inside a tunnel and the generic route all answer with scheme http', async () => {
  const abs = await absolute(`http://${SELF_HOST}/ping`);
  assert.equal(abs.status, 200);
  assert.deepEqual(JSON.parse(abs.body), { intercepted: true, scheme: 'http' });
  // undici tunnels http:// URLs through CONNECT :80 too
  const tunnelled = await viaProxy(`http://${SELF_HOST}/ping`);
  assert.deepEqual(JSON.parse(tunnelled.body.toString()), { intercepted: true, scheme: 'http' });
  const routed = await request(`${t.proxyUrl}/https/${SELF_HOST}/ping`);
  assert.deepEqual(await routed.body.json(), { intercepted: true, scheme: 'http' });
  const seen = await t.waitFinished((e) => e.mode === 'base-url' && e.host === SELF_HOST);
  assert.equal(seen.status, 200);
  assert.ok(t.finished.filter((e) => e.host === SELF_HOST && e.mode === 'http').length >= 1);
});

test('answers: GET only, query strings ignored', () => {
  const ca = { exportPem: () => 'PEM', exportDer: () => Buffer.from('DER') };
  assert.equal(selfHostAnswer('POST', '/ping', 'https', ca).status, 405);
  assert.equal(selfHostAnswer('GET', '/ping?x=1', 'http', ca).body.toString(), '{"intercepted":true,"scheme":"http"}');
  assert.equal(selfHostAnswer('HEAD', '/ca.der', 'https', ca).body.toString(), 'DER');
});
