// The install's own root CA. It is written in the layout http-mitm-proxy loads (<caDir>/certs/ca.pem,
// <caDir>/keys/ca.private.key, <caDir>/keys/ca.public.key), so the library never creates its weak default
// ("NodeMITMProxyCA", 1 year, nothing checks expiry). The private key stays on disk (0600) and in this module:
// the public type below has no way to read it, and every export is certificate-only.
import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { CaInfo } from '../contract/status.js';
import { ensureFileMode, ensurePrivateDir, isNotFound, writeFileAtomic } from './files.js';
import { DAY_MS, randomSerialHex, signCertificateSha256 } from './forge-sign.js';

const { pki } = forge;
const generateKeyPairAsync = promisify(generateKeyPair);

export const CA_ORGANIZATION = 'LLM Inspector';
const CA_VALIDITY_YEARS = 10;
/** A CA this close to expiry is replaced at load: better one re-trust now than a sudden TLS failure everywhere later. */
const CA_RENEW_BEFORE_MS = 30 * DAY_MS;
/** http-mitm-proxy's default CA; if one is found (the library ran before us), it is replaced. */
const LIBRARY_DEFAULT_CN = 'NodeMITMProxyCA';

/** What the CA knows of itself; whether the machine trusts it is a separate probe (trust-probe.ts). */
export type CaBasics = Omit<CaInfo, 'trust' | 'bundlePath'>;

export interface CertificateAuthority {
  /** The directory to hand http-mitm-proxy as `sslCaDir`. */
  readonly caDir: string;
  readonly certPath: string;
  readonly certPem: string;
  info(): CaBasics;
  exportPem(): string;
  exportDer(): Buffer;
  /** PKCS#12 with only the certificate bag (for Windows/Android import). The private key is never included. */
  exportP12(password: string): Buffer;
}

export interface CaOptions {
  /** Clock for creation and the expiry check (tests make old CAs with it). */
  now?: Date;
  log?: (msg: string) => void;
  /** The leaf cache wiped when the CA is replaced; default `<caDir>/leaves` (the data-dir layout). */
  leafCacheDir?: string;
}

/** What leaf signing needs. Internal to src-main/ca (not re-exported from index.ts). */
export interface CaSigner {
  readonly cert: forge.pki.Certificate;
  readonly x509: X509Certificate;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SHA-1 key id of the CA key, used as the leaves' authorityKeyIdentifier. */
  readonly keyIdBytes: string;
}

const signers = new WeakMap<CertificateAuthority, CaSigner>();

export function getCaSigner(ca: CertificateAuthority): CaSigner {
  const signer = signers.get(ca);
  if (!signer) throw new Error('Not a CertificateAuthority made by loadOrCreateCa/regenerateCa');
  return signer;
}

export interface CaPaths {
  caDir: string;
  certsDir: string;
  keysDir: string;
  certPath: string;
  privateKeyPath: string;
  publicKeyPath: string;
}

export function caPaths(caDir: string): CaPaths {
  const certsDir = join(caDir, 'certs');
  const keysDir = join(caDir, 'keys');
  return {
    caDir,
    certsDir,
    keysDir,
    certPath: join(certsDir, 'ca.pem'),
    privateKeyPath: join(keysDir, 'ca.private.key'),
    publicKeyPath: join(keysDir, 'ca.public.key'),
  };
}

class LocalCa implements CertificateAuthority {
  readonly certPath: string;
  constructor(
    readonly caDir: string,
    readonly certPem: string,
    private readonly signer: CaSigner,
  ) {
    this.certPath = caPaths(caDir).certPath;
  }

  info(): CaBasics {
    const { cert, x509 } = this.signer;
    return {
      // X509Certificate prints one RDN per line; a single line reads better in the UI and logs.
      subject: x509.subject.split('\n').join(', '),
      fingerprintSha256: x509.fingerprint256.toUpperCase(),
      notBefore: cert.validity.notBefore.toISOString(),
      notAfter: cert.validity.notAfter.toISOString(),
      certPath: this.certPath,
    };
  }

  exportPem(): string {
    return this.certPem;
  }

  exportDer(): Buffer {
    return Buffer.from(this.signer.x509.raw);
  }

  exportP12(password: string): Buffer {
    const cn = this.signer.x509.subject.match(/^CN=(.*)$/m)?.[1] ?? 'LLM Inspector CA';
    // key = null: only a certBag is written. The MAC still uses the password, which importers ask for.
    const asn1 = forge.pkcs12.toPkcs12Asn1(null, this.signer.cert, password, { friendlyName: cn });
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  }
}

interface CaPemFiles {
  certPem: string;
  privateKeyPem: string;
}

function buildSigner(files: CaPemFiles): CaSigner {
  const cert = pki.certificateFromPem(files.certPem);
  const x509 = new X509Certificate(files.certPem);
  const privateKey = createPrivateKey(files.privateKeyPem);
  if (!x509.checkPrivateKey(privateKey)) throw new Error('the private key does not belong to the certificate');
  const publicKey = createPublicKey(privateKey);
  return { cert, x509, privateKey, publicKey, keyIdBytes: cert.generateSubjectKeyIdentifier().getBytes() };
}

function makeCa(caDir: string, files: CaPemFiles): CertificateAuthority {
  const signer = buildSigner(files);
  const ca = new LocalCa(caDir, files.certPem, signer);
  signers.set(ca, signer);
  return ca;
}

function caCommonName(): string {
  const id = randomBytes(3).toString('hex');
  // X.509 caps a CN at 64 characters; the fixed part plus the id take 28, so the hostname gets the rest.
  const host = hostname().replace(/[^\x20-\x7e]/g, '').slice(0, 34) || 'localhost';
  return `LLM Inspector CA (${host} ${id})`;
}

async function createCaFiles(now: Date): Promise<CaPemFiles & { publicKeyPem: string }> {
  // Native async keygen: forge's JS keygen blocks the event loop for 100s of ms.
  const keys = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // PKCS#1 ("RSA PRIVATE KEY") as http-mitm-proxy itself writes it; forge reads either form.
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = randomSerialHex();
  // One day back tolerates clients whose clocks run a little behind.
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
  cert.validity.notAfter = notAfter;
  const attrs = [
    { name: 'commonName', value: caCommonName() },
    { name: 'organizationName', value: CA_ORGANIZATION },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    // pathLen 0: this CA can sign leaves but never another CA.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificateSha256(cert, createPrivateKey(keys.privateKey));
  return { certPem: pki.certificateToPem(cert), privateKeyPem: keys.privateKey, publicKeyPem: keys.publicKey };
}

async function writeCaFiles(paths: CaPaths, files: CaPemFiles & { publicKeyPem: string }): Promise<void> {
  await ensurePrivateDir(paths.caDir);
  await ensurePrivateDir(paths.certsDir);
  await ensurePrivateDir(paths.keysDir);
  // Keys first, cert last: the library treats "ca.pem exists" as "a CA is here", so it must never see a cert
  // without its key.
  await writeFileAtomic(paths.privateKeyPath, files.privateKeyPem, 0o600);
  await writeFileAtomic(paths.publicKeyPath, files.publicKeyPem, 0o644);
  await writeFileAtomic(paths.certPath, files.certPem, 0o644);
}

/**
 * Removes every leaf made under the old CA: our leaf cache, and the per-host files http-mitm-proxy writes next to
 * the CA (certs/<host>.pem, keys/<host>.key) should it ever make its own.
 */
async function wipeLeaves(paths: CaPaths, leafCacheDir: string): Promise<void> {
  await rm(leafCacheDir, { recursive: true, force: true });
  const keep = new Set(['ca.pem', 'ca.private.key', 'ca.public.key']);
  for (const dir of [paths.certsDir, paths.keysDir]) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    for (const name of names) {
      if (!keep.has(name) && (name.endsWith('.pem') || name.endsWith('.key'))) await rm(join(dir, name), { force: true });
    }
  }
}

type LoadResult = { kind: 'missing' } | { kind: 'invalid'; reason: string } | { kind: 'ok'; files: CaPemFiles };

async function readCaFiles(paths: CaPaths): Promise<LoadResult> {
  const readOrNull = async (path: string): Promise<string | null> => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return null;
      // EACCES and friends: replacing the CA would hide the real problem and force a re-trust, so stop instead.
      throw new Error(`Cannot read CA file ${path}: ${(err as Error).message}. Fix its permissions or remove ${paths.caDir}.`);
    }
  };
  const certPem = await readOrNull(paths.certPath);
  if (certPem === null) return { kind: 'missing' };
  const privateKeyPem = await readOrNull(paths.privateKeyPath);
  if (privateKeyPem === null) return { kind: 'invalid', reason: `private key ${paths.privateKeyPath} is missing` };
  return { kind: 'ok', files: { certPem, privateKeyPem } };
}

function loudReplaceMessage(reason: string, ca: CertificateAuthority): string {
  const info = ca.info();
  return (
    `!!! LLM Inspector CA REPLACED (${reason}). Clients that trusted the old CA will now reject intercepted TLS. ` +
    `Re-trust the new CA: ${info.certPath} (SHA-256 ${info.fingerprintSha256}).`
  );
}

async function createAndWrite(paths: CaPaths, now: Date, leafCacheDir: string): Promise<CertificateAuthority> {
  const files = await createCaFiles(now);
  await writeCaFiles(paths, files);
  await wipeLeaves(paths, leafCacheDir);
  return makeCa(paths.caDir, files);
}

/** Loads the CA in `caDir`, creating it on first run and replacing it when broken, foreign-default or expiring. */
export async function loadOrCreateCa(caDir: string, opts: CaOptions = {}): Promise<CertificateAuthority> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? ((msg: string) => console.warn(msg));
  const paths = caPaths(caDir);
  const leafCacheDir = opts.leafCacheDir ?? join(caDir, 'leaves');
  await ensurePrivateDir(caDir);

  const loaded = await readCaFiles(paths);
  if (loaded.kind === 'missing') {
    const ca = await createAndWrite(paths, now, leafCacheDir);
    const info = ca.info();
    log(`Created LLM Inspector CA ${info.subject} (SHA-256 ${info.fingerprintSha256}); trust ${info.certPath} to inspect HTTPS.`);
    return ca;
  }

  let replaceReason: string | null = null;
  let ca: CertificateAuthority | null = null;
  if (loaded.kind === 'invalid') {
    replaceReason = loaded.reason;
  } else {
    try {
      ca = makeCa(caDir, loaded.files);
    } catch (err) {
      replaceReason = `the stored CA could not be used: ${(err as Error).message}`;
    }
  }
  if (ca) {
    const { cert } = getCaSigner(ca);
    const cn = cert.subject.getField('CN') as { value?: unknown } | null;
    if (cn?.value === LIBRARY_DEFAULT_CN) replaceReason = 'it was http-mitm-proxy\'s default CA, not this install\'s own';
    else if (cert.validity.notAfter.getTime() - now.getTime() < CA_RENEW_BEFORE_MS) {
      replaceReason = `it expires ${cert.validity.notAfter.toISOString()}`;
    } else if (cert.validity.notBefore.getTime() > now.getTime() + DAY_MS) {
      replaceReason = `it is not valid until ${cert.validity.notBefore.toISOString()}`;
    }
  }
  if (replaceReason === null && ca) {
    await ensureFileMode(paths.privateKeyPath, 0o600);
    // The library insists on ca.public.key; restore it if only that file was lost.
    await readFile(paths.publicKeyPath).catch(async (err: unknown) => {
      if (!isNotFound(err)) throw err;
      const pem = getCaSigner(ca).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await writeFileAtomic(paths.publicKeyPath, pem, 0o644);
    });
    return ca;
  }
  const fresh = await createAndWrite(paths, now, leafCacheDir);
  log(loudReplaceMessage(replaceReason ?? 'unusable', fresh));
  return fresh;
}

/** Replaces the CA unconditionally (user request, suspected key leak) and wipes every leaf signed by the old one. */
export async function regenerateCa(caDir: string, opts: CaOptions = {}): Promise<CertificateAuthority> {
  const log = opts.log ?? ((msg: string) => console.warn(msg));
  const fresh = await createAndWrite(caPaths(caDir), opts.now ?? new Date(), opts.leafCacheDir ?? join(caDir, 'leaves'));
  log(loudReplaceMessage('regenerated on request', fresh));
  return fresh;
}
