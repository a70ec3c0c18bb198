// The exchange list's orders, offset pages, wildcard host/model filters and bounds, checked against an independent
// computation over the same rows; analytics filters share the host/model matching.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import {
  ExchangeQuerySchema,
  type ExchangeQueryInput,
  type ExchangeSort,
  type ExchangeSummary,
} from '../../src-main/contract/index.js';
import { emptyFacts } from '../../src-main/providers/index.js';
import { ExchangeStore } from '../../src-main/store/index.js';
import { globToLike } from '../../src-main/store/sql-where.js';
import { finishRecord, tempDirs } from './fixtures.js';

const dirs = tempDirs();
let store: ExchangeStore;

interface Row {
  id: number;
  host: string;
  model: string | null;
  status: number;
  totalMs: number | null;
  ttftMs: number | null;
  input: number | null;
  output: number | null;
  cost: number | null;
}

const MODELS = ['gpt-4o', 'GPT-4o-mini', 'gpt-4.1', 'gpt%weird', 'claude_x', 'claudeAx', null];
const HOSTS = ['api.openai.com', 'API.OpenAI.com', 'api.anthropic.com', 'telemetry.example.com'];

function rows(n: number): Row[] {
  const out: Row[] = [];
  for (let id = 1; id <= n; id++) {
    const model = MODELS[id % MODELS.length] ?? null;
    const usage = model !== null && id % 4 !== 0;
    out.push({
      id,
      host: HOSTS[id % HOSTS.length] as string,
      model,
      status: [200, 200, 429, 500, 201][id % 5] as number,
      // few distinct values, so ties (broken by id) are common, and some NULLs
      totalMs: id % 6 === 0 ? null : (id * 37) % 11,
      ttftMs: id % 3 === 0 ? null : (id * 13) % 7,
      input: usage ? (id * 101) % 500 : null,
      output: usage && id % 5 !== 0 ? (id * 7) % 90 : null,
      cost: usage && id % 3 !== 0 ? ((id * 3) % 8) / 8 : null,
    });
  }
  return out;
}

const data = rows(140);

before(() => {
  store = ExchangeStore.open(join(dirs.make(), 'list.db'));
  store.applyBatch(
    data.map((r) =>
      finishRecord(r.id, {
        host: r.host,
        url: `https://${r.host}/v1/x`,
        status: r.status,
        state: r.status >= 400 ? 'error' : 'complete',
        totalMs: r.totalMs,
        facts: {
          ...emptyFacts(),
          provider: r.model === null ? null : 'openai',
          model: r.model,
          ttftMs: r.ttftMs,
          costUsd: r.cost,
          usage:
            r.input === null && r.output === null
              ? null
              : { inputTokens: r.input, outputTokens: r.output, cacheReadTokens: null, cacheWriteTokens: null,
                  reasoningTokens: null, totalTokens: null, source: 'provider' },
        },
      }),
    ),
  );
});
after(() => {
  store.close();
  dirs.cleanup();
});

const list = (input: ExchangeQueryInput) => store.list(ExchangeQuerySchema.parse(input));

const KEY: Record<Exclude<ExchangeSort, 'time'>, (r: Row) => number | string | null> = {
  duration: (r) => r.totalMs,
  ttft: (r) => r.ttftMs,
  inputTokens: (r) => r.input,
  outputTokens: (r) => r.output,
  cost: (r) => r.cost,
  status: (r) => r.status,
  model: (r) => r.model?.toLowerCase() ?? null,
  host: (r) => r.host.toLowerCase(),
};

function expectedOrder(xs: Row[], sort: Exclude<ExchangeSort, 'time'>, order: 'asc' | 'desc'): number[] {
  const sign = order === 'asc' ? 1 : -1;
  const key = KEY[sort];
  return [...xs]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null) {
        if (ka !== kb) return ka === null ? 1 : -1; // NULLs last in both directions
      } else if (ka !== kb) return ka < kb ? -sign : sign;
      return (a.id - b.id) * sign;
    })
    .map((r) => r.id);
}

/** Every page of an offset-paged list, following nextOffset. */
function walk(input: ExchangeQueryInput): { ids: number[]; pages: number } {
  const ids: number[] = [];
  let offset: number | undefined;
  let pages = 0;
  for (;;) {
    const page = list({ ...input, ...(offset === undefined ? {} : { offset }) });
    pages++;
    assert.equal(page.nextBefore, null, 'offset-paged lists never hand out nextBefore');
    ids.push(...page.items.map((i) => i.id));
    if (page.nextOffset === null) break;
    assert.equal(page.nextOffset, ids.length);
    offset = page.nextOffset;
    assert.ok(pages < 100);
  }
  return { ids, pages };
}

test('every sort, both orders: NULLs last, ties by id, offset pages cover the list exactly once', () => {
  for (const sort of Object.keys(KEY) as Exclude<ExchangeSort, 'time'>[]) {
    for (const order of ['asc', 'desc'] as const) {
      const { ids, pages } = walk({ sort, order, limit: 25 });
      assert.deepEqual(ids, expectedOrder(data, sort, order), `${sort} ${order}`);
      assert.equal(pages, Math.ceil(data.length / 25));
    }
  }
  // an order defaults to descending
  assert.deepEqual(walk({ sort: 'cost', limit: 1000 }).ids, expectedOrder(data, 'cost', 'desc'));
});

test('time order newest first keeps keyset pages (nextBefore, no nextOffset); oldest first pages by offset', () => {
  const first = list({ limit: 50 });
  assert.equal(first.nextOffset, null);
  assert.equal(first.nextBefore, 91);
  assert.deepEqual(first.items.map((i) => i.id), data.map((r) => r.id).reverse().slice(0, 50));
  const explicit = list({ limit: 50, sort: 'time', order: 'desc', before: 91 });
  assert.equal(explicit.items[0]?.id, 90);
  assert.equal(explicit.nextOffset, null);
  const asc = walk({ sort: 'time', order: 'asc', limit: 60 });
  assert.deepEqual(asc.ids, data.map((r) => r.id));
  // the last page: nothing follows
  const last = list({ sort: 'duration', limit: 50, offset: 100 });
  assert.equal(last.items.length, 40);
  assert.equal(last.nextOffset, null);
  assert.deepEqual(list({ sort: 'duration', limit: 50, offset: 500 }).items, []);
});

test('host and model: * wildcards, case-insensitive, LIKE metacharacters literal', () => {
  const ids = (input: ExchangeQueryInput) => walk({ ...input, sort: 'time', order: 'asc', limit: 1000 }).ids;
  const where = (pred: (r: Row) => boolean) => data.filter(pred).map((r) => r.id);
  assert.deepEqual(ids({ model: 'gpt-4*' }), where((r) => /^gpt-4/i.test(r.model ?? '')));
  assert.ok(ids({ model: 'gpt-4*' }).length > 0);
  assert.deepEqual(ids({ model: 'GPT-4O' }), where((r) => r.model === 'gpt-4o'));
  assert.deepEqual(ids({ model: 'gpt%*' }), where((r) => r.model === 'gpt%weird'));
  assert.deepEqual(ids({ model: 'claude_*' }), where((r) => r.model === 'claude_x'));
  assert.deepEqual(ids({ model: '*4o*' }), where((r) => /4o/i.test(r.model ?? '')));
  assert.deepEqual(ids({ model: '*' }), where((r) => r.model !== null));
  assert.deepEqual(ids({ host: 'api.openai.com' }), where((r) => r.host.toLowerCase() === 'api.openai.com'));
  assert.deepEqual(ids({ host: '*.OPENAI.*' }), where((r) => r.host.toLowerCase() === 'api.openai.com'));
  assert.deepEqual(ids({ host: 'api.*', model: 'claude*' }), where((r) => r.host.toLowerCase().startsWith('api.') && /^claude/.test(r.model ?? '')));
  // the keyset (newest first) list gives the same rows in the other direction
  const keyset = list({ model: 'gpt-4*', limit: 1000 }).items.map((i) => i.id);
  assert.deepEqual(keyset, ids({ model: 'gpt-4*' }).reverse());
  assert.equal(globToLike('a%b_c\\d*'), 'a\\%b\\_c\\\\d%');
});

test('llmOnly and inclusive cost, duration and token bounds; rows without the value never match a bound', () => {
  const ids = (input: ExchangeQueryInput) => walk({ ...input, sort: 'time', order: 'asc', limit: 1000 }).ids;
  const where = (pred: (r: Row) => boolean) => data.filter(pred).map((r) => r.id);
  const tokens = (r: Row) => (r.input === null && r.output === null ? null : (r.input ?? 0) + (r.output ?? 0));
  assert.deepEqual(ids({ llmOnly: 'true' }), where((r) => r.model !== null));
  assert.deepEqual(ids({ costMin: 0.25, costMax: 0.5 }), where((r) => r.cost !== null && r.cost >= 0.25 && r.cost <= 0.5));
  assert.deepEqual(ids({ costMin: 0 }), where((r) => r.cost !== null));
  assert.deepEqual(ids({ costMax: 0 }), where((r) => r.cost === 0));
  assert.deepEqual(ids({ durationMin: 3, durationMax: 5 }), where((r) => r.totalMs !== null && r.totalMs >= 3 && r.totalMs <= 5));
  assert.deepEqual(ids({ tokensMin: '100', tokensMax: '300' }), where((r) => { const t = tokens(r); return t !== null && t >= 100 && t <= 300; }));
  assert.deepEqual(ids({ tokensMax: 0 }), where((r) => tokens(r) === 0));
  // bounds combine with a sort and with each other
  const sorted = walk({ sort: 'inputTokens', order: 'asc', costMin: 0.125, llmOnly: true, limit: 7 }).ids;
  assert.deepEqual(sorted, expectedOrder(data.filter((r) => r.cost !== null && r.cost >= 0.125), 'inputTokens', 'asc'));
});

test('analytics match host and model the same way as the list', () => {
  for (const model of ['gpt-4*', 'GPT-4O', 'claude_*']) {
    const listed = list({ model, limit: 1000 }).items.filter((i: ExchangeSummary) => i.provider !== null).length;
    assert.equal(store.usageTotals({ model }).total_requests, listed, model);
  }
  const hostListed = list({ host: 'API.openai.COM', llmOnly: true, limit: 1000 }).items.length;
  assert.equal(store.usageTotals({ host: 'API.openai.COM' }).total_requests, hostListed);
  assert.equal(store.usageTotals({ host: '*.openai.*' }).total_requests, hostListed);
});
