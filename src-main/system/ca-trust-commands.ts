// Installing the inspector CA where programs look for trusted roots, as argument lists built by pure functions and
// outputs read by pure parsers (so macOS and Windows are tested here as data, and Linux also for real).
import { X509Certificate } from 'node:crypto';
import { posix } from 'node:path';
import type { Cmd } from './proxy-types.js';

export const CA_NICKNAME = 'LLM Inspector CA';
export const CA_FILE_BASENAME = 'llm-inspector-ca';

/** SHA-1 and SHA-256 as upper-case hex without separators: how certutil and security print them, once normalised. */
export function certHashes(pem: string): { sha1: string; sha256: string } {
  const x = new X509Certificate(pem);
  const hex = (f: string): string => f.replace(/:/g, '').toUpperCase();
  return { sha1: hex(x.fingerprint), sha256: hex(x.fingerprint256) };
}

// ---- NSS (Chrome/Chromium on Linux: ~/.pki/nssdb; Firefox: each profile) ----
const nssDb = (dir: string): string => `sql:${dir}`;
export const nssCreateCommand = (dir: string): Cmd => ({ file: 'certutil', args: ['-N', '-d', nssDb(dir), '--empty-password'] });
/** "C,," = a CA trusted to issue server certificates (TLS), not mail or code signing. */
export const nssInstallCommand = (dir: string, certPath: string): Cmd => ({ file: 'certutil', args: ['-A', '-d', nssDb(dir), '-n', CA_NICKNAME, '-t', 'C,,', '-i', certPath] });
export const nssUninstallCommand = (dir: string): Cmd => ({ file: 'certutil', args: ['-D', '-d', nssDb(dir), '-n', CA_NICKNAME] });
export const nssListCommand = (dir: string): Cmd => ({ file: 'certutil', args: ['-L', '-d', nssDb(dir)] });
/** The certificate stored under our nickname, as PEM: compared with the current CA, since a regenerated CA keeps the name. */
export const nssExportCommand = (dir: string): Cmd => ({ file: 'certutil', args: ['-L', '-d', nssDb(dir), '-n', CA_NICKNAME, '-a'] });

/** `certutil -L` prints a header, then "nickname<spaces>trust" per line (the nickname may contain spaces). */
export function parseNssList(out: string): { nickname: string; trust: string }[] {
  return out
    .split(/\r?\n/)
    .map((l) => /^(.*\S)\s{2,}([CTPcup]*,[CTPcup]*,[CTPcup]*)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ nickname: m[1] ?? '', trust: m[2] ?? '' }));
}

// ---- Linux system store ----
export interface LinuxStoreLayout {
  flavour: 'debian' | 'fedora';
  /** Where our file goes. */
  anchor: string;
  /** The refresh command (without privilege elevation). */
  refresh: Cmd;
  /** The bundle the refresh writes, where "is it trusted?" looks. */
  bundle: string;
}

/**
 * Debian's update-ca-certificates takes every directory as a flag, so a temporary root can stand in for `/` in tests;
 * with root '/' the flags name the normal paths. Fedora/RHEL's update-ca-trust has no such flags: real root only.
 */
export function linuxStoreLayout(flavour: 'debian' | 'fedora', root = '/'): LinuxStoreLayout {
  const r = (p: string): string => posix.join(root, p);
  if (flavour === 'fedora') {
    return { flavour, anchor: r(`/etc/pki/ca-trust/source/anchors/${CA_FILE_BASENAME}.pem`), refresh: { file: 'update-ca-trust', args: ['extract'] }, bundle: r('/etc/pki/tls/certs/ca-bundle.crt') };
  }
  return {
    flavour,
    anchor: r(`/usr/local/share/ca-certificates/${CA_FILE_BASENAME}.crt`),
    refresh: {
      file: 'update-ca-certificates',
      args: root === '/' ? ['--fresh'] : [
        '--fresh',
        '--certsconf', r('/etc/ca-certificates.conf'),
        '--certsdir', r('/usr/share/ca-certificates'),
        '--localcertsdir', r('/usr/local/share/ca-certificates'),
        '--etccertsdir', r('/etc/ssl/certs'),
        '--hooksdir', r('/etc/ca-certificates/update.d'),
      ],
    },
    bundle: r('/etc/ssl/certs/ca-certificates.crt'),
  };
}

/**
 * One elevated command that copies the CA into place and refreshes the store: a single pkexec prompt. Paths travel as
 * positional parameters ("$1", "$2"), never spliced into the script, so no path can inject shell.
 */
export function linuxInstallCommand(layout: LinuxStoreLayout, certPath: string, elevate: boolean): Cmd {
  const script = `install -D -m 0644 "$1" "$2" && shift 2 && exec "$@"`;
  const args = ['-c', script, 'sh', certPath, layout.anchor, layout.refresh.file, ...layout.refresh.args];
  return elevate ? { file: 'pkexec', args: ['sh', ...args] } : { file: 'sh', args };
}

export function linuxUninstallCommand(layout: LinuxStoreLayout, elevate: boolean): Cmd {
  const script = `rm -f "$1" && shift && exec "$@"`;
  const args = ['-c', script, 'sh', layout.anchor, layout.refresh.file, ...layout.refresh.args];
  return elevate ? { file: 'pkexec', args: ['sh', ...args] } : { file: 'sh', args };
}

// ---- macOS login keychain ----
export const macKeychain = (home: string): string => posix.join(home, 'Library/Keychains/login.keychain-db');
/** macOS asks for the user's password itself (a system dialog): nothing to elevate here. */
export const macInstallCommand = (home: string, certPath: string): Cmd => ({ file: '/usr/bin/security', args: ['add-trusted-cert', '-r', 'trustRoot', '-k', macKeychain(home), certPath] });
export const macUninstallCommand = (home: string, sha1: string): Cmd => ({ file: '/usr/bin/security', args: ['delete-certificate', '-Z', sha1, macKeychain(home)] });
export const macFindCommand = (home: string): Cmd => ({ file: '/usr/bin/security', args: ['find-certificate', '-a', '-Z', '-c', CA_NICKNAME, macKeychain(home)] });

/** `security find-certificate -Z` prints "SHA-1 hash: 4F1C…" per match. */
export function parseMacFind(out: string): string[] {
  return [...out.matchAll(/^SHA-1 hash:\s*([0-9A-Fa-f]{40})\s*$/gm)].map((m) => (m[1] ?? '').toUpperCase());
}

// ---- Windows current-user Root store (no administrator; Windows shows its own confirmation) ----
export const winInstallCommand = (certPath: string): Cmd => ({ file: 'certutil', args: ['-user', '-addstore', 'Root', certPath] });
export const winUninstallCommand = (sha1: string): Cmd => ({ file: 'certutil', args: ['-user', '-delstore', 'Root', sha1] });
export const winFindCommand = (sha1: string): Cmd => ({ file: 'certutil', args: ['-user', '-store', 'Root', sha1] });

/** `certutil -store` prints "Cert Hash(sha1): 4f 1c …" (spaced on older Windows, plain on newer). */
export function parseWinStore(out: string): string[] {
  return [...out.matchAll(/^Cert Hash\(sha1\):\s*([0-9a-fA-F ]+?)\s*$/gm)].map((m) => (m[1] ?? '').replace(/\s/g, '').toUpperCase());
}
