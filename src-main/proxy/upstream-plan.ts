import type http from 'node:http';
import type { ExchangeMode } from '../contract/index.js';
import { splitHostPort } from './host-patterns.js';
import type { ProxySettings } from './proxy-settings.js';

export type UpstreamPlan =
  | {
      kind: 'upstream';
      mode: Exclude<ExchangeMode, 'tunnel'>;
      host: string;
      port: number;
      tls: boolean;
      /** path + query sent upstream */
      path: string;
      /** full upstream URL, for display and storage */
      url: string;
      /** Host header to send instead of the client's (base-URL routes) */
      hostHeader: string | null;
    }
  | { kind: 'local'; status: number; body: { type: string; message: string; hint?: string; routes?: unknown } };

export interface PlanInput {
  /** the request arrived over a decrypted CONNECT tunnel */
  isSSL: boolean;
  /** the request line held an absolute URL (forward-proxy request) */
  absolute: boolean;
  /** `host:port` of the CONNECT the socket came through, if any */
  connectTarget: string | null;
  req: http.IncomingMessage;
  /** host and port the library parsed from the absolute URL or the Host header */
  parsedHost: string;
  parsedPort: number | null;
  ownPort: number;
  settings: ProxySettings;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

function authority(host: string, port: number, tls: boolean): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return (tls && port === 443) || (!tls && port === 80) ? h : `${h}:${port}`;
}

/**
 * Decides where a request goes: the three ways in (decrypted CONNECT, plain forward proxy, base-URL route) all end in
 * one plan, so capture treats them the same.
 */
export function planUpstream(input: PlanInput): UpstreamPlan {
  const { req, settings } = input;
  const path = req.url ?? '/';
  if (input.connectTarget) {
    // Inside a tunnel the CONNECT target decides, not the Host header (a client may send Host: localhost).
    const { host, port } = splitHostPort(input.connectTarget, 443);
    if (input.isSSL) return upstream('mitm', host, port, true, path, null);
    // plain HTTP tunnelled to port 80 (undici tunnels even http:// URLs): same upgrade as the forward case below
    if (port === 80 && settings.shouldMitm(host)) return upstream('http', host, 443, true, path, null);
    return upstream('http', host, port, false, path, null);
  }
  if (input.absolute && !(LOOPBACK.test(input.parsedHost) && input.parsedPort === input.ownPort)) {
    const httpsAbsolute = /^https:\/\//i.test(path);
    if (httpsAbsolute) {
      const u = new URL(path);
      const port = u.port ? Number(u.port) : 443;
      return upstream('http', u.hostname, port, true, `${u.pathname}${u.search}`, null);
    }
    const host = input.parsedHost;
    const port = input.parsedPort ?? 80;
    // seed 001's trick: `http://api.openai.com/...` through the proxy goes out as HTTPS, so no CA is needed
    if (port === 80 && settings.shouldMitm(host)) return upstream('http', host, 443, true, path, null);
    return upstream('http', host, port, false, path, null);
  }
  const route = settings.routes.resolve(path);
  if (!route) {
    const status = path === '/' || path === '' ? 200 : 404;
    return {
      kind: 'local',
      status,
      body: {
        type: status === 200 ? 'llm_inspector_proxy' : 'no_route',
        message:
          status === 200
            ? 'This is the LLM Inspector proxy port. Use it as HTTPS_PROXY, or as a base URL through one of the routes.'
            : `No base-URL route matches ${path.split('?')[0]}.`,
        hint: 'Point a client at http://HOST:PORT/openai/v1 (or another route prefix below), or set HTTPS_PROXY.',
        routes: settings.routes.list(),
      },
    };
  }
  if (LOOPBACK.test(route.host) && route.port === input.ownPort) {
    return { kind: 'local', status: 508, body: { type: 'route_loop', message: `Route ${route.prefix} points back at the inspector itself.` } };
  }
  const tls = route.protocol === 'https:';
  return upstream('base-url', route.host, route.port, tls, route.path, authority(route.host, route.port, tls));

  function upstream(mode: Exclude<ExchangeMode, 'tunnel'>, host: string, port: number, tls: boolean, p: string, hostHeader: string | null): UpstreamPlan {
    return {
      kind: 'upstream',
      mode,
      host,
      port,
      tls,
      path: p,
      url: `${tls ? 'https' : 'http'}://${authority(host, port, tls)}${p}`,
      hostHeader,
    };
  }
}
