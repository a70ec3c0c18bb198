/**
 * Host allow-lists such as `api.openai.com`, `*.openai.azure.com` or `bedrock-runtime.*.amazonaws.com`. A `*` matches
 * one or more characters inside a single DNS label, as in TLS wildcard names, so `*.openai.azure.com` never matches
 * `evil.com/x.openai.azure.com`-style tricks or deeper subdomains.
 */
export class HostPatterns {
  private readonly exact = new Set<string>();
  private readonly wildcards: RegExp[] = [];

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const p = raw.trim().toLowerCase();
      if (!p) continue;
      if (!p.includes('*')) this.exact.add(p);
      else {
        const body = p
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^.]+');
        this.wildcards.push(new RegExp(`^${body}$`));
      }
    }
  }

  matches(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (this.exact.has(h)) return true;
    for (const re of this.wildcards) if (re.test(h)) return true;
    return false;
  }

  /** The literal host names (no wildcards), for pre-making certificates. */
  literalHosts(): string[] {
    return [...this.exact];
  }
}

/** Splits `host:port` / `[v6]:port`, as found in CONNECT targets and Host headers. */
export function splitHostPort(value: string, defaultPort: number): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (v6) return { host: v6[1] ?? '', port: v6[2] ? Number(v6[2]) : defaultPort };
  const i = value.lastIndexOf(':');
  if (i > 0 && /^\d+$/.test(value.slice(i + 1))) return { host: value.slice(0, i), port: Number(value.slice(i + 1)) };
  return { host: value, port: defaultPort };
}
