const DAY_MS = 86_400_000;

/** The CN of a subject printed as `CN=…, O=…` (the form `ca.info` sends). */
export function commonName(subject: string): string | null {
  const m = /(?:^|,\s*)CN=(.*?)(?=,\s*[A-Za-z]+=|$)/.exec(subject);
  return m?.[1]?.trim() || null;
}

/** Whole days from `now` to `iso`, rounded down; negative once the date has passed. */
export function daysUntil(iso: string, now: number): number {
  return Math.floor((Date.parse(iso) - now) / DAY_MS);
}

export type ExpiryLevel = 'ok' | 'soon' | 'expired' | 'not-yet-valid';

/** How worried to be about the CA's validity window: a month's notice before it runs out. */
export function expiryLevel(notBefore: string, notAfter: string, now: number): ExpiryLevel {
  if (Date.parse(notBefore) > now) return 'not-yet-valid';
  const days = daysUntil(notAfter, now);
  if (Date.parse(notAfter) <= now) return 'expired';
  return days < 30 ? 'soon' : 'ok';
}

export function expiryText(notBefore: string, notAfter: string, now: number): string {
  const days = daysUntil(notAfter, now);
  switch (expiryLevel(notBefore, notAfter, now)) {
    case 'not-yet-valid':
      return `not valid until ${notBefore.slice(0, 10)} (is this machine's clock right?)`;
    case 'expired':
      return `expired ${-days} day${-days === 1 ? '' : 's'} ago: regenerate it (llm-inspector ca regenerate) and install again`;
    case 'soon':
      return `expires in ${days} day${days === 1 ? '' : 's'}`;
    default:
      return days > 730 ? `expires in ${Math.floor(days / 365)} years` : `expires in ${days} days`;
  }
}

/**
 * The trust bundle `serve` writes beside the CA (`<ca dir>/client-bundle.pem`: the system roots plus the inspector CA).
 * SSL_CERT_FILE and REQUESTS_CA_BUNDLE *replace* a tool's roots, so they must point at it, not at the bare CA, or every
 * host the inspector only tunnels would fail. Null when the CA is not in the usual `<ca dir>/certs/ca.pem` place.
 */
export function clientBundlePath(certPath: string): string | null {
  const m = /^(.*)([\\/])certs[\\/]ca\.pem$/.exec(certPath);
  if (!m) return null;
  return `${m[1]}${m[2]}client-bundle.pem`;
}

/**
 * The proxy address a client on this machine should use: a proxy listening on every interface (0.0.0.0, ::) is reached
 * through loopback, since 0.0.0.0 is not an address one can connect to everywhere (Windows refuses it).
 */
export function clientProxyUrl(proxyUrl: string): string {
  return proxyUrl
    .replace(/\/+$/, '')
    .replace(/^(https?:\/\/)0\.0\.0\.0(?=[:/]|$)/, '$1127.0.0.1')
    .replace(/^(https?:\/\/)\[::\](?=[:/]|$)/, '$1[::1]');
}

/** A fingerprint as colon-separated byte pairs, whatever separators it came with. */
export function formatFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{1,2}/g)?.join(':') ?? fp;
}
