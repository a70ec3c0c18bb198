// CA trust for real on Linux: a temporary NSS database with certutil, and the Debian store under a temporary root
// (update-ca-certificates with every directory pointed there), never the machine's own trust store.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { caTrustCommands, execRunner, linuxStoreInstall, linuxStoreIsTrusted, linuxStoreUninstall, nssDatabases, nssInstall, nssIsTrusted, nssUninstall } from '../../src-main/system/index.js';
import { getTestPki, getUntrustedPki } from '../support/test-pki.js';
import { needTools } from './tools.js';

const nssTools = needTools({ certutil: 'libnss3-tools' });
const debTools = needTools({ 'update-ca-certificates': 'ca-certificates', openssl: 'openssl' });

async function testCa() {
  const pki = await getTestPki();
  return { certPath: pki.caPath, certPem: readFileSync(pki.caPath, 'utf8') };
}

test('NSS: install into a fresh ~/.pki/nssdb, certutil -L lists it, is-trusted follows, uninstall removes it', { skip: nssTools.skip, timeout: 30_000 }, async () => {
  nssTools.assertInCi();
  const home = mkdtempSync(join(tmpdir(), 'llmi-home-'));
  try {
    const ca = await testCa();
    const [db] = nssDatabases(home, 'linux');
    assert.equal(db, join(home, '.pki/nssdb'));
    if (!db) return;
    assert.equal(await nssIsTrusted(execRunner, db, ca), false);
    await nssInstall(execRunner, db, ca);
    const listed = caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db)));
    assert.deepEqual(listed, [{ nickname: 'LLM Inspector CA', trust: 'C,,' }]);
    assert.equal(await nssIsTrusted(execRunner, db, ca), true);
    await nssInstall(execRunner, db, ca); // again: still one entry
    assert.equal(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))).length, 1);
    // a different CA under the same nickname is not "trusted"
    assert.equal(await nssIsTrusted(execRunner, db, { ...ca, certPem: readFileSync((await getUntrustedPki()).caPath, 'utf8') }), false);
    await nssUninstall(execRunner, db);
    assert.equal(await nssIsTrusted(execRunner, db, ca), false);
    // Firefox profiles are found by their cert9.db
    const ff = join(home, '.mozilla/firefox/abcd.default-release');
    mkdirSync(ff, { recursive: true });
    writeFileSync(join(ff, 'cert9.db'), '');
    assert.deepEqual(nssDatabases(home, 'linux'), [db, ff]);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('Debian system store under a temporary root: install, in the bundle, uninstall', { skip: debTools.skip, timeout: 60_000 }, async () => {
  debTools.assertInCi();
  const root = mkdtempSync(join(tmpdir(), 'llmi-root-'));
  try {
    for (const d of ['usr/share/ca-certificates', 'usr/local/share/ca-certificates', 'etc/ssl/certs', 'etc/ca-certificates/update.d']) mkdirSync(join(root, d), { recursive: true });
    // a store is never empty on a real machine, and update-ca-certificates leaves a stale bundle when the last root goes:
    // one other root, as distributions ship theirs (listed in ca-certificates.conf)
    writeFileSync(join(root, 'usr/share/ca-certificates/other-root.crt'), readFileSync((await getUntrustedPki()).caPath));
    writeFileSync(join(root, 'etc/ca-certificates.conf'), 'other-root.crt\n');
    const ca = await testCa();
    const o = { flavour: 'debian' as const, root, elevate: false };
    assert.equal(linuxStoreIsTrusted(ca, o), false);
    await linuxStoreInstall(execRunner, ca, o);
    assert.equal(linuxStoreIsTrusted(ca, o), true);
    await linuxStoreUninstall(execRunner, o);
    assert.equal(linuxStoreIsTrusted(ca, o), false);
    assert.match(readFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), 'utf8'), /BEGIN CERTIFICATE/, 'the other root stays');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
