// The stores "trust the CA" means on this OS, as one list the CLI, the UI and the tray can all walk.
import { homedir } from 'node:os';
import {
  linuxStoreInstall, linuxStoreIsTrusted, linuxStoreUninstall, macInstall, macIsTrusted, macUninstall, nssDatabases, nssInstall,
  nssIsTrusted, nssUninstall, winInstall, winIsTrusted, winUninstall, type CaCert, type LinuxStoreOptions,
} from './ca-trust.js';
import { onPath } from './proxy-settings.js';
import type { Runner } from './proxy-types.js';

export type TrustStoreKind = 'nss' | 'system' | 'keychain' | 'windows-user';

export interface TrustTarget {
  kind: TrustStoreKind;
  /** Where, for people: "NSS ~/.pki/nssdb", "Linux system store". */
  label: string;
  /** Why it cannot be used here (a missing tool), or null. */
  unavailable: string | null;
  install(): Promise<void>;
  uninstall(): Promise<void>;
  isTrusted(): Promise<boolean>;
}

export interface TargetOptions {
  ca: CaCert;
  run: Runner;
  platform?: NodeJS.Platform;
  home?: string;
  linux?: LinuxStoreOptions;
  has?: (tool: string) => boolean;
}

export function caTrustTargets(o: TargetOptions): TrustTarget[] {
  const platform = o.platform ?? process.platform;
  const home = o.home ?? homedir();
  const has = o.has ?? ((t: string) => onPath(t));
  const { ca, run } = o;
  if (platform === 'darwin') {
    return [{ kind: 'keychain', label: 'macOS login keychain', unavailable: null, install: () => macInstall(run, home, ca), uninstall: () => macUninstall(run, home, ca), isTrusted: () => macIsTrusted(run, home, ca) }];
  }
  if (platform === 'win32') {
    return [{ kind: 'windows-user', label: 'Windows user Root store', unavailable: null, install: () => winInstall(run, ca), uninstall: () => winUninstall(run, ca), isTrusted: () => winIsTrusted(run, ca) }];
  }
  const targets: TrustTarget[] = [];
  if (platform === 'linux') {
    const refresh = has('update-ca-certificates') || has('update-ca-trust');
    targets.push({
      kind: 'system',
      label: 'Linux system store (curl, Python, OpenSSL)',
      unavailable: refresh ? null : 'neither update-ca-certificates nor update-ca-trust is installed',
      install: () => linuxStoreInstall(run, ca, o.linux),
      uninstall: () => linuxStoreUninstall(run, o.linux),
      isTrusted: async () => linuxStoreIsTrusted(ca, o.linux),
    });
  }
  const nssTool = has('certutil') ? null : 'certutil is not installed (Debian/Ubuntu: libnss3-tools, Fedora: nss-tools)';
  for (const dir of nssDatabases(home, platform)) {
    targets.push({
      kind: 'nss',
      label: `NSS ${dir.startsWith(home) ? `~${dir.slice(home.length)}` : dir}`,
      unavailable: nssTool,
      install: () => nssInstall(run, dir, ca),
      uninstall: () => nssUninstall(run, dir),
      isTrusted: () => nssIsTrusted(run, dir, ca),
    });
  }
  return targets;
}
