// Does this machine trust the inspector's CA? On Linux the programs a user runs read a PEM bundle (the system one, or
// the files SSL_CERT_FILE / NODE_EXTRA_CA_CERTS name), so looking for the certificate in those files answers it. The
// macOS Keychain and the Windows store cannot be read from plain Node here, so those say "unknown".
import { X509Certificate, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CaInfo } from '../contract/index.js';

export type CaTrust = CaInfo['trust'];

/** The system bundles distributions ship, where the programs of a Linux machine look for trusted roots. */
export const LINUX_TRUST_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'] as const;

/** The bundle files to look in: the system ones plus the files the environment points programs at. */
export function trustBundleFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const files: string[] = [...LINUX_TRUST_BUNDLES];
  for (const name of ['SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS']) {
    const file = env[name];
    if (file && !files.includes(file)) files.push(file);
  }
  return files;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

/** SHA-256 of each certificate's DER in a bundle: PEM blocks, or one DER certificate (what some exports write). */
function fingerprintsIn(data: Buffer): Set<string> {
  const out = new Set<string>();
  const text = data.toString('latin1');
  for (const m of text.matchAll(PEM_BLOCK)) {
    const der = Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
    out.add(sha256(der));
  }
  if (out.size === 0) {
    try {
      out.add(sha256(Buffer.from(new X509Certificate(data).raw)));
    } catch {
      // not a certificate: the file simply holds none
    }
  }
  return out;
}

function sha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export interface TrustProbeOptions {
  /** the bundle files to read (default: trustBundleFiles()) */
  files?: readonly string[];
  platform?: NodeJS.Platform;
}

/**
 * Looks for the CA (its DER, compared by SHA-256) in the trust bundles. Files are read on every call: trust changes
 * when the user installs the CA, and a remembered answer would go stale; the read is a few hundred KB.
 */
export async function probeCaTrust(caDer: Buffer, opts: TrustProbeOptions = {}): Promise<CaTrust> {
  const platform = opts.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') {
    const store = platform === 'darwin' ? 'the macOS Keychain' : 'the Windows certificate store';
    return {
      state: 'unknown',
      detail: `Trust in ${store} cannot be checked from here: use the desktop app's one-click install or the steps below.`,
    };
  }
  const want = sha256(caDer);
  const files = opts.files ?? trustBundleFiles();
  const found: string[] = [];
  const absent: string[] = [];
  const unreadable: string[] = [];
  await Promise.all(
    files.map(async (file) => {
      let data: Buffer;
      try {
        data = await readFile(file);
      } catch {
        unreadable.push(file);
        return;
      }
      (fingerprintsIn(data).has(want) ? found : absent).push(file);
    }),
  );
  // keep the caller's order in what is reported
  const ordered = (xs: string[]) => files.filter((f) => xs.includes(f));
  const missing = unreadable.length ? ` (not readable or not there: ${ordered(unreadable).join(', ')})` : '';
  if (found.length > 0) return { state: 'trusted', detail: `Found in ${ordered(found).join(', ')}.` };
  if (absent.length > 0) return { state: 'not_trusted', detail: `Not in ${ordered(absent).join(', ')}${missing}.` };
  return { state: 'unknown', detail: `No certificate bundle could be read: looked in ${files.join(', ') || 'no files'}.` };
}
