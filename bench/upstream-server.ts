// The bench's stand-in LLM provider, run as its own child process (`node dist/bench/upstream-server.js`) so neither
// the load generator nor the inspector shares its event loop. HTTPS on 127.0.0.1 with a leaf from the throw-away test
// PKI (key/cert file paths in BENCH_TLS_KEY / BENCH_TLS_CERT). Prints `listening <port>` once ready.
//   POST /v1/chat/completions                 → ~1 KB JSON (content-length)
//   POST /v1/chat/completions?sse=N&gap=MS    → N SSE events, one res.write each, MS apart; each carries its send time
//   GET  /v1/big?bytes=N                      → an N-byte JSON body (content-length), one write
//   GET  /bench/stats                         → {"tlsConnections": n} (TLS connections accepted so far)
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

const SMALL_REPLY = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench0000000000000000000000',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'This is a benchmark reply of about one kilobyte. It stands in for a short chat completion so that the ' +
            'proxy, the capture pipeline and the provider parser all do their usual work on every request. ' +
            'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et ' +
            'dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ' +
            'ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore.',
          refusal: null,
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 42, completion_tokens: 180, total_tokens: 222 },
    system_fingerprint: 'fp_bench',
  }),
);

function bigBody(bytes: number): Buffer {
  const head = '{"object":"list","data":"';
  const tail = '"}';
  const buf = Buffer.alloc(Math.max(bytes, head.length + tail.length), 'x');
  buf.write(head, 0);
  buf.write(tail, buf.length - tail.length);
  return buf;
}

const bigCache = new Map<number, Buffer>();
let tlsConnections = 0;

function sseEvent(i: number): string {
  const payload = {
    id: 'chatcmpl-bench-sse',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content: `token${i} ` }, finish_reason: null }],
    i,
    t: wallNow(),
  };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function streamSse(res: http.ServerResponse, count: number, gapMs: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  const next = (): void => {
    if (res.destroyed) return;
    res.write(sseEvent(i));
    i++;
    if (i < count) setTimeout(next, gapMs);
    else res.end();
  };
  next();
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'https://upstream.invalid');
  req.resume();
  req.on('end', () => {
    if (url.pathname === '/v1/chat/completions') {
      const sse = Number(url.searchParams.get('sse') ?? 0);
      if (sse > 0) return streamSse(res, sse, Number(url.searchParams.get('gap') ?? 5));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(SMALL_REPLY.length) });
      res.end(SMALL_REPLY);
      return;
    }
    if (url.pathname === '/v1/big') {
      const bytes = Math.min(Number(url.searchParams.get('bytes') ?? 1024), 64 * 1024 * 1024);
      let body = bigCache.get(bytes);
      if (!body) bigCache.set(bytes, (body = bigBody(bytes)));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    if (url.pathname === '/bench/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tlsConnections }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"bench upstream: no such route"}}');
  });
}

function main(): void {
  const keyPath = process.env.BENCH_TLS_KEY;
  const certPath = process.env.BENCH_TLS_CERT;
  if (!keyPath || !certPath) throw new Error('BENCH_TLS_KEY and BENCH_TLS_CERT must name the leaf key and certificate files');
  const server = https.createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath), keepAlive: true, noDelay: true }, handle);
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.on('secureConnection', () => tlsConnections++);
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => socket.destroy());
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // the parent going away (even by SIGKILL) closes our stdin pipe: leave with it
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
