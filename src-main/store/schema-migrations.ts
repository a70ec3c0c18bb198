import type Database from 'better-sqlite3';

/**
 * Versioned schema, tracked in SQLite's own `PRAGMA user_version`. Each migration runs in its own transaction together
 * with the version bump, so a crash mid-upgrade leaves the file at the previous version, never half-migrated.
 * Append new migrations; never edit a released one.
 */
interface Migration {
  version: number;
  description: string;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'exchanges, bodies, full-text index',
    sql: `
      CREATE TABLE exchanges (
        id INTEGER PRIMARY KEY,
        started_at REAL NOT NULL,
        mode TEXT NOT NULL,
        method TEXT NOT NULL,
        url TEXT NOT NULL,
        host TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER,
        state TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        ttfb_ms REAL,
        ttft_ms REAL,
        total_ms REAL,
        request_bytes INTEGER NOT NULL DEFAULT 0,
        response_bytes INTEGER NOT NULL DEFAULT 0,
        content_type TEXT,
        req_content_type TEXT,
        stream INTEGER NOT NULL DEFAULT 0,
        provider TEXT,
        api TEXT,
        model TEXT,
        response_model TEXT,
        usage_input INTEGER,
        usage_output INTEGER,
        usage_cache_read INTEGER,
        usage_cache_write INTEGER,
        usage_reasoning INTEGER,
        usage_total INTEGER,
        usage_source TEXT,
        cost_usd REAL,
        conversation_id TEXT,
        tag TEXT,
        parser_version INTEGER,
        req_headers TEXT NOT NULL DEFAULT '[]',
        res_headers TEXT NOT NULL DEFAULT '[]',
        req_content_encoding TEXT,
        res_content_encoding TEXT,
        req_truncated INTEGER NOT NULL DEFAULT 0,
        res_truncated INTEGER NOT NULL DEFAULT 0,
        req_decode_error TEXT,
        res_decode_error TEXT,
        req_stored_bytes INTEGER NOT NULL DEFAULT 0,
        res_stored_bytes INTEGER NOT NULL DEFAULT 0
      );
      -- keyset pagination walks the rowid (id DESC); these serve the list filters
      CREATE INDEX exchanges_host ON exchanges(host, id);
      CREATE INDEX exchanges_state ON exchanges(state, id);
      CREATE INDEX exchanges_started ON exchanges(started_at);
      CREATE INDEX exchanges_provider ON exchanges(provider, id) WHERE provider IS NOT NULL;
      CREATE INDEX exchanges_model ON exchanges(model, id) WHERE model IS NOT NULL;
      CREATE INDEX exchanges_conversation ON exchanges(conversation_id, id) WHERE conversation_id IS NOT NULL;
      CREATE INDEX exchanges_tag ON exchanges(tag, id) WHERE tag IS NOT NULL;

      -- bodies live apart so list queries never page them in; key = exchange_id * 2 + (side = 'res'), so a body is
      -- found by rowid with no extra index to maintain on every insert
      CREATE TABLE bodies (
        key INTEGER PRIMARY KEY,
        exchange_id INTEGER NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('req', 'res')),
        data BLOB NOT NULL
      );

      -- contentless: the text is indexed, not stored twice; rowid = exchanges.id. detail=none keeps only which rows
      -- hold a token (no positions): indexing is ~1.5x faster, and search ANDs tokens instead of matching phrases
      CREATE VIRTUAL TABLE exchanges_fts USING fts5(
        url, req, res,
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- fewer, larger merges: cheaper per insert, still bounded segment counts for queries
      INSERT INTO exchanges_fts (exchanges_fts, rank) VALUES ('automerge', 8);

      CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'deferred full-text indexing',
    sql: `
      -- exchanges written but not yet in exchanges_fts; indexed when the writer is idle or before a search
      CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);
    `,
  },
  {
    version: 3,
    description: 'LLM facts (finish reason, turn, raw usage, response id, chunk timings), analytics and re-parse indexes',
    sql: `
      ALTER TABLE exchanges ADD COLUMN finish_reason TEXT;
      ALTER TABLE exchanges ADD COLUMN turn INTEGER;
      -- the provider's usage object(s) verbatim (JSON text)
      ALTER TABLE exchanges ADD COLUMN usage_raw TEXT;
      ALTER TABLE exchanges ADD COLUMN response_id TEXT;
      -- response chunk arrivals: Float64Array bytes of the flat [byteOffset, msSinceStart, ...] pairs; NULL when none
      ALTER TABLE exchanges ADD COLUMN res_chunk_times BLOB;
      -- analytics filter by one of these and a time range, then group by time bucket
      CREATE INDEX exchanges_provider_time ON exchanges(provider, started_at) WHERE provider IS NOT NULL;
      CREATE INDEX exchanges_model_time ON exchanges(model, started_at) WHERE model IS NOT NULL;
      CREATE INDEX exchanges_tag_time ON exchanges(tag, started_at) WHERE tag IS NOT NULL;
      -- re-parse walks rows written by an older parser, oldest first
      CREATE INDEX exchanges_parser ON exchanges(parser_version, id) WHERE parser_version IS NOT NULL;
    `,
  },
  {
    version: 4,
    description: 'host and model indexes compare case-insensitively',
    sql: `
      -- host and model filters match case-insensitively (and take * wildcards); a BINARY index cannot serve
      -- "= ? COLLATE NOCASE" or a prefix LIKE, so these replace the old ones rather than adding to the write cost
      DROP INDEX exchanges_host;
      CREATE INDEX exchanges_host ON exchanges(host COLLATE NOCASE, id);
      DROP INDEX exchanges_model;
      CREATE INDEX exchanges_model ON exchanges(model COLLATE NOCASE, id) WHERE model IS NOT NULL;
      DROP INDEX exchanges_model_time;
      CREATE INDEX exchanges_model_time ON exchanges(model COLLATE NOCASE, started_at) WHERE model IS NOT NULL;
    `,
  },
  {
    version: 5,
    description: 'starred exchanges',
    sql: `
      -- a user's bookmark (0/1); few rows are starred, so a partial index keeps the "starred only" filter cheap
      ALTER TABLE exchanges ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX exchanges_starred ON exchanges(id) WHERE starred = 1;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`The store was written by a newer version (schema ${found}, this build knows ${SCHEMA_VERSION}); upgrade the app`);
    this.name = 'SchemaTooNewError';
  }
}

/** Brings the file to SCHEMA_VERSION (tests: to `target`); returns the versions applied (empty when already current). */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version cannot take a bound parameter; the value is our own integer
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
