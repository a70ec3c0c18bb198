// Loaded into intercepted Node children with `--import` (NODE_OPTIONS). On Node versions whose fetch and https ignore
// HTTPS_PROXY, it routes both through the proxy so a program with no proxy code is captured. No exports: side effects only.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';
import { nodeHonoursEnvProxy } from './intercept-env.js';

const proxyUrl = process.env.HTTPS_PROXY ?? process.env.https_proxy;

function bypassed(host: string): boolean {
  const list = (process.env.NO_PROXY ?? process.env.no_proxy ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return list.some((e) => e === '*' || h === e || h.endsWith(e.startsWith('.') ? e : `.${e}`));
}

/** An https.Agent whose sockets are CONNECT tunnels through the proxy; Node's Agent accepts an async createConnection. */
class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true });
  }
  override createConnection(options: http.RequestOptions & tls.ConnectionOptions, cb?: (err: Error | null, s: Duplex) => void): Duplex | undefined {
    // Node's Agent calls back with (err) alone on failure; its typings only describe the success case
    const fail = (err: Error): void => (cb as ((e: Error) => void) | undefined)?.(err);
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    if (bypassed(host)) return tls.connect({ ...options, host, port, servername: options.servername ?? host });
    const req = http.request({ host: this.proxy.hostname, port: Number(this.proxy.port || 80), method: 'CONNECT', path: `${host}:${port}`, headers: { host: `${host}:${port}` } });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(new Error(`proxy CONNECT ${host}:${port} answered ${res.statusCode}`));
        return;
      }
      cb?.(null, tls.connect({ ...options, socket, servername: options.servername ?? host }));
    });
    req.once('error', fail);
    req.end();
    return undefined;
  }
}

if (proxyUrl && !nodeHonoursEnvProxy(process.versions.node)) {
  // Node's bundled fetch reads the dispatcher from a global symbol that the undici package's setGlobalDispatcher sets.
  setGlobalDispatcher(new EnvHttpProxyAgent());
  const agent = new TunnelAgent(new URL(proxyUrl));
  https.globalAgent = agent;
}
