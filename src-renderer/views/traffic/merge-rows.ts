import type { ExchangeSummary } from '../../../src-main/contract/index.js';
import { rowComparator, sortKeyChanged, type ListOrder } from './row-order.js';

type Row = ExchangeSummary;

export interface RowChanges {
  /** rows already in the list, by id, with their new content */
  replaced: Map<number, Row>;
  /** ids to take out */
  removed: Set<number>;
  /** rows not in the list yet */
  added: Row[];
}

export interface MergeResult {
  rows: Row[];
  /** added rows that landed in the list */
  inserted: Row[];
  /** added rows left out because they sort past the loaded part of a longer list (a later page brings them) */
  beyond: Row[];
}

/**
 * Applies one batch of changes to a sorted list in a single pass, so a burst of events costs one copy of the array.
 * A replaced row stays in place unless its sort key changed, in which case it moves to where the order puts it. When
 * `complete` is false only the loaded part of a longer list is held: rows sorting after its last row are left out.
 */
export function applyChanges(rows: readonly Row[], changes: RowChanges, order: ListOrder, complete: boolean): MergeResult {
  const cmp = rowComparator(order);
  const { replaced, removed } = changes;
  const moving: Row[] = [];
  let base: Row[];
  if (removed.size === 0 && replaced.size === 0) base = rows as Row[];
  else {
    base = [];
    for (const r of rows) {
      if (removed.has(r.id)) continue;
      const next = replaced.get(r.id);
      if (next === undefined) base.push(r);
      else if (order.sort !== 'time' && sortKeyChanged(order.sort, r, next)) moving.push(next);
      else base.push(next);
    }
  }
  const adds = [...changes.added, ...moving].sort(cmp);
  if (adds.length === 0) return { rows: base === rows ? [...rows] : base, inserted: [], beyond: [] };
  const last = base[base.length - 1];
  const inserted: Row[] = [];
  const beyond: Row[] = [];
  for (const r of adds) (complete || last === undefined || cmp(r, last) < 0 ? inserted : beyond).push(r);
  return { rows: mergeSorted(base, inserted, cmp), inserted, beyond };
}

/** Merges two lists sorted by `cmp`; the common live case (everything new sorts first) is one concatenation. */
export function mergeSorted(a: readonly Row[], b: readonly Row[], cmp: (x: Row, y: Row) => number): Row[] {
  if (b.length === 0) return [...a];
  const firstA = a[0];
  const lastB = b[b.length - 1] as Row;
  if (firstA === undefined || cmp(lastB, firstA) < 0) return [...b, ...a];
  const lastA = a[a.length - 1] as Row;
  if (cmp(lastA, b[0] as Row) < 0) return [...a, ...b];
  const out: Row[] = new Array<Row>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i] as Row, b[j] as Row) <= 0 ? (a[i++] as Row) : (b[j++] as Row);
  while (i < a.length) out[k++] = a[i++] as Row;
  while (j < b.length) out[k++] = b[j++] as Row;
  return out;
}

/** Position of an id in a list in time order (binary search), or -1. */
export function indexOfIdInTimeOrder(rows: readonly Row[], id: number, order: 'asc' | 'desc'): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = (rows[mid] as Row).id;
    if (v === id) return mid;
    if (order === 'desc' ? v > id : v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
