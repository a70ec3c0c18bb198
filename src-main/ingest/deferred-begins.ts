import type { BeginOp } from './ingest-ops.js';

/**
 * Holds each exchange's begin op for a moment before it goes to the store. Most exchanges finish within that moment,
 * and then the begin is never written at all: one row write instead of two, and half the messages to the worker. Long
 * calls (LLM streams, slow models) still get their "pending" row, so a crash leaves a trace of them. Live views do not
 * depend on this: the service announces starts itself.
 */
export class DeferredBegins {
  private readonly held = new Map<number, BeginOp>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly release: (op: BeginOp) => void,
  ) {}

  hold(op: BeginOp): void {
    if (this.delayMs <= 0) return this.release(op);
    this.held.set(op.id, op);
    if (this.timer === null) {
      this.timer = setInterval(() => this.releaseDue(Date.now()), Math.max(5, this.delayMs / 2));
      this.timer.unref();
    }
  }

  /** The exchange finished: its begin is no longer needed. */
  cancel(id: number): void {
    this.held.delete(id);
  }

  /** Releases every begin held for at least the delay. Held in arrival order, so the scan stops at the first young one. */
  releaseDue(now: number): void {
    for (const [id, op] of this.held) {
      if (now - op.startedAt < this.delayMs) break;
      this.held.delete(id);
      this.release(op);
    }
    this.idle();
  }

  releaseAll(): void {
    for (const op of this.held.values()) this.release(op);
    this.held.clear();
    this.idle();
  }

  private idle(): void {
    if (this.held.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
