import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { IngestClient } from '../../src-main/ingest/index.js';
import { WalFolder } from '../../src-main/ingest/wal-folder.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { finishOp, finishRecord, tempDirs } from '../store/fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());
const retention = { maxRows: null, maxAgeDays: null, maxDbBytes: null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const size = (p: string): number => {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
};

test('WalFolder folds once writes go quiet, not while they keep coming', async () => {
  let folds = 0;
  const folder = new WalFolder(() => (folds++, true), { idleMs: 60, maxBytes: 1e9 });
  try {
    for (let i = 0; i < 6; i++) {
      folder.noteWrite(1000);
      await sleep(20);
    }
    assert.equal(folds, 0, 'a write every 20 ms keeps a 60 ms idle fold waiting');
    assert.equal(folder.pendingBytes, 6000);
    await sleep(150);
    assert.equal(folds, 1);
    assert.equal(folder.pendingBytes, 0);
    await sleep(100);
    assert.equal(folds, 1, 'nothing written since: no second fold');
  } finally {
    folder.close();
  }
});

test('WalFolder folds at once past maxBytes, and retries a fold that could not run', async () => {
  let ok = false;
  let attempts = 0;
  const folder = new WalFolder(() => (attempts++, ok), { idleMs: 10_000, maxBytes: 5000 });
  try {
    folder.noteWrite(3000);
    assert.equal(attempts, 0);
    folder.noteWrite(3000);
    assert.equal(attempts, 1, 'crossing maxBytes folds inside the write');
    assert.equal(folder.pendingBytes, 6000, 'a failed fold keeps the count');
    ok = true;
    folder.noteWrite(1);
    assert.equal(attempts, 2);
    assert.equal(folder.pendingBytes, 0);
  } finally {
    folder.close();
  }
});

test('a store opened with deferCheckpoints leaves the WAL alone until checkpointWal', () => {
  const dbPath = join(dirs.make(), 'd.db');
  const store = ExchangeStore.open(dbPath, { deferCheckpoints: true });
  try {
    const before = size(dbPath);
    const body = 'x'.repeat(512 * 1024);
    // ~40 MiB: past SQLite's default and our former 32 MiB auto-checkpoint
    for (let i = 1; i <= 80; i++) store.applyBatch([finishRecord(i, {}, '{}', body)]);
    assert.ok(size(`${dbPath}-wal`) > 40 * 1024 * 1024, 'the pages are in the WAL');
    assert.equal(size(dbPath), before, 'no checkpoint ran inside a commit');
    assert.equal(store.checkpointWal(), true);
    assert.ok(size(dbPath) > 40 * 1024 * 1024, 'folded into the file');
    assert.equal(store.getBody(80, 'res')?.length, body.length);
    assert.equal(store.integrityCheck(), 'ok');
  } finally {
    store.close();
  }
});

test('the ingest worker folds the WAL when capture goes quiet, and during a long burst past its bound', async () => {
  const dbPath = join(dirs.make(), 'w.db');
  const client = await IngestClient.start({ dbPath, retention, walFold: { idleMs: 300, maxBytes: 24 * 1024 * 1024 } });
  try {
    const base = size(dbPath);
    const body = Buffer.alloc(256 * 1024, 0x61);
    const raw = () => new Uint8Array(body);
    const burst = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const op = finishOp(i);
        client.finish({ ...op, response: { ...op.response, raw: raw(), bytes: body.length, contentType: 'text/plain' } });
      }
      await client.flush();
    };
    await burst(1, 40); // 10 MiB: under the bound
    assert.equal(size(dbPath), base, 'written to the WAL only, right after the burst');
    await sleep(900);
    const afterIdle = size(dbPath);
    assert.ok(afterIdle > base + 8 * 1024 * 1024, `folded once quiet (file ${afterIdle} bytes)`);

    await burst(41, 120); // 30 MiB in one go: past the 24 MiB bound, so one fold runs during it
    assert.ok(size(dbPath) > afterIdle + 16 * 1024 * 1024, 'the bound forced a fold while the burst lasted');
    assert.equal((await client.getBody(160, 'res'))?.length, body.length);
    assert.equal(await client.integrityCheck(), 'ok');
  } finally {
    await client.close();
  }
});
