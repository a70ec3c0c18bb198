/**
 * Worker-thread entry of the ingest pipeline. It owns the only SQLite connection, so decoding, parsing, writes and
 * reads all happen here and never on the forwarding thread. Messages are handled one at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyticsFilter, ConversationQuery, UsageSummaryQuery, UsageTimeseriesQuery } from '../contract/index.js';
import { AnalysisLoader } from './analysis-loader.js';
import { parseLlmView, type ProviderFacts, type ProviderInput } from '../providers/index.js';
import { ExchangeStore, toStoreWriteError, type RetentionPolicy, type StoreOp } from '../store/index.js';
import type { IngestOp } from './ingest-ops.js';
import { transferables, type FromWorker, type IngestWorkerData, type ToWorker, type WorkerCalls } from './ingest-protocol.js';
import { prepareFinish } from './prepare-finish.js';
import { advanceReparseRun, newReparseRun, type ReparseRun } from './reparse-run.js';
import { ROW_WAL_BYTES, WalFolder } from './wal-folder.js';

const port = parentPort;
if (port === null) throw new Error('ingest-worker.js must run as a worker thread');
const data = workerData as IngestWorkerData;

function post(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(msg, transfer);
}

let retention: RetentionPolicy = data.retention;
let maxBodyBytes = data.maxBodyBytes;
let liveSummaries = data.liveSummaries;
const analysis = new AnalysisLoader(data.analysis);
let store: ExchangeStore;
try {
  store = ExchangeStore.open(data.dbPath, {
    deferCheckpoints: true,
    testMaxPageCount: data.testMaxPageCount,
    testQueryOnly: data.testQueryOnly,
  });
} catch (err) {
  post({ type: 'open-failed', error: toStoreWriteError(err, data.dbPath).toJSON() });
  port.close();
  process.exit(0);
}
post({ type: 'ready', ...store.openInfo, sqliteVersion: store.sqliteVersion() });
// the WAL is folded into the file when capture goes quiet, not inside a commit in the middle of a burst
const walFolder = new WalFolder(() => store.checkpointWal(), data.walFold);

function runRetention(): void {
  try {
    const result = store.enforceRetention(retention);
    if (result.deleted > 0) post({ type: 'retention', result });
  } catch (err) {
    post({ type: 'retention-failed', error: toStoreWriteError(err, data.dbPath).toJSON() });
  }
}
const retentionTimer = setInterval(runRetention, Math.max(10, data.retentionIntervalMs));
runRetention();

// Full-text indexing waits for a pause in writes (see FtsIndexer); under sustained load a slice still runs every second
// so the backlog stays bounded.
const INDEX_SLICE = 500;
let lastBatchAt = 0;
let lastIndexedAt = Date.now();
let indexTimer: NodeJS.Timeout | null = null;
function scheduleIndexing(delayMs: number): void {
  if (indexTimer === null) indexTimer = setTimeout(indexTick, delayMs);
}
function indexTick(): void {
  indexTimer = null;
  const now = Date.now();
  const busy = now - lastBatchAt < 40;
  if (busy && now - lastIndexedAt < 1000) return scheduleIndexing(50);
  try {
    const chars = store.indexedTextChars;
    const n = store.indexPendingText(busy ? INDEX_SLICE * 4 : INDEX_SLICE);
    lastIndexedAt = Date.now();
    if (n > 0) {
      walFolder.noteWrite(n * ROW_WAL_BYTES + (store.indexedTextChars - chars));
      scheduleIndexing(busy ? 50 : 1);
    }
  } catch {
    // the index catches up later (and before any search); a failing disk is reported by the writes themselves
    scheduleIndexing(2000);
  }
}
scheduleIndexing(100);

// Re-parsing rows an older parser wrote runs the same way: in slices while the writer is idle (one transaction each),
// at a slower pace under load, with progress posted after every slice.
const REPARSE_SLICE = 100;
/**
 * The parser re-parsing runs. The store keeps conversation ids and turns as they are, but the function must not feed a
 * conversation tracker either (old exchanges would join live conversations): a stateless analysis belongs here.
 */
function reparseAnalyse(): ((input: ProviderInput) => ProviderFacts) | null {
  return analysis.ready?.reanalyseExchange ?? null;
}
let reparseRun: ReparseRun | null = null;
let reparseTimer: NodeJS.Timeout | null = null;
let lastReparseAt = 0;
function scheduleReparse(delayMs: number): void {
  if (reparseTimer === null && reparseRun !== null) reparseTimer = setTimeout(reparseTick, delayMs);
}
function startReparse(all: boolean): number {
  const total = store.reparseCount({ all });
  reparseRun = newReparseRun(all, total);
  if (reparseTimer !== null) {
    clearTimeout(reparseTimer);
    reparseTimer = null;
  }
  scheduleReparse(total > 0 ? 20 : 0);
  return total;
}
function reparseTick(): void {
  reparseTimer = null;
  const run = reparseRun;
  if (run === null) return;
  const busy = Date.now() - lastBatchAt < 40;
  if (busy && run.done > 0 && Date.now() - lastReparseAt < 500) return scheduleReparse(50);
  const analyse = reparseAnalyse();
  if (analyse === null) {
    // the LLM stage loads on demand; with LLM parsing off there is nothing to re-derive
    if (analysis.enabled) void analysis.load().then(() => scheduleReparse(1));
    else {
      reparseRun = null;
      post({ type: 'reparse-progress', done: run.done, total: run.done, changed: run.changed, failed: run.failed });
    }
    return;
  }
  try {
    const r = store.reparseBatch(REPARSE_SLICE, analyse, { all: run.all, afterId: run.afterId });
    lastReparseAt = Date.now();
    if (r.changed > 0) walFolder.noteWrite(r.changed * ROW_WAL_BYTES);
    post({ type: 'reparse-progress', ...advanceReparseRun(run, r) });
    if (r.done) reparseRun = null;
    else scheduleReparse(busy ? 50 : 1);
  } catch {
    // a failing disk is reported by the writes themselves; the run resumes from its cursor later
    scheduleReparse(5000);
  }
}
try {
  if (store.reparseCount() > 0) startReparse(false);
} catch {
  // counting failed (e.g. a damaged index): re-parsing simply does not start; an explicit call can retry
}

function handleBatch(batch: number, ops: IngestOp[]): void {
  lastBatchAt = Date.now();
  const storeOps: StoreOp[] = ops.map((op) => (op.op === 'finish' ? prepareFinish(op, maxBodyBytes, analysis.ready?.analyseExchange ?? null) : op));
  try {
    const result = store.applyBatch(storeOps);
    walFolder.noteWrite(walBytesOf(storeOps));
    scheduleIndexing(50);
    post(liveSummaries ? { type: 'committed', batch, summaries: result.finished, begun: result.begun } : { type: 'committed', batch, summaries: [], begun: [] });
  } catch (err) {
    // hand the captured ops back untouched: the client keeps them for retry
    const error = toStoreWriteError(err, data.dbPath).toJSON();
    post({ type: 'write-failed', batch, error, opIds: ops.map((o) => o.id), ops }, transferables(ops));
  }
}

function walBytesOf(ops: StoreOp[]): number {
  let bytes = 0;
  for (const op of ops) {
    bytes += ROW_WAL_BYTES;
    if (op.op === 'finish') bytes += (op.request.body?.length ?? 0) + (op.response.body?.length ?? 0);
  }
  return bytes;
}

function call(method: keyof WorkerCalls, args: unknown[]): { value: unknown; transfer: ArrayBuffer[] } {
  switch (method) {
    case 'list':
      return { value: store.list(args[0] as WorkerCalls['list']['args'][0]), transfer: [] };
    case 'get':
      return { value: store.get(args[0] as number, parseLlmView), transfer: [] };
    case 'getBody': {
      const body = store.getBody(args[0] as number, args[1] as 'req' | 'res');
      if (body === null) return { value: null, transfer: [] };
      // a copy we own outright can be moved to the main thread instead of cloned again
      const copy = new Uint8Array(body);
      return { value: copy, transfer: [copy.buffer] };
    }
    case 'stats':
      // this worker's own heap: process.memoryUsage() reports the calling isolate
      return { value: { ...store.stats(), workerHeapBytes: process.memoryUsage().heapUsed }, transfer: [] };
    case 'clear': {
      const deleted = store.clear();
      return { value: deleted, transfer: [] };
    }
    case 'setStarred':
      return { value: store.setStarred(args[0] as number, args[1] as boolean), transfer: [] };
    case 'enforceRetention':
      return { value: store.enforceRetention((args[0] as RetentionPolicy | null) ?? retention), transfer: [] };
    case 'integrityCheck':
      return { value: store.integrityCheck(), transfer: [] };
    case 'usageTimeseries':
      return { value: store.usageTimeseries(args[0] as UsageTimeseriesQuery), transfer: [] };
    case 'usageSummary':
      return { value: store.usageSummary(args[0] as UsageSummaryQuery), transfer: [] };
    case 'usageTotals':
      return { value: store.usageTotals(args[0] as AnalyticsFilter), transfer: [] };
    case 'conversations':
      return { value: store.conversations(args[0] as ConversationQuery), transfer: [] };
    case 'reparse':
      return { value: { total: startReparse((args[0] as { all?: boolean }).all === true) }, transfer: [] };
    case 'testPragma':
      if (data.testHooks !== true) throw new Error('testPragma needs testHooks');
      return { value: store.testPragma(args[0] as string), transfer: [] };
  }
}

// Messages are handled strictly in order. Only the first batch that needs the LLM stage waits (for it to load); while
// anything waits, later messages queue behind it.
let waiting: Promise<void> | null = null;
port.on('message', (msg: ToWorker) => {
  const load = msg.type === 'batch' && analysis.needsLoad(msg.ops);
  if (waiting === null && !load) return handle(msg);
  const next: Promise<void> = (waiting ?? Promise.resolve()).then(async () => {
    if (load) await analysis.load();
    handle(msg);
  });
  waiting = next;
  void next.finally(() => {
    if (waiting === next) waiting = null;
  });
});

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'batch':
      handleBatch(msg.batch, msg.ops);
      return;
    case 'call':
      try {
        const { value, transfer } = call(msg.method, msg.args);
        post({ type: 'result', reqId: msg.reqId, ok: true, value }, transfer);
      } catch (err) {
        post({ type: 'result', reqId: msg.reqId, ok: false, error: toStoreWriteError(err, data.dbPath).toJSON() });
      }
      return;
    case 'configure':
      if (msg.retention !== undefined) retention = msg.retention;
      if (msg.maxBodyBytes !== undefined) maxBodyBytes = msg.maxBodyBytes;
      if (msg.analysis !== undefined) analysis.setConfig(msg.analysis);
      if (msg.liveSummaries !== undefined) liveSummaries = msg.liveSummaries;
      if (msg.retention !== undefined) runRetention();
      return;
    case 'close':
      clearInterval(retentionTimer);
      if (indexTimer !== null) clearTimeout(indexTimer);
      if (reparseTimer !== null) clearTimeout(reparseTimer);
      walFolder.close();
      reparseRun = null;
      try {
        store.close();
      } finally {
        post({ type: 'closed' });
        port?.close();
      }
      return;
  }
}
