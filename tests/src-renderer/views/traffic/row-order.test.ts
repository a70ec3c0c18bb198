import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChanges, indexOfIdInTimeOrder, mergeSorted } from '../../../../src-renderer/views/traffic/merge-rows.js';
import { nextOrder, orderFromParams, orderToParams, rowComparator } from '../../../../src-renderer/views/traffic/row-order.js';
import { summary } from './fixtures.js';

describe('rowComparator', () => {
  it('puts unknown values last in both directions and breaks ties by id', () => {
    const rows = [summary({ id: 1, costUsd: null }), summary({ id: 2, costUsd: 0.5 }), summary({ id: 3, costUsd: 0.1 }), summary({ id: 4, costUsd: 0.5 })];
    assert.deepEqual([...rows].sort(rowComparator({ sort: 'cost', order: 'desc' })).map((r) => r.id), [4, 2, 3, 1]);
    assert.deepEqual([...rows].sort(rowComparator({ sort: 'cost', order: 'asc' })).map((r) => r.id), [3, 2, 4, 1]);
  });

  it('orders names without regard to case', () => {
    const rows = [summary({ id: 1, model: 'b' }), summary({ id: 2, model: 'A' }), summary({ id: 3, model: 'c' })];
    assert.deepEqual([...rows].sort(rowComparator({ sort: 'model', order: 'asc' })).map((r) => r.id), [2, 1, 3]);
  });
});

describe('header clicks and URL params', () => {
  it('flips the same column and starts another at its natural direction', () => {
    assert.deepEqual(nextOrder({ sort: 'time', order: 'desc' }, 'time'), { sort: 'time', order: 'asc' });
    assert.deepEqual(nextOrder({ sort: 'time', order: 'desc' }, 'cost'), { sort: 'cost', order: 'desc' });
    assert.deepEqual(nextOrder({ sort: 'cost', order: 'desc' }, 'model'), { sort: 'model', order: 'asc' });
  });

  it('reads and writes sort params, leaving the default out', () => {
    assert.deepEqual(orderFromParams(new URLSearchParams('sort=cost&order=asc')), { sort: 'cost', order: 'asc' });
    assert.deepEqual(orderFromParams(new URLSearchParams('sort=bogus')), { sort: 'time', order: 'desc' });
    assert.deepEqual(orderToParams({ sort: 'time', order: 'desc' }), { sort: undefined, order: undefined });
    assert.deepEqual(orderToParams({ sort: 'ttft', order: 'asc' }), { sort: 'ttft', order: 'asc' });
  });
});

describe('merging rows', () => {
  const cmp = rowComparator({ sort: 'time', order: 'desc' });
  const r = (id: number) => summary({ id });

  it('merges sorted lists, new rows first when they are all newer', () => {
    assert.deepEqual(mergeSorted([r(3), r(2)], [r(5), r(4)], cmp).map((x) => x.id), [5, 4, 3, 2]);
    assert.deepEqual(mergeSorted([r(6), r(3), r(1)], [r(5), r(2)], cmp).map((x) => x.id), [6, 5, 3, 2, 1]);
    assert.deepEqual(mergeSorted([r(6)], [r(1)], cmp).map((x) => x.id), [6, 1]);
  });

  it('replaces in place, removes, and leaves rows past the loaded part out', () => {
    const rows = [r(9), r(7), r(5)];
    const out = applyChanges(rows, { replaced: new Map([[7, summary({ id: 7, status: 500 })]]), removed: new Set([9]), added: [r(8), r(2)] }, { sort: 'time', order: 'desc' }, false);
    assert.deepEqual(out.rows.map((x) => x.id), [8, 7, 5]);
    assert.equal(out.rows[1]?.status, 500);
    assert.deepEqual(out.beyond.map((x) => x.id), [2]);
    assert.equal(rows.length, 3, 'the input list is not changed');
  });

  it('finds ids in time order by binary search', () => {
    const desc = [r(9), r(7), r(5), r(2)];
    assert.equal(indexOfIdInTimeOrder(desc, 5, 'desc'), 2);
    assert.equal(indexOfIdInTimeOrder(desc, 6, 'desc'), -1);
    assert.equal(indexOfIdInTimeOrder([...desc].reverse(), 9, 'asc'), 3);
  });
});
