import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { rootCertificates } from 'node:tls';
import { buildUpstreamCaList, loadOrCreateCa, splitPemBundle } from '../../src-main/ca/index.js';
import { tempDir } from './helpers.js';

test('includes Node roots and the extra CA file (PEM or DER), de-duplicated', async (t) => {
  const { dir, cleanup } = await tempDir('llmi-trust-');
  t.after(cleanup);
  const ca = await loadOrCreateCa(join(dir, 'ca'), { log: () => {} });
  const [ownPem] = splitPemBundle(ca.certPem);
  const pemFile = join(dir, 'gateway.pem');
  // A bundle with the gateway CA twice plus one public root: each appears once in the result.
  await writeFile(pemFile, `junk\n${ca.certPem}\r\n${ca.certPem}${rootCertificates[0]}`);
  const r = buildUpstreamCaList({ extraCaFile: pemFile, env: {} });
  assert.ok(r.ca.includes(ownPem!));
  assert.equal(r.ca.filter((c) => c === ownPem).length, 1);
  assert.equal(new Set(r.ca).size, r.ca.length);
  assert.ok(r.ca.length >= rootCertificates.length);
  assert.ok(r.sources.some((s) => s.startsWith('node: bundled roots')));
  assert.ok(r.sources.some((s) => s.startsWith(`extra CA file: ${pemFile}`)));

  const derFile = join(dir, 'gateway.cer');
  await writeFile(derFile, ca.exportDer());
  assert.ok(buildUpstreamCaList({ extraCaFile: derFile, env: {} }).ca.includes(ownPem!));

  const viaEnv = buildUpstreamCaList({ env: { NODE_EXTRA_CA_CERTS: pemFile } });
  assert.ok(viaEnv.ca.includes(ownPem!));
  assert.ok(viaEnv.sources.some((s) => s.startsWith('NODE_EXTRA_CA_CERTS')));
});

test('a missing or empty extra CA file fails clearly; a bad NODE_EXTRA_CA_CERTS only warns', async (t) => {
  const { dir, cleanup } = await tempDir('llmi-trust-');
  t.after(cleanup);
  const missing = join(dir, 'nope.pem');
  assert.throws(
    () => buildUpstreamCaList({ extraCaFile: missing, env: {} }),
    (err: Error) => err.message.includes(missing) && /does not exist/.test(err.message) && /setting/.test(err.message),
  );
  const empty = join(dir, 'empty.pem');
  await writeFile(empty, 'not a certificate');
  assert.throws(() => buildUpstreamCaList({ extraCaFile: empty, env: {} }), /holds no certificate/);
  const r = buildUpstreamCaList({ extraCaFile: null, env: { NODE_EXTRA_CA_CERTS: missing } });
  assert.ok(r.warnings.some((w) => w.includes(missing)));
  assert.ok(r.ca.length >= rootCertificates.length);
});

test('splitPemBundle normalises line wrapping so equal certificates compare equal', () => {
  const [a] = splitPemBundle(rootCertificates[0]!);
  const body = a!.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const rewrapped = `-----BEGIN CERTIFICATE-----\r\n${body.match(/.{1,76}/g)!.join('\r\n')}\r\n-----END CERTIFICATE-----`;
  assert.deepEqual(splitPemBundle(rewrapped), [a]);
});
