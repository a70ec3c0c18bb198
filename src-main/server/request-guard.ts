import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export const TOKEN_COOKIE = 'llmi_token';

export function newRunToken(): string {
  return randomBytes(24).toString('base64url');
}

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; type: string; message: string };

/**
 * Every API request must (1) name this server in its Host header — a DNS-rebinding page cannot, (2) carry no foreign
 * Origin — a cross-site form or fetch cannot hide it, and (3) present the per-run token from the URL printed at start.
 */
export class RequestGuard {
  private readonly allowedHosts: Set<string>;
  private readonly allowedOrigins: Set<string>;
  private readonly token: Buffer;

  constructor(
    token: string,
    port: number,
    bindHost: string,
  ) {
    this.token = Buffer.from(token);
    const names = new Set(['127.0.0.1', 'localhost', '[::1]', bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
    this.allowedHosts = new Set([...names].map((h) => `${h}:${port}`.toLowerCase()));
    this.allowedOrigins = new Set([...this.allowedHosts].map((h) => `http://${h}`));
  }

  checkOrigin(req: http.IncomingMessage): GuardResult {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.allowedHosts.has(host)) {
      return { ok: false, status: 403, type: 'forbidden_host', message: `Host "${host}" is not this inspector; open it via 127.0.0.1 or localhost.` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !this.allowedOrigins.has(origin.toLowerCase())) {
      return { ok: false, status: 403, type: 'forbidden_origin', message: `Requests from ${origin} are not allowed.` };
    }
    return { ok: true };
  }

  checkToken(req: http.IncomingMessage, url: URL): GuardResult {
    const given = bearer(req.headers.authorization) ?? url.searchParams.get('token') ?? cookie(req.headers.cookie, TOKEN_COOKIE);
    if (given && this.matches(given)) return { ok: true };
    return {
      ok: false,
      status: 401,
      type: 'unauthorized',
      message: 'Missing or wrong token: open the URL that `llm-inspector serve` printed (it carries ?token=…).',
    };
  }

  check(req: http.IncomingMessage, url: URL): GuardResult {
    const o = this.checkOrigin(req);
    return o.ok ? this.checkToken(req, url) : o;
  }

  private matches(given: string): boolean {
    const g = Buffer.from(given);
    return g.length === this.token.length && timingSafeEqual(g, this.token);
  }
}

function bearer(h: string | undefined): string | null {
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ?? null;
}

function cookie(h: string | undefined, name: string): string | null {
  if (!h) return null;
  for (const part of h.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}
