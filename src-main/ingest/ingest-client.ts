import type { ExchangeDetail, ExchangePage, ExchangeQuery } from '../contract/index.js';
import { StoreWriteError, type RetentionPolicy, type RetentionResult, type StoreStats } from '../store/index.js';
import type { IngestClientOptions } from './ingest-client-support.js';
import type { FromWorker, ToWorker, WorkerCallName, WorkerCalls } from './ingest-protocol.js';
import { IngestWriter } from './ingest-writer.js';

export type { IngestClientEvents, IngestClientOptions } from './ingest-client-support.js';

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

  stats(): Promise<StoreStats> {
    return this.call('stats');
  }

  /** Deletes every stored exchange. A clear also frees space, so a capture paused on a full disk retries at once. */
  async clear(): Promise<number> {
    await this.flush();
    const deleted = await this.call('clear');
    if (this.paused) this.retryTick();
    return deleted;
  }

  async enforceRetention(policy?: RetentionPolicy): Promise<RetentionResult> {
    const result = await this.call('enforceRetention', policy ?? null);
    if (this.paused && result.deleted > 0) this.retryTick();
    return result;
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
