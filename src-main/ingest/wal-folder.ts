export interface WalFoldPolicy {
  /** fold once nothing was written for this long */
  idleMs: number;
  /** ... or at once when about this many bytes were written since the last fold (bounds the -wal file) */
  maxBytes: number;
}

export const DEFAULT_WAL_FOLD: WalFoldPolicy = { idleMs: 250, maxBytes: 64 * 1024 * 1024 };

/** a rough WAL cost of one stored exchange besides its bodies: its row, index entries and the pending-index mark */
export const ROW_WAL_BYTES = 1024;

/**
 * Decides when the ingest worker folds its WAL into the database file. SQLite's own rule runs the checkpoint inside
 * whichever commit crosses the threshold, so the page copies and the fsync land in the middle of a burst of traffic,
 * on the CPU the proxy shares: for 5 MiB bodies that was a third of the writer's time. Here the fold waits until writes
 * go quiet, and only a long burst (more than `maxBytes` written) folds while it lasts. Committed pages are durable in
 * the WAL either way; folding only moves them.
 */
export class WalFolder {
  private written = 0;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** runs the checkpoint; false when it could not (retried later) */
    private readonly fold: () => boolean,
    private readonly policy: WalFoldPolicy = DEFAULT_WAL_FOLD,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes not yet folded, as estimated from the writes noted. */
  get pendingBytes(): number {
    return this.written;
  }

  /** A write of about `bytes` was committed. */
  noteWrite(bytes: number): void {
    this.written += Math.max(1, bytes);
    this.lastWriteAt = this.now();
    if (this.written >= this.policy.maxBytes) this.run();
    else this.schedule(this.policy.idleMs);
  }

  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer === null) this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (this.written === 0) return;
    const quietFor = this.now() - this.lastWriteAt;
    if (quietFor < this.policy.idleMs) return this.schedule(this.policy.idleMs - quietFor);
    this.run();
  }

  private run(): void {
    if (this.fold()) this.written = 0;
    else this.schedule(Math.max(1000, this.policy.idleMs));
  }
}
