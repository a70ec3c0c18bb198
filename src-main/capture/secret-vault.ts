import type { HeaderPairs } from '../contract/index.js';

/** The tag the Redactor writes in place of a secret: `[REDACTED sha256:xxxxxxxx]`. */
export const REDACTED_TAG = /\[REDACTED sha256:([0-9a-f]{8})\]/;

/**
 * Redaction tag → the secret it replaced, so a resend during the same run can restore the real key. Memory only and
 * bounded (least recently used goes first): secrets must never reach disk, and a run seeing many keys keeps only the
 * newest. Filled by the Redactor on the forwarding thread; read by the resend.
 */
export class SecretVault {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly maxEntries = 1000) {}

  remember(tag: string, secret: string): void {
    // re-inserting moves it to the newest end of the Map's insertion order
    this.secrets.delete(tag);
    this.secrets.set(tag, secret);
    if (this.secrets.size > this.maxEntries) {
      const oldest = this.secrets.keys().next();
      if (!oldest.done) this.secrets.delete(oldest.value);
    }
  }

  recall(tag: string): string | undefined {
    const secret = this.secrets.get(tag);
    if (secret !== undefined) this.remember(tag, secret);
    return secret;
  }

  get size(): number {
    return this.secrets.size;
  }
}

export interface Restored<T> {
  value: T;
  /** a tag was found whose secret is not known (captured in an earlier run, or evicted) */
  missing: boolean;
}

/** Stored header pairs with every redacted value put back where the vault knows it. */
export function restoreHeaders(pairs: HeaderPairs, vault: SecretVault): Restored<HeaderPairs> {
  let missing = false;
  const value = pairs.map(([name, v]): [string, string] => {
    const tag = REDACTED_TAG.exec(v)?.[1];
    if (tag === undefined) return [name, v];
    // the tag is of the whole header value (scheme included), so the whole value comes back
    const secret = vault.recall(tag);
    if (secret === undefined) missing = true;
    return [name, secret ?? v];
  });
  return { value, missing };
}

/** A stored URL or path with redacted query values put back (they were tagged as sent, still URL-encoded). */
export function restoreUrl(url: string, vault: SecretVault): Restored<string> {
  let missing = false;
  const value = url.replace(/([?&][^=&#]*=)([^&#]*)/g, (whole, head: string, encoded: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(encoded);
    } catch {
      return whole;
    }
    const tag = REDACTED_TAG.exec(decoded)?.[1];
    if (tag === undefined) return whole;
    const secret = vault.recall(tag);
    if (secret === undefined) {
      missing = true;
      return whole;
    }
    return head + secret;
  });
  return { value, missing };
}
