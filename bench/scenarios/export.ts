// 10. Export: a 100,000-exchange store (25,000 four-call agent conversations) exported as OpenAI chat JSONL, one
// example per conversation, and as HAR; the time and how far memory rose while it streamed. Each export runs in a
// worker thread of its own, as it does in serve: its heap is measured, not the bench process's leftovers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { seedExportStore, type ExportMeasurement } from '../../src-main/export/index.js';
import { mb, num, type Row } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

type Measured = Omit<ExportMeasurement, 'report'> & { report: { written: number } };

async function measureInWorker(dbPath: string, format: 'openai-chat' | 'har'): Promise<Measured> {
  const worker = new Worker(new URL('./export-measure-worker.js', import.meta.url), { workerData: { dbPath, options: { format } } });
  const [result] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => Promise.reject(e as Error))])) as [Measured];
  await worker.terminate();
  return result;
}

export async function exportScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-export-bench-'));
  try {
    const conversations = ctx.quick ? 10_000 : 25_000;
    const dbPath = join(dir, 'export.db');
    const exchanges = seedExportStore(dbPath, conversations, 4);
    const rows: Row[] = [];
    const data: Record<string, unknown> = { exchanges };
    for (const format of ['openai-chat', 'har'] as const) {
      const m = await measureInWorker(dbPath, format);
      data[format] = { ...m, report: undefined, written: m.report.written };
      const rise = m.peakHeapUsedBytes - m.startHeapUsedBytes;
      rows.push({
        scenario: `10. export ${format} of ${num(exchanges)} stored exchanges`,
        direct: '—',
        proxied: `${num(m.elapsedMs / 1000, 1)} s, ${num(m.report.written)} written`,
        ratio: `${mb(m.bytesWritten)} out; RSS ${mb(m.startRssBytes)} → ${mb(m.peakRssBytes)}, heap +${mb(rise)}`,
        target: 'bounded memory (heap rise ≤ 150 MB)',
        met: rise <= 150 * 1024 * 1024,
      });
    }
    return { rows, data };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
