import { EventEmitter } from 'node:events';
import type { ServiceEvent, ServiceEventName, ServiceEventPayload } from '../contract/index.js';

/** The service's live events, typed by the contract's event map so a misspelt name fails to compile. */
export class ServiceEvents {
  private readonly emitter = new EventEmitter();
  private anyCount = 0;
  private watchListeners: ((finishedWatched: boolean) => void)[] = [];

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit<E extends ServiceEventName>(event: E, data: ServiceEventPayload<E>): void {
    if (this.anyCount > 0) this.emitter.emit('*', { event, data } as ServiceEvent);
    this.emitter.emit(event, data);
  }

  on<E extends ServiceEventName>(event: E, fn: (data: ServiceEventPayload<E>) => void): () => void {
    this.emitter.on(event, fn);
    this.watchChanged();
    return () => {
      this.emitter.off(event, fn);
      this.watchChanged();
    };
  }

  /** Every event, in order (what the WebSocket and IPC bridges forward). */
  onAny(fn: (e: ServiceEvent) => void): () => void {
    this.anyCount++;
    this.emitter.on('*', fn);
    this.watchChanged();
    return () => {
      this.anyCount--;
      this.emitter.off('*', fn);
      this.watchChanged();
    };
  }

  /** Whether anyone watches replies grow (a live parse runs on the forwarding thread only then). */
  get watchedReplies(): boolean {
    return this.anyCount > 0 || this.emitter.listenerCount('exchange.reply') > 0;
  }

  /** Whether anyone needs "finished" summaries; the store skips producing them otherwise. */
  get finishedWatched(): boolean {
    return this.anyCount > 0 || this.emitter.listenerCount('exchange.finished') > 0;
  }

  onWatchChange(fn: (finishedWatched: boolean) => void): void {
    this.watchListeners.push(fn);
    fn(this.finishedWatched);
  }

  private watchChanged(): void {
    const w = this.finishedWatched;
    for (const fn of this.watchListeners) fn(w);
  }

  /** Building a live summary costs something on the hot path; skip it when nobody is watching. */
  get watched(): boolean {
    return this.anyCount > 0 || this.emitter.listenerCount('exchange.started') > 0 || this.emitter.listenerCount('exchange.updated') > 0;
  }
}
