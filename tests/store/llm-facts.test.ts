// Schema v3: the LLM facts the providers stage adds (finish reason, turn, raw usage, response id, chunk timings) are
// written, read back, and survive an upgrade from v2; re-parsing re-derives facts for rows an older parser wrote.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LlmView } from '../../src-main/contract/index.js';
import { emptyFacts, type ProviderFacts, type ProviderInput } from '../../src-main/providers/index.js';
import { decodeChunkTimes, encodeChunkTimes, ExchangeStore, migrate, SCHEMA_VERSION } from '../../src-main/store/index.js';
import { finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
after(() => dirs.cleanup());

function facts(over: Partial<ProviderFacts> = {}): ProviderFacts {
  return { ...emptyFacts(), ...over };
}

test('a v2 file migrates to the current schema keeping its rows, which read back with the new fields null', () => {
  const path = join(dirs.make(), 'v2.db');
  const raw = new Database(path);
  assert.deepEqual(migrate(raw, 2), [1, 2]);
  raw.prepare(`INSERT INTO exchanges (id, started_at, mode, method, url, host, path, status, state, provider, model,
    usage_input, usage_output, usage_source, cost_usd, parser_version, conversation_id)
    VALUES (5, 1700000000000, 'mitm', 'POST', 'https://api.openai.com/v1/chat/completions', 'api.openai.com',
    '/v1/chat/completions', 200, 'complete', 'openai', 'gpt-4o', 10, 20, 'provider', 0.5, 0, 'conv-1')`).run();
  raw.prepare(`INSERT INTO bodies (key, exchange_id, side, data) VALUES (11, 5, 'res', ?)`).run(Buffer.from('{"ok":1}'));
  raw.close();

  const s = ExchangeStore.open(path);
  assert.deepEqual(s.openInfo.migrated, [3, 4, 5]);
  assert.equal(SCHEMA_VERSION, 5);
  const d = s.get(5);
  assert.equal(d?.model, 'gpt-4o');
  assert.equal(d?.usage?.outputTokens, 20);
  assert.equal(d?.conversationId, 'conv-1');
  assert.equal(d?.response.body, '{"ok":1}');
  assert.equal(d?.finishReason, null);
  assert.equal(d?.turn, null);
  assert.equal(d?.usageRaw, null);
  assert.equal(d?.responseChunkTimes, null);
  assert.equal(d?.llm, null);
  assert.equal(s.integrityCheck(), 'ok');
  const indexes = (s.testPragma('index_list(exchanges)') as { name: string }[]).map((i) => i.name);
  for (const name of ['exchanges_provider_time', 'exchanges_model_time', 'exchanges_tag_time', 'exchanges_parser']) {
    assert.ok(indexes.includes(name), name);
  }
  s.close();
});

test('chunk times round-trip exactly through their Float64 blob, also from an unaligned buffer', () => {
  const times = [0, 12.5, 1024, 30.123456789, 2048, 1e9 + 0.25];
  const blob = encodeChunkTimes(times);
  assert.equal(blob?.length, times.length * 8);
  assert.deepEqual(decodeChunkTimes(blob), times);
  const unaligned = Buffer.concat([Buffer.from([1]), blob ?? Buffer.alloc(0)]).subarray(1);
  assert.deepEqual(decodeChunkTimes(unaligned), times);
  assert.equal(encodeChunkTimes([]), null);
  assert.equal(encodeChunkTimes(null), null);
  assert.equal(decodeChunkTimes(null), null);
});

test('finish reason, turn, raw usage, response id and chunk times are written and read back (batch, list, get)', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'f.db'));
  const chunkTimes = [0, 101.5, 37, 140.25, 512, 402];
  const rec = finishRecord(1, {
    facts: facts({
      provider: 'openai', api: 'openai.chat', model: 'gpt-4o', finishReason: 'tool_calls', turn: 3,
      usageRaw: '{"prompt_tokens":5,"completion_tokens":7}', responseId: 'chatcmpl-1', conversationId: 'c1',
      usage: { inputTokens: 5, outputTokens: 7, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 12, source: 'provider' },
    }),
  }, '{"model":"gpt-4o"}', 'data: {}\n\n');
  rec.response.chunkTimes = chunkTimes;
  const plain = finishRecord(2);
  plain.response.chunkTimes = [];
  const r = s.applyBatch([rec, plain]);
  assert.equal(r.finished[0]?.finishReason, 'tool_calls');
  assert.equal(r.finished[0]?.turn, 3);
  const listed = s.list({ limit: 10 }).items;
  assert.deepEqual(listed.map((x) => [x.id, x.finishReason, x.turn]), [[2, null, null], [1, 'tool_calls', 3]]);

  const seen: ProviderInput[] = [];
  const view: LlmView = { provider: 'openai', api: 'openai.chat', request: null, response: null };
  const d = s.get(1, (input) => (seen.push(input), view));
  assert.equal(d?.finishReason, 'tool_calls');
  assert.equal(d?.turn, 3);
  assert.deepEqual(d?.usageRaw, { prompt_tokens: 5, completion_tokens: 7 });
  assert.deepEqual(d?.responseChunkTimes, chunkTimes);
  assert.deepEqual(d?.llm, view);
  // the view's parser gets what ingest gave the providers stage
  assert.equal(seen[0]?.exchangeId, 1);
  assert.equal(seen[0]?.requestBody?.toString(), '{"model":"gpt-4o"}');
  assert.equal(seen[0]?.responseBody?.toString(), 'data: {}\n\n');
  assert.deepEqual(seen[0]?.responseChunkTimes, chunkTimes);
  assert.equal(seen[0]?.host, 'api.openai.com');
  assert.deepEqual(seen[0]?.responseHeaders, [['content-type', 'application/json']]);
  const raw = new Database(s.path, { readonly: true });
  const row = raw.prepare('SELECT response_id, usage_raw, length(res_chunk_times) AS n FROM exchanges WHERE id = 1').get() as Record<string, unknown>;
  assert.deepEqual(row, { response_id: 'chatcmpl-1', usage_raw: '{"prompt_tokens":5,"completion_tokens":7}', n: 48 });
  assert.equal(raw.prepare('SELECT res_chunk_times FROM exchanges WHERE id = 2').pluck().get(), null);
  raw.close();

  // a parser that throws costs the view only; raw usage that is not JSON comes back as text
  assert.equal(s.get(1, () => { throw new Error('boom'); })?.llm, null);
  s.applyBatch([finishRecord(3, { facts: facts({ usageRaw: 'not json' }) })]);
  assert.equal(s.get(3)?.usageRaw, 'not json');
  s.close();
});

test('reparseBatch re-derives facts of older parser versions, oldest first, and leaves current rows and conversations alone', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'r.db'));
  const recs = [];
  for (let id = 1; id <= 25; id++) {
    const version = id % 5 === 0 ? 7 : id % 2; // 5,10,… current (7); others old (0 or 1)
    recs.push(finishRecord(id, {
      facts: facts({ parserVersion: version, model: `old-${id}`, provider: 'openai', conversationId: `conv-${id}`, turn: id, tag: id === 3 ? 'kept' : null }),
    }, `{"model":"m${id}"}`));
  }
  // still in flight: never re-parsed
  s.applyBatch(recs);
  s.applyBatch([{ op: 'begin', id: 26, startedAt: 1, mode: 'mitm', method: 'POST', url: 'https://x/y', host: 'x', path: '/y', requestHeaders: [] }]);
  assert.equal(s.reparseCount({ version: 7 }), 20);
  assert.equal(s.reparseCount({ version: 7, all: true }), 25);

  const inputs: number[] = [];
  const analyse = (input: ProviderInput): ProviderFacts => {
    inputs.push(input.exchangeId);
    if (input.exchangeId === 9) throw new Error('parser bug');
    const model = /"model":"(\w+)"/.exec(input.requestBody?.toString() ?? '')?.[1] ?? null;
    return facts({
      parserVersion: 7, provider: 'openai', api: 'openai.chat', model, finishReason: 'stop', responseId: `r${input.exchangeId}`,
      usageRaw: '{"total_tokens":3}', ttftMs: 42, costUsd: 0.25, conversationId: 'new-conv', turn: 99, tag: 'parsed-tag',
      usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 3, source: 'provider' },
    });
  };
  const first = s.reparseBatch(8, analyse, { version: 7 });
  // the 8 oldest old rows; row 9's parser throws: counted as failed, its facts kept
  assert.deepEqual(first, { processed: 8, changed: 7, failed: 1, lastId: 9, done: false });
  assert.deepEqual(inputs, [1, 2, 3, 4, 6, 7, 8, 9]);
  let afterId = first.lastId;
  let total = first.processed;
  let failed = first.failed;
  for (;;) {
    const r = s.reparseBatch(8, analyse, { version: 7, afterId });
    total += r.processed;
    failed += r.failed;
    afterId = r.lastId;
    if (r.done) break;
  }
  assert.equal(total, 20);
  assert.equal(failed, 1);
  assert.equal(s.reparseCount({ version: 7 }), 0, 'the failed row is stamped too, so it is not retried forever');

  const d4 = s.get(4);
  assert.equal(d4?.model, 'm4');
  assert.equal(d4?.finishReason, 'stop');
  assert.equal(d4?.costUsd, 0.25);
  assert.equal(d4?.timings.ttftMs, 42);
  assert.deepEqual(d4?.usageRaw, { total_tokens: 3 });
  assert.equal(d4?.usage?.totalTokens, 3);
  assert.equal(d4?.conversationId, 'conv-4', 'conversation kept');
  assert.equal(d4?.turn, 4, 'turn kept');
  assert.equal(d4?.tag, 'parsed-tag', 'a missing tag is filled in');
  assert.equal(s.get(3)?.tag, 'kept', 'a stored tag wins');
  assert.equal(s.get(4)?.request.body, '{"model":"m4"}', 'bodies untouched');
  assert.equal(s.get(5)?.model, 'old-5', 'current version left alone');
  assert.equal(s.get(9)?.model, 'old-9', 'a parser failure keeps the old facts');
  assert.equal(s.get(26)?.state, 'pending');

  // --all: every finished row, including current ones, in id order
  inputs.length = 0;
  const all = s.reparseBatch(100, analyse, { version: 7, all: true });
  assert.equal(all.processed, 25);
  assert.equal(all.done, true);
  assert.deepEqual(inputs, Array.from({ length: 25 }, (_, i) => i + 1));
  assert.equal(s.get(5)?.model, 'm5');
  assert.equal(s.integrityCheck(), 'ok');
  s.close();
});
