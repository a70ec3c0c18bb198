// Per-host leaf certificates for intercepted TLS. http-mitm-proxy's own path generates a fresh RSA key per host with
// forge's synchronous keygen (150–350 ms of frozen event loop per new host). Here every leaf shares ONE key made once
// with Node's async keygen (as mitmproxy does), and each leaf is a forge-built certificate signed natively, so a new
// host costs a few ms. Leaves are cached in memory and on disk (<cacheDir>/<host>.pem) and re-checked when loaded.
import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { CA_ORGANIZATION, getCaSigner, type CaSigner, type CertificateAuthority } from './ca-authority.js';
import { ensureFileMode, ensurePrivateDir, isNotFound, writeFileAtomic } from './files.js';
import { DAY_MS, randomSerialHex, signCertificateSha256 } from './forge-sign.js';

const { pki } = forge;
const generateKeyPairAsync = promisify(generateKeyPair);

/** Browsers reject TLS server certificates valid for more than 398 days (Apple/Chrome policy since 2020). */
const LEAF_VALIDITY_DAYS = 397;
/** A cached leaf with less life than this is replaced rather than served. */
const LEAF_MIN_REMAINING_MS = 7 * DAY_MS;
const LEAF_KEY_FILE = 'leaf.key';

export interface LeafOptions {
  cacheDir: string;
  log?: (msg: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/** A ready leaf: PEMs for http-mitm-proxy's onCertificateMissing, and a context for a tls.Server SNICallback. */
export interface LeafMaterial {
  readonly host: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly context: SecureContext;
  readonly notAfter: Date;
}

/** Lower-cases, strips IPv6 brackets and a trailing dot; rejects wildcards and anything that is not a host name. */
export function normalizeLeafHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (isIP(h)) return h;
  if (h.length === 0 || h.length > 253 || !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(h)) {
    throw new Error(`Cannot make a TLS certificate for "${host}": not a host name or IP address`);
  }
  return h;
}

/** File name for a host; IPv6 colons are not legal on Windows, and the prefix keeps them apart from host names. */
function leafFileName(host: string): string {
  return isIP(host) === 6 ? `ip6_${host.replace(/:/g, '_')}.pem` : `${host}.pem`;
}

interface LeafKey {
  pem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  forgePublic: forge.pki.rsa.PublicKey;
}

function parseLeafKey(pem: string): LeafKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const forgePublic = pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return { pem, privateKey, publicKey, forgePublic };
}

/** Loads the shared leaf key, or makes and persists a new one (0600) so disk-cached leaves stay valid across restarts. */
async function loadOrCreateLeafKey(cacheDir: string, log: (msg: string) => void): Promise<LeafKey> {
  const path = join(cacheDir, LEAF_KEY_FILE);
  let existing: LeafKey | null = null;
  try {
    existing = parseLeafKey(await readFile(path, 'utf8'));
  } catch (err) {
    if (!isNotFound(err)) log(`Leaf key ${path} is unusable (${(err as Error).message}); making a new one.`);
  }
  if (existing) {
    await ensureFileMode(path, 0o600).catch((err: Error) => log(`Could not restrict ${path} to 0600: ${err.message}`));
    return existing;
  }
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await writeFileAtomic(path, privateKey, 0o600);
  return parseLeafKey(privateKey);
}

export class LeafCertificates {
  private readonly memory = new Map<string, LeafMaterial>();
  private readonly inFlight = new Map<string, Promise<LeafMaterial>>();
  /** Bumped by resetAuthority so leaves still being made for the old CA are not cached afterwards. */
  private epoch = 0;
  private signer: CaSigner;
  /** Leaves signed by this instance (not loaded from disk); for tests and diagnostics. */
  signedCount = 0;
  /** set by stop(): background pre-making ends and nothing more is written to the cache dir */
  private stopped = false;

  private constructor(
    ca: CertificateAuthority,
    private key: LeafKey,
    private readonly cacheDir: string,
    private readonly log: (msg: string) => void,
    private readonly now: () => Date,
  ) {
    this.signer = getCaSigner(ca);
  }

  static async create(ca: CertificateAuthority, opts: LeafOptions): Promise<LeafCertificates> {
    const log = opts.log ?? ((msg: string) => console.warn(msg));
    await ensurePrivateDir(opts.cacheDir);
    const key = await loadOrCreateLeafKey(opts.cacheDir, log);
    return new LeafCertificates(ca, key, opts.cacheDir, log, opts.now ?? (() => new Date()));
  }

  /** Number of leaves held in memory. */
  get size(): number {
    return this.memory.size;
  }

  /**
   * The TLS context for `host`. A memory hit returns synchronously (no extra tick in the handshake); a miss returns a
   * promise, shared by every concurrent caller for that host.
   */
  getSecureContext(host: string): SecureContext | Promise<SecureContext> {
    const leaf = this.getLeaf(host);
    return leaf instanceof Promise ? leaf.then((l) => l.context) : leaf.context;
  }

  /** Like getSecureContext, with the PEMs too (http-mitm-proxy's onCertificateMissing wants certFileData/keyFileData). */
  getLeaf(host: string): LeafMaterial | Promise<LeafMaterial> {
    let h: string;
    try {
      h = normalizeLeafHost(host);
    } catch (err) {
      return Promise.reject(err);
    }
    const hit = this.memory.get(h);
    if (hit && hit.notAfter.getTime() - this.now().getTime() > LEAF_MIN_REMAINING_MS) return hit;
    const pending = this.inFlight.get(h);
    if (pending) return pending;
    const epoch = this.epoch;
    const made = this.loadOrSign(h).then((leaf) => {
      if (epoch === this.epoch) this.memory.set(h, leaf);
      return leaf;
    });
    const tracked = made.finally(() => {
      if (this.inFlight.get(h) === tracked) this.inFlight.delete(h);
    });
    this.inFlight.set(h, tracked);
    return tracked;
  }

  /**
   * Makes leaves for known hosts ahead of the first connection, one per macrotask so start-up never holds the event
   * loop for long. Wildcard patterns are skipped (a leaf is made per concrete host when it is first seen).
   */
  async premake(hosts: string[]): Promise<void> {
    for (const host of new Set(hosts)) {
      if (this.stopped) return;
      if (host.includes('*')) continue;
      try {
        await this.getLeaf(host);
      } catch (err) {
        this.log(`Could not pre-make a certificate for ${host}: ${(err as Error).message}`);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The inspector is closing: pre-making stops at the next host, and leaves still being made are not written to disk
   * (the data dir may be on its way out; writing would recreate it).
   */
  stop(): void {
    this.stopped = true;
  }

  /** Switches to a new CA (after regenerateCa): forgets every leaf and makes sure the cache dir and key exist again. */
  async resetAuthority(ca: CertificateAuthority): Promise<void> {
    this.epoch += 1;
    this.signer = getCaSigner(ca);
    this.memory.clear();
    this.inFlight.clear();
    await ensurePrivateDir(this.cacheDir);
    this.key = await loadOrCreateLeafKey(this.cacheDir, this.log);
  }

  private async loadOrSign(host: string): Promise<LeafMaterial> {
    const path = join(this.cacheDir, leafFileName(host));
    const cached = await this.readCached(host, path);
    if (cached) return cached;
    const certPem = this.sign(host);
    this.signedCount += 1;
    if (this.stopped) return this.material(host, certPem);
    try {
      await ensurePrivateDir(this.cacheDir);
      await writeFileAtomic(path, certPem, 0o644, false);
    } catch (err) {
      // A read-only or full disk only costs a re-sign after restart; interception keeps working.
      this.log(`Could not cache the certificate for ${host} in ${path}: ${(err as Error).message}`);
    }
    return this.material(host, certPem);
  }

  /** A disk-cached leaf is served only if it still fits: this CA signed it, for this host and key, with life left. */
  private async readCached(host: string, path: string): Promise<LeafMaterial | null> {
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (err) {
      if (!isNotFound(err)) this.log(`Could not read cached certificate ${path}: ${(err as Error).message}`);
      return null;
    }
    try {
      const x509 = new X509Certificate(pem);
      const now = this.now().getTime();
      const fits =
        x509.checkIssued(this.signer.x509) &&
        x509.verify(this.signer.publicKey) &&
        x509.publicKey.equals(this.key.publicKey) &&
        (isIP(host) ? x509.checkIP(host) !== undefined : x509.checkHost(host, { wildcards: false }) !== undefined) &&
        Date.parse(x509.validFrom) <= now &&
        Date.parse(x509.validTo) - now > LEAF_MIN_REMAINING_MS;
      return fits ? this.material(host, pem) : null;
    } catch {
      return null; // unparsable: sign a new one over it
    }
  }

  private sign(host: string): string {
    const now = this.now().getTime();
    const cert = pki.createCertificate();
    cert.publicKey = this.key.forgePublic;
    cert.serialNumber = randomSerialHex();
    cert.validity.notBefore = new Date(now - DAY_MS);
    cert.validity.notAfter = new Date(now + LEAF_VALIDITY_DAYS * DAY_MS - DAY_MS);
    // Clients match on the SAN; the CN is informational and capped at 64 characters by X.509.
    const subject = [{ name: 'organizationName', value: CA_ORGANIZATION }];
    if (host.length <= 64) subject.unshift({ name: 'commonName', value: host });
    cert.setSubject(subject);
    cert.setIssuer(this.signer.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // type 7 = iPAddress (forge encodes IPv4 and IPv6), type 2 = dNSName.
      { name: 'subjectAltName', altNames: [isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }] },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.signer.keyIdBytes },
    ]);
    signCertificateSha256(cert, this.signer.privateKey);
    return pki.certificateToPem(cert);
  }

  private material(host: string, certPem: string): LeafMaterial {
    const context = createSecureContext({ key: this.key.pem, cert: certPem });
    const notAfter = new Date(new X509Certificate(certPem).validTo);
    return { host, certPem, keyPem: this.key.pem, context, notAfter };
  }
}
