// Trust anchors for the proxy → provider leg. Passing `ca` to an https.Agent REPLACES Node's default roots, so the list
// must rebuild everything Node would trust by itself (bundled Mozilla roots + NODE_EXTRA_CA_CERTS), add the OS store
// (corporate roots installed by an admin, which Node 20 ignores), and the user's extra CA for a local gateway.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

export interface UpstreamTrustOptions {
  /** A PEM (or DER) file with extra CA certificates, e.g. a local gateway's CA. Must exist when set. */
  extraCaFile?: string | null;
  env?: NodeJS.ProcessEnv;
}

export interface UpstreamTrust {
  /** PEM certificates, one per entry, de-duplicated. */
  ca: string[];
  /** Where they came from, e.g. "system: /etc/ssl/certs/ca-certificates.crt (146 certs)". */
  sources: string[];
  /** Non-fatal problems (an unreadable NODE_EXTRA_CA_CERTS is skipped, as Node itself does, with a warning). */
  warnings: string[];
}

/** Where Linux and BSD distributions keep the system bundle; the first one that exists is used. */
export const SYSTEM_BUNDLE_PATHS = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/cert.pem', // macOS (stale copy), Alpine, OpenBSD
  '/etc/ssl/ca-bundle.pem', // openSUSE
];

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Splits a PEM bundle into single certificates, re-wrapped at 64 columns so duplicates compare equal (Node's bundled
 * roots wrap differently from the OS bundles that carry the same certificates).
 */
export function splitPemBundle(text: string): string[] {
  return (text.match(PEM_CERT) ?? []).map((pem) => {
    const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const lines = body.match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  });
}

/** Certificates in a file: a PEM bundle, or a single DER certificate (what Windows and Android export). */
function certsFromFile(buf: Buffer): string[] {
  const pems = splitPemBundle(buf.toString('latin1'));
  if (pems.length > 0) return pems;
  try {
    return [new X509Certificate(buf).toString()];
  } catch {
    return [];
  }
}

type GetCaCertificates = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

function systemCertificates(): { certs: string[]; source: string } | null {
  // Node ≥ 22.15 reads the OS store itself (Keychain, Windows store, OpenSSL dirs); not in Node 20's typings.
  const getCaCertificates = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;
  if (typeof getCaCertificates === 'function') {
    try {
      return { certs: getCaCertificates('system').flatMap(splitPemBundle), source: 'system: tls.getCACertificates' };
    } catch {
      // fall through to the files
    }
  }
  for (const path of SYSTEM_BUNDLE_PATHS) {
    try {
      return { certs: splitPemBundle(readFileSync(path, 'latin1')), source: `system: ${path}` };
    } catch {
      // not there or not readable: try the next
    }
  }
  return null;
}

/**
 * Builds the `ca` list for upstream TLS. Read once at start-up (a few hundred KB); file reads are synchronous on
 * purpose so the result can feed an Agent constructor directly.
 */
export function buildUpstreamCaList(opts: UpstreamTrustOptions = {}): UpstreamTrust {
  const env = opts.env ?? process.env;
  const seen = new Set<string>();
  const ca: string[] = [];
  const sources: string[] = [];
  const warnings: string[] = [];
  const add = (label: string, certs: string[]): void => {
    let added = 0;
    for (const pem of certs) {
      if (seen.has(pem)) continue;
      seen.add(pem);
      ca.push(pem);
      added += 1;
    }
    sources.push(`${label} (${certs.length} certs, ${added} new)`);
  };

  add('node: bundled roots', tls.rootCertificates.flatMap(splitPemBundle));

  const system = systemCertificates();
  if (system) add(system.source, system.certs);
  else warnings.push('No readable system certificate store; using Node\'s bundled roots only.');

  const nodeExtra = env['NODE_EXTRA_CA_CERTS'];
  if (nodeExtra) {
    try {
      const certs = certsFromFile(readFileSync(nodeExtra));
      if (certs.length === 0) warnings.push(`NODE_EXTRA_CA_CERTS file ${nodeExtra} holds no certificates; ignored.`);
      else add(`NODE_EXTRA_CA_CERTS: ${nodeExtra}`, certs);
    } catch (err) {
      warnings.push(`NODE_EXTRA_CA_CERTS file ${nodeExtra} could not be read (${(err as Error).message}); ignored.`);
    }
  }

  if (opts.extraCaFile) {
    const path = opts.extraCaFile;
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (err as Error).message;
      throw new Error(
        `Extra upstream CA file ${path} ${why}. Point the extra CA setting at a readable PEM file with your ` +
          `gateway's CA certificate, or clear the setting.`,
      );
    }
    const certs = certsFromFile(buf);
    if (certs.length === 0) {
      throw new Error(
        `Extra upstream CA file ${path} holds no certificate. It must contain one or more ` +
          `"-----BEGIN CERTIFICATE-----" blocks (PEM) or a single DER certificate.`,
      );
    }
    add(`extra CA file: ${path}`, certs);
  }

  return { ca, sources, warnings };
}
