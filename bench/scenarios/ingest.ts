// 7. Store ingest: exchanges/s of the batched writer (measureIngest), on the store directly and through the
// IngestClient's worker (the whole capture → decode → providers → SQLite pipeline).
import { measureIngest } from '../../src-main/store/ingest-throughput.js';
import { num, type Row } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

export async function ingestScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const count = ctx.quick ? 10_000 : 50_000;
  const rows: Row[] = [];
  const data: Record<string, unknown> = {};
  for (const via of ['store', 'client'] as const) {
    try {
      const r = await measureIngest({ count, via });
      data[via] = r;
      rows.push({
        scenario: `7. store ingest via ${via === 'store' ? 'ExchangeStore.applyBatch' : 'IngestClient + worker'} (${num(count)} × 1 KB bodies)`,
        direct: '—',
        proxied: `${num(r.exchangesPerSec)} exchanges/s`,
        ratio: `${num(r.elapsedMs)} ms, db ${num(r.dbBytes / 1024 / 1024, 1)} MB`,
        target: '≥ 20,000/s',
        met: r.exchangesPerSec >= 20_000,
      });
    } catch (err) {
      rows.push({ scenario: `7. store ingest via ${via}`, direct: '—', proxied: '—', ratio: '—', target: '≥ 20,000/s', met: null, error: (err as Error).message });
    }
  }
  return { rows, data };
}
