import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type {
  AnalyticsFilter,
  ConversationPage,
  ConversationQuery,
  ExchangeDetail,
  ExchangePage,
  ExchangeQuery,
  ExchangeSummary,
  LlmView,
  Stats,
  UsageSummary,
  UsageSummaryQuery,
  UsageTimeseries,
  UsageTimeseriesQuery,
  UsageTotals,
} from '../contract/index.js';
import type { BeginOp } from '../ingest/ingest-ops.js';
import { PARSER_VERSION, type ProviderFacts, type ProviderInput } from '../providers/index.js';
import { AnalyticsQueries } from './analytics-queries.js';
import { FINISH_SQL, finishParams, summaryOfBegin, summaryOfFinish } from './exchange-rows.js';
import { ConversationQueries } from './conversation-queries.js';
import { ExchangeQueries } from './exchange-queries.js';
import { FtsIndexer } from './fts-indexer.js';
import { enforceRetention } from './retention.js';
import { Reparser, type ReparseBatchResult, type ReparseOptions } from './reparse.js';
import { migrate } from './schema-migrations.js';
import { openDatabase } from './sqlite-open.js';
import { StoreWriteError, toStoreWriteError } from './store-errors.js';
import type {
  BatchResult,
  FinishRecord,
  OpenInfo,
  RetentionPolicy,
  RetentionResult,
  StoreOp,
  StoreOpenOptions,
} from './store-types.js';

export type StoreStats = Omit<Stats, 'session' | 'capture' | 'memory'>;

const STOPPED = { code: 'inspector_stopped', message: 'The inspector stopped before this exchange finished' } as const;

function prepareStatements(db: Database.Database) {
  return {
    begin: db.prepare(`INSERT INTO exchanges (id, started_at, mode, method, url, host, path, state, req_headers)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT(id) DO NOTHING`),
    // the row's star, or undefined when there is no row yet
    exists: db.prepare('SELECT starred FROM exchanges WHERE id = ?').pluck(),
    setStarred: db.prepare('UPDATE exchanges SET starred = ? WHERE id = ?'),
    finish: db.prepare(FINISH_SQL),
    bodyInsert: db.prepare('INSERT OR REPLACE INTO bodies (key, exchange_id, side, data) VALUES (?, ?, ?, ?)'),
    bodiesDelete: db.prepare('DELETE FROM bodies WHERE key IN (? * 2, ? * 2 + 1)'),
    maxId: db.prepare(`SELECT max(coalesce((SELECT max(id) FROM exchanges), 0),
      coalesce((SELECT value FROM meta WHERE key = 'id_floor'), 0))`).pluck(),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/**
 * The capture store: one SQLite file in WAL mode, written in whole batches. Synchronous by design (better-sqlite3), so
 * it must live off the forwarding thread — the ingest worker owns it. Every write failure surfaces as StoreWriteError
 * after the transaction has rolled back, leaving the file as it was.
 */
export class ExchangeStore {
  readonly path: string;
  readonly openInfo: OpenInfo;
  private readonly db: Database.Database;
  private readonly queries: ExchangeQueries;
  private readonly applyTx: (ops: StoreOp[]) => BatchResult;
  private readonly stmt: Statements;
  private readonly fts: FtsIndexer;
  private readonly analytics: AnalyticsQueries;
  private readonly conversationQueries: ConversationQueries;
  private readonly reparser: Reparser;

  private constructor(db: Database.Database, path: string, opts: StoreOpenOptions) {
    this.db = db;
    this.path = path;
    // larger pages suit blob- and index-heavy writes; only takes effect on a new file
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    // checkpoint every ~32 MiB rather than 4 (far fewer fsyncs and page copies), or only when the owner says so
    db.pragma(`wal_autocheckpoint = ${opts.deferCheckpoints === true ? 0 : 4096}`);
    // NORMAL in WAL: a commit survives the process being killed; only an OS crash may lose the newest commits
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // 8 MiB of page cache: writes are appends and reads are by key, so a bigger cache mostly adds resident memory
    db.pragma('cache_size = -8000');
    db.pragma('temp_store = MEMORY');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    const migrated = migrate(db);
    this.stmt = prepareStatements(db);
    this.fts = new FtsIndexer(db);
    this.applyTx = db.transaction((ops: StoreOp[]) => this.applyOps(ops));
    this.queries = new ExchangeQueries(db);
    this.analytics = new AnalyticsQueries(db);
    this.conversationQueries = new ConversationQueries(db);
    this.reparser = new Reparser(db);
    const recovered = this.recoverUnfinished();
    this.openInfo = { maxId: Number(this.stmt.maxId.get()), recovered, migrated };
    // test hooks go last so migrations and recovery are not what they break
    if (opts.testMaxPageCount !== undefined) {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + Math.max(0, Math.floor(opts.testMaxPageCount))}`);
    }
    if (opts.testQueryOnly) db.pragma('query_only = 1');
  }

  /** Opens (creating if needed) and migrates the file, then marks exchanges a previous process left open as aborted. */
  static open(path: string, opts: StoreOpenOptions = {}): ExchangeStore {
    let db: Database.Database | null = null;
    try {
      db = openDatabase(path);
      return new ExchangeStore(db, path, opts);
    } catch (err) {
      db?.close();
      throw toStoreWriteError(err, path);
    }
  }

  private recoverUnfinished(): number {
    return this.db
      .prepare(`UPDATE exchanges SET state = 'aborted', error_code = ?, error_message = ?
        WHERE state IN ('pending', 'streaming')`)
      .run(STOPPED.code, STOPPED.message).changes;
  }

  private applyOps(ops: StoreOp[]): BatchResult {
    const s = this.stmt;
    const begun: ExchangeSummary[] = [];
    const finished: ExchangeSummary[] = [];
    for (const op of ops) {
      if (op.op === 'begin') {
        const info = s.begin.run(op.id, op.startedAt, op.mode, op.method, op.url, op.host, op.path,
          JSON.stringify(op.requestHeaders));
        // no change means a finish (or an earlier begin) is already there: a late begin must not reopen it
        if (info.changes === 0) continue;
        this.fts.markPending(op.id);
        begun.push(summaryOfBegin(op));
        continue;
      }
      const star = s.exists.get(op.id) as number | undefined;
      const existed = star !== undefined;
      s.finish.run(finishParams(op));
      if (existed) s.bodiesDelete.run(op.id, op.id);
      if (op.request.body !== null && op.request.body.length > 0) {
        s.bodyInsert.run(op.id * 2, op.id, 'req', op.request.body);
      }
      if (op.response.body !== null && op.response.body.length > 0) {
        s.bodyInsert.run(op.id * 2 + 1, op.id, 'res', op.response.body);
      }
      this.fts.markPending(op.id);
      finished.push(summaryOfFinish(op, star === 1));
    }
    return { begun, finished };
  }

  /** Writes the whole batch in one transaction, or nothing (throws StoreWriteError). */
  applyBatch(ops: StoreOp[]): BatchResult {
    try {
      return this.applyTx(ops);
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
  }

  /** Highest id ever stored, including ids removed by clear(). */
  maxId(): number {
    return Number(this.stmt.maxId.get());
  }

  list(query: ExchangeQuery): ExchangePage {
    // a search must see every stored exchange, so the deferred index catches up first
    if (query.search !== undefined) this.indexPendingText(Number.MAX_SAFE_INTEGER);
    return this.queries.list(query);
  }

  /** Full-text indexes up to `limit` exchanges waiting for it (the worker calls this when idle); returns how many. */
  indexPendingText(limit: number): number {
    try {
      return limit === Number.MAX_SAFE_INTEGER ? this.fts.indexAll() : this.fts.indexSome(limit);
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
  }

  /** Characters of text this store has full-text indexed since it opened. */
  get indexedTextChars(): number {
    return this.fts.textChars;
  }

  /** Exchanges stored but not yet full-text indexed. */
  pendingText(): number {
    return this.fts.pending();
  }

  /** Stars or unstars one exchange; returns its updated summary, or null when there is no such exchange. */
  setStarred(id: number, starred: boolean): ExchangeSummary | null {
    try {
      if (this.stmt.setStarred.run(starred ? 1 : 0, id).changes === 0) return null;
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
    return this.queries.summary(id);
  }

  /** One exchange's list row; null when there is none. */
  summary(id: number): ExchangeSummary | null {
    return this.queries.summary(id);
  }

  /** One exchange with bodies; `llmView` (the providers' parser) adds the normalised LLM view. */
  get(id: number, llmView?: (input: ProviderInput) => LlmView | null): ExchangeDetail | null {
    return this.queries.get(id, llmView);
  }

  /** What the providers stage sees for a stored exchange (decoded bodies, headers, chunk times). */
  providerInput(id: number): ProviderInput | null {
    return this.queries.providerInput(id);
  }

  /** Conversations with totals over their calls, latest activity first. */
  conversations(q: ConversationQuery): ConversationPage {
    return this.conversationQueries.list(q);
  }

  sqliteVersion(): string {
    return String(this.db.prepare('SELECT sqlite_version()').pluck().get());
  }

  usageTimeseries(q: UsageTimeseriesQuery): UsageTimeseries {
    return this.analytics.timeseries(q);
  }

  usageSummary(q: UsageSummaryQuery): UsageSummary {
    return this.analytics.summary(q);
  }

  usageTotals(f: AnalyticsFilter): UsageTotals {
    return this.analytics.totals(f);
  }

  /**
   * Re-derives parse facts (provider, api, model, usage, cost, finish reason, TTFT, …; never bodies, conversation or
   * turn) for up to `limit` finished rows a parser older than `opts.version` (default PARSER_VERSION) wrote — or any
   * version with `all` — oldest first, after `opts.afterId`, in one transaction.
   */
  reparseBatch(
    limit: number,
    analyse: (input: ProviderInput) => ProviderFacts,
    opts: Partial<ReparseOptions> = {},
  ): ReparseBatchResult {
    try {
      return this.reparser.batch(limit, analyse, { version: PARSER_VERSION, ...opts });
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
  }

  /** Rows a re-parse run with these options would process from the start. */
  reparseCount(opts: Partial<ReparseOptions> = {}): number {
    return this.reparser.count({ version: PARSER_VERSION, ...opts });
  }

  getBody(id: number, side: 'req' | 'res'): Buffer | null {
    return this.queries.getBody(id, side);
  }

  stats(): StoreStats {
    return { ...this.queries.stats(), dbBytes: this.fileBytes() };
  }

  /** Bytes on disk: the database file plus its WAL. */
  fileBytes(): number {
    let total = 0;
    for (const p of [this.path, `${this.path}-wal`]) {
      try {
        total += statSync(p).size;
      } catch {
        // a missing WAL just means nothing is pending
      }
    }
    return total;
  }

  /** Deletes every exchange; ids keep counting up from the highest one used. Returns the number of rows deleted. */
  clear(): number {
    try {
      const deleted = this.db.transaction(() => {
        this.db.prepare(`INSERT INTO meta (key, value) VALUES ('id_floor', ?)
          ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(this.maxId());
        this.db.prepare('DELETE FROM bodies').run();
        this.db.prepare('DELETE FROM fts_pending').run();
        this.db.prepare(`INSERT INTO exchanges_fts (exchanges_fts) VALUES ('delete-all')`).run();
        return this.db.prepare('DELETE FROM exchanges').run().changes;
      })();
      this.checkpoint();
      return deleted;
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
  }

  enforceRetention(policy: RetentionPolicy, now = Date.now()): RetentionResult {
    try {
      const result = enforceRetention(this.db, policy, now);
      if (result.deleted > 0) this.checkpoint();
      return result;
    } catch (err) {
      throw toStoreWriteError(err, this.path);
    }
  }

  /** Folds the WAL back so freed space is reused and the -wal file shrinks to journal_size_limit. */
  private checkpoint(): void {
    this.checkpointWal('TRUNCATE');
  }

  /**
   * Copies committed WAL pages into the database file. PASSIVE never waits for readers (what they still use stays for
   * the next one). Returns false when SQLite could not run it; a checkpoint is housekeeping, never a failed write.
   */
  checkpointWal(mode: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE'): boolean {
    try {
      this.db.pragma(`wal_checkpoint(${mode})`);
      return true;
    } catch {
      return false;
    }
  }

  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('\n');
  }

  /** Test hook: run a PRAGMA on this connection (e.g. raise max_page_count, turn query_only off). */
  testPragma(pragma: string): unknown {
    return this.db.pragma(pragma);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    this.checkpoint();
    this.db.close();
  }
}

export { StoreWriteError };
