import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExchangePage, ExchangeQueryInput, ExchangeSummary, ServiceEvent } from '../../../../src-main/contract/index.js';
import { TrafficStore } from '../../../../src-renderer/views/traffic/traffic-store.js';
import { summary } from './fixtures.js';

const row = (id: number, patch: Partial<ExchangeSummary> = {}) => summary({ id, startedAt: 1000 + id, ...patch });
const started = (id: number, patch: Partial<ExchangeSummary> = {}): ServiceEvent => ({ event: 'exchange.started', data: row(id, { state: 'pending', status: null, ...patch }) });
const updated = (id: number, patch: Partial<ExchangeSummary> = {}): ServiceEvent => ({ event: 'exchange.updated', data: row(id, { state: 'streaming', ...patch }) });
const finished = (id: number, patch: Partial<ExchangeSummary> = {}): ServiceEvent => ({ event: 'exchange.finished', data: row(id, patch) });

/** A store over a fake server: pages come from `pages` in order; flushes run when the test says. */
function setup(pages: ExchangePage[]) {
  const queries: ExchangeQueryInput[] = [];
  const flushes: (() => void)[] = [];
  const store = new TrafficStore({
    fetchPage: async (q) => {
      queries.push(q);
      const page = pages.shift();
      if (!page) throw new Error('no more pages');
      return page;
    },
    schedule: (f) => flushes.push(f),
  });
  let renders = 0;
  store.subscribe(() => renders++);
  const runFlushes = () => {
    for (const f of flushes.splice(0)) f();
  };
  return { store, queries, runFlushes, renders: () => renders };
}

const page = (ids: number[], nextBefore: number | null = null, nextOffset: number | null = null): ExchangePage => ({
  items: ids.map((id) => row(id)),
  nextBefore,
  nextOffset,
});
const ids = (s: TrafficStore) => s.snapshot.rows.map((r) => r.id);

describe('TrafficStore', () => {
  it('loads a first page, then the next one with the keyset cursor', async () => {
    const { store, queries } = setup([page([10, 9, 8], 8), page([7, 6])]);
    await store.setQuery({ model: 'gpt-4*' }, { sort: 'time', order: 'desc' });
    assert.deepEqual(ids(store), [10, 9, 8]);
    assert.equal(store.snapshot.status, 'ready');
    assert.equal(store.snapshot.hasMore, true);
    await store.loadMore();
    assert.deepEqual(ids(store), [10, 9, 8, 7, 6]);
    assert.equal(store.snapshot.hasMore, false);
    assert.deepEqual(queries, [
      { model: 'gpt-4*', limit: 200 },
      { model: 'gpt-4*', before: 8, limit: 250 },
    ]);
  });

  it('pages other orders by offset and sends the order', async () => {
    const { store, queries } = setup([page([1, 2], null, 2), page([3])]);
    await store.setQuery({}, { sort: 'cost', order: 'asc' });
    await store.loadMore();
    assert.deepEqual(queries[0], { sort: 'cost', order: 'asc', limit: 200 });
    assert.deepEqual(queries[1], { sort: 'cost', order: 'asc', offset: 2, limit: 250 });
  });

  it('applies a whole batch of events in one update, newest on top, one row per exchange', async () => {
    const { store, runFlushes, renders } = setup([page([3, 2, 1])]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    const before = renders();
    store.receive([started(4), started(5), updated(4, { status: 200 }), finished(5, { model: 'gpt-4o' })]);
    store.receive([updated(6)]);
    assert.equal(renders(), before, 'nothing renders before the frame');
    runFlushes();
    assert.equal(renders(), before + 1, 'two batches in one frame cost one render');
    assert.deepEqual(ids(store), [6, 5, 4, 3, 2, 1]);
    assert.equal(store.snapshot.rows[1]?.model, 'gpt-4o');
    assert.equal(store.snapshot.rows[2]?.status, 200);
  });

  it('never lets a live update replace a committed row', async () => {
    const { store, runFlushes } = setup([page([1])]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    store.receive([finished(2, { model: 'gpt-4o', state: 'complete' }), updated(2, { model: null, state: 'streaming' })]);
    runFlushes();
    assert.equal(store.snapshot.rows[0]?.model, 'gpt-4o');
    assert.equal(store.snapshot.rows[0]?.state, 'complete');
  });

  it('holds events that arrive while the first page loads and merges them with it', async () => {
    let release: (p: ExchangePage) => void = () => undefined;
    const store = new TrafficStore({ fetchPage: () => new Promise((r) => (release = r)), schedule: (f) => f() });
    const done = store.setQuery({}, { sort: 'time', order: 'desc' });
    store.receive([started(3), finished(2, { model: 'late' })]);
    assert.deepEqual(ids(store), []);
    release({ items: [row(2, { model: 'listed' }), row(1)], nextBefore: null, nextOffset: 0 });
    await done;
    assert.deepEqual(ids(store), [3, 2, 1]);
    assert.equal(store.snapshot.rows[1]?.model, 'late');
  });

  it('shows only new rows that match the filter, and adds a row once it comes to match', async () => {
    const { store, runFlushes } = setup([page([])]);
    await store.setQuery({ errorsOnly: true }, { sort: 'time', order: 'desc' });
    store.receive([started(1), started(2), finished(1, { status: 200 }), finished(2, { status: 500 })]);
    runFlushes();
    assert.deepEqual(ids(store), [2]);
  });

  it('drops a row that stops matching, unless it is pinned', async () => {
    const { store, runFlushes } = setup([page([])]);
    await store.setQuery({ state: ['pending', 'streaming'] }, { sort: 'time', order: 'desc' });
    store.receive([started(1), started(2)]);
    runFlushes();
    assert.deepEqual(ids(store), [2, 1]);
    store.setPinned([1]);
    store.receive([finished(1), finished(2)]);
    runFlushes();
    assert.deepEqual(ids(store), [1]);
  });

  it('counts new exchanges behind a full-text search instead of showing them', async () => {
    const { store, runFlushes } = setup([page([1])]);
    await store.setQuery({ search: 'refund' }, { sort: 'time', order: 'desc' });
    store.receive([started(2), updated(2), finished(2), started(3), finished(1, { status: 201 })]);
    runFlushes();
    assert.deepEqual(ids(store), [1]);
    assert.equal(store.snapshot.rows[0]?.status, 201, 'listed rows still update');
    assert.equal(store.snapshot.newHidden, 2);
  });

  it('places live rows in a sorted list where the server would, and not past the loaded part', async () => {
    const { store, runFlushes } = setup([{ items: [row(1, { costUsd: 5 }), row(2, { costUsd: 3 })], nextBefore: null, nextOffset: 2 }]);
    await store.setQuery({}, { sort: 'cost', order: 'desc' });
    store.receive([finished(3, { costUsd: 4 }), finished(4, { costUsd: 1 }), finished(5, { costUsd: 9 })]);
    runFlushes();
    assert.deepEqual(ids(store), [5, 1, 3, 2], 'the $1 row belongs to a later page');
    store.receive([finished(2, { costUsd: 10 })]);
    runFlushes();
    assert.deepEqual(ids(store), [2, 5, 1, 3], 'a row whose key changed moves');
  });

  it('counts rows arriving after mark()', async () => {
    const { store, runFlushes } = setup([page([1])]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    store.receive([started(2)]);
    runFlushes();
    store.mark();
    store.receive([started(3), started(4), updated(2)]);
    runFlushes();
    assert.equal(store.snapshot.newSinceMark, 2);
  });

  it('catches up after a reconnect: ids above the highest seen, and rows that were in flight', async () => {
    const { store, queries, runFlushes } = setup([
      page([2, 1]),
      { items: [row(5), row(4)], nextBefore: 4, nextOffset: null },
      { items: [row(3, { state: 'complete', status: 200, tag: 't' })], nextBefore: null, nextOffset: null },
      { items: [row(3, { state: 'complete', status: 200, tag: 't' })], nextBefore: null, nextOffset: null },
    ]);
    await store.setQuery({ tag: 't' }, { sort: 'time', order: 'desc' });
    store.receive([started(3, { tag: 't' })]);
    runFlushes();
    // the connection drops here; 3 finishes and 4, 5 happen unseen
    await store.catchUp();
    assert.deepEqual(queries.slice(1), [
      { tag: 't', after: 3, before: undefined, limit: 1000 },
      { tag: 't', after: 3, before: 4, limit: 1000 },
      { after: 2, before: 4, limit: 1000 },
    ]);
    assert.deepEqual(ids(store), [5, 4, 3, 2, 1]);
    assert.equal(store.snapshot.rows[2]?.state, 'complete');
  });

  it('drops an in-flight row that finished unseen and no longer matches', async () => {
    const { store, runFlushes } = setup([page([1]), page([]), { items: [row(2, { state: 'complete', mode: 'tunnel' })], nextBefore: null, nextOffset: null }]);
    await store.setQuery({ llmOnly: true }, { sort: 'time', order: 'desc' });
    store.receive([started(2)]);
    runFlushes();
    assert.deepEqual(ids(store), [2, 1], 'shown while in flight');
    await store.catchUp();
    assert.deepEqual(ids(store), [1]);
  });

  it('reloads when the store is cleared', async () => {
    const { store, runFlushes } = setup([page([2, 1]), page([])]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    store.receive([{ event: 'store.cleared', data: { at: 1 } }]);
    runFlushes();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ids(store), []);
    assert.equal(store.snapshot.status, 'ready');
  });

  it('drops the answer of a query that was replaced', async () => {
    const resolvers: ((p: ExchangePage) => void)[] = [];
    const store = new TrafficStore({ fetchPage: () => new Promise((r) => resolvers.push(r)), schedule: (f) => f() });
    const a = store.setQuery({ model: 'a' }, { sort: 'time', order: 'desc' });
    const b = store.setQuery({ model: 'b' }, { sort: 'time', order: 'desc' });
    resolvers[1]?.(page([2]));
    resolvers[0]?.(page([1]));
    await Promise.all([a, b]);
    assert.deepEqual(ids(store), [2]);
  });

  it('reports a failed first page', async () => {
    const store = new TrafficStore({ fetchPage: async () => Promise.reject(new Error('boom')), schedule: (f) => f() });
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    assert.equal(store.snapshot.status, 'error');
    assert.equal(store.snapshot.error, 'boom');
  });

  it('trims the tail of a long newest-first list and pages it back in', async () => {
    const { store, queries } = setup([page([5, 4, 3, 2, 1]), page([2, 1])]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    store.trim(3);
    assert.deepEqual(ids(store), [5, 4, 3]);
    assert.equal(store.snapshot.hasMore, true);
    await store.loadMore();
    assert.deepEqual(queries[1], { before: 3, limit: 250 });
    assert.deepEqual(ids(store), [5, 4, 3, 2, 1]);
  });

  it('finds rows by id and lists the providers seen', async () => {
    const { store } = setup([{ items: [row(3, { provider: 'openai' }), row(2, { provider: 'openai' }), row(1, { provider: 'anthropic' })], nextBefore: null, nextOffset: null }]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    assert.equal(store.indexOf(1), 2);
    assert.equal(store.indexOf(7), -1);
    assert.deepEqual(store.facet('provider'), [
      { value: 'openai', count: 2 },
      { value: 'anthropic', count: 1 },
    ]);
  });
});
