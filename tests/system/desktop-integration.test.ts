// DesktopIntegration for real on this Linux machine, inside a sandbox: the GNOME system proxy through gsettings on a
// private dconf, NSS through certutil in a temp HOME, the Debian store through update-ca-certificates under a temp root.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SystemActionError } from '../../src-main/contract/index.js';
import { caTrustCommands, execRunner, SystemProxy, type Runner } from '../../src-main/system/index.js';
import { gnomeBackend } from '../../src-main/system/proxy-gnome.js';
import { debianStoreTools, gnomeTools, makeSandbox, nssTools, sandboxIntegration } from './sandbox.js';

const USERS_OWN = { backend: 'gnome' as const, mode: 'manual', http: { host: 'corp-proxy.example', port: 3128 }, https: { host: 'corp-proxy.example', port: 3129 }, ignoreHosts: ['corp.local'] };
const PROXY_URL = 'http://127.0.0.1:45678';
async function read(run: Runner) {
  const s = await gnomeBackend.read(run);
  if (s.backend !== 'gnome') throw new Error('not a gnome state');
  return s;
}

test('system proxy: status, on (saved first), off (the user\'s settings back)', { skip: gnomeTools.skip, timeout: 60_000 }, async () => {
  gnomeTools.assertInCi();
  const sb = makeSandbox();
  try {
    await gnomeBackend.restore(sb.run, USERS_OWN);
    const di = await sandboxIntegration(sb, { proxyUrl: PROXY_URL });
    const before = (await di.status()).proxy;
    assert.deepEqual(before, { supported: true, backend: 'gnome', enabled: true, ours: false, savedPrevious: false, target: '127.0.0.1:45678', reason: null });
    const on = await di.setSystemProxy(true);
    assert.deepEqual(on.proxy, { ...before, ours: true, savedPrevious: true });
    assert.deepEqual(await read(sb.run), { backend: 'gnome', mode: 'manual', http: { host: '127.0.0.1', port: 45678 }, https: { host: '127.0.0.1', port: 45678 }, ignoreHosts: ['localhost', '127.0.0.1', '::1'] });
    // on twice keeps the user's settings as the saved ones
    await di.setSystemProxy(true);
    const off = await di.setSystemProxy(false);
    assert.deepEqual(off.proxy, before);
    assert.deepEqual(await read(sb.run), USERS_OWN);
  } finally {
    sb.cleanup();
  }
});

test('system proxy: restoreOnQuit undoes only this process\'s proxy; recoverIfCrashed undoes a dead one\'s', { skip: gnomeTools.skip, timeout: 60_000 }, async () => {
  gnomeTools.assertInCi();
  const sb = makeSandbox();
  try {
    await gnomeBackend.restore(sb.run, { ...USERS_OWN, mode: 'none' });
    const mine = await sandboxIntegration(sb, { proxyUrl: PROXY_URL });
    assert.equal(await mine.restoreOnQuit(), false, 'nothing turned on yet');
    await mine.setSystemProxy(true);
    // another app instance (another pid) quitting leaves it alone
    const other = await sandboxIntegration(sb, { proxyUrl: PROXY_URL, ownerPid: process.pid + 1_000_000 });
    assert.equal(await other.restoreOnQuit(), false);
    assert.equal((await read(sb.run)).mode, 'manual');
    assert.equal(await mine.restoreOnQuit(), true);
    assert.equal((await read(sb.run)).mode, 'none');

    // an app that turned the proxy on and was killed -9
    const app = execFile(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const dead = await sandboxIntegration(sb, { proxyUrl: PROXY_URL, ownerPid: app.pid ?? 0 });
    await dead.setSystemProxy(true);
    assert.deepEqual(await mine.recoverIfCrashed(), { restored: false, detail: 'nothing to restore' }, 'its owner still lives');
    await new Promise<void>((r) => {
      app.once('exit', () => r());
      app.kill('SIGKILL');
    });
    const r = await mine.recoverIfCrashed();
    assert.equal(r.restored, true);
    assert.match(r.detail, /left pointing at 127\.0\.0\.1:45678 by an inspector that died/);
    assert.deepEqual(await read(sb.run), { ...USERS_OWN, mode: 'none' });
    assert.equal(new SystemProxy({ dataDir: sb.dataDir, backend: gnomeBackend, run: sb.run }).saved(), null);
  } finally {
    sb.cleanup();
  }
});

test('system proxy unsupported (no gsettings, not KDE): said in the status, and "on" is refused as unavailable', async () => {
  const sb = makeSandbox();
  try {
    const di = await sandboxIntegration(sb, { proxyUrl: PROXY_URL, has: () => false });
    const s = await di.status();
    assert.equal(s.proxy.supported, false);
    assert.equal(s.proxy.backend, null);
    assert.match(s.proxy.reason ?? '', /not supported here.*llm-inspector run/);
    await assert.rejects(di.setSystemProxy(true), (err: Error) => err instanceof SystemActionError && err.type === 'unavailable');
    // CA stores that need a missing tool are listed, not installable, and say why
    assert.ok(s.ca.length >= 2);
    for (const t of s.ca) assert.deepEqual([t.installable, t.trusted, typeof t.unavailable], [false, null, 'string']);
    assert.deepEqual((await di.installCa()).map((x) => x.ok), s.ca.map(() => false));
  } finally {
    sb.cleanup();
  }
});

test('CA trust: every store installed, one broken store fails alone, uninstall by kind', { skip: nssTools.skip || debianStoreTools.skip, timeout: 60_000 }, async () => {
  nssTools.assertInCi();
  debianStoreTools.assertInCi();
  const sb = makeSandbox();
  try {
    // a Firefox profile whose database is garbage: certutil fails there
    const broken = join(sb.home, '.mozilla/firefox/bad.default');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'cert9.db'), 'not a database');
    const di = await sandboxIntegration(sb, { proxyUrl: PROXY_URL });
    const before = (await di.status()).ca;
    assert.deepEqual(
      before.map((t) => [t.id, t.kind, t.trusted, t.installable, t.needsAdminPrompt]),
      [
        ['system:Linux system store (curl, Python, OpenSSL)', 'system', false, true, false],
        ['nss:NSS ~/.pki/nssdb', 'nss', false, true, false],
        ['nss:NSS ~/.mozilla/firefox/bad.default', 'nss', false, true, false],
      ],
    );
    const results = await di.installCa();
    assert.deepEqual(results.map((r) => [r.kind, r.ok]), [['system', true], ['nss', true], ['nss', false]]);
    assert.match(results[2]?.error ?? '', /certutil/);
    const db = join(sb.home, '.pki/nssdb');
    assert.deepEqual(caTrustCommands.parseNssList(await execRunner(caTrustCommands.nssListCommand(db))), [{ nickname: 'LLM Inspector CA', trust: 'C,,' }]);
    assert.deepEqual((await di.status()).ca.map((t) => t.trusted), [true, true, false]);

    // one store by id
    const gone = await di.uninstallCa({ ids: ['nss:NSS ~/.pki/nssdb'] });
    assert.deepEqual(gone.map((r) => [r.id, r.ok]), [['nss:NSS ~/.pki/nssdb', true]]);
    assert.deepEqual((await di.status()).ca.map((t) => t.trusted), [true, false, false]);
    await di.uninstallCa({ targets: ['system'] });
    assert.deepEqual((await di.status()).ca.map((t) => t.trusted), [false, false, false]);
    assert.match(readFileSync(join(sb.root, 'etc/ssl/certs/ca-certificates.crt'), 'utf8'), /BEGIN CERTIFICATE/, 'the other root stays');
  } finally {
    sb.cleanup();
  }
});

test('terminal: launched with the intercepted env; none found is "unavailable" with what to do', { skip: process.platform !== 'linux' ? 'POSIX shell scripts' : false, timeout: 20_000 }, async () => {
  const sb = makeSandbox();
  try {
    const bin = join(sb.home, 'bin');
    mkdirSync(bin);
    const envFile = join(sb.home, 'env.txt');
    writeFileSync(join(bin, 'x-terminal-emulator'), `#!/bin/sh\nenv > '${envFile}.tmp' && mv '${envFile}.tmp' '${envFile}'\n`);
    chmodSync(join(bin, 'x-terminal-emulator'), 0o755);
    const di = await sandboxIntegration(sb, { proxyUrl: PROXY_URL, env: { PATH: `${bin}:/usr/bin:/bin` } });
    assert.deepEqual((await di.status()).terminal, { name: 'x-terminal-emulator', reason: null });
    const r = await di.launchTerminal();
    assert.equal(r.terminal, 'x-terminal-emulator');
    const deadline = Date.now() + 10_000;
    while (!existsSync(envFile) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    const env = readFileSync(envFile, 'utf8');
    assert.match(env, /^HTTPS_PROXY=http:\/\/127\.0\.0\.1:45678$/m);
    assert.match(env, /^NODE_EXTRA_CA_CERTS=.*ca\.pem$/m);
    // the run preload that makes older Node versions use the proxy, from this build
    assert.match(env, /^NODE_OPTIONS=--import="file:\/\/.*\/dist\/src-main\/system\/proxy-preload\.js"$/m);

    const none = await sandboxIntegration(sb, { proxyUrl: PROXY_URL, has: () => false });
    assert.equal((await none.status()).terminal.name, null);
    await assert.rejects(none.launchTerminal(), (err: Error) => err instanceof SystemActionError && err.type === 'unavailable' && /No terminal emulator found/.test(err.message));
  } finally {
    sb.cleanup();
  }
});
