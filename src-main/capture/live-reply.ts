import type { HeaderPairs } from '../contract/index.js';
import { startStreamParse, type StreamParser } from '../providers/index.js';
import type { CaptureSink } from './capture-sink.js';

/** at most one reply update per exchange per this many ms */
const THROTTLE_MS = 100;

/**
 * Follows a streamed LLM reply as it arrives, for live views only (the stored parse is redone from the stored body
 * in the ingest worker). Costs nothing unless someone watches; a parser failure just ends the live view.
 */
export class LiveReply {
  private lastSent = 0;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly id: number,
    private readonly parser: StreamParser,
    private readonly sink: CaptureSink,
  ) {}

  static start(
    sink: CaptureSink,
    id: number,
    exchange: { method: string; host: string; path: string; requestHeaders: HeaderPairs; requestBody: Buffer | null },
    status: number,
    contentType: string | null,
    contentEncoding: string | null,
  ): LiveReply | null {
    // compressed streams are rare for SSE; decoding them live is not worth it on the forwarding thread
    if (!sink.wantsLiveReplies() || contentEncoding !== null) return null;
    try {
      const parser = startStreamParse({ ...exchange, status, contentType });
      return parser ? new LiveReply(id, parser, sink) : null;
    } catch {
      return null;
    }
  }

  push(chunk: Buffer, atMs: number): void {
    try {
      this.parser.push(chunk, atMs);
    } catch {
      return;
    }
    const now = Date.now();
    if (now - this.lastSent >= THROTTLE_MS) this.send(false);
    else this.timer ??= setTimeout(() => this.send(false), THROTTLE_MS - (now - this.lastSent));
  }

  end(): void {
    this.send(true);
  }

  private send(final: boolean): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastSent = Date.now();
    try {
      const r = final ? this.parser.end() : this.parser.snapshot();
      this.sink.reply(this.id, r.message, this.parser.firstContentAtMs, final && r.complete);
    } catch {
      // a live view is a nicety; the stored parse is authoritative
    }
  }
}
