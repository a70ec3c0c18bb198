// A private desktop for the system tests: gsettings against a dconf database in a temp XDG_CONFIG_HOME, each call in
// its own dbus-run-session, and a temp HOME for NSS. Nothing reaches the machine's own settings or trust stores.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesktopIntegration, execRunner, onPath, type DesktopIntegrationOptions, type Runner } from '../../src-main/system/index.js';
import { getTestPki, getUntrustedPki } from '../support/test-pki.js';
import { needTools } from './tools.js';

// without the schemas gsettings refuses the keys; without the dconf backend it silently keeps values in memory only
export const gnomeTools = needTools(
  { gsettings: 'libglib2.0-bin', 'dbus-run-session': 'dbus', 'dbus-daemon': 'dbus' },
  {
    '/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml': 'gsettings-desktop-schemas',
    '/usr/lib/x86_64-linux-gnu/gio/modules/libdconfsettings.so|/usr/lib/aarch64-linux-gnu/gio/modules/libdconfsettings.so|/usr/lib/gio/modules/libdconfsettings.so': 'dconf-gsettings-backend',
  },
);
export const nssTools = needTools({ certutil: 'libnss3-tools' });
export const debianStoreTools = needTools({ 'update-ca-certificates': 'ca-certificates' });

/** gsettings in a throw-away session bus against the private dconf; every other command (certutil) as it is. */
export function sandboxRunner(xdgConfigHome: string): Runner {
  return (cmd) => {
    if (cmd.file !== 'gsettings') return execRunner(cmd);
    return new Promise((resolve, reject) =>
      execFile('dbus-run-session', ['--', cmd.file, ...cmd.args], { env: { ...process.env, XDG_CONFIG_HOME: xdgConfigHome }, timeout: 15_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${cmd.file} ${cmd.args.join(' ')}: ${String(stderr).trim() || err.message}`)) : resolve(String(stdout)),
      ),
    );
  };
}

export interface Sandbox {
  /** XDG_CONFIG_HOME holding the private dconf database */
  xdg: string;
  /** HOME for NSS (~/.pki/nssdb) */
  home: string;
  /** a data dir for the saved proxy settings */
  dataDir: string;
  /** root of a Debian-style system store laid out for update-ca-certificates (prepareDebianRoot), never the machine's */
  root: string;
  run: Runner;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'llmi-desk-'));
  const dirs = { xdg: join(base, 'xdg'), home: join(base, 'home'), dataDir: join(base, 'data'), root: join(base, 'root') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return { ...dirs, run: sandboxRunner(dirs.xdg), cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/**
 * The directories update-ca-certificates writes, under the sandbox root, with one other root already trusted: a real
 * store is never empty, and the tool leaves a stale bundle when the last root goes.
 */
export function prepareDebianRoot(root: string, otherRootPem: string): { flavour: 'debian'; root: string; elevate: false } {
  for (const d of ['usr/share/ca-certificates', 'usr/local/share/ca-certificates', 'etc/ssl/certs', 'etc/ca-certificates/update.d']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'usr/share/ca-certificates/other-root.crt'), otherRootPem);
  writeFileSync(join(root, 'etc/ca-certificates.conf'), 'other-root.crt\n');
  return { flavour: 'debian', root, elevate: false };
}

/**
 * A DesktopIntegration confined to the sandbox: GNOME backend on the private dconf, NSS under the temp HOME, the Debian
 * store under the temp root. PATH is the machine's, so the real gsettings, certutil and update-ca-certificates run.
 */
export async function sandboxIntegration(sb: Sandbox, o: Partial<DesktopIntegrationOptions> & Pick<DesktopIntegrationOptions, 'proxyUrl'>): Promise<DesktopIntegration> {
  const pki = await getTestPki();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, XDG_CURRENT_DESKTOP: 'GNOME', SHELL: '/bin/sh', ...o.env };
  return new DesktopIntegration({
    dataDir: sb.dataDir,
    ca: { certPath: pki.caPath, certPem: readFileSync(pki.caPath, 'utf8') },
    bundlePath: null,
    platform: 'linux',
    run: sb.run,
    home: sb.home,
    linux: prepareDebianRoot(sb.root, readFileSync((await getUntrustedPki()).caPath, 'utf8')),
    has: (t) => onPath(t, env),
    ...o,
    env,
  });
}
