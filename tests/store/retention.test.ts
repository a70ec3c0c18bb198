import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { ExchangeStore } from '../../src-main/store/index.js';
import { finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

const none = { maxRows: null, maxAgeDays: null, maxDbBytes: null };

function filled(n: number, body = 'some text body'): ExchangeStore {
  const s = ExchangeStore.open(join(dirs.make(), 'r.db'));
  const recs = Array.from({ length: n }, (_, i) => finishRecord(i + 1, {}, body, body));
  for (let i = 0; i < recs.length; i += 1000) s.applyBatch(recs.slice(i, i + 1000));
  return s;
}

test('maxRows keeps the newest rows and drops their bodies and index entries', () => {
  const s = filled(5000);
  const r = s.enforceRetention({ ...none, maxRows: 1200 });
  assert.equal(r.byRows, 3800);
  assert.equal(s.stats().exchanges, 1200);
  const page = s.list({ limit: 1000 });
  assert.equal(page.items[0]?.id, 5000);
  assert.equal(s.list({ limit: 1, before: 3802 }).items[0]?.id, 3801);
  assert.equal(s.list({ limit: 1, before: 3801 }).items.length, 0);
  assert.equal(s.getBody(10, 'req'), null);
  assert.equal(s.list({ limit: 1000, search: 'text' }).items.length, 1000);
  assert.equal(s.enforceRetention({ ...none, maxRows: 1200 }).deleted, 0);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});

test('maxAgeDays removes exchanges started before the cut-off', () => {
  const s = filled(100);
  // fixtures start at 1.7e12 + id seconds; put "now" 1 day after exchange 40 started
  const now = 1_700_000_000_000 + 40 * 1000 + 86_400_000;
  const r = s.enforceRetention({ ...none, maxAgeDays: 1 }, now);
  assert.equal(r.byAge, 39);
  assert.equal(s.list({ limit: 1000 }).items.at(-1)?.id, 40);
  s.close();
});

test('maxDbBytes deletes the oldest until the used size fits', () => {
  const s = filled(3000, 'y'.repeat(4000));
  const before = s.stats().exchanges;
  const r = s.enforceRetention({ ...none, maxDbBytes: 5 * 1024 * 1024 });
  assert.ok(r.bySize > 0 && r.bySize < before, `deleted ${r.bySize} of ${before}`);
  const left = s.stats().exchanges;
  // each row holds ~8 KB of bodies, so about 5 MiB / 8 KB rows should remain
  assert.ok(left > 300 && left < 800, `${left} rows left`);
  const newest = s.list({ limit: 1 }).items[0]?.id;
  assert.equal(newest, 3000);
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});
