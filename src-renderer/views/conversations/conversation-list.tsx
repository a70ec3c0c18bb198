import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationSummary, ServiceEvent } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { navigate, setParams, useRoute } from '../../app/router.js';
import { formatCount, formatUsd, formatWhen, useLiveRefresh } from '../dashboard/index.js';
import { ConversationFilterBar } from './conversation-filters.js';
import { conversationQuery, filterParams, pageInfo, parseConversationFilters, shortId, type ConversationFilters } from './conversation-params.js';

const isConversationEvent = (e: ServiceEvent) =>
  (e.event === 'exchange.finished' && e.data.conversationId !== null) || e.event === 'store.cleared';

/** `#/conversations?provider=…&model=…&tag=…&range=24h&page=2`: conversations, latest activity first. */
export function ConversationList() {
  const { params } = useRoute();
  const filters = useMemo(() => parseConversationFilters(params), [params]);
  const [now, setNow] = useState(() => Date.now());
  const list = useCommand('conversations.list', conversationQuery(filters, now));
  const reloadRef = useRef(list.reload);
  reloadRef.current = list.reload;
  const refresh = useCallback(() => {
    setNow(Date.now());
    reloadRef.current();
  }, []);
  useLiveRefresh(isConversationEvent, refresh);

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const page = pageInfo(filters.page, items.length, total);
  const [cursor, setCursor] = useState(0);
  useEffect(() => setCursor(0), [filters]);

  const change = (patch: Partial<ConversationFilters>) => setParams(filterParams({ ...patch, page: 1 }));
  const goPage = (p: number) => setParams({ page: p > 1 ? String(p) : undefined }, { replace: false });
  const open = (c: ConversationSummary) => navigate(['conversations', c.id], params);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const move = (d: number) => {
      e.preventDefault();
      setCursor((c) => Math.min(Math.max(0, c + d), Math.max(0, items.length - 1)));
    };
    if (e.key === 'ArrowDown' || e.key === 'j') move(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
    else if (e.key === 'Enter' && items[cursor]) open(items[cursor]);
    else if (e.key === 'PageDown' && page.hasNext) goPage(filters.page + 1);
    else if (e.key === 'PageUp' && page.hasPrev) goPage(filters.page - 1);
  };
  const filtered = filters.provider !== '' || filters.model !== '' || filters.tag !== '' || filters.range !== 'all';

  return (
    <section className="conv-list-view">
      <header className="conv-toolbar">
        <h1>Conversations</h1>
        <ConversationFilterBar filters={filters} onChange={change} />
        <span className="conv-toolbar-end">
          {list.loading && <span className="dash-spinner" aria-label="loading" />}
          <span className="dim" data-testid="conversations-count">
            {list.data ? `${formatCount(total)} conversation${total === 1 ? '' : 's'}` : ''}
          </span>
          <button type="button" onClick={refresh} title="Refresh">
            Refresh
          </button>
        </span>
      </header>
      {list.error && (
        <div className="conv-error" role="alert" data-testid="conversations-error">
          Could not load conversations: {list.error.message}{' '}
          <button type="button" onClick={refresh}>
            Retry
          </button>
        </div>
      )}
      <div className="conv-table-wrap" tabIndex={0} onKeyDown={onKeyDown} data-testid="conversations-list" aria-label="Conversations (arrow keys to move, Enter to open)">
        <table className="conv-table">
          <thead>
            <tr>
              <th>Conversation</th>
              <th>Model</th>
              <th className="num">Calls</th>
              <th className="num">Turns</th>
              <th className="num" title="input + output tokens over every call">Tokens</th>
              <th className="num">Cost</th>
              <th>First</th>
              <th>Last</th>
              <th>Tag</th>
              <th className="num">Errors</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => (
              <ConversationRow key={c.id} c={c} now={now} selected={i === cursor} onOpen={() => open(c)} onFocus={() => setCursor(i)} />
            ))}
          </tbody>
        </table>
        {list.data && items.length === 0 && (
          <div className="conv-empty" data-testid="conversations-empty">
            {filtered ? (
              <>
                No conversations match these filters.{' '}
                <button type="button" onClick={() => change({ provider: '', model: '', tag: '', range: 'all' })}>
                  Clear filters
                </button>
              </>
            ) : (
              <>No conversations yet. Calls that continue a chat (or carry a session id) are grouped here as they finish.</>
            )}
          </div>
        )}
        {!list.data && !list.error && <div className="conv-empty dim">Loading…</div>}
      </div>
      <footer className="conv-pager">
        <span className="dim" data-testid="conversations-range">
          {total > 0 ? `${page.first}–${page.last} of ${formatCount(total)}` : ''}
        </span>
        <button type="button" disabled={!page.hasPrev} onClick={() => goPage(filters.page - 1)} data-testid="conversations-prev" title="Previous page (PageUp)">
          ‹ Prev
        </button>
        <span className="dim">
          page {filters.page} / {page.pages}
        </span>
        <button type="button" disabled={!page.hasNext} onClick={() => goPage(filters.page + 1)} data-testid="conversations-next" title="Next page (PageDown)">
          Next ›
        </button>
      </footer>
    </section>
  );
}

function ConversationRow({ c, now, selected, onOpen, onFocus }: { c: ConversationSummary; now: number; selected: boolean; onOpen: () => void; onFocus: () => void }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const tokens = c.inputTokens + c.outputTokens;
  return (
    <tr
      ref={ref}
      className={selected ? 'selected' : undefined}
      data-testid="conversation-row"
      data-id={c.id}
      aria-selected={selected}
      onClick={onOpen}
      onMouseDown={onFocus}
    >
      <td className="mono conv-id" title={c.id}>
        {shortId(c.id)}
      </td>
      <td className="conv-model" title={c.provider ?? undefined}>
        {c.model ?? <span className="dim">—</span>}
        {c.provider && <span className="dim"> · {c.provider}</span>}
      </td>
      <td className="num">{c.calls}</td>
      <td className="num">{c.turns}</td>
      <td className="num" title={`${c.inputTokens.toLocaleString()} in / ${c.outputTokens.toLocaleString()} out`}>
        {formatCount(tokens)}
      </td>
      <td className="num">{c.costUsd === null ? <span className="dim" title="no call had a known price">unknown</span> : formatUsd(c.costUsd)}</td>
      <td className="conv-time" title={new Date(c.firstAt).toLocaleString()}>
        {formatWhen(c.firstAt, now)}
      </td>
      <td className="conv-time" title={new Date(c.lastAt).toLocaleString()}>
        {formatWhen(c.lastAt, now)}
      </td>
      <td>{c.tag ? <span className="conv-tag">{c.tag}</span> : null}</td>
      <td className={c.errors > 0 ? 'num error-text' : 'num dim'}>{c.errors > 0 ? c.errors : '0'}</td>
    </tr>
  );
}
