// `llm-inspector reparse` as a user runs it (a child process): refuses while a serve process owns the data dir, and
// otherwise re-derives the facts of rows an older parser wrote (or every row with --all), then prints a summary.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { emptyFacts, PARSER_VERSION } from '../../src-main/providers/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { repoRoot } from '../support/fixtures.js';
import { finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), ...args], (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })),
  );

function oldRows(dbPath: string): number {
  const raw = new Database(dbPath, { readonly: true });
  const n = raw.prepare('SELECT count(*) FROM exchanges WHERE parser_version < ?').pluck().get(PARSER_VERSION) as number;
  raw.close();
  return n;
}

test('reparse refuses while serve runs, re-parses older rows otherwise, and --all re-parses every row', async () => {
  const dataDir = dirs.make();
  const dbPath = join(dataDir, 'inspector.db');
  const seed = ExchangeStore.open(dbPath);
  seed.applyBatch(Array.from({ length: 30 }, (_, i) =>
    finishRecord(i + 1, { facts: { ...emptyFacts(), model: 'stale', parserVersion: PARSER_VERSION - 1 } })));
  seed.applyBatch([finishRecord(31)]);
  seed.close();

  // a live serve process (this test's own pid stands in for it)
  const runtime = join(dataDir, 'runtime.json');
  writeFileSync(runtime, JSON.stringify({ pid: process.pid, proxyUrl: 'http://127.0.0.1:1', uiUrl: null, caPath: '/x' }));
  const refused = await cli(['reparse', '--data-dir', dataDir]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^llm-inspector: an inspector is running \(pid \d+\) on .*; stop it first/);
  assert.equal(refused.stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(oldRows(dbPath), 30, 'nothing touched');

  // a runtime note left by a process that is gone does not block
  const gone = spawnSync(process.execPath, ['-e', '0']).pid;
  writeFileSync(runtime, JSON.stringify({ pid: gone, proxyUrl: 'http://127.0.0.1:1', uiUrl: null, caPath: '/x' }));
  const ok = await cli(['reparse', '--data-dir', dataDir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^re-parsed 30 exchanges to parser version ${PARSER_VERSION}: \\d+ changed\\n$`));
  assert.equal(oldRows(dbPath), 0);
  rmSync(runtime);

  const again = await cli(['reparse', '--data-dir', dataDir]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /^nothing to re-parse: every exchange is at parser version \d+ \(use --all/);

  const all = await cli(['reparse', '--data-dir', dataDir, '--all']);
  assert.equal(all.code, 0);
  assert.match(all.stdout, /^re-parsed 31 exchanges/);
  const raw = new Database(dbPath, { readonly: true });
  assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
  raw.close();
});
