import type { StaticUi } from '../server/index.js';

/** The window's origin. A custom standard scheme rather than file://: same-origin rules apply and CSP 'self' means us. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inspector';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL is one of our own pages (the window's page, never a frame or a page navigated elsewhere). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The window's policy: like the headless shell's, but the page needs no socket of its own (live events arrive over IPC),
 * so it may connect only to its own origin.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface ApiEndpoint {
  /** the loopback API server the core runs (`http://127.0.0.1:port`) */
  url: string;
  token: string;
}

type Fetch = (input: string, init: RequestInit & { duplex?: 'half' }) => Promise<Response>;

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/**
 * Answers every request of the window (`app://inspector/…`): the renderer build from disk, and `/api/…` downloads and
 * uploads (CA files, bodies, exports, HAR import) forwarded to the loopback API server with its token, which the page
 * never sees. JSON commands and live events take the IPC bridge instead.
 */
export function createAppProtocolHandler(ui: StaticUi, api: () => ApiEndpoint | null, fetchImpl: Fetch = fetch) {
  const text = (status: number, message: string) =>
    new Response(JSON.stringify({ error: { type: status === 404 ? 'not_found' : 'not_allowed', message } }), {
      status,
      headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' },
    });

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, `No such page: ${url.origin}`);
    const path = url.pathname;
    if (path.startsWith('/api/')) return forward(request, url, api(), fetchImpl, text);
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, `${request.method} is not allowed here`);
    if (path.startsWith('/assets/')) {
      const file = await ui.asset(path);
      if (!file) return text(404, `No UI asset ${path}`);
      return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'content-type': file.type } });
    }
    // the router lives in the hash, so every other path is the page itself
    const index = ui.indexHtml();
    if (!index) return text(404, 'The renderer is not built: run `npm run build`.');
    return new Response(new Uint8Array(index), {
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': APP_CSP },
    });
  };
}

async function forward(
  request: Request,
  url: URL,
  api: ApiEndpoint | null,
  fetchImpl: Fetch,
  text: (status: number, message: string) => Response,
): Promise<Response> {
  if (!api) return text(503, 'The inspector core is still starting.');
  const headers = new Headers();
  for (const name of ['accept', 'content-type', 'range']) {
    const v = request.headers.get(name);
    if (v) headers.set(name, v);
  }
  headers.set('authorization', `Bearer ${api.token}`);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  const upstream = await fetchImpl(api.url + url.pathname + url.search, {
    method: request.method,
    headers,
    // uploads (a HAR file) stream through rather than being read into memory first
    ...(hasBody ? { body: request.body, duplex: 'half' as const } : {}),
    redirect: 'manual',
  });
  const out = new Headers();
  for (const name of ['content-type', 'content-length', 'content-disposition', 'cache-control']) {
    const v = upstream.headers.get(name);
    if (v) out.set(name, v);
  }
  out.set('x-content-type-options', 'nosniff');
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
