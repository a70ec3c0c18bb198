import type Database from 'better-sqlite3';
import type { ExchangeDetail, ExchangeQuery, ExportOptions, LlmView } from '../contract/index.js';
import type { ProviderInput } from '../providers/index.js';
import { listSql } from '../store/exchange-list.js';
import { ExchangeQueries } from '../store/exchange-queries.js';
import type { Bind } from '../store/sql-where.js';
import { openDatabase } from '../store/index.js';

/** A call the provider answered: what a dataset may train on (errored, aborted and refused calls are not). */
export const SUCCEEDED = `(state = 'complete' AND error_code IS NULL AND (status IS NULL OR status < 400))`;

export interface Selection {
  /** exchange ids in the order they are exported (oldest first) */
  ids: number[];
  /** calls the filters matched that were left out for having failed */
  erroredExcluded: number;
}

export interface SelectOptions {
  /** only exchanges a provider module recognised, successful unless `includeErrors`, one per conversation if asked */
  dataset: boolean;
}

/** No page limit: an export walks the whole selection (the ids only, a few bytes each). */
const ALL = 2 ** 40;

/**
 * Read-only access to a capture store for exports: its own SQLite connection opened read-only, so `export` runs while
 * `serve` (which owns the file and writes it from its ingest worker) keeps capturing — WAL lets readers and the writer
 * work side by side. Filters are the exchange list's own SQL (`listSql`), so a filter selects exactly what the UI
 * shows. A `search` sees the exchanges serve has already full-text indexed (it does so when idle).
 */
export class ExportSource {
  private readonly queries: ExchangeQueries;

  private constructor(private readonly db: Database.Database) {
    this.queries = new ExchangeQueries(db);
  }

  static open(dbPath: string): ExportSource {
    const db = openDatabase(dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return new ExportSource(db);
  }

  select(opts: ExportOptions, sel: SelectOptions): Selection {
    const { format: _f, ids, per, includeErrors, maxExamples, ...filter } = opts;
    const query = { ...filter, limit: ALL, sort: 'time', order: 'asc' } as ExchangeQuery;
    const plan = listSql(query, 'id, conversation_id, turn, state, status, error_code, provider');
    if (plan === null) return { ids: [], erroredExcluded: 0 };
    const where: string[] = [];
    const args: Bind[] = [...plan.args];
    if (ids !== undefined) {
      where.push('id IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(ids));
    }
    if (sel.dataset) where.push('provider IS NOT NULL');
    const base = `SELECT * FROM (${plan.sql}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    let erroredExcluded = 0;
    let rows = base;
    if (sel.dataset && !includeErrors) {
      erroredExcluded = Number(this.db.prepare(`SELECT count(*) FROM (${base}) WHERE NOT ${SUCCEEDED}`).pluck().get(...args));
      rows = `SELECT * FROM (${base}) WHERE ${SUCCEEDED}`;
    }
    // one per conversation: its latest call (highest turn, then newest) among those selected; calls no conversation
    // claimed stand alone
    const sql = sel.dataset && per === 'conversation'
      ? `SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY coalesce(conversation_id, 'id:' || id)
           ORDER BY coalesce(turn, 0) DESC, id DESC) AS rn FROM (${rows})) WHERE rn = 1 ORDER BY id`
      : `SELECT id FROM (${rows}) ORDER BY id`;
    let list = this.db.prepare(sql).pluck().all(...args) as number[];
    if (maxExamples !== undefined && !sel.dataset) list = list.slice(0, maxExamples);
    return { ids: list, erroredExcluded };
  }

  /** What the providers stage sees for an exchange (decoded bodies, headers, chunk times). */
  input(id: number): ProviderInput | null {
    return this.queries.providerInput(id);
  }

  /** One exchange with headers and bodies (and the LLM view when `llmView` is given). */
  detail(id: number, llmView?: (input: ProviderInput) => LlmView | null): ExchangeDetail | null {
    return this.queries.get(id, llmView);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
