import type {
  AnalyticsFilter,
  ConversationPage,
  ConversationQuery,
  ExchangeDetail,
  ExchangePage,
  ExchangeQuery,
  ExchangeSummary,
  UsageSummary,
  UsageSummaryQuery,
  UsageTimeseries,
  UsageTimeseriesQuery,
  UsageTotals,
} from '../contract/index.js';
import type { RetentionPolicy, RetentionResult, StoreStats, StoreWriteErrorInfo } from '../store/index.js';
import type { AnalysisConfig } from '../analysis/index.js';
import type { IngestOp } from './ingest-ops.js';
import type { WalFoldPolicy } from './wal-folder.js';

/** Messages between IngestClient (main thread) and the ingest worker. Plain data, structured-cloned. */

export interface IngestWorkerData {
  dbPath: string;
  maxBodyBytes: number;
  retention: RetentionPolicy;
  retentionIntervalMs: number;
  /** post committed summaries back (off while nobody watches live events) */
  liveSummaries: boolean;
  /** the LLM stage's settings (prices, conversation limits), or null to skip LLM analysis */
  analysis: AnalysisConfig | null;
  /** when the WAL is folded into the database file */
  walFold: WalFoldPolicy;
  /** enables the testPragma call */
  testHooks?: boolean;
  /** pages the file may grow by before writes fail with SQLITE_FULL */
  testMaxPageCount?: number;
  /** open with PRAGMA query_only=1, so writes fail with SQLITE_READONLY */
  testQueryOnly?: boolean;
}

/** The read and maintenance calls the worker answers, with their arguments and results. */
export interface WorkerCalls {
  list: { args: [ExchangeQuery]; result: ExchangePage };
  get: { args: [number]; result: ExchangeDetail | null };
  getBody: { args: [number, 'req' | 'res']; result: Uint8Array | null };
  stats: { args: []; result: StoreStats & { workerHeapBytes: number } };
  clear: { args: []; result: number };
  /** stars or unstars one exchange; its updated summary, or null when it is not stored */
  setStarred: { args: [number, boolean]; result: ExchangeSummary | null };
  enforceRetention: { args: [RetentionPolicy | null]; result: RetentionResult };
  integrityCheck: { args: []; result: string };
  testPragma: { args: [string]; result: unknown };
  usageTimeseries: { args: [UsageTimeseriesQuery]; result: UsageTimeseries };
  usageSummary: { args: [UsageSummaryQuery]; result: UsageSummary };
  usageTotals: { args: [AnalyticsFilter]; result: UsageTotals };
  conversations: { args: [ConversationQuery]; result: ConversationPage };
  /** (re)starts re-parsing in the background (`all`: every row, not only older parser versions); progress follows as events */
  reparse: { args: [{ all?: boolean }]; result: ReparseStarted };
}

/** A re-parse run just started: how many rows it will visit. */
export interface ReparseStarted {
  total: number;
}

/** Progress of a background re-parse run; the last event of a run has done === total. */
export interface ReparseProgress {
  done: number;
  total: number;
  /** rows whose facts changed so far */
  changed: number;
  /** rows the parser threw on (kept as they were) */
  failed: number;
}
export type WorkerCallName = keyof WorkerCalls;

export type ToWorker =
  | { type: 'batch'; batch: number; ops: IngestOp[] }
  | { [M in WorkerCallName]: { type: 'call'; reqId: number; method: M; args: WorkerCalls[M]['args'] } }[WorkerCallName]
  | { type: 'configure'; retention?: RetentionPolicy; maxBodyBytes?: number; liveSummaries?: boolean; analysis?: AnalysisConfig | null }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; maxId: number; recovered: number; migrated: number[]; sqliteVersion: string }
  | { type: 'open-failed'; error: StoreWriteErrorInfo }
  /** `summaries`: finished exchanges now durable; `begun`: rows created by begin ops */
  | { type: 'committed'; batch: number; summaries: ExchangeSummary[]; begun: ExchangeSummary[] }
  /** the whole batch was rolled back; `ops` hands the ops back (buffers transferred) for the retry queue */
  | { type: 'write-failed'; batch: number; error: StoreWriteErrorInfo; opIds: number[]; ops: IngestOp[] }
  | { type: 'result'; reqId: number; ok: true; value: unknown }
  | { type: 'result'; reqId: number; ok: false; error: StoreWriteErrorInfo }
  | { type: 'retention'; result: RetentionResult }
  | { type: 'retention-failed'; error: StoreWriteErrorInfo }
  | ({ type: 'reparse-progress' } & ReparseProgress)
  | { type: 'closed' };

/**
 * Buffers that can move instead of being copied: only a view covering its whole ArrayBuffer (a slice of Node's shared
 * pool must never be detached) and only when large enough for the copy to matter.
 */
export const TRANSFER_MIN_BYTES = 64 * 1024;

export function transferables(ops: readonly IngestOp[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const seen = new Set<ArrayBuffer>();
  for (const op of ops) {
    if (op.op !== 'finish') continue;
    for (const raw of [op.request.raw, op.response.raw]) {
      if (raw === null || raw.byteLength < TRANSFER_MIN_BYTES) continue;
      const buf = raw.buffer;
      if (!(buf instanceof ArrayBuffer) || raw.byteOffset !== 0 || raw.byteLength !== buf.byteLength) continue;
      if (seen.has(buf)) continue;
      seen.add(buf);
      out.push(buf);
    }
  }
  return out;
}
