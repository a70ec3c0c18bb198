import type { ExchangeSort, ExchangeSummary } from '../../../src-main/contract/index.js';

export type SortOrder = 'asc' | 'desc';
export interface ListOrder {
  sort: ExchangeSort;
  order: SortOrder;
}

export const DEFAULT_ORDER: ListOrder = { sort: 'time', order: 'desc' };

type Key = number | string | null;

const KEY: Record<ExchangeSort, (s: ExchangeSummary) => Key> = {
  time: (s) => s.id,
  duration: (s) => s.timings.totalMs,
  ttft: (s) => s.timings.ttftMs,
  inputTokens: (s) => s.usage?.inputTokens ?? null,
  outputTokens: (s) => s.usage?.outputTokens ?? null,
  cost: (s) => s.costUsd,
  status: (s) => s.status,
  model: (s) => s.model?.toLowerCase() ?? null,
  host: (s) => s.host.toLowerCase(),
};

/**
 * The server's order (`exchange-list.ts`): by the column, NULLs last in both directions, id breaking ties in the same
 * direction. Live rows are placed with it, so they land where a reload would put them.
 */
export function rowComparator({ sort, order }: ListOrder): (a: ExchangeSummary, b: ExchangeSummary) => number {
  const dir = order === 'asc' ? 1 : -1;
  const key = KEY[sort];
  return (a, b) => {
    if (sort !== 'time') {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) {
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * dir;
      }
    }
    return (a.id - b.id) * dir;
  };
}

/** The sort key of a row changed (so a live update has to move it). */
export function sortKeyChanged(sort: ExchangeSort, a: ExchangeSummary, b: ExchangeSummary): boolean {
  return KEY[sort](a) !== KEY[sort](b);
}

/** Index where `row` goes in `rows` (sorted by `cmp`): the first position whose row sorts after it. */
export function insertionIndex(rows: readonly ExchangeSummary[], row: ExchangeSummary, cmp: (a: ExchangeSummary, b: ExchangeSummary) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid] as ExchangeSummary, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a click on a column header does: the same column flips direction, another starts at its natural one. */
export function nextOrder(current: ListOrder, clicked: ExchangeSort): ListOrder {
  if (current.sort === clicked) return { sort: clicked, order: current.order === 'desc' ? 'asc' : 'desc' };
  return { sort: clicked, order: clicked === 'model' || clicked === 'host' ? 'asc' : 'desc' };
}

/** Order from URL params (`sort`, `order`); anything unknown falls back to newest first. */
export function orderFromParams(params: URLSearchParams): ListOrder {
  const sort = params.get('sort');
  const order = params.get('order');
  const valid = sort !== null && sort in KEY ? (sort as ExchangeSort) : 'time';
  return { sort: valid, order: order === 'asc' ? 'asc' : order === 'desc' ? 'desc' : valid === 'model' || valid === 'host' ? 'asc' : 'desc' };
}

/** URL params for an order, leaving out the default so plain links stay plain. */
export function orderToParams(o: ListOrder): { sort: string | undefined; order: string | undefined } {
  if (o.sort === 'time' && o.order === 'desc') return { sort: undefined, order: undefined };
  return { sort: o.sort, order: o.order };
}
