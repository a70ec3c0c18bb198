import type { ExchangeError, ExchangeMode, HeaderPairs } from '../contract/index.js';

/**
 * The hand-off from the capture stage (main thread, on the forwarding path) to the ingest worker (decode → providers →
 * store). Plain data only: it crosses a worker boundary by structured clone.
 */

/** One side of an exchange as captured off the wire: bytes exactly as they were sent, possibly compressed. */
export interface CapturedSide {
  headers: HeaderPairs;
  /** wire bytes kept (at most the body cap); null when there was no body */
  raw: Uint8Array | null;
  /** total wire bytes seen, including any not kept */
  bytes: number;
  /** true when `raw` holds fewer bytes than were seen */
  truncated: boolean;
  contentEncoding: string | null;
  contentType: string | null;
  /** chunk arrivals as flat pairs [byteOffset, msSinceStart, …], response side only (bounded) */
  chunkTimes: number[] | null;
}

/** Sent when the request line and headers are known, so the exchange is visible (and recoverable) at once. */
export interface BeginOp {
  op: 'begin';
  id: number;
  startedAt: number;
  mode: ExchangeMode;
  method: string;
  url: string;
  host: string;
  path: string;
  requestHeaders: HeaderPairs;
}

/** Sent once the exchange has ended one way or another. Replaces any earlier begin for the same id. */
export interface FinishOp {
  op: 'finish';
  id: number;
  startedAt: number;
  mode: ExchangeMode;
  method: string;
  url: string;
  host: string;
  path: string;
  status: number | null;
  state: 'complete' | 'aborted' | 'error';
  error: ExchangeError | null;
  ttfbMs: number | null;
  totalMs: number | null;
  stream: boolean;
  request: CapturedSide;
  response: CapturedSide;
}

export type IngestOp = BeginOp | FinishOp;
