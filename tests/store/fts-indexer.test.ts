import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ExchangeStore } from '../../src-main/store/index.js';
import { beginOp, finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

test('writes only mark exchanges for indexing; idle indexing drains the backlog in slices', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'x.db'));
  s.applyBatch([finishRecord(1, {}, 'alpha request', 'bravo reply'), finishRecord(2, {}, 'charlie', 'delta'), beginOp(3)]);
  assert.equal(s.pendingText(), 3);
  assert.equal(s.indexPendingText(2), 2);
  assert.equal(s.pendingText(), 1);
  assert.equal(s.indexPendingText(10), 1);
  assert.equal(s.pendingText(), 0);
  assert.deepEqual(s.list({ limit: 10, search: 'bravo' }).items.map((x) => x.id), [1]);
  s.close();
});

test('a search catches the index up first, so it sees every stored exchange', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'x.db'));
  s.applyBatch([finishRecord(1, {}, 'x', 'needle in the first')]);
  s.applyBatch([finishRecord(2, {}, 'x', 'needle again')]);
  assert.equal(s.pendingText(), 2);
  assert.deepEqual(s.list({ limit: 10, search: 'needle' }).items.map((x) => x.id), [2, 1]);
  assert.equal(s.pendingText(), 0);
  // re-finishing an indexed exchange replaces its text instead of adding to it
  s.applyBatch([finishRecord(1, {}, 'x', 'haystack only')]);
  assert.deepEqual(s.list({ limit: 10, search: 'needle' }).items.map((x) => x.id), [2]);
  assert.deepEqual(s.list({ limit: 10, search: 'haystack' }).items.map((x) => x.id), [1]);
  s.close();
});

test('exchanges removed before they were indexed (clear, retention) leave no backlog behind', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'x.db'));
  s.applyBatch([finishRecord(1), finishRecord(2), finishRecord(3)]);
  s.enforceRetention({ maxRows: 1, maxAgeDays: null, maxDbBytes: null });
  assert.equal(s.indexPendingText(100), 1);
  assert.equal(s.pendingText(), 0);
  s.applyBatch([finishRecord(4)]);
  s.clear();
  assert.equal(s.pendingText(), 0);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});

test('indexedTextChars counts the text indexing wrote (the worker folds the WAL by it)', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'x.db'));
  s.applyBatch([finishRecord(1, {}, '{"q":"short"}', `{"a":"${'word '.repeat(10_000)}"}`)]);
  const before = s.indexedTextChars;
  assert.equal(s.indexPendingText(10), 1);
  assert.ok(s.indexedTextChars - before >= 50_000, `${s.indexedTextChars - before} chars counted`);
  assert.equal(s.indexPendingText(10), 0);
  const settled = s.indexedTextChars;
  assert.equal(s.indexPendingText(10), 0);
  assert.equal(s.indexedTextChars, settled, 'nothing indexed, nothing counted');
  s.close();
});
