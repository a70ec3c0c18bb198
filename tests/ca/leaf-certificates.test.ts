import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tls from 'node:tls';
import forge from 'node-forge';
import {
  LeafCertificates,
  loadOrCreateCa,
  measureLeafStall,
  regenerateCa,
  type CertificateAuthority,
} from '../../src-main/ca/index.js';
import { DAY, tempDir } from './helpers.js';

async function setup(t: { after(fn: () => Promise<void>): void }): Promise<{
  dir: string;
  ca: CertificateAuthority;
  cacheDir: string;
  leaves: LeafCertificates;
}> {
  const { dir, cleanup } = await tempDir('llmi-leaf-');
  t.after(cleanup);
  const ca = await loadOrCreateCa(join(dir, 'ca'), { log: () => {} });
  const cacheDir = join(dir, 'ca', 'leaves');
  const leaves = await LeafCertificates.create(ca, { cacheDir, log: () => {} });
  return { dir, ca, cacheDir, leaves };
}

function caPublicKey(ca: CertificateAuthority) {
  return new X509Certificate(ca.certPem).publicKey;
}

test('a hostname leaf verifies against the CA and is browser-acceptable', async (t) => {
  const { ca, cacheDir, leaves } = await setup(t);
  const leaf = await leaves.getLeaf('API.OpenAI.com');
  const x = new X509Certificate(leaf.certPem);
  assert.ok(x.verify(caPublicKey(ca)));
  assert.ok(x.checkIssued(new X509Certificate(ca.certPem)));
  assert.equal(x.checkHost('api.openai.com'), 'api.openai.com');
  assert.equal(x.checkHost('evil.com'), undefined);
  assert.match(x.subject, /^CN=api\.openai\.com$/m);
  assert.equal(x.ca, false);
  assert.deepEqual(x.keyUsage, ['1.3.6.1.5.5.7.3.1']); // extKeyUsage serverAuth only
  const life = Date.parse(x.validTo) - Date.parse(x.validFrom);
  assert.ok(life <= 397 * DAY, `validity ${life / DAY} days`);
  assert.ok(Date.parse(x.validFrom) < Date.now() - DAY / 2);
  const f = forge.pki.certificateFromPem(leaf.certPem);
  assert.equal(f.siginfo.algorithmOid, forge.pki.oids['sha256WithRSAEncryption']);
  assert.ok(forge.pki.certificateFromPem(ca.certPem).verify(f), 'forge agrees on the signature');
  assert.ok(f.getExtension('authorityKeyIdentifier'));
  assert.equal(await readFile(join(cacheDir, 'api.openai.com.pem'), 'utf8'), leaf.certPem);
  if (process.platform !== 'win32') {
    assert.equal((await stat(join(cacheDir, 'leaf.key'))).mode & 0o777, 0o600);
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
  }
});

test('IP literals get iPAddress SANs (IPv4 and IPv6)', async (t) => {
  const { ca, leaves } = await setup(t);
  const v4 = new X509Certificate((await leaves.getLeaf('127.0.0.1')).certPem);
  assert.ok(v4.verify(caPublicKey(ca)));
  assert.equal(v4.checkIP('127.0.0.1'), '127.0.0.1');
  assert.match(v4.subjectAltName ?? '', /^IP Address:127\.0\.0\.1$/);
  const v6 = new X509Certificate((await leaves.getLeaf('[::1]')).certPem);
  assert.ok(v6.verify(caPublicKey(ca)));
  assert.equal(v6.checkIP('::1'), '::1');
  await assert.rejects(Promise.resolve(leaves.getLeaf('*.openai.com')), /not a host name/);
  await assert.rejects(Promise.resolve(leaves.getLeaf('../etc/passwd')), /not a host name/);
});

test('a real TLS handshake through SNICallback is authorized by the CA', async (t) => {
  const { ca, leaves } = await setup(t);
  // Used when the client sends no SNI, i.e. when it connects to an IP literal (tls.Server ignores `secureContext`).
  const ipLeaf = await leaves.getLeaf('127.0.0.1');
  const server = tls.createServer({
    key: ipLeaf.keyPem,
    cert: ipLeaf.certPem,
    SNICallback: (name, cb) => {
      const ctx = leaves.getSecureContext(name);
      if (ctx instanceof Promise) ctx.then((c) => cb(null, c), (err: Error) => cb(err));
      else cb(null, ctx);
    },
  });
  server.on('secureConnection', (s) => s.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;

  const handshake = (opts: tls.ConnectionOptions) =>
    new Promise<{ authorized: boolean; peerCN: string; body: string }>((resolve, reject) => {
      const sock = tls.connect({ host: '127.0.0.1', port, ca: ca.certPem, ...opts }, () => {
        const peer = sock.getPeerCertificate();
        let body = '';
        sock.setEncoding('utf8');
        sock.on('data', (d: string) => (body += d));
        sock.on('end', () => resolve({ authorized: sock.authorized, peerCN: String(peer.subject?.CN ?? ''), body }));
      });
      sock.on('error', reject);
    });

  for (let i = 0; i < 2; i++) {
    // The first round makes the leaf (async path), the second hits the memory cache (sync path).
    const r = await handshake({ servername: 'api.openai.com' });
    assert.deepEqual(r, { authorized: true, peerCN: 'api.openai.com', body: 'hello' });
  }
  const ip = await handshake({});
  assert.equal(ip.authorized, true);
  await assert.rejects(handshake({ servername: 'api.openai.com', ca: [] }), /self-signed|unable to (get|verify)/);
});

test('concurrent requests for one host sign once and share the result', async (t) => {
  const { leaves } = await setup(t);
  const ctxs = await Promise.all(Array.from({ length: 10 }, () => leaves.getSecureContext('api.anthropic.com')));
  assert.equal(leaves.signedCount, 1);
  assert.ok(ctxs.every((c) => c === ctxs[0]));
  const sync = leaves.getSecureContext('api.anthropic.com');
  assert.ok(!(sync instanceof Promise), 'a memory hit is synchronous');
  assert.equal(sync, ctxs[0]);
});

test('the disk cache survives a new instance; stale or foreign leaves are re-signed', async (t) => {
  const { ca, cacheDir, leaves } = await setup(t);
  const first = await leaves.getLeaf('generativelanguage.googleapis.com');
  const again = await LeafCertificates.create(ca, { cacheDir, log: () => {} });
  const fromDisk = await again.getLeaf('generativelanguage.googleapis.com');
  assert.equal(fromDisk.certPem, first.certPem);
  assert.equal(again.signedCount, 0);

  // A leaf made 395 days ago has under 7 days left: replaced.
  const past = await LeafCertificates.create(ca, { cacheDir, log: () => {}, now: () => new Date(Date.now() - 395 * DAY) });
  await past.getLeaf('old.example.com');
  const later = await LeafCertificates.create(ca, { cacheDir, log: () => {} });
  const renewed = await later.getLeaf('old.example.com');
  assert.equal(later.signedCount, 1);
  assert.ok(renewed.notAfter.getTime() - Date.now() > 300 * DAY);

  // After the CA changes, leaves signed by the old one are not served even if the files were somehow kept.
  const old = await readFile(join(cacheDir, 'generativelanguage.googleapis.com.pem'), 'utf8');
  const fresh = await regenerateCa(join(cacheDir, '..'), { log: () => {} });
  assert.ok(!existsSync(join(cacheDir, 'generativelanguage.googleapis.com.pem')), 'regenerate wiped the cache');
  await later.resetAuthority(fresh);
  assert.equal(later.size, 0);
  const resigned = await later.getLeaf('generativelanguage.googleapis.com');
  assert.notEqual(resigned.certPem, old);
  assert.ok(new X509Certificate(resigned.certPem).verify(caPublicKey(fresh)));
  assert.ok(!new X509Certificate(resigned.certPem).verify(caPublicKey(ca)));
});

test('premake makes leaves for concrete hosts and skips patterns', async (t) => {
  const { cacheDir, leaves } = await setup(t);
  await leaves.premake(['api.openai.com', '*.openai.azure.com', 'api.anthropic.com', 'api.openai.com', 'bad host']);
  assert.equal(leaves.signedCount, 2);
  assert.ok(existsSync(join(cacheDir, 'api.anthropic.com.pem')));
  assert.ok(!(leaves.getSecureContext('api.openai.com') instanceof Promise));
});

test('stop() ends pre-making and writes nothing more: a closing inspector does not recreate a removed data dir', async (t) => {
  const { cacheDir, leaves } = await setup(t);
  const hosts = Array.from({ length: 20 }, (_, i) => `h${i}.example.test`);
  const run = leaves.premake(hosts);
  await leaves.getLeaf('h0.example.test');
  leaves.stop();
  await rm(cacheDir, { recursive: true, force: true });
  await run;
  assert.ok(leaves.signedCount < hosts.length, `pre-making stopped early (${leaves.signedCount} signed)`);
  assert.equal(existsSync(cacheDir), false, 'the removed cache dir stays removed');
  // a leaf asked for after stop() still works, from memory only
  assert.ok((await leaves.getSecureContext('late.example.test')) !== null);
  assert.equal(existsSync(cacheDir), false);
});

test('measureLeafStall reports numbers (timing is judged by the bench, not here)', async () => {
  const r = await measureLeafStall({ hosts: 2 });
  assert.equal(r.hosts, 2);
  for (const v of [r.firstLeafMs, r.medianNewHostMs, r.maxEventLoopStallMs, r.cachedMs]) assert.ok(Number.isFinite(v) && v >= 0);
});
