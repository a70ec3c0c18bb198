import type { ServiceEvent } from '../contract/index.js';

/** A client's side of a batch: what it can still take, and how to hand it a message. */
export interface EventSink {
  /** false once the client is gone; it is then skipped */
  readonly open: boolean;
  /** bytes sent but not yet taken by a slow client (0 where the transport cannot tell) */
  readonly backlogBytes: number;
  send(message: string): void;
}

const FLUSH_MS = 50;
/** beyond this much unsent data a slow client gets no more progress updates, only starts and finishes */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

/**
 * Batches live events per 50 ms into one message `{events:[…]}`, so a burst of thousands of exchanges costs a few frames,
 * not thousands. The WebSocket (headless shell) and the IPC bridge (Electron shell) send the same framing.
 */
export class EventBatcher {
  private pending: ServiceEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sinks: () => Iterable<EventSink>,
    private readonly flushMs = FLUSH_MS,
  ) {}

  queue(e: ServiceEvent): void {
    this.pending.push(e);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const full = JSON.stringify({ events: batch });
    let lean: string | null = null;
    for (const sink of this.sinks()) {
      if (!sink.open) continue;
      if (sink.backlogBytes > SLOW_CLIENT_BYTES) {
        lean ??= JSON.stringify({ events: batch.filter((e) => e.event !== 'exchange.updated'), dropped: 'exchange.updated' });
        sink.send(lean);
      } else sink.send(full);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
