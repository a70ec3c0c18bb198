import type { ExchangeState, LlmMessage } from '../contract/index.js';
import type { BeginOp, FinishOp } from '../ingest/index.js';

/** A change of an in-flight exchange, for live views; never stored on its own. */
export interface LiveUpdate {
  state: ExchangeState;
  status: number | null;
  ttfbMs: number | null;
  requestBytes: number;
  responseBytes: number;
  contentType: string | null;
  stream: boolean;
}

/**
 * Where the capture stage hands exchanges. Every method must return at once and never throw: it is called on the
 * forwarding path.
 */
export interface CaptureSink {
  nextId(): number;
  begin(op: BeginOp): void;
  update(op: BeginOp, live: LiveUpdate): void;
  finish(op: FinishOp): void;
  /** whether anyone watches live replies (a live parse costs CPU on the forwarding thread) */
  wantsLiveReplies(): boolean;
  reply(id: number, message: LlmMessage | null, firstContentAtMs: number | null, complete: boolean): void;
}
