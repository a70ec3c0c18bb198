import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BeginOp, FinishOp } from '../../src-main/ingest/ingest-ops.js';
import { emptyFacts } from '../../src-main/providers/index.js';
import type { FinishRecord } from '../../src-main/store/index.js';

/** Temp dirs made by a test file, removed by cleanup(). */
export function tempDirs(): { make(): string; cleanup(): void } {
  const dirs: string[] = [];
  return {
    make() {
      const d = mkdtempSync(join(tmpdir(), 'llmi-store-'));
      dirs.push(d);
      return d;
    },
    cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function beginOp(id: number, over: Partial<BeginOp> = {}): BeginOp {
  return {
    op: 'begin', id, startedAt: 1_700_000_000_000 + id * 1000, mode: 'mitm', method: 'POST',
    url: `https://api.openai.com/v1/chat/completions`, host: 'api.openai.com', path: '/v1/chat/completions',
    requestHeaders: [['content-type', 'application/json']], ...over,
  };
}

export function finishOp(id: number, over: Partial<FinishOp> = {}): FinishOp {
  const b = beginOp(id);
  return {
    op: 'finish', id, startedAt: b.startedAt, mode: b.mode, method: b.method, url: b.url, host: b.host, path: b.path,
    status: 200, state: 'complete', error: null, ttfbMs: 10, totalMs: 20, stream: false,
    request: { headers: [['content-type', 'application/json']], raw: Buffer.from(`{"prompt":"request ${id}"}`), bytes: 20,
      truncated: false, contentEncoding: null, contentType: 'application/json', chunkTimes: null },
    response: { headers: [['content-type', 'application/json']], raw: Buffer.from(`{"answer":"response ${id}"}`), bytes: 21,
      truncated: false, contentEncoding: null, contentType: 'application/json', chunkTimes: null },
    ...over,
  };
}

/** A finish as the store receives it (decoded bodies, provider facts). */
export function finishRecord(id: number, over: Partial<FinishRecord> = {}, reqText?: string, resText?: string): FinishRecord {
  const f = finishOp(id);
  const side = (s: FinishOp['request'], text: string | undefined) => ({
    headers: s.headers, bytes: s.bytes, contentEncoding: s.contentEncoding, contentType: s.contentType,
    body: text === undefined ? Buffer.from(s.raw ?? []) : Buffer.from(text), truncated: false, decodeError: null,
    chunkTimes: null,
  });
  return {
    ...f, request: side(f.request, reqText), response: side(f.response, resText),
    facts: emptyFacts(),
    ...over,
  };
}
