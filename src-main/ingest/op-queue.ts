import type { IngestOp } from './ingest-ops.js';

export function opBytes(op: IngestOp): number {
  return op.op === 'finish' ? (op.request.raw?.byteLength ?? 0) + (op.response.raw?.byteLength ?? 0) : 0;
}

/**
 * Ops waiting to be written, one entry per exchange id in arrival order. A finish replaces a queued begin of the same
 * id (one write instead of two); a begin never replaces a finish. Bounded by op count and body bytes: when full, the
 * oldest exchanges are dropped and counted, so a store that cannot write never exhausts memory.
 */
export class OpQueue {
  private map = new Map<number, IngestOp>();
  private byteCount = 0;

  constructor(
    private readonly maxOps: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.byteCount;
  }

  /** Adds an op; returns how many exchanges were dropped to stay within bounds. */
  push(op: IngestOp): number {
    const prev = this.map.get(op.id);
    if (prev !== undefined) {
      if (prev.op === 'finish' && op.op === 'begin') return 0;
      this.byteCount -= opBytes(prev);
    }
    this.map.set(op.id, op);
    this.byteCount += opBytes(op);
    return this.trim();
  }

  /** Puts ops back at the front (they were taken out earlier and are older than anything queued since). */
  unshift(ops: readonly IngestOp[]): number {
    const old = this.map;
    this.map = new Map();
    this.byteCount = 0;
    for (const op of ops) this.push(op);
    let dropped = 0;
    for (const op of old.values()) dropped += this.push(op);
    return dropped + this.trim();
  }

  /** Removes and returns up to n of the oldest ops. */
  take(n: number): IngestOp[] {
    const out: IngestOp[] = [];
    for (const [id, op] of this.map) {
      if (out.length >= n) break;
      this.map.delete(id);
      this.byteCount -= opBytes(op);
      out.push(op);
    }
    return out;
  }

  private trim(): number {
    let dropped = 0;
    while (this.map.size > 0 && (this.map.size > this.maxOps || this.byteCount > this.maxBytes)) {
      const first = this.map.entries().next();
      if (first.done === true) break;
      const [id, op] = first.value;
      this.map.delete(id);
      this.byteCount -= opBytes(op);
      dropped++;
    }
    return dropped;
  }
}
