// Schema v5: exchanges can be starred; the star survives an upgrade from v4 (rows start unstarred), a later finish of
// the same row, and filters the list (`starred`, also as a query string).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ExchangeQuerySchema } from '../../src-main/contract/index.js';
import { ExchangeStore, migrate } from '../../src-main/store/index.js';
import { beginOp, finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

test('a v4 file migrates to v5: its rows read back unstarred and can then be starred', () => {
  const path = join(dirs.make(), 'v4.db');
  const raw = new Database(path);
  assert.deepEqual(migrate(raw, 4), [1, 2, 3, 4]);
  raw.prepare(`INSERT INTO exchanges (id, started_at, mode, method, url, host, path, status, state)
    VALUES (7, 1700000000000, 'mitm', 'GET', 'https://example.com/', 'example.com', '/', 200, 'complete')`).run();
  raw.close();

  const s = ExchangeStore.open(path);
  assert.deepEqual(s.openInfo.migrated, [5]);
  assert.equal(s.get(7)?.starred, false);
  assert.equal(s.list({ limit: 10 }).items[0]?.starred, false);
  const indexes = (s.testPragma('index_list(exchanges)') as { name: string }[]).map((i) => i.name);
  assert.ok(indexes.includes('exchanges_starred'));
  assert.equal(s.setStarred(7, true)?.starred, true);
  assert.equal(s.get(7)?.starred, true);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});

test('setStarred stars and unstars, returns the updated summary, and null for an unknown id', () => {
  const s = ExchangeStore.open(join(dirs.make(), 's.db'));
  s.applyBatch([finishRecord(1), finishRecord(2), finishRecord(3)]);
  const starred = s.setStarred(2, true);
  assert.equal(starred?.id, 2);
  assert.equal(starred?.starred, true);
  assert.deepEqual(s.list({ limit: 10 }).items.map((x) => [x.id, x.starred]), [[3, false], [2, true], [1, false]]);
  assert.equal(s.setStarred(2, false)?.starred, false);
  assert.equal(s.list({ limit: 10, starred: true }).items.length, 0);
  assert.equal(s.setStarred(99, true), null);
  s.close();
});

test('the starred filter lists only starred rows, in every order, and combines with other filters', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'f.db'));
  s.applyBatch([1, 2, 3, 4, 5].map((id) => finishRecord(id, { status: id % 2 === 0 ? 500 : 200 })));
  for (const id of [1, 2, 4]) s.setStarred(id, true);
  assert.deepEqual(s.list({ limit: 10, starred: true }).items.map((x) => x.id), [4, 2, 1]);
  assert.deepEqual(s.list({ limit: 10, starred: true, sort: 'time', order: 'asc' }).items.map((x) => x.id), [1, 2, 4]);
  assert.deepEqual(s.list({ limit: 10, starred: true, errorsOnly: true }).items.map((x) => x.id), [4, 2]);
  assert.deepEqual(s.list({ limit: 10, starred: false }).items.map((x) => x.id), [5, 4, 3, 2, 1]);
  const page1 = s.list({ limit: 2, starred: true });
  assert.deepEqual(page1.items.map((x) => x.id), [4, 2]);
  assert.deepEqual(s.list({ limit: 2, starred: true, before: page1.nextBefore ?? 0 }).items.map((x) => x.id), [1]);
  // query-string friendly, like errorsOnly
  assert.equal(ExchangeQuerySchema.parse({ starred: 'true' }).starred, true);
  assert.equal(ExchangeQuerySchema.parse({ starred: '1' }).starred, true);
  assert.equal(ExchangeQuerySchema.parse({ starred: 'false' }).starred, false);
  s.close();
});

test('a star set on an in-flight row stays when the exchange finishes, and its finished summary says so', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'b.db'));
  s.applyBatch([beginOp(1)]);
  assert.equal(s.setStarred(1, true)?.starred, true);
  const r = s.applyBatch([finishRecord(1)]);
  assert.equal(r.finished[0]?.starred, true);
  assert.equal(s.get(1)?.starred, true);
  assert.equal(s.get(1)?.state, 'complete');
  s.close();
});
