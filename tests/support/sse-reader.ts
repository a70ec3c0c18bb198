// Records every read of a streamed response body (bytes + arrival time) so tests can prove that a proxy forwards
// SSE / NDJSON events one by one as they arrive instead of buffering or coalescing them.
import { performance } from 'node:perf_hooks';
import { splitLines, splitSseEvents } from './fixtures.js';

export interface RecordedRead {
  bytes: Buffer;
  /** performance.now() when the read resolved. */
  at: number;
}

export interface RecordedReads {
  reads: RecordedRead[];
  /** All bytes read, concatenated. */
  body: Buffer;
  /** True if recording stopped because of stopAfter / onRead returning false (the body was cancelled). */
  stoppedEarly: boolean;
  /** Error the body stream failed with, if any (e.g. upstream reset mid-body). */
  error: unknown;
}

/** A fetch body (web ReadableStream), an undici `request()` body, a Node IncomingMessage, or any async iterable. */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | Buffer | string>;

export interface RecordOptions {
  /** Stop (and cancel the body) after this many reads. */
  stopAfter?: number;
  /** Called per read; return false to stop and cancel the body. */
  onRead?: (read: RecordedRead, index: number) => boolean | void;
  /** Rethrow a stream error instead of returning it in `error` (default false). */
  throwOnError?: boolean;
}

function isWebStream(b: BodySource): b is ReadableStream<Uint8Array> {
  return typeof (b as ReadableStream<Uint8Array>).getReader === 'function';
}

/** Read a body to the end (or until stopped), recording each read separately. */
export async function recordReads(body: BodySource, opts: RecordOptions = {}): Promise<RecordedReads> {
  const reads: RecordedRead[] = [];
  let stoppedEarly = false;
  let error: unknown;
  const take = (chunk: Uint8Array | Buffer | string): boolean => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    const read: RecordedRead = { bytes, at: performance.now() };
    reads.push(read);
    const keep = opts.onRead?.(read, reads.length - 1);
    return keep !== false && (opts.stopAfter === undefined || reads.length < opts.stopAfter);
  };
  try {
    if (isWebStream(body)) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.length === 0) continue;
        if (!take(value)) {
          stoppedEarly = true;
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
    } else {
      const it = body[Symbol.asyncIterator]();
      for (;;) {
        const { done, value } = await it.next();
        if (done) break;
        if (value.length === 0) continue;
        if (!take(value)) {
          stoppedEarly = true;
          await it.return?.().catch(() => undefined);
          break;
        }
      }
    }
  } catch (err) {
    if (opts.throwOnError) throw err;
    error = err;
  }
  return { reads, body: Buffer.concat(reads.map((r) => r.bytes)), stoppedEarly, error };
}

/** Number of complete SSE events (blank-line terminated) in each read. */
export function sseEventsPerRead(reads: RecordedRead[]): number[] {
  return reads.map((r) => splitSseEvents(r.bytes).filter((c) => /(\r\n|\n|\r)(\r\n|\n|\r)$/.test(c.toString('latin1'))).length);
}

/** Number of complete lines (NDJSON) in each read. */
export function linesPerRead(reads: RecordedRead[]): number[] {
  return reads.map((r) => splitLines(r.bytes).filter((c) => c[c.length - 1] === 0x0a).length);
}

/**
 * True when the reads line up exactly with the expected chunks: read i === chunk i byte for byte (the stream was
 * neither coalesced nor split). Returns the index of the first mismatch, or -1 when they all match.
 */
export function firstMisalignedRead(reads: RecordedRead[], expectedChunks: (Buffer | string)[]): number {
  const n = Math.max(reads.length, expectedChunks.length);
  for (let i = 0; i < n; i++) {
    const r = reads[i];
    const e = expectedChunks[i];
    if (!r || e === undefined) return i;
    if (!r.bytes.equals(typeof e === 'string' ? Buffer.from(e) : e)) return i;
  }
  return -1;
}
