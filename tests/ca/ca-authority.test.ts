import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import forge from 'node-forge';
import { caPaths, loadOrCreateCa, regenerateCa } from '../../src-main/ca/index.js';
import { CaInfoSchema } from '../../src-main/contract/status.js';
import { DAY, YEAR_MS, captureLog, tempDir } from './helpers.js';

const posix = process.platform !== 'win32';

test('creates a CA in the http-mitm-proxy layout with private modes', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const { lines, log } = captureLog();
  const ca = await loadOrCreateCa(caDir, { log });
  const p = caPaths(caDir);
  for (const f of [p.certPath, p.privateKeyPath, p.publicKeyPath]) assert.ok(existsSync(f), f);
  assert.equal(ca.certPath, p.certPath);
  assert.equal(await readFile(p.certPath, 'utf8'), ca.certPem);
  if (posix) {
    assert.equal((await stat(p.privateKeyPath)).mode & 0o777, 0o600);
    assert.equal((await stat(p.certPath)).mode & 0o777, 0o644);
    for (const d of [caDir, p.certsDir, p.keysDir]) assert.equal((await stat(d)).mode & 0o777, 0o700, d);
  }
  assert.match(lines.join('\n'), /Created LLM Inspector CA/);

  const x = new X509Certificate(ca.certPem);
  assert.match(x.subject, /^CN=LLM Inspector CA \(.+ [0-9a-f]{6}\)$/m);
  assert.match(x.subject, /^O=LLM Inspector$/m);
  assert.ok(x.ca);
  const life = Date.parse(x.validTo) - Date.parse(x.validFrom);
  assert.ok(Math.abs(life - (10 * YEAR_MS + DAY)) < 3 * DAY, `validity ${life / DAY} days`);
  assert.ok(Date.parse(x.validFrom) < Date.now() - DAY / 2, 'notBefore is back-dated');
  assert.ok(x.verify(x.publicKey), 'self-signed');

  const cert = forge.pki.certificateFromPem(ca.certPem);
  const bc = cert.getExtension('basicConstraints') as { cA?: boolean; critical?: boolean; pathLenConstraint?: number };
  assert.equal(bc.cA, true);
  assert.equal(bc.critical, true);
  assert.equal(bc.pathLenConstraint, 0);
  const ku = cert.getExtension('keyUsage') as { keyCertSign?: boolean; cRLSign?: boolean; critical?: boolean };
  assert.deepEqual([ku.keyCertSign, ku.cRLSign, ku.critical], [true, true, true]);
  assert.ok(cert.getExtension('subjectKeyIdentifier'));
  assert.equal(cert.siginfo.algorithmOid, forge.pki.oids['sha256WithRSAEncryption']);

  const info = ca.info();
  // trust is probed separately (trust-probe.ts) and the bundle is the core's; the CA describes itself
  CaInfoSchema.omit({ trust: true, bundlePath: true }).parse(info);
  assert.match(info.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(info.certPath, p.certPath);
  assert.equal(info.notAfter, new Date(x.validTo).toISOString());
});

test('reload keeps the same CA; the private key never appears in an export', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const ca = await loadOrCreateCa(caDir, { log: () => {} });
  const { lines, log } = captureLog();
  const again = await loadOrCreateCa(caDir, { log });
  assert.equal(again.info().fingerprintSha256, ca.info().fingerprintSha256);
  assert.equal(lines.length, 0, 'a healthy reload is silent');
  const keyPem = await readFile(caPaths(caDir).privateKeyPath, 'utf8');
  assert.ok(!ca.exportPem().includes('PRIVATE KEY'));
  assert.ok(!JSON.stringify(ca).includes(keyPem.split('\n')[1]!), 'no key material reachable through JSON');
});

test('http-mitm-proxy loads this CA instead of making its own', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const ca = await loadOrCreateCa(caDir, { log: () => {} });
  const require = createRequire(import.meta.url);
  const { CA } = require('http-mitm-proxy/dist/lib/ca.js') as {
    CA: { create(dir: string, cb: (err: Error | null, ca: { getPem(): string }) => void): void };
  };
  const lib = await new Promise<{ getPem(): string }>((resolve, reject) =>
    CA.create(caDir, (err, c) => (err ? reject(err) : resolve(c))),
  );
  assert.equal(new X509Certificate(lib.getPem()).fingerprint256, new X509Certificate(ca.certPem).fingerprint256);
});

test("http-mitm-proxy's default CA (if the library ran first) is replaced by our own", async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const require = createRequire(import.meta.url);
  const { CA } = require('http-mitm-proxy/dist/lib/ca.js') as {
    CA: { create(dir: string, cb: (err: Error | null, ca: { getPem(): string }) => void): void };
  };
  const lib = await new Promise<{ getPem(): string }>((resolve, reject) =>
    CA.create(caDir, (err, c) => (err ? reject(err) : resolve(c))),
  );
  assert.match(new X509Certificate(lib.getPem()).subject, /NodeMITMProxyCA/);
  const { lines, log } = captureLog();
  const ours = await loadOrCreateCa(caDir, { log });
  assert.match(ours.info().subject, /^CN=LLM Inspector CA/);
  assert.match(lines.join('\n'), /REPLACED.*default CA/);
});

test('a CA expiring within 30 days is regenerated on load, loudly', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  // Created "10 years minus 10 days ago": it expires in about 10 days.
  const old = await loadOrCreateCa(caDir, { now: new Date(Date.now() - 10 * YEAR_MS + 10 * DAY), log: () => {} });
  assert.ok(Date.parse(old.info().notAfter) - Date.now() < 12 * DAY);
  const { lines, log } = captureLog();
  const fresh = await loadOrCreateCa(caDir, { log });
  assert.notEqual(fresh.info().fingerprintSha256, old.info().fingerprintSha256);
  assert.ok(Date.parse(fresh.info().notAfter) - Date.now() > 9 * YEAR_MS);
  assert.match(lines.join('\n'), /REPLACED.*expires.*Re-trust/);
  assert.equal(await readFile(caPaths(caDir).certPath, 'utf8'), fresh.certPem);
});

test('a CA whose key does not match is replaced; a loose key file mode is tightened', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const p = caPaths(caDir);
  const ca = await loadOrCreateCa(caDir, { log: () => {} });
  if (posix) {
    await import('node:fs/promises').then((fs) => fs.chmod(p.privateKeyPath, 0o644));
    await loadOrCreateCa(caDir, { log: () => {} });
    assert.equal((await stat(p.privateKeyPath)).mode & 0o777, 0o600);
  }
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(p.privateKeyPath, other.privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const { lines, log } = captureLog();
  const fresh = await loadOrCreateCa(caDir, { log });
  assert.notEqual(fresh.info().fingerprintSha256, ca.info().fingerprintSha256);
  assert.match(lines.join('\n'), /REPLACED.*does not belong/);
});

test('regenerateCa changes the fingerprint and wipes the leaf caches', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const caDir = join(dir, 'ca');
  const p = caPaths(caDir);
  const ca = await loadOrCreateCa(caDir, { log: () => {} });
  const leavesDir = join(caDir, 'leaves');
  await import('node:fs/promises').then((fs) => fs.mkdir(leavesDir));
  await writeFile(join(leavesDir, 'api.openai.com.pem'), 'x');
  await writeFile(join(p.certsDir, 'example.com.pem'), 'x'); // what http-mitm-proxy would cache
  await writeFile(join(p.keysDir, 'example.com.key'), 'x');
  const { lines, log } = captureLog();
  const fresh = await regenerateCa(caDir, { log });
  assert.notEqual(fresh.info().fingerprintSha256, ca.info().fingerprintSha256);
  assert.ok(!existsSync(leavesDir));
  assert.ok(!existsSync(join(p.certsDir, 'example.com.pem')));
  assert.ok(!existsSync(join(p.keysDir, 'example.com.key')));
  for (const f of [p.certPath, p.privateKeyPath, p.publicKeyPath]) assert.ok(existsSync(f), f);
  assert.match(lines.join('\n'), /REPLACED/);
  const reloaded = await loadOrCreateCa(caDir, { log: () => {} });
  assert.equal(reloaded.info().fingerprintSha256, fresh.info().fingerprintSha256);
});

test('exportDer and exportP12 (certificate only, no key bag)', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const ca = await loadOrCreateCa(join(dir, 'ca'), { log: () => {} });
  const der = ca.exportDer();
  const x = new X509Certificate(der);
  assert.equal(x.fingerprint256, ca.info().fingerprintSha256);
  assert.equal(ca.exportPem(), ca.certPem);

  const p12 = ca.exportP12('s3cret');
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), 's3cret');
  const { oids } = forge.pki;
  const certBags = pfx.getBags({ bagType: oids['certBag']! })[oids['certBag']!] ?? [];
  assert.equal(certBags.length, 1);
  assert.equal(forge.pki.certificateToPem(certBags[0]!.cert!).trim(), ca.certPem.trim());
  for (const kind of [oids['keyBag']!, oids['pkcs8ShroudedKeyBag']!]) {
    assert.equal((pfx.getBags({ bagType: kind })[kind] ?? []).length, 0, 'no key bag');
  }
  assert.throws(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), 'wrong'));
});
