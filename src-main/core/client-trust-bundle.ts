import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * SSL_CERT_FILE / REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE *replace* a tool's trust store, so pointing them at the inspector
 * CA alone would break every host the inspector tunnels blind. This writes the usual roots plus the inspector CA.
 */
export function writeClientTrustBundle(caDir: string, caPem: string): string {
  const system = SYSTEM_BUNDLES.find((p) => existsSync(p));
  const roots = system ? readFileSync(system, 'utf8') : tls.rootCertificates.join('\n');
  const path = join(caDir, 'client-bundle.pem');
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${roots.trimEnd()}\n# LLM Inspector CA\n${caPem.trim()}\n`, { mode: 0o644 });
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return path;
}
