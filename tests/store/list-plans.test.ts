// The list and conversation queries on 100k rows: the plans SQLite picks (index, not a scan, for exact host/model
// filters; the rowid walk for the default list) and loose time bounds so a plan regression shows up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConversationQuerySchema, ExchangeQuerySchema, type ExchangeQueryInput } from '../../src-main/contract/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { listSql } from '../../src-main/store/exchange-list.js';
import { SUMMARY_COLUMNS } from '../../src-main/store/exchange-queries.js';
import { tempDirs } from './fixtures.js';

const ROWS = 100_000;
const dirs = tempDirs();
let path: string;
let store: ExchangeStore;
let raw: Database.Database;

before(() => {
  path = join(dirs.make(), 'big.db');
  store = ExchangeStore.open(path);
  raw = new Database(path);
  // headers of a realistic size, so a scan costs what it would with real rows
  const headers = JSON.stringify(Array.from({ length: 10 }, (_, i) => [`x-header-${i}`, 'v'.repeat(40)]));
  raw.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO exchanges (id, started_at, mode, method, url, host, path, status, state, total_ms, ttft_ms, provider,
      model, usage_input, usage_output, cost_usd, conversation_id, turn, req_headers, res_headers)
    SELECT i, 1700000000000 + i * 1000, 'mitm', 'POST', 'https://api.example.com/v1/x',
      CASE i % 4 WHEN 0 THEN 'telemetry.example.com' WHEN 1 THEN 'api.openai.com' WHEN 2 THEN 'api.anthropic.com' ELSE 'API.OpenAI.com' END,
      '/v1/x', CASE WHEN i % 23 = 0 THEN 500 ELSE 200 END, 'complete',
      CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7919) % 30000 END, (i * 31) % 900,
      CASE WHEN i % 4 = 0 THEN NULL ELSE 'openai' END,
      CASE WHEN i % 4 = 0 THEN NULL ELSE CASE i % 5 WHEN 0 THEN 'gpt-4o' WHEN 1 THEN 'gpt-4o-mini' WHEN 2 THEN 'claude-sonnet-4'
        WHEN 3 THEN 'Gemini-2.5-pro' ELSE 'rare-model-' || (i % 1000) END END,
      i % 5000, i % 700, CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000) / 10000.0 END,
      CASE WHEN i % 4 = 0 THEN NULL ELSE 'conv-' || (i % 3001) END, i % 30, ?, ?
    FROM n`).run(ROWS, headers, headers);
});
after(() => {
  raw.close();
  store.close();
  dirs.cleanup();
});

function plan(input: ExchangeQueryInput): string {
  const q = listSql(ExchangeQuerySchema.parse(input), SUMMARY_COLUMNS);
  assert.ok(q);
  return (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  fn(); // prepare and warm the cache
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

test('plans: the default list walks the rowid; exact host and model use their case-insensitive indexes', () => {
  assert.doesNotMatch(plan({ limit: 100 }), /TEMP B-TREE/);
  assert.doesNotMatch(plan({ limit: 100, before: 5000 }), /TEMP B-TREE/);
  assert.match(plan({ limit: 100, host: 'API.OPENAI.COM' }), /USING INDEX exchanges_host \(host=\?\)/);
  assert.match(plan({ limit: 100, host: 'api.openai.com', before: 500 }), /USING INDEX exchanges_host \(host=\? AND id<\?\)/);
  assert.match(plan({ limit: 100, model: 'Rare-Model-9' }), /USING INDEX exchanges_model \(model=\?\)/);
  // a wildcard in the newest-first list walks ids and stops at the page (no sort of every match)
  assert.doesNotMatch(plan({ limit: 100, model: 'gpt-4*' }), /TEMP B-TREE/);
  // in another order a prefix pattern narrows through the index
  assert.match(plan({ limit: 100, model: 'rare-*', sort: 'duration' }), /USING INDEX exchanges_model(_time)? \(model>\? AND model<\?\)/);
});

test('100k rows: every list shape answers within a loose bound', (t) => {
  const list = (input: ExchangeQueryInput) => store.list(ExchangeQuerySchema.parse(input));
  const shapes: ExchangeQueryInput[] = [
    { limit: 100 },
    { limit: 100, host: 'api.openai.com' },
    { limit: 100, model: 'rare-model-9' },
    { limit: 100, model: 'gpt-4*' },
    { limit: 100, model: 'nothing-like-this*' },
    { limit: 100, sort: 'duration' },
    { limit: 100, sort: 'cost', order: 'asc', offset: 50_000 },
    { limit: 100, sort: 'model', order: 'asc' },
    { limit: 100, tokensMin: 5000 },
    { limit: 100, costMin: 0.05, durationMax: 1000, llmOnly: true, sort: 'ttft' },
  ];
  const results: string[] = [];
  for (const shape of shapes) {
    const { value, ms } = timed(() => list(shape));
    results.push(`${JSON.stringify(shape)} ${ms.toFixed(1)} ms`);
    // a full scan of 100k rows takes ~50 ms on the 2-core CI machine; an order of magnitude more means a bad plan
    assert.ok(ms < 1500, `${JSON.stringify(shape)} took ${ms.toFixed(0)} ms`);
    assert.ok(value.items.length <= 100);
  }
  for (const r of results) t.diagnostic(r);
  const exact = list({ limit: 100, model: 'rare-model-9' });
  assert.ok(exact.items.length > 0 && exact.items.every((i) => i.model === 'rare-model-9'));
  const sorted = list({ limit: 100, sort: 'duration' });
  assert.equal(sorted.items[0]?.timings.totalMs, 29_999);
  assert.equal(sorted.nextOffset, 100);
});

test('100k rows: the conversation list groups in SQL within a loose bound', () => {
  const { value, ms } = timed(() => store.conversations(ConversationQuerySchema.parse({ limit: 50 })));
  assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
  assert.equal(value.total, 3001);
  assert.equal(value.items.length, 50);
  assert.equal(value.items[0]?.lastExchangeId, ROWS - 1);
  const filtered = timed(() => store.conversations(ConversationQuerySchema.parse({ limit: 50, model: 'RARE-MODEL-9*' })));
  assert.ok(filtered.ms < 3000, `took ${filtered.ms.toFixed(0)} ms`);
  assert.ok(filtered.value.total > 0 && filtered.value.total < 3001);
});
