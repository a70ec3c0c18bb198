import http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { IContext } from 'http-mitm-proxy';
import { ExchangeRecorder, REPLAY_HEADER, type CaptureSink, type ReplayMarkers } from '../capture/index.js';
import type { Logger } from '../log/index.js';
import { openBlindTunnel } from './blind-tunnel.js';
import { DirectHookProxy } from './direct-hook-proxy.js';
import { splitHostPort } from './host-patterns.js';
import { listenWithFallback } from './listen.js';
import type { ProxySettings } from './proxy-settings.js';
import { planUpstream, type UpstreamPlan } from './upstream-plan.js';
import { classifyUpstreamError, UpstreamTimeoutError } from './upstream-errors.js';
import { sendJsonError } from './json-error.js';
import { limitHeapGrowth } from './heap-policy.js';
import { isSelfHost, respondAsSelfHost, type SelfHostCa } from './self-host.js';

/** Anything that can hand out a TLS context for a host name (the leaf certificate cache). */
export interface LeafSource {
  getSecureContext(host: string): tls.SecureContext | Promise<tls.SecureContext>;
}

export interface InspectorProxyOptions {
  host: string;
  port: number;
  leaves: LeafSource;
  sink: CaptureSink;
  settings: () => ProxySettings;
  log: Logger;
  /** the CA the magic host (llm-inspector.test) offers for download */
  ca: SelfHostCa;
  /** ties the inspector's own requests (resend, self-test) to the exchanges they become */
  markers?: ReplayMarkers;
}

interface Flow {
  plan: UpstreamPlan;
  recorder: ExchangeRecorder | null;
  headersTimer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  failed: boolean;
}

/** The proxy-to-upstream options http-mitm-proxy passes to `https.request`, with the TLS fields we add. */
type UpstreamRequestOptions = NonNullable<IContext['proxyToServerRequestOptions']> & {
  servername?: string;
  rejectUnauthorized?: boolean;
};

/**
 * http-mitm-proxy with the plumbing its 1.1.0 release gets wrong for this product replaced (see README, "proxy engine"):
 * decrypted CONNECT sockets are handed straight to one in-process HTTP server instead of a per-host loopback server
 * reached via 0.0.0.0; leaf certificates come from a shared-key cache that never stalls the event loop; errors become JSON
 * 502/504 before headers and a destroyed connection after them, never text spliced into a body; a client that goes away
 * aborts the upstream request; the CONNECT target, not the Host header, decides where a decrypted request goes.
 * The request/response pipeline itself (forwarding, header handling) is the library's; its hooks are called directly
 * (DirectHookProxy).
 */
export class InspectorProxy extends DirectHookProxy {
  private readonly mitmServer = http.createServer();
  private readonly flows = new WeakMap<IContext, Flow>();
  /** the CONNECT request each decrypted socket belongs to */
  private readonly connectOf = new WeakMap<Duplex, http.IncomingMessage>();
  /** requests that arrived in absolute form (`GET http://host/...`), i.e. through a forward proxy setting */
  private readonly absoluteForm = new WeakSet<http.IncomingMessage>();
  private readonly sockets = new Set<Duplex>();
  /** decrypted sockets whose TLS handshake completed */
  private readonly handshaken = new WeakSet<Duplex>();
  private listenPort = 0;

  constructor(private readonly opts: InspectorProxyOptions) {
    super();
  }

  get port(): number {
    return this.listenPort;
  }

  async start(): Promise<number> {
    // the forwarding thread's and the ingest worker's old generations stay close to their live size under load
    limitHeapGrowth();
    const settings = this.opts.settings();
    // What the library's listen() would set up, minus its CA bootstrap (ours is loaded elsewhere) and its WebSocket
    // servers (LLM websocket APIs are not captured yet).
    this.options = { keepAlive: true };
    this.keepAlive = true;
    this.timeout = 0;
    this.httpAgent = settings.httpAgent;
    this.httpsAgent = settings.httpsAgent;
    const server = http.createServer();
    this.httpServer = server;
    server.keepAliveTimeout = 30_000;
    server.on('connect', this._onHttpServerConnect.bind(this));
    server.on('request', this._onHttpServerRequest.bind(this, false));
    server.on('connection', (s: net.Socket) => this.track(s));
    server.on('clientError', (_err, socket: Duplex) => socket.destroy());
    this.mitmServer.keepAliveTimeout = 30_000;
    this.mitmServer.on('request', this._onHttpServerRequest.bind(this, true));
    this.mitmServer.on('clientError', (err, socket: Duplex) => this.onMitmClientError(err, socket));
    this.onConnect((req, socket, head, callback) => this.handleConnect(req, socket, head, callback));
    // handleRequest / handleResponse are called by DirectHookProxy, not registered as library handlers
    this.listenPort = await listenWithFallback(server, this.opts.host, this.opts.port);
    return this.listenPort;
  }

  /** Stops listening and drops every open connection (clients see their connection close). */
  async stop(): Promise<void> {
    const server = this.httpServer;
    for (const s of this.sockets) s.destroy();
    this.mitmServer.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private track(s: Duplex): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  // ---- CONNECT: decrypt allow-listed hosts, tunnel everything else blind ----

  private handleConnect(req: http.IncomingMessage, socket: Duplex, head: Buffer, callback: (err?: Error) => void) {
    const { host, port } = splitHostPort(req.url ?? '', 443);
    const settings = this.opts.settings();
    // the magic host is always intercepted: it exists only inside the proxy
    if (settings.shouldMitm(host) || isSelfHost(host)) return callback();
    // Not calling back keeps the library out of this socket: it becomes a byte pipe we only count.
    openBlindTunnel({ req, socket, head, host, port, settings, sink: this.opts.sink, log: this.opts.log });
  }

  override _onHttpServerConnectData(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.pause();
    const { host } = splitHostPort(req.url ?? '', 443);
    if (head.length > 0 && head[0] !== 0x16) {
      // plain HTTP inside a CONNECT tunnel: parse it like any proxied request
      this.connectOf.set(socket, req);
      socket.unshift(head);
      this.httpServer?.emit('connection', socket);
      socket.resume();
      return;
    }
    let context: tls.SecureContext | Promise<tls.SecureContext>;
    try {
      context = this.opts.leaves.getSecureContext(host);
    } catch (err) {
      this.opts.log.error(`cannot make a certificate for ${host}: ${(err as Error).message}`);
      socket.destroy();
      return;
    }
    if (context instanceof Promise) {
      context.then(
        (sc) => this.startTls(req, socket, head, host, sc),
        (err: Error) => {
          this.opts.log.error(`cannot make a certificate for ${host}: ${err.message}`);
          socket.destroy();
        },
      );
    } else this.startTls(req, socket, head, host, context);
  }

  private startTls(req: http.IncomingMessage, socket: Duplex, head: Buffer, host: string, sc: tls.SecureContext) {
    if (socket.destroyed) return;
    socket.unshift(head);
    const tlsSocket = new tls.TLSSocket(socket as net.Socket, {
      isServer: true,
      secureContext: sc,
      ALPNProtocols: ['http/1.1'],
      SNICallback: (name, cb) => {
        if (name.toLowerCase() === host.toLowerCase()) return cb(null, sc);
        Promise.resolve(this.opts.leaves.getSecureContext(name)).then((c) => cb(null, c), (e: Error) => cb(e));
      },
    });
    this.connectOf.set(tlsSocket, req);
    tlsSocket.once('secure', () => this.handshaken.add(tlsSocket));
    // A client that rejects our certificate (TLS 1.3) often just closes: no error reaches this side.
    tlsSocket.once('close', () => this.noteHandshakeFailure(tlsSocket, 'the client closed the connection during the handshake'));
    this.mitmServer.emit('connection', tlsSocket);
  }

  private onMitmClientError(err: Error, socket: Duplex): void {
    this.opts.log.debug(`MITM client error: ${err.message}`);
    this.noteHandshakeFailure(socket, err.message);
    socket.destroy();
  }

  /** A TLS handshake that fails almost always means the client does not trust the inspector's CA: say so on the timeline. */
  private noteHandshakeFailure(socket: Duplex, detail: string): void {
    const req = this.connectOf.get(socket);
    if (!req || this.handshaken.has(socket)) return;
    this.handshaken.add(socket); // report once
    const settings = this.opts.settings();
    if (!settings.captureEnabled) return;
    const { host, port } = splitHostPort(req.url ?? '', 443);
    const rec = new ExchangeRecorder(
      this.opts.sink,
      { mode: 'mitm', method: 'CONNECT', url: `${host}:${port}`, host, path: '', requestHeaders: settings.redactor.headers(req.rawHeaders) },
      0,
    );
    rec.fail('error', {
      code: 'client_tls_rejected',
      message: `TLS handshake for ${host} failed (${detail}): the client probably does not trust the LLM Inspector CA. Make it trust the LLM Inspector CA, or use a base-URL route instead.`,
    });
  }

  // ---- requests ----

  override _onHttpServerRequest(isSSL: boolean, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!isSSL && /^https?:\/\//i.test(req.url ?? '')) this.absoluteForm.add(req);
    super._onHttpServerRequest(isSSL, req, res);
  }

  protected handleRequest(ctx: IContext, callback: (err?: Error) => void): void {
    const settings = this.opts.settings();
    const req = ctx.clientToProxyRequest;
    const plan = planUpstream({
      isSSL: ctx.isSSL,
      absolute: this.absoluteForm.has(req),
      connectTarget: this.connectOf.get(req.socket)?.url ?? null,
      req,
      parsedHost: ctx.proxyToServerRequestOptions?.host ?? '',
      parsedPort: Number(ctx.proxyToServerRequestOptions?.port ?? 0) || null,
      ownPort: this.listenPort,
      settings,
    });
    const o = ctx.proxyToServerRequestOptions as UpstreamRequestOptions;
    // the inspector's own marker: never forwarded, never stored, and claimed once a recorder has an id for it
    const marker = req.headers[REPLAY_HEADER];
    let rawHeaders = req.rawHeaders;
    if (marker !== undefined) {
      delete o.headers[REPLAY_HEADER];
      rawHeaders = withoutHeader(rawHeaders, REPLAY_HEADER);
    }
    const claim = (id: number | null) => {
      if (typeof marker === 'string') this.opts.markers?.claim(marker, id);
    };
    if (plan.kind === 'local') {
      claim(null);
      sendJsonError(ctx.proxyToClientResponse, plan.status, plan.body);
      return;
    }
    const record = () =>
      new ExchangeRecorder(
        this.opts.sink,
        {
          mode: plan.mode,
          method: req.method ?? 'GET',
          url: settings.redactor.url(plan.url),
          host: plan.host,
          path: settings.redactor.url(plan.path),
          requestHeaders: settings.redactor.headers(rawHeaders),
        },
        settings.maxBodyBytes,
      );
    if (isSelfHost(plan.host)) {
      const rec = settings.captureEnabled ? record() : null;
      claim(rec?.id ?? null);
      // the scheme the client used to reach the proxy, whatever an upgrade rule would do upstream
      respondAsSelfHost(req, ctx.proxyToClientResponse, plan.path, ctx.isSSL ? 'https' : 'http', this.opts.ca, rec);
      return;
    }
    const target = settings.connectTarget(plan.host, plan.port);
    o.host = target.host;
    o.port = target.port;
    o.path = plan.path;
    if (plan.hostHeader) o.headers.host = plan.hostHeader;
    ctx.isSSL = plan.tls;
    o.agent = plan.tls ? settings.httpsAgent : settings.httpAgent;
    if (plan.tls) {
      if (!/^[\d.]+$|:/.test(plan.host)) o.servername = plan.host;
      if (settings.insecureHosts.matches(plan.host)) o.rejectUnauthorized = false;
    }

    const flow: Flow = { plan, recorder: null, headersTimer: null, idleTimer: null, failed: false };
    this.flows.set(ctx, flow);
    if (settings.captureEnabled) {
      const rec = record();
      flow.recorder = rec;
      req.on('data', (chunk: Buffer) => rec.requestData(chunk));
    }
    claim(flow.recorder?.id ?? null);
    const res = ctx.proxyToClientResponse;
    res.once('finish', () => {
      this.clearTimers(flow);
      flow.recorder?.complete();
    });
    res.once('close', () => {
      if (res.writableFinished || flow.failed) return;
      flow.failed = true;
      // The client went away: stop the upstream too, so the provider stops generating (and billing).
      this.clearTimers(flow);
      ctx.proxyToServerRequest?.destroy();
      ctx.serverToProxyResponse?.destroy();
      flow.recorder?.fail('aborted', { code: 'client_aborted', message: 'The client closed the connection before the response ended' });
    });
    flow.headersTimer = setTimeout(() => {
      ctx.proxyToServerRequest?.destroy(new UpstreamTimeoutError('headers', settings.headersTimeoutMs));
    }, settings.headersTimeoutMs);
    flow.headersTimer.unref();
    callback();
  }

  protected handleResponse(ctx: IContext, callback: (err?: Error) => void): void {
    const flow = this.flows.get(ctx);
    const upstream = ctx.serverToProxyResponse;
    if (flow && upstream) {
      if (flow.headersTimer) clearTimeout(flow.headersTimer);
      const settings = this.opts.settings();
      const idleMs = settings.idleTimeoutMs;
      flow.idleTimer = setTimeout(() => upstream.destroy(new UpstreamTimeoutError('idle', idleMs)), idleMs);
      flow.idleTimer.unref();
      const idle = flow.idleTimer;
      const rec = flow.recorder;
      rec?.responseStarted(upstream.statusCode ?? 0, settings.redactor.headers(upstream.rawHeaders));
      upstream.on('data', (chunk: Buffer) => {
        idle.refresh();
        rec?.responseData(chunk);
      });
      upstream.once('end', () => clearTimeout(idle));
    }
    callback();
  }

  private clearTimers(flow: Flow): void {
    if (flow.headersTimer) clearTimeout(flow.headersTimer);
    if (flow.idleTimer) clearTimeout(flow.idleTimer);
  }

  // ---- errors ----

  override _onSocketError(_kind: string, _err: NodeJS.ErrnoException): void {
    // client sockets resetting is normal life for a proxy; the library would print each one
  }

  override _onError(kind: string, ctx: IContext | null, err: Error): void {
    if (!ctx) {
      this.opts.log.debug(`proxy ${kind}: ${err?.message}`);
      return;
    }
    const flow = this.flows.get(ctx);
    if (flow?.failed) return;
    if (flow) {
      flow.failed = true;
      this.clearTimers(flow);
    }
    const res = ctx.proxyToClientResponse;
    if (kind === 'CLIENT_TO_PROXY_REQUEST_ERROR' || kind === 'PROXY_TO_CLIENT_RESPONSE_ERROR') {
      ctx.proxyToServerRequest?.destroy();
      ctx.serverToProxyResponse?.destroy();
      flow?.recorder?.fail('aborted', { code: 'client_aborted', message: `client connection failed: ${err.message}` });
      res.destroy();
      return;
    }
    const host = flow?.plan.kind === 'upstream' ? flow.plan.host : 'upstream';
    const c = classifyUpstreamError(err, host);
    ctx.proxyToServerRequest?.destroy();
    if (!res.headersSent) {
      flow?.recorder?.fail('error', { code: c.code, message: c.message }, c.status);
      sendJsonError(res, c.status, { type: c.code, message: c.message, hint: c.hint });
    } else {
      // Mid-body: the only honest signal left is to cut the connection; never splice error text into a 200 body.
      flow?.recorder?.fail('error', { code: c.code, message: c.message });
      res.destroy();
    }
    this.opts.log.debug(`${c.code}: ${c.message}`);
  }
}

/** Node's flat rawHeaders list without one header (any case). */
function withoutHeader(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== name) out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}
