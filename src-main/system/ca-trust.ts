// Install, uninstall and "is it trusted?" for the inspector CA in each store, run through an injectable Runner.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  certHashes, linuxInstallCommand, linuxStoreLayout, linuxUninstallCommand, macFindCommand, macInstallCommand, macUninstallCommand,
  nssCreateCommand, nssExportCommand, nssInstallCommand, nssUninstallCommand, parseMacFind, parseWinStore, winFindCommand,
  winInstallCommand, winUninstallCommand, type LinuxStoreLayout,
} from './ca-trust-commands.js';
import type { Runner } from './proxy-types.js';

export interface CaCert {
  certPath: string;
  certPem: string;
}

/** The NSS databases on this machine that browsers read: Chromium's shared one and every Firefox profile. */
export function nssDatabases(home: string, platform: NodeJS.Platform = process.platform): string[] {
  const dirs: string[] = [];
  if (platform === 'linux') dirs.push(join(home, '.pki/nssdb'));
  const firefoxRoots =
    platform === 'darwin'
      ? [join(home, 'Library/Application Support/Firefox/Profiles')]
      : [join(home, '.mozilla/firefox'), join(home, 'snap/firefox/common/.mozilla/firefox'), join(home, '.var/app/org.mozilla.firefox/.mozilla/firefox')];
  for (const root of firefoxRoots) {
    if (!existsSync(root)) continue;
    for (const p of readdirSync(root)) if (existsSync(join(root, p, 'cert9.db'))) dirs.push(join(root, p));
  }
  return dirs;
}

const der = (pem: string): string => pem.replace(/-----[^-]+-----|\s/g, '');

/** True when this exact certificate is in the database under our nickname (a regenerated CA keeps the name). */
export async function nssIsTrusted(run: Runner, dir: string, ca: CaCert): Promise<boolean> {
  if (!existsSync(join(dir, 'cert9.db'))) return false;
  const out = await run(nssExportCommand(dir)).catch(() => '');
  return out.split(/(?=-----BEGIN CERTIFICATE-----)/).some((block) => block.includes('BEGIN CERTIFICATE') && der(block) === der(ca.certPem));
}

/** Chromium's ~/.pki/nssdb may not exist yet: it is created empty (no password), as Chromium itself would. */
export async function nssInstall(run: Runner, dir: string, ca: CaCert): Promise<void> {
  if (!existsSync(join(dir, 'cert9.db'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await run(nssCreateCommand(dir));
  }
  // an older CA under the same nickname would shadow the new one: remove first, ignore "not found"
  await run(nssUninstallCommand(dir)).catch(() => '');
  await run(nssInstallCommand(dir, ca.certPath));
}

export async function nssUninstall(run: Runner, dir: string): Promise<void> {
  // certutil -D removes one certificate per call; loop until the nickname is gone (bounded)
  for (let i = 0; i < 10; i++) {
    try {
      await run(nssUninstallCommand(dir));
    } catch {
      return;
    }
  }
}

export interface LinuxStoreOptions {
  flavour?: 'debian' | 'fedora';
  /** A temporary root in tests; '/' for real. */
  root?: string;
  /** Ask for root with pkexec (default: when not already root). */
  elevate?: boolean;
}

export function linuxFlavour(root = '/'): 'debian' | 'fedora' {
  return existsSync(join(root, 'etc/pki/ca-trust')) && !existsSync(join(root, 'usr/local/share/ca-certificates')) ? 'fedora' : 'debian';
}

function layoutOf(o: LinuxStoreOptions): { layout: LinuxStoreLayout; elevate: boolean } {
  const root = o.root ?? '/';
  return { layout: linuxStoreLayout(o.flavour ?? linuxFlavour(root), root), elevate: o.elevate ?? process.getuid?.() !== 0 };
}

export async function linuxStoreInstall(run: Runner, ca: CaCert, o: LinuxStoreOptions = {}): Promise<void> {
  const { layout, elevate } = layoutOf(o);
  await run(linuxInstallCommand(layout, ca.certPath, elevate));
}

export async function linuxStoreUninstall(run: Runner, o: LinuxStoreOptions = {}): Promise<void> {
  const { layout, elevate } = layoutOf(o);
  await run(linuxUninstallCommand(layout, elevate));
}

/** Trusted when the store's generated bundle holds this certificate. */
export function linuxStoreIsTrusted(ca: CaCert, o: LinuxStoreOptions = {}): boolean {
  const { layout } = layoutOf(o);
  if (!existsSync(layout.bundle)) return false;
  return readFileSync(layout.bundle, 'utf8').split(/(?=-----BEGIN CERTIFICATE-----)/).some((b) => b.includes('BEGIN CERTIFICATE') && der(b.slice(0, b.indexOf('-----END CERTIFICATE-----') + 25)) === der(ca.certPem));
}

export async function macInstall(run: Runner, home: string, ca: CaCert): Promise<void> {
  await run(macInstallCommand(home, ca.certPath));
}
export async function macUninstall(run: Runner, home: string, ca: CaCert): Promise<void> {
  await run(macUninstallCommand(home, certHashes(ca.certPem).sha1));
}
export async function macIsTrusted(run: Runner, home: string, ca: CaCert): Promise<boolean> {
  const out = await run(macFindCommand(home)).catch(() => '');
  return parseMacFind(out).includes(certHashes(ca.certPem).sha1);
}

export async function winInstall(run: Runner, ca: CaCert): Promise<void> {
  await run(winInstallCommand(ca.certPath));
}
export async function winUninstall(run: Runner, ca: CaCert): Promise<void> {
  await run(winUninstallCommand(certHashes(ca.certPem).sha1));
}
export async function winIsTrusted(run: Runner, ca: CaCert): Promise<boolean> {
  const sha1 = certHashes(ca.certPem).sha1;
  const out = await run(winFindCommand(sha1)).catch(() => '');
  return parseWinStore(out).includes(sha1);
}
