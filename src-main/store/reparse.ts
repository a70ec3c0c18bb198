import type Database from 'better-sqlite3';
import type { ProviderFacts, ProviderInput } from '../providers/index.js';
import { providerInputOf, type DetailRow } from './exchange-queries.js';

export interface ReparseOptions {
  /** rows written by a parser older than this are re-derived (the current PARSER_VERSION) */
  version: number;
  /** re-derive every finished row, whatever version wrote it */
  all?: boolean;
  /** resume after this id (the `lastId` of the previous batch); 0 starts from the oldest */
  afterId?: number;
}

export interface ReparseBatchResult {
  /** rows looked at (each one either re-derived or, when the parser threw, only re-stamped) */
  processed: number;
  /** rows whose facts changed */
  changed: number;
  /** rows the parser threw on: their facts are kept, stamped with the target version so they are not retried */
  failed: number;
  /** highest id processed (pass as `afterId` to continue); the given afterId when nothing was left */
  lastId: number;
  /** true when nothing is left after this batch */
  done: boolean;
}

/** Columns re-parsing may rewrite: parse facts only. Bodies, timings, conversation and turn stay as stored. */
const FACT_COLUMNS = [
  'provider', 'api', 'model', 'response_model', 'usage_input', 'usage_output', 'usage_cache_read', 'usage_cache_write',
  'usage_reasoning', 'usage_total', 'usage_source', 'cost_usd', 'ttft_ms', 'finish_reason', 'usage_raw', 'response_id',
] as const;

type Fact = string | number | null;

function factValues(f: ProviderFacts): Fact[] {
  const u = f.usage;
  return [
    f.provider, f.api, f.model, f.responseModel, u?.inputTokens ?? null, u?.outputTokens ?? null,
    u?.cacheReadTokens ?? null, u?.cacheWriteTokens ?? null, u?.reasoningTokens ?? null, u?.totalTokens ?? null,
    u?.source ?? null, f.costUsd, f.ttftMs, f.finishReason, f.usageRaw, f.responseId,
  ];
}

/**
 * Re-derives the parse facts of stored exchanges from their stored bodies, oldest first, one transaction per batch.
 * Only rows a parser has seen qualify: parser_version is written by a finish alone (a begin leaves it NULL, and a late
 * begin never reopens a finished row), so exchanges still being captured are left to ingest — and the count is answered
 * from the exchanges_parser index without touching the table.
 */
export class Reparser {
  private readonly pickOld: Database.Statement;
  private readonly pickAll: Database.Statement;
  private readonly countOld: Database.Statement;
  private readonly countAll: Database.Statement;
  private readonly bodies: Database.Statement;
  private readonly update: Database.Statement;
  private readonly stamp: Database.Statement;
  private readonly batchTx: (limit: number, analyse: (input: ProviderInput) => ProviderFacts, o: ReparseOptions) => ReparseBatchResult;

  constructor(db: Database.Database) {
    // NOT INDEXED: walk the rowid from the cursor (linear over a whole run) rather than sort the parser index each batch
    this.pickOld = db.prepare(`SELECT * FROM exchanges NOT INDEXED WHERE id > ? AND parser_version < ?
      ORDER BY id LIMIT ?`);
    this.pickAll = db.prepare(`SELECT * FROM exchanges NOT INDEXED WHERE id > ? AND parser_version IS NOT NULL
      ORDER BY id LIMIT ?`);
    this.countOld = db.prepare('SELECT count(*) FROM exchanges WHERE parser_version < ?').pluck();
    this.countAll = db.prepare('SELECT count(*) FROM exchanges WHERE parser_version IS NOT NULL').pluck();
    this.bodies = db.prepare('SELECT side, data FROM bodies WHERE key IN (? * 2, ? * 2 + 1)');
    // a tag stored earlier wins (it may have come from a header the parser no longer sees the same way)
    this.update = db.prepare(`UPDATE exchanges SET ${FACT_COLUMNS.map((c) => `${c} = ?`).join(', ')},
      tag = coalesce(tag, ?), parser_version = ? WHERE id = ?`);
    this.stamp = db.prepare('UPDATE exchanges SET parser_version = ? WHERE id = ?');
    this.batchTx = db.transaction((limit, analyse, o) => this.runBatch(limit, analyse, o));
  }

  /** Finished rows a run with these options would process (from the start). */
  count(o: ReparseOptions): number {
    return (o.all === true ? this.countAll.get() : this.countOld.get(o.version)) as number;
  }

  batch(limit: number, analyse: (input: ProviderInput) => ProviderFacts, o: ReparseOptions): ReparseBatchResult {
    return this.batchTx(limit, analyse, o);
  }

  private runBatch(limit: number, analyse: (input: ProviderInput) => ProviderFacts, o: ReparseOptions): ReparseBatchResult {
    const after = o.afterId ?? 0;
    const rows = (o.all === true ? this.pickAll.all(after, limit) : this.pickOld.all(after, o.version, limit)) as DetailRow[];
    let changed = 0;
    let failed = 0;
    for (const row of rows) {
      const bodies = new Map<string, Buffer>();
      for (const b of this.bodies.all(row.id, row.id) as { side: string; data: Buffer }[]) bodies.set(b.side, b.data);
      let facts: ProviderFacts;
      try {
        facts = analyse(providerInputOf(row, bodies));
      } catch {
        failed++;
        this.stamp.run(o.version, row.id);
        continue;
      }
      const values = factValues(facts);
      const before = row as unknown as Record<string, unknown>;
      if (FACT_COLUMNS.some((c, i) => before[c] !== values[i]) || (row.tag === null && facts.tag !== null)) changed++;
      this.update.run(...values, facts.tag, facts.parserVersion, row.id);
    }
    return { processed: rows.length, changed, failed, lastId: rows.at(-1)?.id ?? after, done: rows.length < limit };
  }
}
