// Analytics over REST through the real API server and inspector, on a store seeded with known exchanges: the
// llm-proxy usage shape (GET /api/usage?tag=…), summaries, time series, re-parse, and the new detail fields.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { startInspector, type Inspector } from '../../src-main/core/index.js';
import { silentLogger } from '../../src-main/log/index.js';
import { startApiServer, type ApiServer } from '../../src-main/server/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import type { ReparseProgress } from '../../src-main/ingest/index.js';
import { expectedPoints, expectedSummary, expectedTotals, matches, synthetic, T0, toRecord } from '../store/analytics-fixtures.js';

const HOUR = 3_600_000;
const data = synthetic(300, 20, 11);
let dataDir: string;
let inspector: Inspector;
let api: ApiServer;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'llmi-analytics-'));
  const seed = ExchangeStore.open(join(dataDir, 'inspector.db'));
  const recs = data.map(toRecord);
  const first = recs[0];
  if (first) {
    first.facts = { ...first.facts, finishReason: 'stop', turn: 4, usageRaw: '{"prompt_tokens":1}', responseId: 'r-1' };
    first.response.chunkTimes = [0, 10, 64, 25.5];
  }
  seed.applyBatch(recs);
  seed.close();
  inspector = await startInspector({ dataDir, overrides: { proxy: { port: 0 } }, log: silentLogger });
  api = await startApiServer({ service: inspector.service, ca: inspector.ca, log: silentLogger }, { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await api.close();
  await inspector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const res = await request(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text) as Record<string, unknown> };
}

const close = (a: number, b: number, eps: number) => Math.abs(a - b) <= eps + 1e-9;

test('GET /api/usage?tag=… answers in the llm-proxy shape; agent_id is the same filter', async () => {
  for (const [query, tag] of [['tag=agent:sofia', 'agent:sofia'], ['agent_id=agent:max', 'agent:max']] as const) {
    const res = await call(`/api/usage?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['avg_latency_ms', 'success_rate', 'total_requests', 'total_tokens']);
    const want = expectedTotals(data.filter((x) => matches(x, { tag })));
    assert.ok(want.total_requests > 50);
    assert.equal(res.json.total_requests, want.total_requests);
    assert.equal(res.json.total_tokens, want.total_tokens);
    assert.ok(close(res.json.avg_latency_ms as number, want.avg_latency_ms, 0.05));
    assert.ok(close(res.json.success_rate as number, want.success_rate, 0.00005));
  }
  const all = await call('/api/usage');
  assert.equal(all.json.total_requests, 300);
  const ranged = await call(`/api/usage?provider=openai&since=${T0 + HOUR}&until=${T0 + 3 * HOUR}`);
  assert.equal(ranged.json.total_requests, data.filter((x) => matches(x, { provider: 'openai', since: T0 + HOUR, until: T0 + 3 * HOUR })).length);
});

test('GET /api/analytics/summary and /timeseries: grouped, filtered, validated', async () => {
  const summary = await call('/api/analytics/summary?groupBy=provider');
  assert.equal(summary.status, 200);
  const groups = summary.json.groups as { group: string; total_requests: number; cost_usd: number; total_tokens: number }[];
  const want = expectedSummary(data, {}, 'provider');
  assert.deepEqual(
    groups.map((g) => [g.group, g.total_requests, g.total_tokens, g.cost_usd]).sort(),
    want.map((g) => [g.group, g.total_requests, g.total_tokens, g.cost_usd]).sort(),
  );

  const ts = await call(`/api/analytics/timeseries?groupBy=model&bucketMs=${HOUR}&since=${T0}&until=${T0 + 6 * HOUR}&tag=agent:sofia`);
  assert.equal(ts.status, 200);
  assert.equal(ts.json.bucketMs, HOUR);
  const key = (p: { bucketStart: number; group: string | null }) => `${p.bucketStart}|${p.group}`;
  const points = (ts.json.points as Parameters<typeof key>[0][]).sort((a, b) => key(a).localeCompare(key(b)));
  const expected = expectedPoints(data, { tag: 'agent:sofia' }, 'model', HOUR).sort((a, b) => key(a).localeCompare(key(b)));
  assert.deepEqual(points, expected);

  const bad = await call('/api/analytics/timeseries?groupBy=weekday');
  assert.equal(bad.status, 400);
  assert.equal((bad.json.error as { type: string }).type, 'invalid_input');
  assert.equal((await call('/api/analytics/timeseries?bucketMs=5')).status, 400);
});

test('GET /api/exchanges/:id carries finish reason, turn, raw usage, chunk times and the LLM view', async () => {
  const res = await call('/api/exchanges/1');
  assert.equal(res.status, 200);
  assert.equal(res.json.finishReason, 'stop');
  assert.equal(res.json.turn, 4);
  assert.deepEqual(res.json.usageRaw, { prompt_tokens: 1 });
  assert.deepEqual(res.json.responseChunkTimes, [0, 10, 64, 25.5]);
  assert.ok('llm' in res.json);
  const list = await call('/api/exchanges?limit=1');
  const item = (list.json.items as Record<string, unknown>[])[0];
  assert.ok(item && 'finishReason' in item && 'turn' in item);
});

test('POST /api/store/reparse re-derives every row in the background, with progress from the store', async () => {
  const seen: ReparseProgress[] = [];
  const done = new Promise<ReparseProgress>((resolve) =>
    inspector.store.on('reparse', (p) => {
      seen.push(p);
      if (p.done === p.total) resolve(p);
    }));
  const res = await call('/api/store/reparse', 'POST', { all: true });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { total: 320 });
  const last = await done;
  assert.equal(last.done, 320);
  // conversation and turn are not parse facts: they stay
  const d = await call('/api/exchanges/1');
  assert.equal(d.json.turn, 4);
  assert.equal(d.json.conversationId, data[0]?.conversationId);
});
