// Certificates are built with node-forge (it has the X.509 writer Node lacks) but signed with Node's native crypto:
// forge's RSA signature runs in JavaScript (~20 ms of blocked event loop per leaf); native signing takes ~1 ms.
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { pki, asn1 } = forge;

// getTBSCertificate exists at runtime (forge's own cert.sign uses it) but is missing from @types/node-forge.
const pkiInternal = pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };

/** Signs `cert` with sha256WithRSAEncryption using a native RSA key; the result is identical in form to cert.sign(). */
export function signCertificateSha256(cert: forge.pki.Certificate, key: KeyObject): void {
  const oid = pki.oids['sha256WithRSAEncryption'];
  if (!oid) throw new Error('node-forge does not know sha256WithRSAEncryption');
  cert.md = forge.md.sha256.create();
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  cert.tbsCertificate = pkiInternal.getTBSCertificate(cert);
  const tbs = Buffer.from(asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, key).toString('binary');
}

/** A random positive 128-bit serial (RFC 5280: positive, ≤ 20 octets, unpredictable). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // clear the sign bit, never a leading zero octet
  return bytes.toString('hex');
}

export const DAY_MS = 24 * 60 * 60 * 1000;
