import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { AnalysisConfig } from '../analysis/index.js';
import type { CaptureStatus } from '../contract/index.js';
import type { RetentionPolicy } from '../store/index.js';
import { StoreWriteError } from '../store/store-errors.js';
import type { BeginOp, FinishOp, IngestOp } from './ingest-ops.js';
import {
  transferables,
  type FromWorker,
  type ToWorker,
} from './ingest-protocol.js';
import { DeferredBegins } from './deferred-begins.js';
import { OpQueue } from './op-queue.js';
import {
  unconfirmedOps,
  withDefaults,
  workerDataOf,
  type InFlight,
  type IngestClientEvents,
  type IngestClientOptions,
  type ResolvedOptions,
} from './ingest-client-support.js';


/**
 * The write side of the main-thread end of the ingest pipeline (reads are added by IngestClient). begin() and finish() are O(1) and never throw: ops are queued and posted
 * to the worker in batches. Writes that fail pause capture (status says why), keep the ops in a bounded queue and retry
 * them until the store takes writes again. Every SQLite call, reads included, runs in the worker.
 */
export class IngestWriter extends EventEmitter<IngestClientEvents> {
  maxId = 0;
  /** version of the SQLite library the worker runs, known once the store opened */
  sqliteVersion = '';
  private readonly o: ResolvedOptions;
  protected worker: Worker | null = null;
  private ready = false;
  private closing = false;
  private readonly begins: DeferredBegins;
  /** close() is making its one last attempt at the retry queue */
  private draining = false;
  protected closed = false;
  private readonly queue: OpQueue;
  private readonly retryQueue: OpQueue;
  private readonly inflight = new Map<number, InFlight>();
  private inflightOps = 0;
  private retryInFlight = false;
  protected paused = false;
  private reason: string | null = null;
  private dropped = 0;
  private nextBatch = 0;
  private flushWaiters: { upTo: number; resolve: () => void }[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private restartDelay: number;
  private statusQueued = false;
  private lastStatus = '';
  private closedResolve: (() => void) | null = null;

  protected constructor(opts: IngestClientOptions) {
    super();
    this.o = withDefaults(opts);
    this.begins = new DeferredBegins(this.o.beginDelayMs, (op) => this.enqueue(op));
    this.queue = new OpQueue(this.o.retryLimitOps, this.o.retryLimitBytes);
    this.retryQueue = new OpQueue(this.o.retryLimitOps, this.o.retryLimitBytes);
    this.restartDelay = this.o.restartDelayMs;
  }

  protected spawn(): Promise<void> {
    const data = workerDataOf(this.o);
    // A small young generation: the worker makes short-lived garbage (parsing) and should not hold tens of MB for it
    const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let failure: string | null = null;
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') {
          opened = true;
          this.sqliteVersion = msg.sqliteVersion;
          this.onReady(msg.maxId);
          resolve();
        } else if (msg.type === 'open-failed') {
          failure = msg.error.hint;
          if (!opened) reject(new StoreWriteError(msg.error.code, msg.error.message, msg.error.hint));
        } else {
          this.onMessage(msg);
        }
      });
      worker.on('error', (err) => {
        failure = err.message;
        if (!opened) reject(err);
      });
      worker.on('exit', (code) => {
        if (!opened) reject(new Error(`ingest worker exited (code ${code}) before the store opened`));
        if (this.worker === worker) this.onExit(failure ?? `the ingest worker exited with code ${code}`, opened);
      });
    });
  }

  private onReady(maxId: number): void {
    this.maxId = Math.max(this.maxId, maxId);
    this.ready = true;
    if (this.paused) this.retryTick();
    this.pump(false);
  }

  begin(op: BeginOp): void {
    this.begins.hold(op);
  }

  finish(op: FinishOp): void {
    this.begins.cancel(op.id);
    this.enqueue(op);
  }

  private enqueue(op: IngestOp): void {
    if (this.closing || this.closed) {
      this.addDropped(1);
      return;
    }
    if (this.paused) {
      this.addDropped(this.retryQueue.push(op));
      return;
    }
    this.addDropped(this.queue.push(op));
    const n = this.queue.size;
    if (n >= this.o.flushAtOps && (this.inflight.size === 0 || n >= this.o.maxBatchOps)) this.pump(false);
    else if (this.flushTimer === null) this.flushTimer = setTimeout(() => this.pump(false), this.o.flushIntervalMs);
  }

  private addDropped(n: number): void {
    if (n <= 0) return;
    this.dropped += n;
    this.queueStatus();
  }

  /** Posts queued ops as batches; `force` ignores the in-flight limit (flush and close). */
  private pump(force: boolean): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (!this.ready || this.worker === null) return;
    if (this.paused) {
      this.addDropped(this.moveAll(this.queue, this.retryQueue));
      return;
    }
    // While a batch is being written, let the next one fill up: fewer, larger transactions are much cheaper for the
    // full-text index, and latency only grows when the worker is already busy.
    while (this.queue.size > 0) {
      const idle = this.inflight.size === 0 || this.queue.size >= this.o.maxBatchOps;
      if (!force && (!idle || this.inflight.size >= this.o.maxInFlightBatches)) break;
      this.send(this.queue.take(this.o.maxBatchOps), false);
    }
  }

  private moveAll(from: OpQueue, to: OpQueue): number {
    let dropped = 0;
    for (const op of from.take(from.size)) dropped += to.push(op);
    return dropped;
  }

  private send(ops: IngestOp[], retry: boolean): void {
    const worker = this.worker;
    if (worker === null || ops.length === 0) return;
    const batch = ++this.nextBatch;
    const transfer = transferables(ops);
    const moved = new Set<IngestOp>();
    if (transfer.length > 0) {
      const bufs = new Set<ArrayBufferLike>(transfer);
      const isMoved = (raw: Uint8Array | null): boolean => raw !== null && bufs.has(raw.buffer);
      for (const op of ops) if (op.op === 'finish' && (isMoved(op.request.raw) || isMoved(op.response.raw))) moved.add(op);
    }
    this.inflight.set(batch, { ops, retry, moved });
    this.inflightOps += ops.length;
    if (retry) this.retryInFlight = true;
    const msg: ToWorker = { type: 'batch', batch, ops };
    worker.postMessage(msg, transfer);
  }

  private settle(batch: number): InFlight | undefined {
    const b = this.inflight.get(batch);
    if (b === undefined) return undefined;
    this.inflight.delete(batch);
    this.inflightOps -= b.ops.length;
    if (b.retry) this.retryInFlight = false;
    return b;
  }

  /** A read call's answer (handled by the reading side). */
  protected onCallResult(_msg: Extract<FromWorker, { type: 'result' }>): void {}

  /** The worker died: pending reads can no longer be answered. */
  protected onStopped(_reason: string): void {}

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'committed': {
        const b = this.settle(msg.batch);
        this.restartDelay = this.o.restartDelayMs;
        if (msg.begun.length > 0) this.emit('begun', msg.begun);
        if (msg.summaries.length > 0) this.emit('committed', msg.summaries);
        if (b?.retry === true && !this.draining) {
          if (this.retryQueue.size > 0) this.sendRetry();
          else this.resume();
        }
        this.pump(false);
        this.settleFlushWaiters();
        this.queueStatus();
        return;
      }
      case 'write-failed': {
        this.settle(msg.batch);
        this.addDropped(this.retryQueue.unshift(msg.ops));
        this.pause(msg.error.hint);
        this.settleFlushWaiters();
        return;
      }
      case 'result':
        this.onCallResult(msg);
        return;
      case 'retention':
        this.emit('retention', msg.result);
        return;
      case 'retention-failed':
        this.emit('warning', `retention failed: ${msg.error.message} (${msg.error.hint})`);
        return;
      case 'closed':
        this.closedResolve?.();
        return;
      default:
        return;
    }
  }

  private pause(reason: string): void {
    if (!this.paused || this.reason !== reason) {
      this.paused = true;
      this.reason = reason;
      this.queueStatus();
    }
    // anything not yet posted joins the retry queue behind the failed ops, keeping arrival order
    this.addDropped(this.moveAll(this.queue, this.retryQueue));
    if (this.retryTimer === null) {
      this.retryTimer = setInterval(() => this.retryTick(), this.o.retryIntervalMs);
      this.retryTimer.unref();
    }
  }

  private resume(): void {
    if (this.retryTimer !== null) {
      clearInterval(this.retryTimer);
      this.retryTimer = null;
    }
    if (!this.paused) return;
    this.paused = false;
    this.reason = null;
    this.queueStatus();
  }

  protected retryTick(): void {
    if (!this.paused || !this.ready || this.retryInFlight) return;
    if (this.retryQueue.size === 0) this.resume();
    else this.sendRetry();
  }

  private sendRetry(): void {
    this.send(this.retryQueue.take(this.o.maxBatchOps), true);
  }

  private onExit(reason: string, wasOpen: boolean): void {
    this.worker = null;
    this.ready = false;
    if (this.closing) {
      this.closedResolve?.();
      return;
    }
    this.onStopped(reason);
    // whatever was in flight is unconfirmed: write it again (upserts make a repeat harmless)
    const back = unconfirmedOps(this.inflight.values());
    this.inflight.clear();
    this.inflightOps = 0;
    this.retryInFlight = false;
    this.addDropped(this.retryQueue.unshift(back));
    this.pause(`The capture writer stopped (${reason}); restarting it, capture resumes by itself`);
    this.settleFlushWaiters();
    this.emit('warning', `ingest worker stopped: ${reason}`);
    const delay = this.restartDelay;
    this.restartDelay = Math.min(30_000, this.restartDelay * 2);
    if (!wasOpen) this.emit('warning', 'the store did not open; retrying');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closing || this.closed) return;
      this.spawn().then(
        () => this.emit('worker-restarted', { reason }),
        () => undefined, // the failed spawn's exit schedules the next attempt
      );
    }, delay);
  }

  private queueStatus(): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    setImmediate(() => {
      this.statusQueued = false;
      const s = this.status;
      const key = `${s.paused}|${s.reason}|${s.dropped}`;
      if (key === this.lastStatus) return;
      this.lastStatus = key;
      this.emit('status', s);
    });
  }

  get status(): CaptureStatus {
    return {
      paused: this.paused,
      reason: this.reason,
      queueDepth: this.queue.size + this.inflightOps + this.retryQueue.size,
      dropped: this.dropped,
    };
  }

  private settleFlushWaiters(): void {
    if (this.flushWaiters.length === 0) return;
    let oldest = Infinity;
    for (const id of this.inflight.keys()) oldest = Math.min(oldest, id);
    const still: typeof this.flushWaiters = [];
    for (const w of this.flushWaiters) {
      if (oldest > w.upTo) w.resolve();
      else still.push(w);
    }
    this.flushWaiters = still;
  }

  /**
   * Resolves once every op queued so far has been committed or has failed (and sits in the retry queue). While the
   * worker is down, queued ops count as failed.
   */
  async flush(): Promise<void> {
    if (this.closed) return;
    this.begins.releaseAll();
    this.pump(true);
    const upTo = this.nextBatch;
    await new Promise<void>((resolve) => {
      this.flushWaiters.push({ upTo, resolve });
      this.settleFlushWaiters();
    });
  }

  /** Settings that follow the app config; kept here too so a restarted worker starts with them. */
  reconfigure(c: { retention: RetentionPolicy; maxBodyBytes: number; analysis: AnalysisConfig | null }): void {
    Object.assign(this.o, c);
    this.configure({ type: 'configure', ...c });
  }

  /** Summaries cost a structured clone per exchange on the main thread; skip them while nobody watches. */
  setLiveSummaries(on: boolean): void {
    if (this.o.liveSummaries === on) return;
    this.o.liveSummaries = on;
    this.configure({ type: 'configure', liveSummaries: on });
  }

  private configure(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  /** Flushes, makes one last attempt at anything waiting for retry, then closes the store and ends the worker. */
  async close(): Promise<void> {
    if (this.closing || this.closed) return;
    await this.flush();
    if (this.paused && this.retryQueue.size > 0 && this.ready) {
      this.draining = true;
      const rest = this.retryQueue.take(this.retryQueue.size);
      for (let i = 0; i < rest.length; i += this.o.maxBatchOps) this.send(rest.slice(i, i + this.o.maxBatchOps), true);
      await this.flush();
    }
    this.closing = true;
    this.addDropped(this.retryQueue.take(this.retryQueue.size).length + this.queue.take(this.queue.size).length);
    for (const t of [this.flushTimer, this.restartTimer]) if (t !== null) clearTimeout(t);
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    const worker = this.worker;
    if (worker !== null) {
      const done = new Promise<void>((resolve) => {
        this.closedResolve = resolve;
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      const timeout = setTimeout(() => void worker.terminate(), 10_000);
      await done;
      clearTimeout(timeout);
      await new Promise<void>((resolve) => {
        if (this.worker === null) resolve();
        else worker.once('exit', () => resolve());
      });
    }
    this.closed = true;
    this.worker = null;
  }
}
