import http from 'node:http';
import type { Logger } from '../log/index.js';
import { listenWithFallback } from '../proxy/index.js';
import type { InspectorService } from '../service/index.js';
import { EventSocket } from './event-socket.js';
import { renderMetrics } from './metrics.js';
import { placeholderPage } from './placeholder-page.js';
import { compileRoutes, dispatch, HttpError } from './rest-router.js';
import { newRunToken, RequestGuard, TOKEN_COOKIE } from './request-guard.js';
import { StaticUi, uiContentSecurityPolicy } from './static-ui.js';

export interface CaExporter {
  exportPem(): string;
  exportDer(): Buffer;
}

export interface ApiServer {
  url: string;
  /** the URL to open: carries the token */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/** The headless shell's HTTP + WebSocket server: the service contract as REST, live events, CA downloads, the UI. */
export async function startApiServer(
  deps: { service: InspectorService; ca: CaExporter; log: Logger },
  opts: { host: string; port: number; token?: string; uiDir?: string },
): Promise<ApiServer> {
  const ui = new StaticUi(opts.uiDir);
  const token = opts.token ?? newRunToken();
  const routes = compileRoutes();
  const server = http.createServer();
  const port = await listenWithFallback(server, opts.host, opts.port);
  const guard = new RequestGuard(token, port, opts.host);
  const events = new EventSocket(deps.service, guard);

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  const json = (res: http.ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
  const fail = (res: http.ServerResponse, status: number, type: string, message: string, details?: unknown) =>
    json(res, status, { error: { type, message, ...(details === undefined ? {} : { details }) } });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const path = url.pathname;
    const origin = guard.checkOrigin(req);
    if (!origin.ok) return fail(res, origin.status, origin.type, origin.message);
    if (path === '/health') return json(res, 200, { status: 'ok', capture: deps.service.capture });
    if (path === '/metrics') return send(res, 200, renderMetrics(await deps.service.stats()), 'text/plain; version=0.0.4');
    if (req.method === 'GET' && path.startsWith('/assets/')) {
      // bundles carry no data; the page that loads them and every API call still need the token
      const file = await ui.asset(path);
      if (!file) return fail(res, 404, 'not_found', `No UI asset ${path}.`);
      return send(res, 200, file.body, file.type, file.immutable ? { 'cache-control': 'public, max-age=31536000, immutable' } : {});
    }
    const auth = guard.checkToken(req, url);
    if (!auth.ok) return fail(res, auth.status, auth.type, auth.message);
    const index = ui.indexHtml();
    if (path === '/' && req.method === 'GET' && index) {
      return send(res, 200, index, 'text/html; charset=utf-8', {
        'content-security-policy': uiContentSecurityPolicy(req.headers.host ?? '127.0.0.1'),
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (path === '/' && req.method === 'GET') {
      return send(res, 200, placeholderPage(), 'text/html; charset=utf-8', {
        'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    const caMatch = /^\/api\/ca\.(pem|crt|der)$/.exec(path);
    if (caMatch && req.method === 'GET') {
      const fmt = caMatch[1];
      const body = fmt === 'der' ? deps.ca.exportDer() : deps.ca.exportPem();
      const type = fmt === 'der' ? 'application/x-x509-ca-cert' : fmt === 'crt' ? 'application/x-x509-ca-cert' : 'application/x-pem-file';
      return send(res, 200, body, type, { 'content-disposition': `attachment; filename="llm-inspector-ca.${fmt}"` });
    }
    const bodyMatch = /^\/api\/exchanges\/(\d+)\/body\/(request|response)$/.exec(path);
    if (bodyMatch && req.method === 'GET') {
      const body = await deps.service.getBody(Number(bodyMatch[1]), bodyMatch[2] === 'request' ? 'req' : 'res');
      if (!body) return fail(res, 404, 'not_found', 'No stored body for that exchange and side.');
      return send(res, 200, body, 'application/octet-stream');
    }
    // export downloads and HAR import stream, so they live outside the JSON command table
    if (path.startsWith('/api/export') || path === '/api/import/har') {
      // loaded on first use: the export code pulls in the store, parsers and prices, which the proxy's thread never needs
      const { handleExportRoute } = await import('../export/index.js');
      if (await handleExportRoute(deps.service, req, res, url)) return;
    }
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method !== req.method) continue;
      return json(res, 200, await dispatch(deps.service, route, m, req, url));
    }
    return fail(res, 404, 'not_found', `No API route ${req.method} ${path}.`);
  };

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    handle(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof HttpError) return fail(res, err.status, err.type, err.message, err.details);
      deps.log.error(`API ${req.method} ${url.pathname} failed: ${(err as Error).stack ?? String(err)}`);
      fail(res, 500, 'internal', (err as Error).message ?? 'internal error');
    });
  });
  server.on('upgrade', (req, socket, head) => events.handleUpgrade(req, socket, head));

  const base = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  return {
    url: base,
    openUrl: `${base}/?token=${token}`,
    port,
    token,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
