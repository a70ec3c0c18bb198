import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useImperativeHandle, useLayoutEffect, useRef, type ReactNode, type Ref } from 'react';
import type { ExchangeSort } from '../../../src-main/contract/index.js';
import { COLUMNS, ROW_HEIGHT } from './columns.js';
import { formatDateTime } from './format.js';
import type { ListOrder } from './row-order.js';
import { slotted } from './row-slots.js';
import { TrafficRow } from './traffic-row.js';
import type { TrafficSnapshot, TrafficStore } from './traffic-store.js';
import type { Follow } from './use-follow.js';

/** The sticky header's height, px (rows start below it). Keep in step with traffic.css. */
const HEADER_HEIGHT = 26;
/** Load the next page when the last rendered row is this close to the end of the loaded ones. */
const LOAD_AHEAD_ROWS = 150;
/** Following a newest-first list keeps at most about this many rows (older ones page back in on scroll). */
const FOLLOW_MAX_ROWS = 50_000;

export interface TableApi {
  /** scrolls just enough to show a row */
  reveal: (index: number) => void;
  /** rows that fit in the viewport */
  pageRows: () => number;
  focus: () => void;
}

export interface TrafficTableProps {
  store: TrafficStore;
  snap: TrafficSnapshot;
  order: ListOrder;
  onSort: (sort: ExchangeSort) => void;
  cursorId: number | null;
  openId: number | null;
  compareId: number | null;
  onRowClick: (id: number, compare: boolean) => void;
  onFilter: (key: string, value: string) => void;
  follow: Follow;
  /** shown instead of rows when the list is empty (and not loading) */
  empty: ReactNode;
  /** floats over the top of the list: new rows while paused, or hidden by a search */
  pill: ReactNode;
  apiRef: Ref<TableApi>;
}

export function TrafficTable(p: TrafficTableProps) {
  const { snap, store, follow, order } = p;
  const rows = snap.rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ id: number; offset: number } | null>(null);
  const slots = useRef(new Map<number, number>());
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const newestFirst = order.order === 'desc';
  const tailable = order.sort === 'time';

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 6,
  });

  /** Remembers the row at the top of the viewport, so it can be kept there when rows arrive above it. */
  const captureAnchor = (el: HTMLElement) => {
    const index = Math.floor(el.scrollTop / ROW_HEIGHT);
    const row = rowsRef.current[index];
    anchor.current = row ? { id: row.id, offset: el.scrollTop - index * ROW_HEIGHT } : null;
  };

  useImperativeHandle(
    p.apiRef,
    () => ({
      reveal: (index) => {
        const el = scrollRef.current;
        if (!el) return;
        const top = index * ROW_HEIGHT;
        const visible = el.clientHeight - HEADER_HEIGHT;
        if (top < el.scrollTop) el.scrollTop = top;
        else if (top + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = top + ROW_HEIGHT - visible;
        // now, not on the scroll event: a render before it must not put the old view back
        captureAnchor(el);
      },
      pageRows: () => Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1),
      focus: () => scrollRef.current?.focus(),
    }),
    [],
  );


  // Follow keeps the tail in view; paused, the rows on screen stay put while new ones arrive above them.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (follow.following && tailable) {
      el.scrollTop = newestFirst ? 0 : el.scrollHeight;
      if (newestFirst && rows.length > FOLLOW_MAX_ROWS * 1.1) store.trim(FOLLOW_MAX_ROWS);
      captureAnchor(el);
      return;
    }
    const a = anchor.current;
    if (!a) return;
    const index = store.indexOf(a.id);
    if (index < 0) return;
    const want = index * ROW_HEIGHT + a.offset;
    if (Math.abs(el.scrollTop - want) >= 1) el.scrollTop = want;
  }, [rows, follow.following, tailable, newestFirst, store]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    captureAnchor(el);
    if (!tailable) return;
    const fromTail = newestFirst ? el.scrollTop : el.scrollHeight - el.clientHeight - el.scrollTop;
    if (follow.following && fromTail > ROW_HEIGHT * 2) follow.pause('scroll');
    else if (!follow.following && follow.reason === 'scroll' && fromTail < 2) follow.resume();
  };

  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (snap.hasMore && !snap.loadingMore && snap.status === 'ready' && lastIndex >= rows.length - LOAD_AHEAD_ROWS) void store.loadMore();
  }, [lastIndex, rows.length, snap.hasMore, snap.loadingMore, snap.status, store]);

  const onClick = (e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    const filter = target.closest<HTMLElement>('[data-filter-key]');
    if (filter?.dataset.filterKey && filter.dataset.filterValue !== undefined) {
      p.onFilter(filter.dataset.filterKey, filter.dataset.filterValue);
      return;
    }
    const row = target.closest<HTMLElement>('[data-id]');
    if (row?.dataset.id) p.onRowClick(Number(row.dataset.id), e.ctrlKey || e.metaKey);
  };

  // tooltips made when a cell is hovered rather than for every row mounted: the full date, the whole URL
  const onMouseOver = (e: React.MouseEvent) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.c-time, .c-req');
    const id = cell?.parentElement?.dataset.id;
    // a row element shows other rows as the list scrolls: the tooltip is remade when it was made for another one
    if (!cell || id === undefined || cell.dataset.tipFor === id) return;
    const row = rows[store.indexOf(Number(id))];
    if (!row) return;
    cell.title = cell.classList.contains('c-time') ? formatDateTime(row.startedAt) : `${row.method} ${row.url}`;
    cell.dataset.tipFor = id;
  };

  const showEmpty = rows.length === 0 && snap.status !== 'loading';
  return (
    <div className="tr-table-wrap">
      {p.pill}
      <div
        ref={scrollRef}
        className="tr-scroll"
        role="grid"
        aria-rowcount={rows.length}
        aria-label="Exchanges"
        tabIndex={0}
        data-testid="traffic-table"
        data-rows={rows.length}
        onScroll={onScroll}
        onClick={onClick}
        onMouseOver={onMouseOver}
      >
        <div className="tr-spacer" style={{ height: showEmpty ? undefined : virtualizer.getTotalSize() }}>
          <TableHead order={order} onSort={p.onSort} />
          {snap.status === 'loading' && rows.length === 0 && <div className="tr-loading">Loading exchanges…</div>}
          {showEmpty && p.empty}
          {slotted(slots.current, items, rows).map((item, slot) => {
            const row = item && rows[item.index];
            if (!item || !row) return null;
            return (
              <TrafficRow
                key={slot}
                row={row}
                top={item.start}
                index={item.index}
                cursor={row.id === p.cursorId}
                open={row.id === p.openId}
                compare={row.id === p.compareId}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The sticky header; memoised, since scrolling re-renders the table on every frame. */
const TableHead = memo(function TableHead({ order, onSort }: { order: ListOrder; onSort: (s: ExchangeSort) => void }) {
  return (
    <div className="tr-head" role="row">
      {COLUMNS.map((c) => (
        <HeaderCell key={c.id} column={c} order={order} onSort={onSort} />
      ))}
    </div>
  );
});

function HeaderCell({ column, order, onSort }: { column: (typeof COLUMNS)[number]; order: ListOrder; onSort: (s: ExchangeSort) => void }) {
  const cls = `c-${column.id}${column.numeric ? ' num' : ''}`;
  if (!column.sort) {
    return (
      <span role="columnheader" className={cls} title={column.title}>
        {column.label}
      </span>
    );
  }
  const sort = column.sort;
  const active = order.sort === sort;
  return (
    <button
      type="button"
      role="columnheader"
      className={`${cls} tr-sort${active ? ' is-sorted' : ''}`}
      title={`${column.title}. Click to sort.`}
      aria-sort={active ? (order.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      data-testid={`sort-${sort}`}
      onClick={() => onSort(sort)}
    >
      {column.label}
      {active && (
        <svg className="tr-sort-icon" width="8" height="8" viewBox="0 0 8 8" aria-hidden="true">
          <path d={order.order === 'asc' ? 'M4 1L7 6H1Z' : 'M4 7L1 2H7Z'} fill="currentColor" />
        </svg>
      )}
    </button>
  );
}
