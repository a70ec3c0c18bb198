import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ExchangeStore, SCHEMA_VERSION, StoreWriteError } from '../../src-main/store/index.js';
import { emptyFacts } from '../../src-main/providers/index.js';
import { beginOp, finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

function openFresh(opts = {}): ExchangeStore {
  return ExchangeStore.open(join(dirs.make(), 'inspector.db'), opts);
}

test('migrates an empty file, and a re-open applies nothing', () => {
  const path = join(dirs.make(), 'x.db');
  const s1 = ExchangeStore.open(path);
  assert.deepEqual(s1.openInfo.migrated, [1, 2, 3, 4, 5]);
  assert.equal(s1.openInfo.maxId, 0);
  s1.applyBatch([finishRecord(7)]);
  s1.close();
  const s2 = ExchangeStore.open(path);
  assert.deepEqual(s2.openInfo.migrated, []);
  assert.equal(s2.openInfo.maxId, 7);
  s2.close();
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
});

test('begin then finish upserts one row; a finish without begin inserts; a late begin changes nothing', () => {
  const s = openFresh();
  const r1 = s.applyBatch([beginOp(1)]);
  assert.deepEqual(r1.begun.map((x) => x.id), [1]);
  assert.equal(s.get(1)?.state, 'pending');
  const r2 = s.applyBatch([finishRecord(1), finishRecord(2)]);
  assert.deepEqual(r2.finished.map((x) => x.id), [1, 2]);
  assert.equal(r2.finished[0]?.state, 'complete');
  const r3 = s.applyBatch([beginOp(2)]);
  assert.equal(r3.begun.length, 0);
  const d = s.get(2);
  assert.equal(d?.state, 'complete');
  assert.equal(d?.response.body, '{"answer":"response 2"}');
  assert.equal(d?.request.headers[0]?.[0], 'content-type');
  assert.equal(s.list({ limit: 100 }).items.length, 2);
  assert.equal(s.stats().exchanges, 2);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});

test('keyset pagination walks every page newest first, with filters', () => {
  const s = openFresh();
  const recs = [];
  for (let id = 1; id <= 95; id++) {
    recs.push(
      finishRecord(id, {
        host: id % 2 === 0 ? 'api.anthropic.com' : 'api.openai.com',
        status: id % 10 === 0 ? 500 : 200,
        facts: { ...emptyFacts(), provider: id % 3 === 0 ? 'openai' : null, model: id % 3 === 0 ? 'gpt-4o' : null, parserVersion: 0 },
      }),
    );
  }
  s.applyBatch(recs);
  const seen: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = s.list({ limit: 10, host: 'api.anthropic.com', ...(before === undefined ? {} : { before }) });
    seen.push(...page.items.map((i) => i.id));
    assert.ok(page.items.every((i) => i.host === 'api.anthropic.com'));
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  assert.deepEqual(seen, Array.from({ length: 47 }, (_, i) => 94 - i * 2));
  assert.deepEqual(s.list({ limit: 100, errorsOnly: true }).items.map((i) => i.id), [90, 80, 70, 60, 50, 40, 30, 20, 10]);
  assert.equal(s.list({ limit: 100, provider: 'openai', model: 'gpt-4o' }).items.length, 31);
  assert.deepEqual(s.list({ limit: 100, after: 92 }).items.map((i) => i.id), [95, 94, 93]);
  assert.deepEqual(s.list({ limit: 3, statusMin: 500, before: 60 }).items.map((i) => i.id), [50, 40, 30]);
  const since = 1_700_000_000_000 + 90 * 1000;
  assert.deepEqual(s.list({ limit: 100, since, until: since + 3000 }).items.map((i) => i.id), [92, 91, 90]);
  assert.deepEqual(s.list({ limit: 100, state: ['pending', 'aborted'] }).items, []);
  assert.equal(s.list({ limit: 100, mode: ['mitm'], method: 'post' }).items.length, 95);
  const stats = s.stats();
  assert.equal(stats.errors, 9);
  assert.deepEqual(stats.byState, { complete: 95 });
  assert.ok(stats.dbBytes > 0);
  s.close();
});

test('full-text search finds body words and never throws on odd input', () => {
  const s = openFresh();
  s.applyBatch([
    finishRecord(1, {}, '{"messages":[{"content":"tell me about zebras"}]}', '{"text":"Zebras have stripes"}'),
    finishRecord(2, {}, '{"model":"gpt-4o-mini"}', '{"text":"café naïve 東京"}'),
    finishRecord(3, { url: 'https://example.com/special-path' }, '', ''),
  ]);
  const ids = (q: string) => s.list({ limit: 10, search: q }).items.map((i) => i.id);
  assert.deepEqual(ids('zebras'), [1]);
  assert.deepEqual(ids('ZEBRA*'), [1]);
  assert.deepEqual(ids('stripes zebras'), [1]);
  assert.deepEqual(ids('stripes nothere'), []);
  assert.deepEqual(ids('gpt-4o-mini'), [2]);
  assert.deepEqual(ids('cafe'), [2]);
  assert.deepEqual(ids('東京'), [2]);
  assert.deepEqual(ids('special'), [3]);
  const odd = ['"', '""', '"unterminated', '*', '-', '- -', 'a AND', 'OR', 'NOT x', '(', ')', 'NEAR(a b)', 'x:y', '^',
    "'; DROP TABLE exchanges; --", '\u0000', '🙂', 'a"b', '***', 'col:zebras', '{zebras}', '+', 'AND', '\\'];
  for (const q of odd) assert.doesNotThrow(() => s.list({ limit: 10, search: q }), `search ${JSON.stringify(q)}`);
  assert.deepEqual(ids('"zebras"'), [1]);
  assert.deepEqual(ids('-zebras'), [1]);
  s.close();
});

test('binary bodies come back as base64, text as utf8, raw bytes from getBody', () => {
  const s = openFresh();
  const bin = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]);
  const rec = finishRecord(1);
  rec.response.body = bin;
  rec.response.contentType = 'application/octet-stream';
  s.applyBatch([rec]);
  const d = s.get(1);
  assert.equal(d?.response.bodyEncoding, 'base64');
  assert.equal(d?.response.body, bin.toString('base64'));
  assert.equal(d?.response.storedBytes, 5);
  assert.equal(d?.request.bodyEncoding, 'utf8');
  assert.deepEqual(s.getBody(1, 'res'), bin);
  assert.equal(s.getBody(1, 'req')?.toString(), '{"prompt":"request 1"}');
  assert.equal(s.getBody(2, 'req'), null);
  assert.equal(s.get(2), null);
  s.close();
});

test('rows left pending by a previous process are marked aborted on open', () => {
  const path = join(dirs.make(), 'x.db');
  const s1 = ExchangeStore.open(path);
  s1.applyBatch([beginOp(1), beginOp(2), finishRecord(3)]);
  s1.close();
  const s2 = ExchangeStore.open(path);
  assert.equal(s2.openInfo.recovered, 2);
  assert.equal(s2.openInfo.maxId, 3);
  const d = s2.get(1);
  assert.equal(d?.state, 'aborted');
  assert.deepEqual(d?.error, { code: 'inspector_stopped', message: 'The inspector stopped before this exchange finished' });
  assert.equal(s2.get(3)?.state, 'complete');
  s2.close();
});

test('clear deletes everything but ids keep counting up', () => {
  const s = openFresh();
  s.applyBatch([finishRecord(1, {}, 'alpha'), finishRecord(5, {}, 'alpha')]);
  assert.equal(s.clear(), 2);
  assert.equal(s.list({ limit: 10 }).items.length, 0);
  assert.equal(s.list({ limit: 10, search: 'alpha' }).items.length, 0);
  assert.equal(s.getBody(1, 'req'), null);
  assert.equal(s.maxId(), 5);
  s.applyBatch([finishRecord(6, {}, 'alpha')]);
  assert.deepEqual(s.list({ limit: 10, search: 'alpha' }).items.map((i) => i.id), [6]);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});

test('a full disk throws StoreWriteError with a hint, rolls the batch back, and writes work once space is back', () => {
  const s = openFresh({ testMaxPageCount: 4 });
  const big = 'x'.repeat(200_000);
  let err: unknown;
  try {
    s.applyBatch([finishRecord(1), finishRecord(2, {}, big, big)]);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof StoreWriteError, String(err));
  assert.equal(err.code, 'SQLITE_FULL');
  assert.match(err.hint, /is full: free space or lower retention; capture resumes by itself/);
  assert.equal(s.get(1), null, 'the whole batch rolled back');
  assert.equal(s.integrityCheck(), 'ok');
  s.testPragma('max_page_count = 1000000');
  s.applyBatch([finishRecord(1), finishRecord(2, {}, big, big)]);
  assert.equal(s.get(2)?.response.storedBytes, 200_000);
  s.close();
});

test('a read-only connection throws SQLITE_READONLY as StoreWriteError', () => {
  const s = openFresh({ testQueryOnly: true });
  assert.throws(() => s.applyBatch([finishRecord(1)]), (e: unknown) => e instanceof StoreWriteError && /READONLY/.test(e.code) && /read-only/.test(e.hint));
  s.testPragma('query_only = 0');
  s.applyBatch([finishRecord(1)]);
  assert.equal(s.get(1)?.state, 'complete');
  s.close();
});

test('opening a path in a missing folder fails with CANTOPEN and a hint', () => {
  assert.throws(
    () => ExchangeStore.open(join(dirs.make(), 'no', 'such', 'dir', 'x.db')),
    (e: unknown) => e instanceof StoreWriteError && e.code.startsWith('SQLITE_CANTOPEN') && /Cannot open/.test(e.hint),
  );
});
