// The inspector as a client of its own proxy (resend, self-test): the same ways in a program uses. Plain node:http and
// node:tls, so the request goes out byte for byte as built (header order and case kept) and nothing is pooled.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export interface ProxyEndpoint {
  host: string;
  port: number;
}

/** A failure before any response, in words a person can act on. */
export class ProxyClientError extends Error {}

export const CONNECT_TIMEOUT_MS = 10_000;

function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function describe(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${code}: ${err.message}` : err.message;
}

/** `CONNECT host:port` through the proxy, then TLS inside the tunnel trusting only `ca` (the inspector's CA). */
export function connectTls(proxy: ProxyEndpoint, host: string, port: number, ca: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const target = authority(host, port);
    const req = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: target, headers: { host: target }, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new ProxyClientError(`The proxy at ${authority(proxy.host, proxy.port)} did not open a tunnel to ${target} within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    req.once('error', (err) => {
      clearTimeout(timer);
      reject(new ProxyClientError(`Could not reach the inspector's proxy at ${authority(proxy.host, proxy.port)} (${describe(err)}); is it running?`));
    });
    req.once('connect', (res, socket: Duplex) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        socket.destroy();
        reject(new ProxyClientError(`The proxy refused the tunnel to ${target} (HTTP ${res.statusCode ?? '?'}).`));
        return;
      }
      const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
      const secure = tls.connect({ socket, servername, ca: [ca], ALPNProtocols: ['http/1.1'] });
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(secure);
      });
      secure.once('error', (err) => {
        clearTimeout(timer);
        socket.destroy();
        reject(
          new ProxyClientError(
            `TLS through the proxy to ${host} failed (${describe(err)}): the certificate it presented is not from the inspector's CA.`,
          ),
        );
      });
    });
    req.end();
  });
}

export interface OutgoingRequest {
  method: string;
  /** the request target: a path (origin form, through a tunnel or to a route) or an absolute URL (forward proxy) */
  target: string;
  /** flat [name, value, …] list sent as is (no Host is added: include it) */
  headers: string[];
  body: Buffer;
  /** an established TLS session (through a tunnel); otherwise a plain connection to the proxy */
  socket?: tls.TLSSocket;
  proxy: ProxyEndpoint;
}

/** Sends one request and resolves at its response headers; the caller reads (or drains) the body. */
export function sendRequest(o: OutgoingRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const socket = o.socket;
    const req = http.request({
      method: o.method,
      path: o.target,
      headers: o.headers,
      setHost: false,
      ...(socket ? { createConnection: () => socket } : { host: o.proxy.host, port: o.proxy.port, agent: false }),
    });
    req.once('response', resolve);
    req.once('error', (err) => {
      const where = socket ? 'the tunnel' : `the proxy at ${authority(o.proxy.host, o.proxy.port)}`;
      reject(new ProxyClientError(`The request through ${where} failed before a response arrived (${describe(err)}).`));
    });
    req.end(o.body);
  });
}

/** Reads a whole (small) response body. */
export async function readBody(res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
