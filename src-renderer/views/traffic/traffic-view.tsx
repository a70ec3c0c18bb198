import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExchangeSort } from '../../../src-main/contract/index.js';
import { formatHash, setParams, useRoute } from '../../app/router.js';
import { EmptyState } from './empty-state.js';
import { FilterBar } from './filter-bar.js';
import { FILTER_PARAM_NAMES, filterTextFromParams, isEmptyFilter, parseFilter, setTerm } from './filter-query.js';
import { FollowToggle, NewRowsPill } from './follow-controls.js';
import { keyAction, moveCursor, type KeyTarget } from './keyboard.js';
import { nextOrder, orderFromParams, orderToParams } from './row-order.js';
import { SplitPane } from './split-pane.js';
import { TrafficTable, type TableApi } from './traffic-table.js';
import { useFollow } from './use-follow.js';
import { useTrafficStore } from './use-traffic-store.js';

// The detail pane brings the editor and diff views; the table shows first without waiting for them.
const ExchangeDetail = lazy(() => import('../exchange/index.js').then((m) => ({ default: m.ExchangeDetail })));

const idParam = (v: string | null): number | null => {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * Traffic: every exchange as it happens, in a dense virtual table, filtered by a typed query kept in the URL
 * (`#/traffic?q=…&sort=…&id=…&compare=…`), with the selected exchange open beside it.
 */
export function TrafficView() {
  const { params } = useRoute();
  const text = params.get('q') ?? '';
  const [refreshes, setRefreshes] = useState(0);
  // relative times (since:15m) are resolved when the text changes, or on a refresh
  const parsed = useMemo(() => parseFilter(text), [text, refreshes]);
  const sortParam = params.get('sort');
  const orderParam = params.get('order');
  const order = useMemo(() => orderFromParams(new URLSearchParams({ sort: sortParam ?? '', order: orderParam ?? '' })), [sortParam, orderParam]);
  const openId = idParam(params.get('id'));
  const compareId = idParam(params.get('compare'));

  // links written with the contract's names (?model=…&tag=…) are folded into the filter text
  useEffect(() => {
    const folded = filterTextFromParams(params);
    if (folded === null) return;
    const patch: Record<string, string | undefined> = Object.fromEntries(FILTER_PARAM_NAMES.map((n) => [n, undefined]));
    setParams({ ...patch, q: [text, folded].filter(Boolean).join(' ') });
  }, [params, text]);

  const { store, snap } = useTrafficStore(parsed.filter, order, refreshes);
  const follow = useFollow(useCallback(() => store.mark(), [store]));
  const tailable = order.sort === 'time';
  const { resume } = follow;
  // a new query starts at the newest rows
  useEffect(() => resume(), [text, order, refreshes, resume]);

  const [cursorId, setCursorId] = useState<number | null>(openId);
  useEffect(() => {
    if (openId !== null) setCursorId(openId);
  }, [openId]);
  useEffect(() => {
    store.setPinned([openId, compareId, cursorId].filter((x): x is number => x !== null));
  }, [store, openId, compareId, cursorId]);

  const table = useRef<TableApi>(null);
  const filterInput = useRef<HTMLInputElement>(null);

  const open = useCallback((id: number) => setParams({ id: String(id), compare: undefined }), []);
  const close = useCallback(() => setParams({ id: undefined, compare: undefined }), []);
  const setCompare = useCallback(
    (id: number) => {
      if (openId === null) open(id);
      else if (id !== openId) setParams({ compare: compareId === id ? undefined : String(id) });
    },
    [openId, compareId, open],
  );

  const onRowClick = (id: number, compare: boolean) => {
    follow.pause('select');
    setCursorId(id);
    if (compare) setCompare(id);
    else open(id);
  };
  const onSort = useCallback((sort: ExchangeSort) => setParams(orderToParams(nextOrder(order, sort))), [order]);
  const setText = (q: string) => setParams({ q: q || undefined });

  // keys: one listener for the view, reading the latest state through a ref
  const keyState = useRef({ snap, cursorId, openId, compareId, follow, tailable });
  keyState.current = { snap, cursorId, openId, compareId, follow, tailable };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = keyTarget(e.target);
      const inDetail = e.target instanceof Element && e.target.closest('.tr-split-detail') !== null;
      const action = keyAction(e, target);
      if (!action || target === 'filter') return;
      if (inDetail && action.type !== 'close') return;
      const s = keyState.current;
      const rows = s.snap.rows;
      const at = s.cursorId === null ? -1 : store.indexOf(s.cursorId);
      const moveTo = (index: number) => {
        const row = rows[index];
        if (!row) return;
        s.follow.pause('select');
        setCursorId(row.id);
        table.current?.reveal(index);
      };
      switch (action.type) {
        case 'move':
          moveTo(moveCursor(at, action.delta, rows.length));
          break;
        case 'page':
          moveTo(moveCursor(at, action.direction * (table.current?.pageRows() ?? 20), rows.length));
          break;
        case 'first':
          moveTo(0);
          break;
        case 'last':
          moveTo(rows.length - 1);
          break;
        case 'open':
          if (s.cursorId !== null) setParams({ id: String(s.cursorId), compare: undefined });
          break;
        case 'close':
          if (s.openId !== null) setParams({ id: undefined, compare: undefined });
          table.current?.focus();
          break;
        case 'compare':
          if (s.cursorId !== null && s.openId !== null && s.cursorId !== s.openId) {
            setParams({ compare: s.compareId === s.cursorId ? undefined : String(s.cursorId) });
          }
          break;
        case 'focusFilter':
          filterInput.current?.focus();
          filterInput.current?.select();
          break;
        case 'toggleFollow':
          if (!s.tailable) return;
          if (s.follow.following) s.follow.pause('user');
          else s.follow.resume();
          break;
        case 'leaveFilter':
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const filtered = !isEmptyFilter(parsed.filter);
  const searching = parsed.filter.search !== undefined;
  const empty = (
    <EmptyState
      kind={snap.status === 'error' ? 'error' : filtered ? 'no-match' : 'no-traffic'}
      error={snap.error}
      searching={searching}
      onClear={() => setText('')}
      onRetry={() => void store.reload()}
    />
  );
  const pill = (
    <NewRowsPill
      hidden={searching ? snap.newHidden : 0}
      paused={tailable && !follow.following ? snap.newSinceMark : 0}
      onRefresh={() => setRefreshes((n) => n + 1)}
      onJump={resume}
    />
  );

  return (
    <section className="traffic" data-testid="traffic-view">
      <FilterBar
        text={text}
        parsed={parsed}
        onChange={setText}
        store={store}
        inputRef={filterInput}
        onLeave={() => table.current?.focus()}
        followToggle={
          <>
            <a className="tr-export-link" href={formatHash(['export'], text ? { q: text } : {})} data-testid="export-these" title="Export what this filter shows as a dataset or HAR">
              Export…
            </a>
            <FollowToggle follow={follow} enabled={tailable} newCount={snap.newSinceMark} />
          </>
        }
      />
      <SplitPane
        detail={
          openId === null ? null : (
            <Suspense fallback={<div className="view-loading" aria-busy="true" />}>
              <ExchangeDetail key={openId} id={openId} onClose={close} />
            </Suspense>
          )
        }
      >
        <TrafficTable
          store={store}
          snap={snap}
          order={order}
          onSort={onSort}
          cursorId={cursorId}
          openId={openId}
          compareId={compareId}
          onRowClick={onRowClick}
          onFilter={(key, value) => setText(setTerm(text, key, value))}
          follow={follow}
          empty={empty}
          pill={pill}
          apiRef={table}
        />
        <StatusLine count={snap.rows.length} hasMore={snap.hasMore} loadingMore={snap.loadingMore} error={snap.status === 'ready' ? snap.error : null} onRetry={() => void store.loadMore()} />
      </SplitPane>
    </section>
  );
}

function keyTarget(t: EventTarget | null): KeyTarget {
  if (!(t instanceof HTMLElement)) return 'other';
  if (t.dataset.testid === 'filter-input') return 'filter';
  if (t.isContentEditable || t.closest('input, textarea, select, [contenteditable], .cm-editor') !== null) return 'editable';
  return 'other';
}

function StatusLine(p: { count: number; hasMore: boolean; loadingMore: boolean; error: string | null; onRetry: () => void }) {
  return (
    <div className="tr-status" data-testid="traffic-status">
      <span>
        {p.count.toLocaleString('en-US')} exchange{p.count === 1 ? '' : 's'}
        {p.hasMore ? ' loaded · more below' : ''}
      </span>
      {p.loadingMore && <span className="dim">loading more…</span>}
      {p.error && (
        <span className="error-text">
          {p.error}{' '}
          <button type="button" className="tr-link" onClick={p.onRetry}>
            retry
          </button>
        </span>
      )}
    </div>
  );
}
