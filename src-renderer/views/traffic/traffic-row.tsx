import { memo } from 'react';
import type { ExchangeSummary } from '../../../src-main/contract/index.js';
import { formatCost, formatDuration, formatRowTime, formatTokens, modelOf, startOfDay, statusView, UNKNOWN, usageMark } from './format.js';
import { providerBadge } from './provider-badge.js';

export interface TrafficRowProps {
  row: ExchangeSummary;
  /** offset from the top of the list, px */
  top: number;
  /** the row's place in the list, from 0 (row elements are reused, and are not in list order: aria-rowindex says it) */
  index?: number;
  cursor: boolean;
  open: boolean;
  compare: boolean;
}

/**
 * One exchange, as a row of fixed height. Memoised on its props: a live batch re-renders only the rows whose summary
 * object changed. Scrolling mounts a screenful of these per frame, so a row is kept to few elements and attributes:
 * clicks are handled once, on the table, from `data-id` and `data-filter-key`/`-value`, and the tooltips of the time
 * (full date) and request (whole URL) cells are added by the table on hover.
 */
export const TrafficRow = memo(function TrafficRow({ row, top, index, cursor, open, compare }: TrafficRowProps) {
  const status = statusView(row);
  const badge = providerBadge(row.provider);
  const model = modelOf(row);
  const mark = usageMark(row.usage);
  const inFlight = row.state === 'pending' || row.state === 'streaming';
  let cls = `tr-row tone-${status.tone}`;
  if (cursor) cls += ' is-cursor';
  if (open) cls += ' is-open';
  if (compare) cls += ' is-compare';
  return (
    <div role="row" className={cls} style={{ transform: `translateY(${top}px)` }} data-testid="traffic-row" data-id={row.id} data-state={row.state} aria-rowindex={index === undefined ? undefined : index + 2} aria-selected={cursor || undefined}>
      <span className="c-time">{formatRowTime(row.startedAt, today())}</span>
      <span className={badge.color ? `c-prov tr-badge ${badge.color.slice(2)}` : 'c-prov tr-badge'} title={badge.title}>
        {badge.initials}
      </span>
      <span className={model ? 'c-model' : 'c-model dim'} title={row.responseModel && row.model && row.responseModel !== row.model ? `${row.model} → ${row.responseModel}` : undefined}>
        {model ?? (inFlight ? '…' : UNKNOWN)}
      </span>
      <span className="c-req">
        {row.starred && <em className="tr-star" title="starred" aria-label="starred">★</em>}
        <b>{row.method}</b>
        <i>{row.host}</i>
        {row.mode === 'tunnel' ? '' : row.path}
      </span>
      <span className="c-status" title={status.tone === 'ok' ? undefined : status.title}>
        {inFlight && <i className="tr-live" />}
        {status.text}
      </span>
      <span className="c-in num" title={mark?.title}>
        {tokens(row.usage?.inputTokens ?? null, mark?.mark)}
      </span>
      <span className="c-out num" title={mark?.title}>
        {tokens(row.usage?.outputTokens ?? null, mark?.mark)}
      </span>
      <span className={row.costUsd === null ? 'c-cost num dim' : 'c-cost num'}>{formatCost(row.costUsd)}</span>
      <span className="c-ttft num">{formatDuration(row.timings.ttftMs)}</span>
      <span className="c-dur num">{row.timings.totalMs === null && inFlight ? '…' : formatDuration(row.timings.totalMs)}</span>
      <span className="c-conv">
        {row.conversationId !== null && (
          <button type="button" className="tr-link" data-filter-key="conv" data-filter-value={row.conversationId}>
            {row.turn === null ? row.conversationId : `${row.conversationId} #${row.turn}`}
          </button>
        )}
      </span>
      <span className="c-tag">
        {row.tag !== null && (
          <button type="button" className="tr-link tr-tag" data-filter-key="tag" data-filter-value={row.tag}>
            {row.tag}
          </button>
        )}
      </span>
    </div>
  );
});

let todayCache = { start: 0, until: 0 };
/** Midnight today, worked out at most once a minute (rows ask on every render). */
function today(): number {
  const now = Date.now();
  if (now >= todayCache.until) todayCache = { start: startOfDay(now), until: now + 60_000 };
  return todayCache.start;
}

function tokens(n: number | null, mark: string | undefined) {
  if (n === null) return UNKNOWN;
  if (!mark) return formatTokens(n);
  return (
    <>
      <i className="tr-est">{mark}</i>
      {formatTokens(n)}
    </>
  );
}
