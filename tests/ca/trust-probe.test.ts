// The CA trust probe over temp bundle files: found (PEM among others, or a lone DER file), absent, unreadable, and the
// platforms whose stores cannot be read from here.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { LINUX_TRUST_BUNDLES, loadOrCreateCa, probeCaTrust, trustBundleFiles } from '../../src-main/ca/index.js';
import { getTestPki } from '../support/test-pki.js';
import { tempDir } from './helpers.js';

test('trusted when the CA is in a bundle, not_trusted when readable bundles lack it, unknown when none can be read', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const ca = await loadOrCreateCa(join(dir, 'ca'), { log: () => undefined });
  const other = (await getTestPki()).caPem;
  const der = ca.exportDer();

  const without = join(dir, 'system.crt');
  await writeFile(without, `# a system bundle\n${other}\n${other}`);
  const withPem = join(dir, 'with.pem');
  // CRLF and different line wrapping still name the same DER
  const rewrapped = ca.certPem.replace(/\n/g, '\r\n');
  await writeFile(withPem, `${other}\n${rewrapped}`);
  const withDer = join(dir, 'ca.der');
  await writeFile(withDer, der);
  const missing = join(dir, 'nope.crt');

  const absent = await probeCaTrust(der, { files: [without, missing], platform: 'linux' });
  assert.equal(absent.state, 'not_trusted');
  assert.equal(absent.detail, `Not in ${without} (not readable or not there: ${missing}).`);

  const found = await probeCaTrust(der, { files: [without, withPem, missing], platform: 'linux' });
  assert.deepEqual(found, { state: 'trusted', detail: `Found in ${withPem}.` });
  assert.equal((await probeCaTrust(der, { files: [withDer], platform: 'linux' })).state, 'trusted');

  const none = await probeCaTrust(der, { files: [missing], platform: 'linux' });
  assert.equal(none.state, 'unknown');
  assert.match(none.detail, /No certificate bundle could be read: looked in .*nope\.crt/);

  // nothing is remembered: a CA installed after a first probe is seen by the next one
  await writeFile(without, `${other}\n${ca.certPem}`);
  assert.equal((await probeCaTrust(der, { files: [without], platform: 'linux' })).state, 'trusted');
});

test('macOS and Windows: unknown, pointing at the one-click install', async () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const r = await probeCaTrust(Buffer.from('x'), { platform, files: [] });
    assert.equal(r.state, 'unknown');
    assert.match(r.detail, /use the desktop app's one-click install or the steps below/);
  }
});

test('the bundle list: system bundles plus SSL_CERT_FILE and NODE_EXTRA_CA_CERTS', () => {
  assert.deepEqual(trustBundleFiles({}), [...LINUX_TRUST_BUNDLES]);
  assert.deepEqual(trustBundleFiles({ SSL_CERT_FILE: '/a.pem', NODE_EXTRA_CA_CERTS: '/b.pem' }), [...LINUX_TRUST_BUNDLES, '/a.pem', '/b.pem']);
  assert.deepEqual(trustBundleFiles({ SSL_CERT_FILE: LINUX_TRUST_BUNDLES[0] }), [...LINUX_TRUST_BUNDLES]);
});
