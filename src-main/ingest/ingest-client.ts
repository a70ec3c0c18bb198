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
import type { RetentionPolicy, RetentionResult, StoreStats } from '../store/index.js';
// the error class alone: the store itself (and SQLite) lives in the worker, not on the forwarding thread
import { StoreWriteError } from '../store/store-errors.js';
import type { IngestClientOptions } from './ingest-client-support.js';
import type { FromWorker, ReparseStarted, ToWorker, WorkerCallName, WorkerCalls } from './ingest-protocol.js';
import { IngestWriter } from './ingest-writer.js';

export type { IngestClientEvents, IngestClientOptions } from './ingest-client-support.js';
export type { ReparseProgress, ReparseStarted } from './ingest-protocol.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * The main-thread end of the ingest pipeline: the write side (IngestWriter: batching, pause and retry, worker restarts)
 * plus the reads, which also run in the worker so no SQLite work ever happens on the forwarding thread.
 */
export class IngestClient extends IngestWriter {
  private nextReq = 0;
  private readonly calls = new Map<number, Pending>();

  /** Spawns the worker and waits until the store is open (rejects with StoreWriteError when it cannot be). */
  static async start(opts: IngestClientOptions): Promise<IngestClient> {
    const client = new IngestClient(opts);
    await client.spawn();
    return client;
  }

  /** Progress events of background re-parsing arrive outside the call/batch flow; they become 'reparse' events. */
  protected override spawn(): Promise<void> {
    const started = super.spawn();
    this.worker?.on('message', (msg: FromWorker) => {
      if (msg.type !== 'reparse-progress') return;
      const { type: _type, ...progress } = msg;
      this.emit('reparse', progress);
    });
    return started;
  }

  private call<M extends WorkerCallName>(method: M, ...args: WorkerCalls[M]['args']): Promise<WorkerCalls[M]['result']> {
    const worker = this.worker;
    if (worker === null || this.closed) {
      return Promise.reject(new Error('the capture store is not running (restarting or closed)'));
    }
    const reqId = ++this.nextReq;
    return new Promise((resolve, reject) => {
      this.calls.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      const msg = { type: 'call', reqId, method, args } as ToWorker;
      worker.postMessage(msg);
    });
  }

  list(query: ExchangeQuery): Promise<ExchangePage> {
    return this.call('list', query);
  }

  get(id: number): Promise<ExchangeDetail | null> {
    return this.call('get', id);
  }

  async getBody(id: number, side: 'req' | 'res'): Promise<Buffer | null> {
    const u8 = await this.call('getBody', id, side);
    return u8 === null ? null : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  }

  stats(): Promise<StoreStats & { workerHeapBytes: number }> {
    return this.call('stats');
  }

  /** Deletes every stored exchange. A clear also frees space, so a capture paused on a full disk retries at once. */
  async clear(): Promise<number> {
    await this.flush();
    const deleted = await this.call('clear');
    if (this.paused) this.retryTick();
    return deleted;
  }

  /** Stars or unstars one exchange (queued writes go first, so a just-captured one is there); null when not stored. */
  async setStarred(id: number, starred: boolean): Promise<ExchangeSummary | null> {
    await this.flush();
    return this.call('setStarred', id, starred);
  }

  async enforceRetention(policy?: RetentionPolicy): Promise<RetentionResult> {
    const result = await this.call('enforceRetention', policy ?? null);
    if (this.paused && result.deleted > 0) this.retryTick();
    return result;
  }

  usageTimeseries(query: UsageTimeseriesQuery): Promise<UsageTimeseries> {
    return this.call('usageTimeseries', query);
  }

  usageSummary(query: UsageSummaryQuery): Promise<UsageSummary> {
    return this.call('usageSummary', query);
  }

  usageTotals(filter: AnalyticsFilter): Promise<UsageTotals> {
    return this.call('usageTotals', filter);
  }

  conversations(query: ConversationQuery): Promise<ConversationPage> {
    return this.call('conversations', query);
  }

  /**
   * (Re)starts re-parsing stored exchanges in the worker's idle time: rows an older parser wrote, or every row with
   * `all`. Resolves with the run's size at once; progress follows as 'reparse' events.
   */
  reparse(opts: { all?: boolean } = {}): Promise<ReparseStarted> {
    return this.call('reparse', opts);
  }

  integrityCheck(): Promise<string> {
    return this.call('integrityCheck');
  }

  /** Test hook (needs `test.hooks`): run a PRAGMA on the worker's connection. */
  testPragma(pragma: string): Promise<unknown> {
    return this.call('testPragma', pragma);
  }

  protected override onCallResult(msg: Extract<FromWorker, { type: 'result' }>): void {
    const p = this.calls.get(msg.reqId);
    if (p === undefined) return;
    this.calls.delete(msg.reqId);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new StoreWriteError(msg.error.code, msg.error.message, msg.error.hint));
  }

  protected override onStopped(reason: string): void {
    for (const p of this.calls.values()) p.reject(new Error(`the capture store stopped: ${reason}`));
    this.calls.clear();
  }
}
