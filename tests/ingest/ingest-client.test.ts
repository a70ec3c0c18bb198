import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import zlib from 'node:zlib';
import type { CaptureStatus } from '../../src-main/contract/index.js';
import { IngestClient } from '../../src-main/ingest/index.js';
import { beginOp, finishOp, tempDirs } from '../store/fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());
const retention = { maxRows: null, maxAgeDays: null, maxDbBytes: null };

function statusUntil(client: IngestClient, pred: (s: CaptureStatus) => boolean): Promise<CaptureStatus> {
  return new Promise((resolve) => {
    const on = (s: CaptureStatus) => {
      if (!pred(s)) return;
      client.off('status', on);
      resolve(s);
    };
    client.on('status', on);
  });
}

function collectCommitted(client: IngestClient): Set<number> {
  const ids = new Set<number>();
  client.on('committed', (s) => s.forEach((x) => ids.add(x.id)));
  return ids;
}

test('ops are committed by the worker, announced, and readable through it', async () => {
  const dbPath = join(dirs.make(), 'c.db');
  const client = await IngestClient.start({ dbPath, retention });
  assert.equal(client.maxId, 0);
  const committed = collectCommitted(client);
  const begun: number[] = [];
  client.on('begun', (s) => begun.push(...s.map((x) => x.id)));
  client.begin(beginOp(1));
  await client.flush();
  assert.deepEqual(begun, [1]);
  assert.equal((await client.get(1))?.state, 'pending');
  const f = finishOp(1);
  f.response.raw = zlib.gzipSync('{"answer":"durable words"}');
  f.response.contentEncoding = 'gzip';
  client.finish(f);
  for (let id = 2; id <= 600; id++) client.finish(finishOp(id));
  await client.flush();
  assert.equal(committed.size, 600);
  const d = await client.get(1);
  assert.equal(d?.state, 'complete');
  assert.equal(d?.response.body, '{"answer":"durable words"}');
  assert.equal(d?.response.contentEncoding, 'gzip');
  assert.equal((await client.getBody(1, 'res'))?.toString(), '{"answer":"durable words"}');
  assert.deepEqual((await client.list({ limit: 5, search: 'durable' })).items.map((i) => i.id), [1]);
  assert.equal((await client.stats()).exchanges, 600);
  assert.equal(await client.integrityCheck(), 'ok');
  assert.deepEqual(client.status, { paused: false, reason: null, queueDepth: 0, dropped: 0 });
  await client.close();
  client.finish(finishOp(601)); // after close: counted, never thrown
  const again = await IngestClient.start({ dbPath, retention });
  assert.equal(again.maxId, 600);
  assert.equal(await again.clear(), 600);
  assert.equal((await again.list({ limit: 10 })).items.length, 0);
  await again.close();
});

test('a full disk pauses capture with a clear reason and resumes once space is back', async () => {
  const client = await IngestClient.start({
    dbPath: join(dirs.make(), 'full.db'), retention, retryIntervalMs: 50, test: { hooks: true, maxPageCount: 4 },
  });
  const committed = collectCommitted(client);
  const paused = statusUntil(client, (s) => s.paused);
  for (let id = 1; id <= 20; id++) {
    const f = finishOp(id);
    f.response.raw = Buffer.from('x'.repeat(100_000));
    client.finish(f);
  }
  const s = await paused;
  assert.match(s.reason ?? '', /is full: free space or lower retention; capture resumes by itself/);
  assert.equal(committed.size, 0);
  client.finish(finishOp(21)); // while paused: queued for retry, no exception
  assert.equal(client.status.paused, true);
  assert.ok(client.status.queueDepth >= 21);
  const resumed = statusUntil(client, (x) => !x.paused);
  await client.testPragma('max_page_count = 1000000');
  await resumed;
  await client.flush();
  assert.equal(committed.size, 21);
  assert.equal((await client.stats()).exchanges, 21);
  assert.equal(client.status.dropped, 0);
  assert.equal(await client.integrityCheck(), 'ok');
  await client.close();
});

test('a read-only store pauses capture and resumes when writable again', async () => {
  const client = await IngestClient.start({
    dbPath: join(dirs.make(), 'ro.db'), retention, retryIntervalMs: 50, test: { hooks: true, queryOnly: true },
  });
  const committed = collectCommitted(client);
  const paused = statusUntil(client, (s) => s.paused);
  client.begin(beginOp(1));
  client.finish(finishOp(2));
  const s = await paused;
  assert.match(s.reason ?? '', /read-only/);
  const resumed = statusUntil(client, (x) => !x.paused);
  await client.testPragma('query_only = 0');
  await resumed;
  await client.flush();
  assert.deepEqual([...committed], [2]);
  assert.equal((await client.get(1))?.state, 'pending');
  await client.close();
});

test('the retry queue is bounded: beyond it the oldest exchanges are dropped and counted', async () => {
  const dbPath = join(dirs.make(), 'drop.db');
  const client = await IngestClient.start({
    dbPath, retention, retryIntervalMs: 10_000, retryLimitOps: 5,
    test: { hooks: true, queryOnly: true },
  });
  const paused = statusUntil(client, (s) => s.paused);
  client.finish(finishOp(1));
  await paused;
  for (let id = 2; id <= 10; id++) client.finish(finishOp(id));
  assert.equal(client.status.dropped, 5);
  assert.equal(client.status.queueDepth, 5);
  await client.testPragma('query_only = 0');
  await client.close(); // makes one last attempt at the queue
  const db = new Database(dbPath, { readonly: true });
  const ids = db.prepare('SELECT id FROM exchanges ORDER BY id').pluck().all();
  db.close();
  assert.deepEqual(ids, [6, 7, 8, 9, 10]);
});

test('every exchange announced before kill -9 is in the store afterwards', async () => {
  const dbPath = join(dirs.make(), 'kill.db');
  const script = fileURLToPath(new URL('./fixtures/kill-writer.js', import.meta.url));
  const child = spawn(process.execPath, [script, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const announced: number[] = [];
  let buf = '';
  const enough = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('C ')) announced.push(Number(l.slice(2)));
      if (announced.length >= 3000) resolve();
    });
  });
  await enough;
  child.kill('SIGKILL');
  await once(child, 'exit');
  // read what is already in the pipe: those were announced before the kill too
  for (const l of buf.split('\n')) if (l.startsWith('C ')) announced.push(Number(l.slice(2)));
  const db = new Database(dbPath);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const states = new Map(
    (db.prepare('SELECT id, state FROM exchanges').all() as { id: number; state: string }[]).map((r) => [r.id, r.state]),
  );
  db.close();
  const missing = announced.filter((id) => states.get(id) !== 'complete');
  assert.deepEqual(missing.slice(0, 10), [], `${missing.length} of ${announced.length} announced ids missing`);
  assert.ok(announced.length >= 3000);
});
