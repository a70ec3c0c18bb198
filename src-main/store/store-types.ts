import type { ExchangeSummary, HeaderPairs } from '../contract/index.js';
import type { BeginOp, FinishOp } from '../ingest/ingest-ops.js';
import type { ProviderFacts } from '../providers/index.js';

/** One side of a finished exchange as the store keeps it: decoded body, sizes, and what went wrong decoding it. */
export interface StoredSide {
  headers: HeaderPairs;
  /** bytes seen on the wire */
  bytes: number;
  contentEncoding: string | null;
  contentType: string | null;
  /** decoded body (or the raw bytes when decoding failed); null when there was none */
  body: Buffer | null;
  truncated: boolean;
  decodeError: string | null;
  /** chunk arrivals [byteOffset, msSinceStart, …] (response side) */
  chunkTimes: number[] | null;
}

/** A finished exchange after decode and the providers stage: everything the `exchanges` row and its bodies hold. */
export interface FinishRecord extends Omit<FinishOp, 'request' | 'response'> {
  request: StoredSide;
  response: StoredSide;
  facts: ProviderFacts;
}

/** A begin is stored as captured; a finish only after decoding. */
export type StoreOp = BeginOp | FinishRecord;

export interface BatchResult {
  /** rows created by a begin (a begin arriving after its finish is ignored and not listed) */
  begun: ExchangeSummary[];
  finished: ExchangeSummary[];
}

export interface RetentionPolicy {
  maxRows: number | null;
  maxAgeDays: number | null;
  maxDbBytes: number | null;
}

export interface RetentionResult {
  deleted: number;
  byRows: number;
  byAge: number;
  bySize: number;
}

export interface OpenInfo {
  /** highest id ever used (survives clear), so numbering continues above it */
  maxId: number;
  /** rows a previous process left pending/streaming, now marked aborted */
  recovered: number;
  /** schema versions applied by this open */
  migrated: number[];
}

export interface StoreOpenOptions {
  /**
   * Leave WAL checkpoints to the caller (checkpointWal), instead of SQLite running one inside whichever commit crosses
   * the threshold. The ingest worker folds the WAL while capture is idle, so a burst of traffic never waits for one.
   */
  deferCheckpoints?: boolean;
  /** test hook: cap the file at this many pages (beyond the current size) to simulate a full disk */
  testMaxPageCount?: number;
  /** test hook: refuse writes after opening (as a read-only file would); root ignores chmod, so tests use this */
  testQueryOnly?: boolean;
}
