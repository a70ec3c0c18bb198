// Re-parsing in the ingest worker: rows an older parser wrote are re-derived in the background after open, with
// progress events, and again on request (all rows), while captures keep being written.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { ConfigSchema } from '../../src-main/contract/index.js';
import { IngestClient, type ReparseProgress } from '../../src-main/ingest/index.js';
import { emptyFacts, PARSER_VERSION } from '../../src-main/providers/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { finishOp, finishRecord, tempDirs } from '../store/fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());
const retention = { maxRows: null, maxAgeDays: null, maxDbBytes: null };

function untilFinished(client: IngestClient, seen: ReparseProgress[]): Promise<ReparseProgress> {
  return new Promise((resolve) => {
    const on = (p: ReparseProgress) => {
      seen.push(p);
      if (p.done !== p.total) return;
      client.off('reparse', on);
      resolve(p);
    };
    client.on('reparse', on);
  });
}

test('older rows are re-parsed in the background after open, with progress; reparse({all}) re-runs over every row', async (t) => {
  const dbPath = join(dirs.make(), 'r.db');
  const seed = ExchangeStore.open(dbPath);
  const old = Array.from({ length: 250 }, (_, i) =>
    finishRecord(i + 1, { facts: { ...emptyFacts(), model: 'stale-model', conversationId: 'c', turn: 2, parserVersion: PARSER_VERSION - 1 } }));
  const current = Array.from({ length: 5 }, (_, i) =>
    finishRecord(300 + i, { facts: { ...emptyFacts(), model: 'kept-model', parserVersion: PARSER_VERSION } }));
  seed.applyBatch([...old, ...current]);
  seed.close();

  const defaults = ConfigSchema.parse({});
  const client = await IngestClient.start({ dbPath, retention, analysis: { pricing: defaults.pricing, conversations: defaults.conversations } });
  // a failed assertion must not leave the worker keeping the test file alive until its timeout
  t.after(() => client.close());
  const seen: ReparseProgress[] = [];
  const last = await untilFinished(client, seen);
  assert.equal(last.total, 250);
  assert.equal(last.failed, 0);
  assert.ok(seen.length >= 3, 'progress comes in slices');
  for (let i = 1; i < seen.length; i++) assert.ok((seen[i]?.done ?? 0) > (seen[i - 1]?.done ?? 0));

  const d = await client.get(1);
  assert.notEqual(d?.model, 'stale-model', 're-derived from the stored bodies by the current parser');
  assert.equal(d?.conversationId, 'c');
  assert.equal(d?.turn, 2);
  assert.equal((await client.get(300))?.model, 'kept-model');

  // explicit run over every row, with captures arriving meanwhile
  const again: ReparseProgress[] = [];
  const finished = untilFinished(client, again);
  const started = await client.reparse({ all: true });
  assert.equal(started.total, 255);
  for (let id = 400; id < 450; id++) client.finish(finishOp(id));
  await client.flush();
  const end = await finished;
  assert.ok(end.done >= 255);
  assert.equal((await client.get(300))?.model, (await client.get(1))?.model, 'current rows re-derived too');
  assert.equal((await client.stats()).exchanges, 305);

  // nothing to do still ends with one event
  const none: ReparseProgress[] = [];
  const empty = untilFinished(client, none);
  assert.deepEqual(await client.reparse({}), { total: 0 });
  assert.deepEqual(await empty, { done: 0, total: 0, changed: 0, failed: 0 });
  await client.close();

  const raw = new Database(dbPath, { readonly: true });
  assert.equal(raw.prepare('SELECT count(*) FROM exchanges WHERE parser_version < ?').pluck().get(PARSER_VERSION), 0);
  raw.close();
});
