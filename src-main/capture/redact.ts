import { createHash } from 'node:crypto';
import type { HeaderPairs } from '../contract/index.js';
import type { SecretVault } from './secret-vault.js';

export interface RedactionRules {
  headers: readonly string[];
  queryParams: readonly string[];
  disabled: boolean;
}

const SEEN_MAX = 256;

/**
 * Secrets are replaced before anything leaves the capture stage, so they never reach the store, the logs or an export.
 * A short SHA-256 tag of the secret is kept: two requests with different keys stay distinguishable without the key
 * being recoverable.
 */
export class Redactor {
  private readonly headerSet: Set<string>;
  private readonly paramSet: Set<string>;
  /**
   * secret → its redacted form: a program sends the same key on every call, and hashing it each time was most of the
   * redaction cost on the forwarding path (the vault holds the same secrets for the run anyway)
   */
  private readonly seen = new Map<string, { tag: string; redacted: string }>();

  /** `vault` keeps each tag's secret in memory for this run, so a resend can restore it (see SecretVault). */
  constructor(
    private readonly rules: RedactionRules,
    private readonly vault: SecretVault | null = null,
  ) {
    this.headerSet = new Set(rules.headers.map((h) => h.toLowerCase()));
    this.paramSet = new Set(rules.queryParams.map((p) => p.toLowerCase()));
  }

  /** Turns Node's flat rawHeaders list into pairs, redacting secret values. */
  headers(rawHeaders: readonly string[]): HeaderPairs {
    const out: HeaderPairs = [];
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i] as string;
      const value = rawHeaders[i + 1] as string;
      out.push([name, !this.rules.disabled && this.headerSet.has(name.toLowerCase()) ? this.redact(value) : value]);
    }
    return out;
  }

  /** Redacts secret query parameters in a path or URL, leaving everything else byte for byte. */
  url(url: string): string {
    if (this.rules.disabled) return url;
    const q = url.indexOf('?');
    if (q === -1) return url;
    const hash = url.indexOf('#', q);
    const query = url.slice(q + 1, hash === -1 ? undefined : hash);
    const redacted = query
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq === -1) return pair;
        let name: string;
        try {
          name = decodeURIComponent(pair.slice(0, eq)).toLowerCase();
        } catch {
          name = pair.slice(0, eq).toLowerCase();
        }
        return this.paramSet.has(name) ? `${pair.slice(0, eq)}=${encodeURIComponent(this.redact(pair.slice(eq + 1)))}` : pair;
      })
      .join('&');
    return url.slice(0, q + 1) + redacted + (hash === -1 ? '' : url.slice(hash));
  }

  private redact(value: string): string {
    const known = this.seen.get(value);
    if (known !== undefined) {
      // still the vault's most recent use, so a key in steady use outlives one-off signatures there
      this.vault?.remember(known.tag, value);
      return known.redacted;
    }
    const tag = createHash('sha256').update(value).digest('hex').slice(0, 8);
    this.vault?.remember(tag, value);
    const scheme = /^(Bearer|Basic|Token|AWS4-HMAC-SHA256)\s+/i.exec(value)?.[1];
    const redacted = scheme ? `${scheme} [REDACTED sha256:${tag}]` : `[REDACTED sha256:${tag}]`;
    // bounded: per-request signatures (AWS SigV4) are all different and must not pile up
    if (this.seen.size >= SEEN_MAX) this.seen.clear();
    this.seen.set(value, { tag, redacted });
    return redacted;
  }
}
