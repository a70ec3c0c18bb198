// A local stand-in for an LLM provider: an HTTPS (or plain HTTP) server on 127.0.0.1 that answers from data-driven
// routes, typically replaying recorded fixtures (see ./fixtures.ts). Everything it receives and sends is recorded so
// tests can compare what the proxy forwarded/captured with what the "provider" really saw and sent.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import zlib from 'node:zlib';
import { DEFAULT_PROVIDER_HOSTS, getTestPki, type LeafCert } from './test-pki.js';

export * from './fixtures.js';

export type Fault = 'reset-after-headers' | 'reset-mid-body' | 'hang' | 'destroy-before-headers';
export type Encoding = 'gzip' | 'br' | 'deflate';

export interface Reply {
  status?: number;
  headers?: Record<string, string | string[]>;
  /** Whole body: sent with content-length (after encoding, if any). */
  body?: string | Buffer;
  /** Streamed body: one res.write per chunk (chunked transfer encoding), chunkDelayMs apart. */
  chunks?: (string | Buffer)[];
  chunkDelayMs?: number;
  /** Compress with this content-encoding (per-chunk sync-flushed when streaming). */
  encoding?: Encoding;
  fault?: Fault;
}

export interface ReceivedRequest {
  method: string;
  /** Path + query as received. */
  url: string;
  /** Raw header pairs in wire order and case. */
  headers: [string, string][];
  /** First value of a header (case-insensitive), or undefined. */
  header(name: string): string | undefined;
  /** TLS SNI the client sent (undefined over plain HTTP or without SNI). */
  servername: string | undefined;
  /** Client-side port of the TCP connection (same value for requests sharing a keep-alive connection). */
  remotePort: number | undefined;
  body: Buffer;
  bodySha256: string;
  status: number | undefined;
  /** sha256 of the (unencoded) response body bytes actually written. */
  responseSha256: string | undefined;
  /** sha256 of the bytes on the wire (after content-encoding). */
  responseWireSha256: string | undefined;
  /** The client closed the connection before the response finished (not set by our own injected faults). */
  closedEarly: boolean;
  /** The injected fault, if any. */
  fault: Fault | undefined;
  receivedAt: number;
  /** performance.now() after each chunk (or the whole body) was handed to the socket. */
  chunkSentAt: number[];
  finishedAt: number | undefined;
  /** Index of the route that answered (-1: no route matched, 404). */
  routeIndex: number;
  /** Resolves when the exchange is over (response finished, connection closed, or fault applied). */
  done: Promise<void>;
}

export interface Route {
  /** HTTP method, or '*' for any. */
  method: string;
  /** Exact path (with or without query) or a RegExp tested against path+query. */
  path: string | RegExp;
  /** Only for this Host (hostname part, case-insensitive). */
  host?: string;
  /** Extra predicate (e.g. on a header) evaluated after the body was read. */
  match?: (req: ReceivedRequest) => boolean;
  respond: Reply | ((req: ReceivedRequest) => Reply | Promise<Reply>);
}

export interface ProviderOptions {
  routes: Route[];
  /** Default true (HTTPS). */
  tls?: boolean;
  /** SAN names for the leaf; default DEFAULT_PROVIDER_HOSTS. */
  hosts?: string[];
  /** Use this certificate instead of one from the trusted test PKI (e.g. getUntrustedPki().leaf(...)). */
  cert?: LeafCert;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface FakeProvider {
  /** e.g. https://127.0.0.1:43210 */
  url: string;
  port: number;
  host: string;
  tls: boolean;
  requests: ReceivedRequest[];
  /** Resolves once at least n requests have been received (their bodies read). */
  waitForRequests(n: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export function sha256(buf: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function headerLookup(pairs: [string, string][]): (name: string) => string | undefined {
  return (name) => pairs.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

function routeMatches(route: Route, rec: ReceivedRequest): boolean {
  if (route.method !== '*' && route.method.toUpperCase() !== rec.method.toUpperCase()) return false;
  const pathname = rec.url.split('?')[0] ?? rec.url;
  if (typeof route.path === 'string') {
    if (route.path !== rec.url && route.path !== pathname) return false;
  } else if (!route.path.test(rec.url)) return false;
  if (route.host) {
    const h = (rec.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    if (h !== route.host.toLowerCase()) return false;
  }
  return route.match ? route.match(rec) : true;
}

function encoder(enc: Encoding): zlib.Gzip | zlib.BrotliCompress | zlib.Deflate {
  if (enc === 'gzip') return zlib.createGzip();
  if (enc === 'br') return zlib.createBrotliCompress();
  return zlib.createDeflate();
}

function encodeSync(enc: Encoding, buf: Buffer): Buffer {
  if (enc === 'gzip') return zlib.gzipSync(buf);
  if (enc === 'br') return zlib.brotliCompressSync(buf);
  return zlib.deflateSync(buf);
}

export async function startProvider(options: ProviderOptions): Promise<FakeProvider> {
  const useTls = options.tls ?? true;
  const bindHost = options.host ?? '127.0.0.1';
  const requests: ReceivedRequest[] = [];
  const waiters: { n: number; resolve: (r: ReceivedRequest[]) => void }[] = [];
  const rawSockets = new Map<string, Socket>();
  const allSockets = new Set<Socket>();

  // RST the underlying TCP connection (ECONNRESET at the peer); falls back to a plain destroy.
  const reset = (sock: Socket): void => {
    const raw = rawSockets.get(`${sock.remoteAddress}:${sock.remotePort}`) ?? sock;
    try {
      raw.resetAndDestroy();
    } catch {
      raw.destroy();
    }
    sock.destroy();
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake provider error: ${String(err)}`);
      } else res.destroy();
    });
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts);
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const sock = req.socket;
    const sni = useTls ? (sock as TLSSocket).servername : undefined;
    const rec: ReceivedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: pairs,
      header: headerLookup(pairs),
      servername: typeof sni === 'string' ? sni : undefined,
      remotePort: sock.remotePort,
      body,
      bodySha256: sha256(body),
      status: undefined,
      responseSha256: undefined,
      responseWireSha256: undefined,
      closedEarly: false,
      fault: undefined,
      receivedAt,
      chunkSentAt: [],
      finishedAt: undefined,
      routeIndex: -1,
      done,
    };
    requests.push(rec);
    for (const w of [...waiters]) {
      if (requests.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(requests.slice());
      }
    }
    let faultApplied = false;
    res.on('close', () => {
      if (!res.writableFinished && !faultApplied) rec.closedEarly = true;
      rec.finishedAt ??= performance.now();
      resolveDone();
    });

    const routeIndex = options.routes.findIndex((r) => routeMatches(r, rec));
    rec.routeIndex = routeIndex;
    const route = options.routes[routeIndex];
    const reply: Reply = route
      ? typeof route.respond === 'function'
        ? await route.respond(rec)
        : route.respond
      : {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: { message: `fake provider: no route for ${rec.method} ${rec.url}` } }),
        };
    rec.fault = reply.fault;
    rec.status = reply.status ?? 200;
    sock.setNoDelay(true);

    const applyFault = (kind: 'reset' | 'destroy'): void => {
      faultApplied = true;
      rec.finishedAt = performance.now();
      if (kind === 'reset') reset(sock);
      else sock.destroy();
      resolveDone();
    };
    if (reply.fault === 'destroy-before-headers') return applyFault('destroy');
    if (reply.fault === 'hang') return; // never answer; 'close' resolves done when the peer gives up

    const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
    const hasHeader = (n: string): boolean => Object.keys(headers).some((k) => k.toLowerCase() === n);
    if (reply.encoding && !hasHeader('content-encoding')) headers['content-encoding'] = reply.encoding;
    if (reply.chunks === undefined) {
      const plain = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body ?? Buffer.alloc(0);
      const onWire = reply.encoding ? encodeSync(reply.encoding, plain) : plain;
      if (!hasHeader('content-length') && !hasHeader('transfer-encoding')) headers['content-length'] = String(onWire.length);
      res.writeHead(rec.status, headers);
      if (reply.fault === 'reset-after-headers') {
        res.flushHeaders();
        await sleep(20);
        return applyFault('reset');
      }
      const part = reply.fault === 'reset-mid-body' ? onWire.subarray(0, Math.floor(onWire.length / 2)) : onWire;
      await new Promise<void>((r) => res.write(part, () => r()));
      rec.chunkSentAt.push(performance.now());
      rec.responseWireSha256 = sha256(part);
      // Partial + encoded: the unencoded prefix is unknown.
      rec.responseSha256 = part === onWire ? sha256(plain) : reply.encoding ? undefined : sha256(part);
      if (reply.fault === 'reset-mid-body') {
        await sleep(20);
        return applyFault('reset');
      }
      res.end();
      return;
    }

    // Streaming.
    const sent = createHash('sha256');
    const wire = createHash('sha256');
    res.writeHead(rec.status, headers);
    res.flushHeaders();
    if (reply.fault === 'reset-after-headers') {
      await sleep(20);
      return applyFault('reset');
    }
    const chunks = reply.chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
    const limit = reply.fault === 'reset-mid-body' ? Math.max(1, Math.ceil(chunks.length / 2)) : chunks.length;
    const z = reply.encoding ? encoder(reply.encoding) : undefined;
    if (z) z.on('data', (d: Buffer) => {
      wire.update(d);
      if (!res.destroyed) res.write(d);
    });
    for (let i = 0; i < limit; i++) {
      if (res.destroyed) break;
      if (i > 0 && (reply.chunkDelayMs ?? 0) > 0) await sleep(reply.chunkDelayMs ?? 0);
      if (res.destroyed) break;
      const c = chunks[i]!;
      sent.update(c);
      if (z) {
        z.write(c);
        await new Promise<void>((r) => z.flush(() => r()));
      } else {
        wire.update(c);
        await new Promise<void>((r) => res.write(c, () => r()));
      }
      rec.chunkSentAt.push(performance.now());
    }
    if (reply.fault === 'reset-mid-body') {
      rec.responseSha256 = sent.digest('hex');
      rec.responseWireSha256 = wire.digest('hex');
      await sleep(20);
      return applyFault('reset');
    }
    if (res.destroyed) return;
    if (z) {
      await new Promise<void>((r) => {
        z.once('end', () => r());
        z.end();
      });
    }
    rec.responseSha256 = sent.digest('hex');
    rec.responseWireSha256 = wire.digest('hex');
    res.end();
  }

  let cert: LeafCert | undefined;
  if (useTls) cert = options.cert ?? (await getTestPki()).leaf(options.hosts ?? [...DEFAULT_PROVIDER_HOSTS]);
  const server: http.Server | https.Server =
    useTls && cert
      ? https.createServer({ key: cert.key, cert: cert.cert, keepAlive: true }, handler)
      : http.createServer({ keepAlive: true }, handler);
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    const key = `${s.remoteAddress}:${s.remotePort}`;
    rawSockets.set(key, s);
    allSockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => {
      rawSockets.delete(key);
      allSockets.delete(s);
    });
  });
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err: Error, s: Socket) => s.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `${useTls ? 'https' : 'http'}://${hostInUrl}:${port}`,
    port,
    host: bindHost,
    tls: useTls,
    requests,
    waitForRequests(n: number): Promise<ReceivedRequest[]> {
      if (requests.length >= n) return Promise.resolve(requests.slice());
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close(): Promise<void> {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of allSockets) s.destroy();
      });
    },
  };
}
