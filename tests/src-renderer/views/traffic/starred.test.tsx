// Starred exchanges in the Traffic view: the `starred` / `is:starred` filter term, matching live rows, the row's star
// mark, and a star toggled on a stored row (announced as an update) reaching the list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ExchangePage, ExchangeSummary, ServiceEvent } from '../../../../src-main/contract/index.js';
import { filterTextFromParams, formatFilter, isEmptyFilter, parseFilter, setFlagTerm } from '../../../../src-renderer/views/traffic/filter-query.js';
import { matchesQuery } from '../../../../src-renderer/views/traffic/match-query.js';
import { TrafficRow } from '../../../../src-renderer/views/traffic/traffic-row.js';
import { TrafficStore } from '../../../../src-renderer/views/traffic/traffic-store.js';
import { summary } from './fixtures.js';

describe('the starred filter term', () => {
  it('reads `starred` and `is:starred` as the starred flag, and a quoted "starred" as a word', () => {
    for (const text of ['starred', 'is:starred', 'STARRED', 'is:Starred']) {
      const { filter, terms, errors } = parseFilter(text);
      assert.deepEqual(filter, { starred: true }, text);
      assert.deepEqual(errors, []);
      assert.deepEqual(terms.map((t) => [t.kind, t.key]), [['flag', 'starred']]);
    }
    assert.deepEqual(parseFilter('"starred"').filter, { search: '"starred"' });
    assert.deepEqual(parseFilter('model:gpt-4* starred errors').filter, { model: 'gpt-4*', starred: true, errorsOnly: true });
  });
  it('formats back and round-trips', () => {
    assert.equal(formatFilter({ starred: true, model: 'gpt-4o' }), 'model:gpt-4o starred');
    assert.deepEqual(parseFilter(formatFilter({ starred: true, llmOnly: true })).filter, { starred: true, llmOnly: true });
    assert.equal(isEmptyFilter({ starred: true }), false);
    assert.equal(isEmptyFilter({ starred: false }), true);
  });
  it('is switched on and off like the other flags, and read from contract-named link parameters', () => {
    assert.equal(setFlagTerm('model:x', 'starred', true), 'model:x starred');
    assert.equal(setFlagTerm('model:x is:starred', 'starred', false), 'model:x');
    assert.equal(filterTextFromParams(new URLSearchParams('starred=true&tag=a')), 'tag:a starred');
  });
  it('an unknown is: value names starred among the choices', () => {
    assert.match(parseFilter('is:nope').errors[0]?.message ?? '', /is:starred/);
  });
});

describe('matchesQuery with starred', () => {
  it('keeps only starred rows, and ignores the flag when it is off', () => {
    assert.equal(matchesQuery(summary({ id: 1, starred: true }), { starred: true }), true);
    assert.equal(matchesQuery(summary({ id: 1, starred: false }), { starred: true }), false);
    assert.equal(matchesQuery(summary({ id: 1, starred: false }), { starred: false }), true);
    assert.equal(matchesQuery(summary({ id: 1, starred: true, status: 500 }), { starred: true, errorsOnly: true }), true);
  });
});

describe('TrafficRow star mark', () => {
  const html = (starred: boolean) => renderToStaticMarkup(<TrafficRow row={summary({ id: 1, starred })} top={0} cursor={false} open={false} compare={false} />);
  it('shows a small star only on starred rows', () => {
    assert.match(html(true), /<em class="tr-star" title="starred" aria-label="starred">★<\/em>/);
    assert.doesNotMatch(html(false), /tr-star/);
  });
});

describe('TrafficStore and stars', () => {
  function setup(pages: ExchangePage[]) {
    const flushes: (() => void)[] = [];
    const store = new TrafficStore({
      fetchPage: async () => {
        const page = pages.shift();
        if (!page) throw new Error('no more pages');
        return page;
      },
      schedule: (f) => flushes.push(f),
    });
    const run = () => {
      for (const f of flushes.splice(0)) f();
    };
    return { store, run };
  }
  const row = (id: number, patch: Partial<ExchangeSummary> = {}) => summary({ id, startedAt: 1000 + id, model: 'listed', ...patch });
  const updated = (id: number, patch: Partial<ExchangeSummary>): ServiceEvent => ({ event: 'exchange.updated', data: row(id, { model: 'from-event', ...patch }) });

  it('a star toggled on a stored row changes only its star', async () => {
    const { store, run } = setup([{ items: [row(2), row(1)], nextBefore: null, nextOffset: null }]);
    await store.setQuery({}, { sort: 'time', order: 'desc' });
    store.receive([updated(1, { starred: true })]);
    run();
    const r1 = store.snapshot.rows.find((r) => r.id === 1);
    assert.equal(r1?.starred, true);
    assert.equal(r1?.model, 'listed');
    // a stale live update that says nothing new about the star still cannot replace the stored row
    store.receive([updated(1, { starred: true })]);
    run();
    assert.equal(store.snapshot.rows.find((r) => r.id === 1)?.model, 'listed');
  });

  it('under the starred filter, a starred row joins and an unstarred one leaves', async () => {
    const { store, run } = setup([{ items: [row(2, { starred: true })], nextBefore: null, nextOffset: null }]);
    await store.setQuery({ starred: true }, { sort: 'time', order: 'desc' });
    assert.deepEqual(store.snapshot.rows.map((r) => r.id), [2]);
    store.receive([updated(2, { starred: false }), updated(3, { starred: true, state: 'complete' })]);
    run();
    assert.deepEqual(store.snapshot.rows.map((r) => r.id), [3]);
  });
});
