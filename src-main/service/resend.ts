// Resend: a stored request goes through the inspector's own proxy again, the way its client sent it, so the copy is
// captured as a new exchange like any other. Redacted secrets come back from the in-memory vault when this run saw
// them; otherwise the request goes out with the redaction tag in their place and says so.
import type http from 'node:http';
import type tls from 'node:tls';
import { REPLAY_HEADER, restoreHeaders, restoreUrl, type ReplayMarkers, type SecretVault } from '../capture/index.js';
import type { CommandParsedInput, ExchangeDetail, ResendResult } from '../contract/index.js';
import { isSelfHost, type RouteTable } from '../proxy/index.js';
import { connectTls, ProxyClientError, readBody, sendRequest, type ProxyEndpoint } from './proxy-client.js';

export interface ResendEnv {
  /** where the proxy listens; null before it does */
  proxy: ProxyEndpoint | null;
  caPem: string;
  vault: SecretVault;
  markers: ReplayMarkers;
  /** the live config's routes and interception list */
  routes: RouteTable;
  shouldMitm(host: string): boolean;
}

/** Framing is recomputed for the body sent, Host follows the way in, the marker is ours: the rest goes as stored. */
const RECOMPUTED = new Set(['content-length', 'transfer-encoding', 'te', 'trailer', 'expect', 'upgrade', 'host', REPLAY_HEADER]);
/** how long to wait for the proxy to name the exchange once the response is in (it names it before forwarding) */
const CLAIM_GRACE_MS = 1000;

type Outcome = Omit<ResendResult, 'missingSecrets'>;
const failed = (error: string): Outcome => ({ exchangeId: null, status: null, error });

/** Why a stored exchange cannot be resent as it was, or null when it can. */
function notResendable(x: ExchangeDetail, input: CommandParsedInput<'exchanges.resend'>, stored: Buffer | null): string | null {
  if (x.mode === 'tunnel') return 'This is a blind tunnel: the inspector never saw its requests, so there is nothing to resend.';
  if (x.method === 'CONNECT') return 'This records a failed TLS handshake, not a request: there is nothing to resend.';
  if (x.state === 'pending' || x.state === 'streaming') {
    return 'This exchange is still in flight; its request is stored when it ends. Resend it once it has finished.';
  }
  if (input.body !== undefined) return null;
  if (x.request.truncated) {
    return `The stored request body was cut at the capture limit (${x.request.storedBytes} of ${x.request.bytes} bytes), so it ` +
      'cannot be sent as it was. Edit the body to resend it, or raise capture.maxBodyBytes for new captures.';
  }
  if (stored === null && x.request.bytes > 0) return 'The request body was not stored, so it cannot be sent as it was. Edit the body to resend it.';
  return null;
}

export async function resendExchange(
  x: ExchangeDetail,
  stored: Buffer | null,
  input: CommandParsedInput<'exchanges.resend'>,
  env: ResendEnv,
): Promise<ResendResult> {
  const headers = restoreHeaders(x.request.headers, env.vault);
  const url = restoreUrl(x.url, env.vault);
  const missingSecrets = headers.missing || url.missing;
  const why = notResendable(x, input, stored);
  if (why !== null) return { ...failed(why), missingSecrets };
  if (env.proxy === null) return { ...failed('The proxy is not listening yet; try again in a moment.'), missingSecrets };
  // a stored body is decoded unless decoding failed, in which case the raw (still encoded) bytes were kept
  const body = input.body !== undefined ? Buffer.from(input.body, 'utf8') : (stored ?? Buffer.alloc(0));
  const keepEncoding = input.body === undefined && x.request.decodeError !== null;
  const outcome = await send(x, url.value, headers.value, body, keepEncoding, env.proxy, env);
  return { ...outcome, missingSecrets };
}

async function send(
  x: ExchangeDetail,
  url: string,
  pairs: [string, string][],
  body: Buffer,
  keepEncoding: boolean,
  proxy: ProxyEndpoint,
  env: ResendEnv,
): Promise<Outcome> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return failed(`The stored URL ${url} cannot be parsed, so the request cannot be resent.`);
  }
  const proxyAuthority = `${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`;
  // base-URL clients called a route on the proxy; a route that no longer leads there falls back to the forward form
  const routed = x.mode === 'base-url' ? env.routes.reverse(url) : null;
  const hostValue = routed !== null ? proxyAuthority : null;
  const headers: string[] = [];
  let hasHost = false;
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      hasHost = true;
      headers.push(name, hostValue ?? value);
      continue;
    }
    if (RECOMPUTED.has(lower) || (lower === 'content-encoding' && !keepEncoding)) continue;
    headers.push(name, value);
  }
  if (!hasHost) headers.unshift('host', hostValue ?? u.host);
  const hadBody = body.length > 0 || pairs.some(([n]) => /^(content-length|transfer-encoding)$/i.test(n));
  if (hadBody) headers.push('content-length', String(body.length));

  const marker = env.markers.issue();
  headers.push(REPLAY_HEADER, marker.token);
  let socket: tls.TLSSocket | undefined;
  let res: http.IncomingMessage;
  try {
    if (x.mode === 'mitm') {
      if (!env.shouldMitm(u.hostname) && !isSelfHost(u.hostname)) {
        marker.cancel();
        return failed(`${u.hostname} is no longer intercepted, so a resend would not be decrypted. Add it to mitm.extraHosts and try again.`);
      }
      socket = await connectTls(proxy, u.hostname, u.port ? Number(u.port) : 443, env.caPem);
      res = await sendRequest({ method: x.method, target: `${u.pathname}${u.search}`, headers, body, socket, proxy });
    } else {
      res = await sendRequest({ method: x.method, target: routed ?? url, headers, body, proxy });
    }
  } catch (err) {
    marker.cancel();
    socket?.destroy();
    return failed(err instanceof ProxyClientError ? err.message : `The resend failed: ${(err as Error).message}`);
  }
  const exchangeId = await Promise.race([
    marker.exchangeId,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), CLAIM_GRACE_MS).unref()),
  ]);
  marker.cancel();
  const status = res.statusCode ?? null;
  if (res.headers['x-llm-inspector-error'] !== undefined) {
    // the inspector's own error (upstream unreachable, timeout, …): its message says what to do
    const text = await readBody(res).catch(() => Buffer.alloc(0));
    socket?.end();
    return { exchangeId, status, error: inspectorError(text) };
  }
  // the copy is captured as it streams: keep reading it to the end, but answer now (a stream may run for minutes)
  res.on('error', () => undefined);
  res.once('end', () => (socket ? socket.end() : res.socket?.destroy()));
  res.resume();
  return { exchangeId, status, error: null };
}

function inspectorError(body: Buffer): string {
  try {
    const e = (JSON.parse(body.toString('utf8')) as { error?: { message?: unknown; hint?: unknown } }).error;
    const message = typeof e?.message === 'string' ? e.message : 'The inspector could not forward the request.';
    return typeof e?.hint === 'string' ? `${message} ${e.hint}` : message;
  } catch {
    return 'The inspector could not forward the request.';
  }
}
