/**
 * Collects a copy of a body as it streams past, up to a cap. Chunks are kept by reference (no copy on the forwarding
 * path); they are joined once, when the exchange is handed to the ingest worker.
 */
/** at most this many chunk timings per body: a stream's first events matter most */
const MAX_TIMES = 20_000;

export class BodyTee {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** every byte seen, kept or not */
  bytes = 0;
  truncated = false;

  /** [byteOffset, msSinceStart, …] per chunk when timing is on; TTFT and the stream view come from these */
  readonly times: number[] | null;

  constructor(
    private readonly cap: number,
    timed = false,
  ) {
    this.times = timed ? [] : null;
  }

  push(chunk: Buffer, atMs = 0): void {
    if (this.times !== null && this.times.length < MAX_TIMES * 2) this.times.push(this.bytes, atMs);
    this.bytes += chunk.length;
    if (this.kept >= this.cap) {
      // a zero cap means "count only" (tunnels, bodies switched off), which is not a truncation
      if (this.cap > 0) this.truncated = true;
      return;
    }
    const room = this.cap - this.kept;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.kept += room;
      this.truncated = true;
    } else {
      this.chunks.push(chunk);
      this.kept += chunk.length;
    }
  }

  /** The bytes kept so far, without giving them up (for a live look at the request). */
  peek(): Buffer | null {
    // after take() the chunks are gone: nothing to show rather than zeroes
    return this.kept === 0 || this.chunks.length === 0 ? null : Buffer.concat(this.chunks, this.kept);
  }

  /** One contiguous copy that owns its memory, so it can be transferred to the worker without copying again. */
  take(): Uint8Array | null {
    if (this.kept === 0) return null;
    // Not zero-filled (every byte is written below) and never from Buffer's shared pool (so it can be transferred).
    // A zeroed allocation of a large body is fresh memory the kernel faults in page by page: for 5 MiB that was ~3 ms
    // of the forwarding thread's time at the end of every response, against ~0.5 ms for reused memory.
    const out: Uint8Array = Buffer.allocUnsafeSlow(this.kept);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
