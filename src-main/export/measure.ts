import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { devNull } from 'node:os';
import { ExportOptionsSchema, type ExportOptionsInput, type ExportReport } from '../contract/index.js';
import { emptyFacts } from '../providers/index.js';
import { ExchangeStore, type FinishRecord } from '../store/index.js';
import { runExport } from './run-export.js';
import { ExportSource } from './source.js';

/**
 * Bench helpers for the export: `measureExport` runs one export the way the CLI does (read-only source, a file
 * written with back-pressure) and reports its time and peak memory; `seedExportStore` fills a database with synthetic
 * agent loops so a 100,000-exchange export can be measured without replaying traffic.
 */

export interface ExportMeasurement {
  report: ExportReport;
  elapsedMs: number;
  bytesWritten: number;
  /** memory when the export started, and the highest seen while it ran (sampled every 100 exchanges and at the end) */
  startRssBytes: number;
  peakRssBytes: number;
  startHeapUsedBytes: number;
  peakHeapUsedBytes: number;
}

export async function measureExport(dbPath: string, options: ExportOptionsInput, out: string = devNull): Promise<ExportMeasurement> {
  const opts = ExportOptionsSchema.parse(options);
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const ws = createWriteStream(out);
  let bytes = 0;
  const t0 = performance.now();
  const source = ExportSource.open(dbPath);
  let report: ExportReport;
  try {
    report = await runExport(source, opts, {
      line: async (text) => {
        bytes += Buffer.byteLength(text) + 1;
        if (!ws.write(`${text}\n`)) await once(ws, 'drain');
      },
      progress: (done) => {
        if (done % 100 === 0) sample();
      },
    });
  } finally {
    source.close();
    await new Promise<void>((resolve) => ws.end(() => resolve()));
  }
  sample();
  return {
    report,
    elapsedMs: performance.now() - t0,
    bytesWritten: bytes,
    startRssBytes: start.rss,
    peakRssBytes: peakRss,
    startHeapUsedBytes: start.heapUsed,
    peakHeapUsedBytes: peakHeap,
  };
}

const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];

/**
 * Writes `conversations` synthetic OpenAI chat agent loops of `callsPerConversation` calls each (every call's request
 * repeats the loop so far, as agents do) straight into a store, with the facts the LLM stage would derive for
 * selection (provider, api, model, conversation, turn). Returns the number of exchanges written.
 */
export function seedExportStore(dbPath: string, conversations: number, callsPerConversation = 4): number {
  const store = ExchangeStore.open(dbPath);
  let id = store.maxId();
  const startedAt = Date.UTC(2025, 0, 1);
  const batch: FinishRecord[] = [];
  const side = (body: string, contentType: string) => ({
    headers: [['content-type', contentType]] as [string, string][], bytes: Buffer.byteLength(body), contentEncoding: null, contentType,
    body: Buffer.from(body), truncated: false, decodeError: null, chunkTimes: null,
  });
  try {
    for (let c = 0; c < conversations; c++) {
      const messages: unknown[] = [{ role: 'system', content: 'You are a research agent.' }, { role: 'user', content: `Question ${c}: what is the status of ticket #${c}?` }];
      for (let turn = 1; turn <= callsPerConversation; turn++) {
        const last = turn === callsPerConversation;
        const callId = `call_${c}_${turn}`;
        const reply = last
          ? { role: 'assistant', content: `Ticket #${c} is resolved; the fix shipped in release ${turn}.${c % 10}.` }
          : { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ q: `ticket ${c} step ${turn}` }) } }] };
        const req = JSON.stringify({ model: 'gpt-4.1-mini', messages, tools: TOOLS });
        const res = JSON.stringify({ id: `chatcmpl-${c}-${turn}`, object: 'chat.completion', model: 'gpt-4.1-mini', choices: [{ index: 0, message: reply, finish_reason: last ? 'stop' : 'tool_calls' }], usage: { prompt_tokens: 100 * turn, completion_tokens: 20, total_tokens: 100 * turn + 20 } });
        id++;
        batch.push({
          op: 'finish', id, startedAt: startedAt + id * 1000, mode: 'mitm', method: 'POST', url: 'https://api.openai.com/v1/chat/completions',
          host: 'api.openai.com', path: '/v1/chat/completions', status: 200, state: 'complete', error: null, ttfbMs: 200, totalMs: 400, stream: false,
          request: side(req, 'application/json'), response: side(res, 'application/json'),
          facts: { ...emptyFacts(), provider: 'openai', api: 'openai.chat', model: 'gpt-4.1-mini', conversationId: `seed-${c}`, turn },
        });
        messages.push(reply);
        if (!last) messages.push({ role: 'tool', tool_call_id: callId, content: `{"step":${turn},"status":"open"}` });
        if (batch.length >= 1000) store.applyBatch(batch.splice(0));
      }
    }
    if (batch.length > 0) store.applyBatch(batch.splice(0));
    return conversations * callsPerConversation;
  } finally {
    store.close();
  }
}
