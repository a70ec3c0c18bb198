import type { ExchangeState, LlmMessage, LlmResponse } from '../contract/index.js';
import type { BeginOp, CapturedSide, FinishOp } from '../ingest/index.js';

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

/** A copy of what the capture stage holds for an exchange still in flight (a detail view opened mid-stream). */
export interface InFlightView {
  live: LiveUpdate;
  /** headers (already redacted) and the wire bytes kept so far, under the same cap as what will be stored */
  request: CapturedSide;
  response: CapturedSide;
  /** the live parse of the reply so far, when one runs */
  reply: { response: LlmResponse; firstContentAtMs: number | null } | null;
}

/** An exchange still in flight, as the capture stage lets the service look at it. Read on demand only. */
export interface InFlightExchange {
  /** a copy of the state and bodies so far (joins the kept chunks: not for the forwarding path) */
  inspect(): InFlightView;
  /**
   * Has the reply parsed live from now on, replaying the bytes that already arrived (for a watcher that came after the
   * stream started). Nothing happens for a response that is not a stream, is compressed, or lost bytes to the cap.
   */
  watchReply(): void;
}

/**
 * Where the capture stage hands exchanges. Every method must return at once and never throw: it is called on the
 * forwarding path.
 */
export interface CaptureSink {
  nextId(): number;
  /** `exchange` is the recorder itself, for looking at the exchange while it is in flight */
  begin(op: BeginOp, exchange?: InFlightExchange): void;
  update(op: BeginOp, live: LiveUpdate): void;
  finish(op: FinishOp): void;
  /** whether anyone watches live replies (a live parse costs CPU on the forwarding thread) */
  wantsLiveReplies(): boolean;
  reply(id: number, message: LlmMessage | null, firstContentAtMs: number | null, complete: boolean): void;
}
