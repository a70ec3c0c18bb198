import type { AnalysisConfig } from '../analysis/index.js';
import type { CaptureStatus, ExchangeSummary } from '../contract/index.js';
import type { RetentionPolicy, RetentionResult } from '../store/index.js';
import type { IngestOp } from './ingest-ops.js';
import type { IngestWorkerData, ReparseProgress } from './ingest-protocol.js';
import { DEFAULT_WAL_FOLD, type WalFoldPolicy } from './wal-folder.js';

export interface IngestClientOptions {
  dbPath: string;
  retention: RetentionPolicy;
  /** decoded body cap per side (config capture.maxBodyBytes) */
  maxBodyBytes?: number;
  /** a batch leaves at the latest this long after its first op was queued */
  flushIntervalMs?: number;
  /** ... or as soon as this many ops are queued */
  flushAtOps?: number;
  maxBatchOps?: number;
  /** batches posted but not yet answered; beyond this ops wait in the queue (back-pressure, bounded) */
  maxInFlightBatches?: number;
  retryIntervalMs?: number;
  /** bounds of the queue kept while the store cannot write; the oldest exchanges beyond them are dropped */
  retryLimitOps?: number;
  retryLimitBytes?: number;
  retentionIntervalMs?: number;
  /** first delay before restarting a dead worker; doubles on each failed restart */
  restartDelayMs?: number;
  /** begins are held this long before being written; an exchange that finishes sooner never gets a separate begin row */
  beginDelayMs?: number;
  /** post committed summaries back from the worker (turn off while nobody watches live events) */
  liveSummaries?: boolean;
  /** when the worker folds the WAL into the database file (idle, or past a size) */
  walFold?: WalFoldPolicy;
  /** LLM analysis settings; null skips LLM analysis (only HTTP facts are stored) */
  analysis?: AnalysisConfig | null;
  test?: { hooks?: boolean; maxPageCount?: number; queryOnly?: boolean };
}

export interface IngestClientEvents {
  /** finished exchanges, emitted only once committed: an exchange announced here survives kill -9 */
  committed: [summaries: ExchangeSummary[]];
  /** rows created by begin ops, committed */
  begun: [summaries: ExchangeSummary[]];
  status: [status: CaptureStatus];
  'worker-restarted': [info: { reason: string }];
  retention: [result: RetentionResult];
  warning: [message: string];
  /** progress of a background re-parse run (after open when older rows exist, or on reparse()); done === total ends it */
  reparse: [progress: ReparseProgress];
}

export interface InFlight {
  ops: IngestOp[];
  retry: boolean;
  /** ops whose body buffers were moved to the worker: if it dies, those bytes are gone */
  moved: Set<IngestOp>;
}

/**
 * The ops of batches the worker never answered (it died): they are written again, since upserts make a repeat
 * harmless. Bodies that were moved to the dead worker are gone; those exchanges keep their row, marked truncated.
 */
export function unconfirmedOps(batches: Iterable<InFlight>): IngestOp[] {
  const back: IngestOp[] = [];
  for (const b of batches) {
    for (const op of b.ops) {
      if (op.op !== 'finish' || !b.moved.has(op)) {
        back.push(op);
        continue;
      }
      const keep = (raw: Uint8Array | null): Uint8Array | null => (raw !== null && raw.byteLength > 0 ? raw : null);
      back.push({
        ...op,
        request: { ...op.request, raw: keep(op.request.raw), truncated: true },
        response: { ...op.response, raw: keep(op.response.raw), truncated: true },
      });
    }
  }
  return back;
}

export type ResolvedOptions = Required<Omit<IngestClientOptions, 'test'>> & Pick<IngestClientOptions, 'test'>;

export function withDefaults(opts: IngestClientOptions): ResolvedOptions {
  return {
      maxBodyBytes: 10 * 1024 * 1024,
      flushIntervalMs: 15,
      flushAtOps: 512,
      maxBatchOps: 2048,
      maxInFlightBatches: 8,
      retryIntervalMs: 2000,
      retryLimitOps: 10_000,
      retryLimitBytes: 256 * 1024 * 1024,
      retentionIntervalMs: 60_000,
      restartDelayMs: 500,
      beginDelayMs: 250,
      liveSummaries: true,
      walFold: DEFAULT_WAL_FOLD,
    analysis: null,
    ...opts,
  };
}

export function workerDataOf(o: ResolvedOptions): IngestWorkerData {
  return {
      dbPath: o.dbPath,
      maxBodyBytes: o.maxBodyBytes,
      retention: o.retention,
      retentionIntervalMs: o.retentionIntervalMs,
      liveSummaries: o.liveSummaries,
      analysis: o.analysis,
      walFold: o.walFold,
      testHooks: o.test?.hooks,
      testMaxPageCount: o.test?.maxPageCount,
      testQueryOnly: o.test?.queryOnly,
  };
}
