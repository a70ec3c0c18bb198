// CA trust for every OS as data: the argument lists and parsers of recorded outputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { caTrustCommands as c } from '../../src-main/system/index.js';
import { getTestPki } from '../support/test-pki.js';

test('NSS: certutil argument lists and the -L listing parsed', () => {
  assert.deepEqual(c.nssInstallCommand('/h/.pki/nssdb', '/d/ca.pem'), { file: 'certutil', args: ['-A', '-d', 'sql:/h/.pki/nssdb', '-n', 'LLM Inspector CA', '-t', 'C,,', '-i', '/d/ca.pem'] });
  assert.deepEqual(c.nssUninstallCommand('/x').args, ['-D', '-d', 'sql:/x', '-n', 'LLM Inspector CA']);
  const listed = '\nCertificate Nickname                                         Trust Attributes\n                                                             SSL,S/MIME,JAR/XPI\n\nLLM Inspector CA                                             C,,  \nsome other root                                              CT,C,C\n';
  assert.deepEqual(c.parseNssList(listed), [{ nickname: 'LLM Inspector CA', trust: 'C,,' }, { nickname: 'some other root', trust: 'CT,C,C' }]);
});

test('Linux store: Debian paths under a root, one pkexec with paths as positional parameters, Fedora anchors', () => {
  const real = c.linuxStoreLayout('debian');
  assert.equal(real.anchor, '/usr/local/share/ca-certificates/llm-inspector-ca.crt');
  assert.deepEqual(real.refresh, { file: 'update-ca-certificates', args: ['--fresh'] });
  const cmd = c.linuxInstallCommand(real, "/home/a b/it's.pem", true);
  assert.deepEqual(cmd.args.slice(0, 2), ['sh', '-c']);
  assert.equal(cmd.file, 'pkexec');
  assert.deepEqual(cmd.args.slice(3), ['sh', "/home/a b/it's.pem", real.anchor, 'update-ca-certificates', '--fresh']);
  assert.doesNotMatch(cmd.args[2] ?? '', /home/);
  const tmp = c.linuxStoreLayout('debian', '/tmp/r');
  assert.ok(tmp.refresh.args.includes('--localcertsdir') && tmp.refresh.args.includes('/tmp/r/usr/local/share/ca-certificates'));
  assert.equal(tmp.bundle, '/tmp/r/etc/ssl/certs/ca-certificates.crt');
  assert.equal(c.linuxInstallCommand(tmp, '/c.pem', false).file, 'sh');
  const fedora = c.linuxStoreLayout('fedora');
  assert.deepEqual([fedora.anchor, fedora.refresh.file, ...fedora.refresh.args], ['/etc/pki/ca-trust/source/anchors/llm-inspector-ca.pem', 'update-ca-trust', 'extract']);
});

test('macOS and Windows: argument lists and recorded outputs', async () => {
  const pki = await getTestPki();
  const { sha1 } = c.certHashes(readFileSync(pki.caPath, 'utf8'));
  assert.match(sha1, /^[0-9A-F]{40}$/);
  assert.deepEqual(c.macInstallCommand('/Users/a', '/d/ca.pem').args, ['add-trusted-cert', '-r', 'trustRoot', '-k', '/Users/a/Library/Keychains/login.keychain-db', '/d/ca.pem']);
  assert.deepEqual(c.macUninstallCommand('/Users/a', sha1).args.slice(0, 3), ['delete-certificate', '-Z', sha1]);
  const found = `SHA-256 hash: ${'AB'.repeat(32)}\nSHA-1 hash: ${sha1}\nkeychain: "/Users/a/Library/Keychains/login.keychain-db"\nversion: 512\n`;
  assert.deepEqual(c.parseMacFind(found), [sha1]);
  assert.deepEqual(c.winInstallCommand('C:\\d\\ca.pem'), { file: 'certutil', args: ['-user', '-addstore', 'Root', 'C:\\d\\ca.pem'] });
  const spaced = sha1.toLowerCase().match(/../g)?.join(' ') ?? '';
  const store = `Root "Trusted Root Certification Authorities"\r\n================ Certificate 0 ================\r\nSerial Number: 01\r\nIssuer: CN=LLM Inspector CA\r\nCert Hash(sha1): ${spaced}\r\nCertUtil: -store command completed successfully.\r\n`;
  assert.deepEqual(c.parseWinStore(store), [sha1]);
  assert.deepEqual(c.parseWinStore(`Cert Hash(sha1): ${sha1.toLowerCase()}\r\n`), [sha1]);
});
