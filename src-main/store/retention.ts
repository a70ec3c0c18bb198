import type Database from 'better-sqlite3';
import type { RetentionPolicy, RetentionResult } from './store-types.js';

/** Rows deleted per transaction: short enough that reads and new batches are never held up for long. */
const CHUNK = 2000;
const DAY_MS = 86_400_000;

function deleteIds(db: Database.Database, ids: number[]): void {
  if (ids.length === 0) return;
  const json = JSON.stringify(ids);
  const ftsDelete = db.prepare('DELETE FROM exchanges_fts WHERE rowid = ?');
  const bodiesDelete = db.prepare('DELETE FROM bodies WHERE key IN (? * 2, ? * 2 + 1)');
  db.transaction(() => {
    for (const id of ids) {
      bodiesDelete.run(id, id);
      ftsDelete.run(id);
    }
    db.prepare('DELETE FROM exchanges WHERE id IN (SELECT value FROM json_each(?))').run(json);
  })();
}

/** Deletes up to `count` of the oldest rows (by id), optionally only those started before `before`. */
function deleteOldest(db: Database.Database, count: number, before: number | null): number {
  const pick =
    before === null
      ? db.prepare('SELECT id FROM exchanges ORDER BY id LIMIT ?').pluck()
      : db.prepare('SELECT id FROM exchanges WHERE started_at < ? ORDER BY id LIMIT ?').pluck();
  let deleted = 0;
  while (deleted < count) {
    const n = Math.min(CHUNK, count - deleted);
    const ids = (before === null ? pick.all(n) : pick.all(before, n)) as number[];
    if (ids.length === 0) break;
    deleteIds(db, ids);
    deleted += ids.length;
  }
  return deleted;
}

function rowCount(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM exchanges').pluck().get() as number;
}

/** Pages in use (file size less free pages): what deleting rows can actually lower without a VACUUM. */
function usedBytes(db: Database.Database): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/**
 * Applies the policy, oldest first: age, then row count, then size. Size is the bytes in use inside the file; freed
 * pages are reused by later writes, so the file stops growing rather than shrinking.
 */
export function enforceRetention(db: Database.Database, policy: RetentionPolicy, now: number): RetentionResult {
  let byAge = 0;
  let byRows = 0;
  let bySize = 0;
  if (policy.maxAgeDays !== null && policy.maxAgeDays > 0) {
    byAge = deleteOldest(db, Number.MAX_SAFE_INTEGER, now - policy.maxAgeDays * DAY_MS);
  }
  if (policy.maxRows !== null && policy.maxRows >= 0) {
    const excess = rowCount(db) - policy.maxRows;
    if (excess > 0) byRows = deleteOldest(db, excess, null);
  }
  if (policy.maxDbBytes !== null && policy.maxDbBytes > 0) {
    // each round deletes the estimated share of rows; a few rounds absorb index pages that free unevenly
    for (let round = 0; round < 4; round++) {
      const used = usedBytes(db);
      const rows = rowCount(db);
      if (used <= policy.maxDbBytes || rows === 0) break;
      const share = (used - policy.maxDbBytes) / used;
      const n = Math.min(rows, Math.ceil(rows * share * 1.05) + 1);
      const got = deleteOldest(db, n, null);
      bySize += got;
      if (got === 0) break;
    }
  }
  return { deleted: byAge + byRows + bySize, byAge, byRows, bySize };
}
