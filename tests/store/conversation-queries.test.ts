// The conversation list: totals per conversation grouped in SQL, checked against the synthetic analytics rows and an
// independent computation; filters pick conversations, paging by offset, newest activity first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ConversationQuerySchema, type ConversationQuery, type ConversationSummary } from '../../src-main/contract/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { synthetic, toRecord, type Synthetic } from './analytics-fixtures.js';
import { finishRecord, tempDirs } from './fixtures.js';
import { emptyFacts } from '../../src-main/providers/index.js';

const dirs = tempDirs();
const data = synthetic();
let store: ExchangeStore;

// turns are not in the synthetic rows: give each call one, counting up per conversation
const turns = new Map<number, number>();

before(() => {
  store = ExchangeStore.open(join(dirs.make(), 'c.db'));
  const seen = new Map<string, number>();
  const recs = data.map((x) => {
    const r = toRecord(x);
    if (x.conversationId !== null) {
      const turn = (seen.get(x.conversationId) ?? 0) + 1;
      seen.set(x.conversationId, turn);
      turns.set(x.id, turn);
      r.facts = { ...r.facts, turn };
    }
    return r;
  });
  store.applyBatch(recs);
});
after(() => {
  store.close();
  dirs.cleanup();
});

const isError = (x: Synthetic) => x.errorCode !== null || (x.status !== null && x.status >= 400);

function expected(pick: (x: Synthetic) => boolean): ConversationSummary[] {
  const ids = new Set(data.filter((x) => x.conversationId !== null && pick(x)).map((x) => x.conversationId as string));
  const out: ConversationSummary[] = [];
  for (const id of ids) {
    const xs = data.filter((x) => x.conversationId === id);
    // the latest call is the highest id (ids follow arrival); the synthetic start times are shuffled, so this also
    // checks that provider/model/tag come from that row and not from the one with the latest start
    const latest = xs.reduce((a, b) => (b.id > a.id ? b : a));
    const costs = xs.flatMap((x) => (x.costUsd === null ? [] : [x.costUsd]));
    out.push({
      id,
      calls: xs.length,
      turns: Math.max(...xs.map((x) => turns.get(x.id) ?? 0)),
      firstAt: Math.min(...xs.map((x) => x.startedAt)),
      lastAt: Math.max(...xs.map((x) => x.startedAt)),
      provider: latest.provider,
      model: latest.model,
      tag: latest.tag,
      inputTokens: xs.reduce((n, x) => n + (x.input ?? 0), 0),
      outputTokens: xs.reduce((n, x) => n + (x.output ?? 0), 0),
      costUsd: costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0),
      errors: xs.filter(isError).length,
      lastExchangeId: latest.id,
    });
  }
  return out.sort((a, b) => b.lastAt - a.lastAt || b.lastExchangeId - a.lastExchangeId);
}

const list = (input: Partial<Record<keyof ConversationQuery, unknown>>) => store.conversations(ConversationQuerySchema.parse(input));

test('totals per conversation, newest activity first, latest call names provider, model and tag', () => {
  const all = expected(() => true);
  assert.equal(all.length, 12);
  const page = list({});
  assert.equal(page.total, 12);
  assert.deepEqual(page.items, all);
  assert.ok(page.items.every((c) => c.calls > 1 && c.turns === c.calls));
});

test('offset pages and totals', () => {
  const all = expected(() => true);
  const seen: ConversationSummary[] = [];
  for (let offset = 0; offset < 12; offset += 5) {
    const page = list({ limit: 5, offset });
    assert.equal(page.total, 12);
    seen.push(...page.items);
  }
  assert.deepEqual(seen, all);
  assert.deepEqual(list({ offset: 50 }), { items: [], total: 12 });
});

test('filters pick conversations with a matching call; totals stay whole', () => {
  const T = data[0]?.startedAt ?? 0;
  const cases: [Partial<Record<keyof ConversationQuery, unknown>>, (x: Synthetic) => boolean][] = [
    [{ provider: 'anthropic' }, (x) => x.provider === 'anthropic'],
    [{ model: 'GPT-4O*' }, (x) => /^gpt-4o/.test(x.model ?? '')],
    [{ model: 'gemini-2.5-pro' }, (x) => x.model === 'gemini-2.5-pro'],
    [{ tag: 'agent:max' }, (x) => x.tag === 'agent:max'],
    [{ since: T, until: T + 60_000 }, (x) => x.startedAt >= T && x.startedAt < T + 60_000],
    [{ provider: 'nope' }, () => false],
  ];
  for (const [filter, pick] of cases) {
    const want = expected(pick);
    const got = list(filter);
    assert.deepEqual(got.items, want, JSON.stringify(filter));
    assert.equal(got.total, want.length);
  }
  assert.ok(expected((x) => x.startedAt >= T && x.startedAt < T + 60_000).length < 12, 'the time filter narrows');
});

test('cost is null when no call of a conversation had a known cost; errors are counted', () => {
  const s = ExchangeStore.open(join(dirs.make(), 'c2.db'));
  const call = (id: number, costUsd: number | null, status: number) =>
    finishRecord(id, { status, facts: { ...emptyFacts(), provider: 'openai', model: 'm', conversationId: 'solo', costUsd, turn: id } });
  s.applyBatch([call(1, null, 200), call(2, null, 500), finishRecord(3)]);
  const page = s.conversations(ConversationQuerySchema.parse({}));
  assert.equal(page.total, 1);
  assert.equal(page.items[0]?.costUsd, null);
  assert.equal(page.items[0]?.errors, 1);
  assert.equal(page.items[0]?.turns, 2);
  assert.equal(page.items[0]?.lastExchangeId, 2);
  s.close();
});
