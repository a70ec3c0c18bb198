// The GNOME system proxy for real: gsettings on a private dconf database (XDG_CONFIG_HOME in a temp dir) under its own
// dbus-run-session, never the machine's settings. The values persist in $tmp/dconf/user between sessions, which is
// what lets "the app died with the proxy on, the next start restores it" be tested.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gnomeBackend } from '../../src-main/system/proxy-gnome.js';
import { SystemProxy, type Runner } from '../../src-main/system/index.js';
import { repoRoot } from '../support/fixtures.js';
import { startServe } from '../harness/serve-process.js';
import { needTools } from './tools.js';

// without the schemas gsettings refuses the keys; without the dconf backend it silently keeps values in memory only
const tools = needTools(
  { gsettings: 'libglib2.0-bin', 'dbus-run-session': 'dbus', 'dbus-daemon': 'dbus' },
  {
    '/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml': 'gsettings-desktop-schemas',
    '/usr/lib/x86_64-linux-gnu/gio/modules/libdconfsettings.so|/usr/lib/aarch64-linux-gnu/gio/modules/libdconfsettings.so|/usr/lib/gio/modules/libdconfsettings.so': 'dconf-gsettings-backend',
  },
);

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { env: { ...process.env, ...env } }, (err, stdout, stderr) => resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })),
  );
}

/** Each command in its own throw-away session bus, against the private dconf database. */
const privateRunner = (xdg: string): Runner => async (cmd) => {
  const r = await sh('dbus-run-session', ['--', cmd.file, ...cmd.args], { XDG_CONFIG_HOME: xdg });
  if (r.code !== 0) throw new Error(`${cmd.file} ${cmd.args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

async function readGnome(run: Runner) {
  const s = await gnomeBackend.read(run);
  if (s.backend !== 'gnome') throw new Error('not a gnome state');
  return s;
}

const USERS_OWN = { backend: 'gnome' as const, mode: 'manual', http: { host: 'corp-proxy.example', port: 3128 }, https: { host: 'corp-proxy.example', port: 3129 }, ignoreHosts: ['corp.local', 'localhost'] };

test('gnome system proxy via the CLI: on points at the inspector, status sees it, off restores the user\'s own settings', { skip: tools.skip, timeout: 60_000 }, async () => {
  tools.assertInCi();
  const xdg = mkdtempSync(join(tmpdir(), 'llmi-dconf-'));
  const serve = await startServe();
  try {
    const run = privateRunner(xdg);
    await gnomeBackend.restore(run, USERS_OWN); // the user's settings before we touch anything
    const cli = (...args: string[]) => sh('dbus-run-session', ['--', process.execPath, join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), 'system-proxy', ...args, '--data-dir', serve.dataDir], { XDG_CONFIG_HOME: xdg, XDG_CURRENT_DESKTOP: 'GNOME' });
    const on = await cli('on');
    assert.equal(on.code, 0, on.stderr);
    const port = Number(new URL(serve.proxyUrl).port);
    const now = await gnomeBackend.read(run);
    assert.deepEqual(now, { backend: 'gnome', mode: 'manual', http: { host: '127.0.0.1', port }, https: { host: '127.0.0.1', port }, ignoreHosts: ['localhost', '127.0.0.1', '::1'] });
    const status = await cli('status');
    assert.match(status.stdout, /system proxy \(gnome\): on \(this inspector\)/);
    // a second `on` must not save the inspector's own settings as "the user's"
    assert.equal((await cli('on')).code, 0);
    const off = await cli('off');
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /restored/);
    assert.deepEqual(await gnomeBackend.read(run), USERS_OWN);
    assert.match((await cli('status')).stdout, /: off/);
    assert.match((await cli('off')).stdout, /nothing to restore/);
  } finally {
    serve.cleanup();
    rmSync(xdg, { recursive: true, force: true });
  }
});

test('gnome system proxy: the inspector dies with the proxy on; recoverIfCrashed at the next start restores it', { skip: tools.skip, timeout: 60_000 }, async () => {
  tools.assertInCi();
  const xdg = mkdtempSync(join(tmpdir(), 'llmi-dconf-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'llmi-sp-'));
  try {
    const run = privateRunner(xdg);
    await gnomeBackend.restore(run, { ...USERS_OWN, mode: 'none' });
    // the "app": a process that turns the proxy on and is then killed -9 (no chance to clean up)
    const app = execFile(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const first = new SystemProxy({ dataDir, backend: gnomeBackend, run });
    await first.on({ host: '127.0.0.1', port: 45678, bypass: ['localhost'] }, app.pid ?? 0);
    assert.equal((await readGnome(run)).mode, 'manual');
    // while the app lives, a start does nothing
    assert.equal(await new SystemProxy({ dataDir, backend: gnomeBackend, run }).recoverIfCrashed(), false);
    await new Promise<void>((r) => { app.once('exit', () => r()); app.kill('SIGKILL'); });
    assert.equal((await readGnome(run)).https.port, 45678, 'still pointing at the dead port');
    const next = new SystemProxy({ dataDir, backend: gnomeBackend, run });
    assert.equal(await next.recoverIfCrashed(), true);
    assert.deepEqual(await gnomeBackend.read(run), { ...USERS_OWN, mode: 'none' });
    assert.equal(next.saved(), null);
    assert.equal(await next.recoverIfCrashed(), false);
  } finally {
    rmSync(xdg, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
