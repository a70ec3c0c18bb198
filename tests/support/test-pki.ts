// Throw-away PKI for the fake upstream providers used by the tests. One trusted "LLM Inspector Test Upstream CA"
// (the proxy under test is told to trust it via caPem / caPath) and one unrelated "Unknown Test CA" that nobody
// trusts (to provoke upstream TLS-verification failures). Both are created lazily, once per process, and cached.
// Keys come from Node's async crypto.generateKeyPair (fast, off the main thread); certificates are built and signed
// with node-forge. All leaves of one PKI share one leaf key, so leaf() is synchronous and cheap.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface LeafCert {
  /** PEM private key (PKCS#8). */
  key: string;
  /** PEM leaf certificate (signed by the PKI's CA). */
  cert: string;
  /** PEM chain: leaf then CA (the fake provider sends only the leaf, like real servers). */
  chain: string;
}

export interface TestPki {
  /** CA common name. */
  caName: string;
  /** PEM CA certificate (give this to `ca:` / NODE_EXTRA_CA_CERTS / the proxy's upstream trust). */
  caPem: string;
  /** The CA certificate written to a temp file (created once per process). */
  caPath: string;
  /** A leaf for the given DNS names / IP addresses (IP literals become IP SANs). Cached per host set. */
  leaf(hosts: string[]): LeafCert;
}

/** Hostnames every fake provider answers for by default. */
export const DEFAULT_PROVIDER_HOSTS: readonly string[] = [
  'api.openai.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'us-central1-aiplatform.googleapis.com',
  'test-resource.openai.azure.com',
  'bedrock-runtime.us-east-1.amazonaws.com',
  'api.deepseek.com',
  'api.groq.com',
  'api.mistral.ai',
  'api.x.ai',
  'api.perplexity.ai',
  'localhost',
  '127.0.0.1',
  '::1',
];

interface KeyPairPem {
  publicKey: string;
  privateKey: string;
}

function genRsa(): Promise<KeyPairPem> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })),
    );
  });
}

function serial(): string {
  // Positive, 16 bytes.
  return '01' + randomBytes(15).toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now + days * 24 * 3600 * 1000);
}

function makeCa(name: string, keys: KeyPairPem): string {
  const pub = forge.pki.publicKeyFromPem(keys.publicKey);
  const priv = forge.pki.privateKeyFromPem(keys.privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = serial();
  validity(cert, 3650);
  const attrs = [
    { name: 'commonName', value: name },
    { name: 'organizationName', value: 'LLM Inspector tests' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(priv, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function makeLeaf(caPem: string, caKeys: KeyPairPem, leafKeys: KeyPairPem, hosts: string[]): string {
  const ca = forge.pki.certificateFromPem(caPem);
  const caPriv = forge.pki.privateKeyFromPem(caKeys.privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(leafKeys.publicKey);
  cert.serialNumber = serial();
  validity(cert, 365);
  const cn = hosts.find((h) => isIP(h) === 0) ?? hosts[0] ?? 'localhost';
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(ca.subject.attributes);
  const altNames = hosts.map((h) => (isIP(h) !== 0 ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caPriv, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

async function buildPki(caName: string, fileStem: string): Promise<TestPki> {
  const [caKeys, leafKeys] = await Promise.all([genRsa(), genRsa()]);
  const caPem = makeCa(caName, caKeys);
  const dir = mkdtempSync(join(tmpdir(), 'llm-inspector-test-pki-'));
  // one per test process; without this every test file left a directory behind in the system temp dir
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const caPath = join(dir, `${fileStem}.pem`);
  writeFileSync(caPath, caPem);
  const leaves = new Map<string, LeafCert>();
  return {
    caName,
    caPem,
    caPath,
    leaf(hosts: string[]): LeafCert {
      const list = hosts.length > 0 ? [...new Set(hosts)] : ['localhost'];
      const cacheKey = [...list].sort().join(',');
      const hit = leaves.get(cacheKey);
      if (hit) return hit;
      const cert = makeLeaf(caPem, caKeys, leafKeys, list);
      const made: LeafCert = { key: leafKeys.privateKey, cert, chain: cert + caPem };
      leaves.set(cacheKey, made);
      return made;
    },
  };
}

let trusted: Promise<TestPki> | undefined;
let untrusted: Promise<TestPki> | undefined;

/** The trusted test upstream PKI (one per process). */
export function getTestPki(): Promise<TestPki> {
  trusted ??= buildPki('LLM Inspector Test Upstream CA', 'test-upstream-ca');
  return trusted;
}

/** A second, unrelated CA ("Unknown Test CA") whose leaves nobody trusts. */
export function getUntrustedPki(): Promise<TestPki> {
  untrusted ??= buildPki('Unknown Test CA', 'unknown-test-ca');
  return untrusted;
}
