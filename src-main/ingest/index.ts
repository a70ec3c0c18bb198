export type { BeginOp, FinishOp, IngestOp, CapturedSide } from './ingest-ops.js';
export { IngestClient } from './ingest-client.js';
export type { IngestClientOptions, IngestClientEvents } from './ingest-client.js';
export { decodeBody } from './decode-body.js';
export type { DecodedBody } from './decode-body.js';
export { prepareFinish } from './prepare-finish.js';
export type { FromWorker, ToWorker, IngestWorkerData, WorkerCalls, ReparseProgress, ReparseStarted } from './ingest-protocol.js';
