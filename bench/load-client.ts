// The load generator's side: undici dispatchers for "direct" (straight to the upstream, as api.openai.com) and
// "through the inspector" (HTTPS_PROXY-style CONNECT + MITM), plus request helpers and statistics.
import { performance } from 'node:perf_hooks';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';

export type Path = 'direct' | 'proxied';

export interface Endpoints {
  upstreamPort: number;
  upstreamCa: string;
  proxyUrl: string;
  inspectorCa: string;
}

/** Where requests go and through which dispatcher; `origin` is what the URL names. */
export interface Target {
  path: Path;
  origin: string;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

const TIMEOUTS = { headersTimeout: 15_000, bodyTimeout: 15_000, keepAliveTimeout: 30_000 };

/**
 * A fresh dispatcher (own connection pool) for `host`: direct connects to 127.0.0.1:<upstream> with SNI `host`;
 * proxied asks the inspector to CONNECT to `host`:443.
 */
export function makeTarget(ep: Endpoints, path: Path, connections: number, host = 'api.openai.com'): Target {
  if (path === 'direct') {
    const dispatcher = new Agent({ ...TIMEOUTS, connections, connect: { ca: ep.upstreamCa, servername: host } });
    return { path, origin: `https://127.0.0.1:${ep.upstreamPort}`, dispatcher, close: () => dispatcher.close() };
  }
  const dispatcher = new ProxyAgent({ ...TIMEOUTS, connections, uri: ep.proxyUrl, requestTls: { ca: ep.inspectorCa } });
  return { path, origin: `https://${host}`, dispatcher, close: () => dispatcher.close() };
}

let statsAgent: Agent | null = null;

/** TLS connections the upstream has accepted so far (its stats request reuses one connection of its own). */
export async function upstreamTlsConnections(ep: Endpoints): Promise<number> {
  statsAgent ??= new Agent({ ...TIMEOUTS, connections: 1, connect: { ca: ep.upstreamCa, servername: 'api.openai.com' } });
  const res = await request(`https://127.0.0.1:${ep.upstreamPort}/bench/stats`, { dispatcher: statsAgent });
  const body = (await res.body.json()) as { tlsConnections: number };
  return body.tlsConnections;
}

export async function closeStatsAgent(): Promise<void> {
  await statsAgent?.close();
  statsAgent = null;
}

/** ~300 bytes, like a short chat request */
export const SMALL_REQUEST = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a terse assistant used by a benchmark.' },
    { role: 'user', content: 'Say something about proxies, capture stores and latency in about one paragraph please. '.repeat(2) },
  ],
  temperature: 0.2,
  max_tokens: 200,
});

// A fresh object per request: undici's ProxyAgent adds `host` to the headers object it is given (in place), and a
// shared object would then carry Host: api.openai.com into direct requests, whose servername would flip and make undici
// drop the keep-alive connection before every request.
const smallHeaders = (): Record<string, string> => ({ 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key' });

/** One small chat completion; resolves with the status after the body was read in full. */
export async function smallRequest(t: Target): Promise<number> {
  const res = await request(`${t.origin}/v1/chat/completions`, {
    dispatcher: t.dispatcher,
    method: 'POST',
    headers: smallHeaders(),
    body: SMALL_REQUEST,
  });
  await res.body.arrayBuffer();
  return res.statusCode;
}

/** Times `n` sequential small requests (after `warmup` untimed ones); throws on a non-200. */
export async function sequentialLatencies(t: Target, n: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await expect200(smallRequest(t));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await expect200(smallRequest(t));
    out.push(performance.now() - t0);
  }
  return out;
}

async function expect200(p: Promise<number>): Promise<void> {
  const status = await p;
  if (status !== 200) throw new Error(`HTTP ${status}`);
}

export interface LoadResult {
  ok: number;
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  reqPerSec: number;
  latencies: number[];
}

/** `workers` loops each sending small requests back to back until `durationMs` has passed. */
export async function closedLoop(t: Target, workers: number, durationMs: number): Promise<LoadResult> {
  let ok = 0;
  let errors = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const s = performance.now();
      try {
        const status = await smallRequest(t);
        if (status === 200) {
          ok++;
          latencies.push(performance.now() - s);
        } else {
          errors++;
          firstError ??= `HTTP ${status}`;
        }
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsedMs = performance.now() - t0;
  return { ok, errors, firstError, elapsedMs, reqPerSec: (ok / elapsedMs) * 1000, latencies };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
