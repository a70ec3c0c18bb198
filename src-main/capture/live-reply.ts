import type { HeaderPairs, LlmResponse } from '../contract/index.js';
import type { LiveParseInput, StreamParser } from '../providers/index.js';
import type { CaptureSink } from './capture-sink.js';

/** at most one reply update per exchange per this many ms */
const THROTTLE_MS = 100;

export type Providers = typeof import('../providers/index.js');
let providers: Providers | null = null;
let loading: Promise<Providers | null> | null = null;

/**
 * The provider modules are only needed on the forwarding thread while someone watches replies grow (or looks at an
 * exchange in flight); they are loaded then, not at start.
 */
export function loadProviders(): Promise<Providers | null> {
  loading ??= import('../providers/index.js').then(
    (m) => (providers = m),
    () => null,
  );
  return loading;
}

/**
 * Follows a streamed LLM reply as it arrives, for live views only (the stored parse is redone from the stored body
 * in the ingest worker). Costs nothing unless someone watches; a parser failure just ends the live view.
 */
export class LiveReply {
  private lastSent = 0;
  private timer: NodeJS.Timeout | null = null;
  private parser: StreamParser | null = null;
  /** chunks that arrived while the provider modules were still loading */
  private early: [Buffer, number][] | null = null;
  private ended = false;

  private constructor(
    private readonly id: number,
    private readonly sink: CaptureSink,
  ) {}

  static start(
    sink: CaptureSink,
    id: number,
    exchange: { method: string; host: string; path: string; requestHeaders: HeaderPairs; requestBody: Buffer | null },
    status: number,
    contentType: string | null,
    contentEncoding: string | null,
    /** start even though nobody watches replies yet (someone asked for this exchange) */
    force = false,
  ): LiveReply | null {
    // compressed streams are rare for SSE; decoding them live is not worth it on the forwarding thread
    if ((!force && !sink.wantsLiveReplies()) || contentEncoding !== null) return null;
    const input: LiveParseInput = { ...exchange, status, contentType };
    const reply = new LiveReply(id, sink);
    if (providers) return reply.attach(providers, input) ? reply : null;
    reply.early = [];
    void loadProviders().then((p) => {
      if (p && reply.attach(p, input)) {
        for (const [chunk, at] of reply.early ?? []) reply.push(chunk, at);
        if (reply.ended) reply.end();
      }
      reply.early = null;
    });
    return reply;
  }

  private attach(p: Providers, input: LiveParseInput): boolean {
    try {
      this.parser = p.startStreamParse(input);
    } catch {
      this.parser = null;
    }
    return this.parser !== null;
  }

  push(chunk: Buffer, atMs: number): void {
    if (this.parser === null) {
      this.early?.push([chunk, atMs]);
      return;
    }
    try {
      this.parser.push(chunk, atMs);
    } catch {
      return;
    }
    const now = Date.now();
    if (now - this.lastSent >= THROTTLE_MS) this.send(false);
    else this.timer ??= setTimeout(() => this.send(false), THROTTLE_MS - (now - this.lastSent));
  }

  /**
   * Feeds the bytes that arrived before this live view started, in the chunks they arrived in (`times`: flat pairs
   * [byteOffset, msSinceStart, …]; the last chunk runs to the end of `body`).
   */
  replay(body: Buffer, times: readonly number[] | null): void {
    if (times === null || times.length < 2) {
      this.push(body, 0);
      return;
    }
    for (let i = 0; i < times.length; i += 2) {
      const start = times[i] ?? 0;
      if (start >= body.length) break;
      const end = i + 2 < times.length ? Math.min(times[i + 2] ?? body.length, body.length) : body.length;
      if (end > start) this.push(body.subarray(start, end), times[i + 1] ?? 0);
    }
  }

  /** The reply so far, or null while the parser is not attached (providers still loading) or failed. */
  current(): { response: LlmResponse; firstContentAtMs: number | null } | null {
    if (this.parser === null || this.ended) return null;
    try {
      return { response: this.parser.snapshot(), firstContentAtMs: this.parser.firstContentAtMs };
    } catch {
      return null;
    }
  }

  end(): void {
    this.ended = true;
    if (this.parser !== null) this.send(true);
  }

  private send(final: boolean): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const parser = this.parser;
    if (parser === null) return;
    this.lastSent = Date.now();
    try {
      const r = final ? parser.end() : parser.snapshot();
      this.sink.reply(this.id, r.message, parser.firstContentAtMs, final && r.complete);
    } catch {
      // a live view is a nicety; the stored parse is authoritative
    }
  }
}
