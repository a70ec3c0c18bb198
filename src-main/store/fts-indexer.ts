import type Database from 'better-sqlite3';
import { FTS_MAX_BYTES, ftsText, isTextual } from './fts.js';

interface PendingRow {
  id: number;
  url: string;
  req_content_type: string | null;
  content_type: string | null;
}

/**
 * Full-text indexing, deferred: a write only notes the exchange id in `fts_pending` (a rowid insert), and the text is
 * indexed later in batches — when the writer is idle, or at the latest before a search runs, so searches always see
 * every stored exchange. Indexing is nearly half the cost of storing an exchange; moving it out of bursts keeps the
 * capture writer (and the CPU it shares with the proxy) free while traffic is heavy.
 */
export class FtsIndexer {
  private readonly mark: Database.Statement;
  private readonly pick: Database.Statement;
  private readonly body: Database.Statement;
  private readonly ftsDelete: Database.Statement;
  private readonly ftsInsert: Database.Statement;
  private readonly unmark: Database.Statement;
  private readonly count: Database.Statement;
  private readonly indexTx: (limit: number) => number;
  /** characters of text indexed so far (a measure of what indexing wrote, for the WAL fold) */
  textChars = 0;

  constructor(db: Database.Database) {
    this.mark = db.prepare('INSERT OR IGNORE INTO fts_pending (id) VALUES (?)');
    this.pick = db.prepare(`SELECT p.id, e.url, e.req_content_type, e.content_type FROM fts_pending p
      JOIN exchanges e ON e.id = p.id ORDER BY p.id LIMIT ?`);
    // only the indexed head of a body is read back: a 10 MB body must not be paged in whole to index its first MiB
    this.body = db.prepare(`SELECT substr(data, 1, ${FTS_MAX_BYTES}) FROM bodies WHERE key = ?`).pluck();
    this.ftsDelete = db.prepare('DELETE FROM exchanges_fts WHERE rowid = ?');
    this.ftsInsert = db.prepare('INSERT INTO exchanges_fts (rowid, url, req, res) VALUES (?, ?, ?, ?)');
    this.unmark = db.prepare('DELETE FROM fts_pending WHERE id <= ?');
    this.count = db.prepare('SELECT count(*) FROM fts_pending').pluck();
    this.indexTx = db.transaction((limit: number) => {
      const rows = this.pick.all(limit) as PendingRow[];
      for (const r of rows) {
        // a re-finished exchange may already be indexed; deleting a missing rowid is a no-op in a contentless_delete table
        this.ftsDelete.run(r.id);
        const req = isTextual(r.req_content_type) ? ftsText((this.body.get(r.id * 2) as Buffer | undefined) ?? null, r.req_content_type) : '';
        const res = isTextual(r.content_type) ? ftsText((this.body.get(r.id * 2 + 1) as Buffer | undefined) ?? null, r.content_type) : '';
        this.ftsInsert.run(r.id, r.url, req || null, res || null);
        this.textChars += r.url.length + req.length + res.length;
      }
      const last = rows.at(-1);
      // ids of exchanges deleted meanwhile (retention, clear) are dropped along with the indexed ones
      if (last) this.unmark.run(last.id);
      else this.unmark.run(Number.MAX_SAFE_INTEGER);
      return rows.length;
    });
  }

  /** Called inside the writer's transaction for every exchange written. */
  markPending(id: number): void {
    this.mark.run(id);
  }

  /** Indexes up to `limit` pending exchanges in one transaction; returns how many. */
  indexSome(limit: number): number {
    return this.indexTx(limit);
  }

  /** Indexes everything pending (before a search). */
  indexAll(batch = 2000): number {
    let total = 0;
    for (;;) {
      const n = this.indexTx(batch);
      total += n;
      if (n < batch) return total;
    }
  }

  pending(): number {
    return this.count.get() as number;
  }
}
