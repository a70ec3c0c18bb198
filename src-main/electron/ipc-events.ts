import type { ServiceEvent } from '../contract/index.js';
import { EventBatcher, type EventSink } from '../server/index.js';
import { IPC_EVENTS } from './ipc-router.js';

/** What the bridge needs of a window's webContents. */
export interface EventWindow {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, message: string): void;
  once(event: 'destroyed', listener: () => void): void;
}

export interface EventSource {
  onAny(fn: (e: ServiceEvent) => void): () => void;
  /** what a new subscriber is told first, so it need not wait for a change to know whether capture runs */
  greeting(): ServiceEvent;
}

/**
 * Live events to the windows that asked for them, in the same `{events:[…]}` batches the WebSocket sends. The service is
 * watched only while some window listens, as with WebSocket clients, so a hidden app costs no event work.
 */
export class IpcEventBridge {
  private readonly windows = new Map<number, EventWindow>();
  private readonly batcher = new EventBatcher(() => this.sinks());
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly source: EventSource) {}

  subscribe(win: EventWindow): void {
    if (win.isDestroyed()) return;
    // a reloaded page subscribes again from the same webContents: it stays one subscription but is greeted anew
    if (!this.windows.has(win.id)) {
      this.windows.set(win.id, win);
      win.once('destroyed', () => this.remove(win.id));
    }
    if (!this.unsubscribe) this.unsubscribe = this.source.onAny((e) => this.batcher.queue(e));
    win.send(IPC_EVENTS, JSON.stringify({ events: [this.source.greeting()] }));
  }

  get subscribers(): number {
    return this.windows.size;
  }

  private remove(id: number): void {
    this.windows.delete(id);
    if (this.windows.size === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  private *sinks(): Iterable<EventSink> {
    for (const win of this.windows.values()) {
      yield { open: !win.isDestroyed(), backlogBytes: 0, send: (m: string) => win.send(IPC_EVENTS, m) };
    }
  }

  close(): void {
    this.batcher.close();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.windows.clear();
  }
}
