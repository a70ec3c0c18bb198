import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FinishOp } from '../ingest/ingest-ops.js';
import { ExchangeStore } from './exchange-store.js';
import { PARSER_VERSION } from '../providers/index.js';
import type { FinishRecord } from './store-types.js';

export interface MeasureIngestOptions {
  /** exchanges to write (default 50,000) */
  count?: number;
  /** size of each request and response body (default 1024) */
  bodyBytes?: number;
  /** exchanges per transaction when writing the store directly (default 2048, the client's largest batch) */
  batchSize?: number;
  /** 'store': ExchangeStore.applyBatch on this thread; 'client': the whole pipeline through IngestClient and its worker */
  via?: 'store' | 'client';
  /** directory for the throw-away database (default: a new temp dir, removed afterwards) */
  dir?: string;
}

export interface MeasureIngestResult {
  via: 'store' | 'client';
  count: number;
  bodyBytes: number;
  batchSize: number;
  elapsedMs: number;
  exchangesPerSec: number;
  dbBytes: number;
}

const WORDS = ['model', 'assistant', 'user', 'content', 'tokens', 'stream', 'choices', 'delta', 'hello', 'world',
  'function', 'tool', 'call', 'system', 'prompt', 'reply', 'json', 'schema', 'vector', 'embedding'];

/** A JSON-ish body of about n bytes with varied tokens, so the full-text index does realistic work. */
function body(n: number, seed: number): Buffer {
  let s = `{"model":"gpt-4o-mini","seed":${seed},"text":"`;
  let i = seed;
  while (s.length < n - 2) {
    i = (i * 1103515245 + 12345) & 0x7fffffff;
    s += `${WORDS[i % WORDS.length]}${i % 997} `;
  }
  return Buffer.from(`${s.slice(0, Math.max(0, n - 2))}"}`);
}

function finishOp(id: number, bodyBytes: number): FinishOp {
  const base = { id, startedAt: Date.now(), mode: 'mitm' as const, method: 'POST', url: `https://api.openai.com/v1/chat/completions?n=${id}`,
    host: 'api.openai.com', path: '/v1/chat/completions' };
  const side = (seed: number) => ({ headers: [['content-type', 'application/json']] as [string, string][],
    raw: body(bodyBytes, seed), bytes: bodyBytes, truncated: false, contentEncoding: null, contentType: 'application/json', chunkTimes: null });
  return { op: 'finish', ...base, status: 200, state: 'complete', error: null, ttfbMs: 120, totalMs: 480, stream: false,
    request: side(id * 2), response: side(id * 2 + 1) };
}

function record(op: FinishOp): FinishRecord {
  const side = (s: FinishOp['request']) => ({ ...s, body: s.raw === null ? null : Buffer.from(s.raw), decodeError: null });
  return { ...op, request: side(op.request), response: side(op.response),
    facts: { provider: 'openai', api: 'openai.chat', model: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18',
      usage: { inputTokens: 12, outputTokens: 34, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null,
        totalTokens: 46, source: 'provider' }, costUsd: 0.0001, conversationId: null, tag: null, ttftMs: 130,
      finishReason: 'stop', turn: 1, usageRaw: null, responseId: null, providerError: null, parserVersion: PARSER_VERSION } };
}

/** Writes `count` finished exchanges with ~1 KB bodies and reports exchanges per second (bodies prepared up front). */
export async function measureIngest(opts: MeasureIngestOptions = {}): Promise<MeasureIngestResult> {
  const count = opts.count ?? 50_000;
  const bodyBytes = opts.bodyBytes ?? 1024;
  const batchSize = opts.batchSize ?? 2048;
  const via = opts.via ?? 'store';
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'ingest-bench-'));
  const dbPath = join(dir, `bench-${process.pid}-${Date.now()}.db`);
  const ops = Array.from({ length: count }, (_, i) => finishOp(i + 1, bodyBytes));
  let elapsedMs: number;
  let dbBytes: number;
  try {
    if (via === 'store') {
      const records = ops.map(record);
      const store = ExchangeStore.open(dbPath);
      const t0 = performance.now();
      for (let i = 0; i < records.length; i += batchSize) store.applyBatch(records.slice(i, i + batchSize));
      elapsedMs = performance.now() - t0;
      dbBytes = store.fileBytes();
      store.close();
    } else {
      const { IngestClient } = await import('../ingest/ingest-client.js');
      const client = await IngestClient.start({ dbPath, retention: { maxRows: null, maxAgeDays: null, maxDbBytes: null },
        retryLimitOps: count + 1 });
      let committed = 0;
      const done = new Promise<void>((resolve) => client.on('committed', (s) => {
        committed += s.length;
        if (committed >= count) resolve();
      }));
      const t0 = performance.now();
      for (const op of ops) client.finish(op);
      await client.flush();
      await done;
      elapsedMs = performance.now() - t0;
      dbBytes = (await client.stats()).dbBytes;
      await client.close();
    }
  } finally {
    if (opts.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  return { via, count, bodyBytes, batchSize, elapsedMs, exchangesPerSec: Math.round((count / elapsedMs) * 1000), dbBytes };
}

// `node dist/src-main/store/ingest-throughput.js [count]` prints both measurements
if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 50_000);
  for (const via of ['store', 'client'] as const) console.log(JSON.stringify(await measureIngest({ count, via })));
}
