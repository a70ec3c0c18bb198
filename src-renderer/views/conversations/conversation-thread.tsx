import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ExchangeDetail, ServiceEvent } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { formatHash, navigate, useRoute } from '../../app/router.js';
import { formatCount, formatMs, formatUsd, formatWhen, trafficParams, useLiveRefresh } from '../dashboard/index.js';
import { ChatTranscript } from '../exchange/index.js';
import { shortId } from './conversation-params.js';
import { TurnBars } from './turn-bars.js';
import { threadOf, turnRows, turnTotals } from './turn-rows.js';

/** Calls fetched for one conversation; longer threads show their latest calls. */
const MAX_CALLS = 1000;

/**
 * `#/conversations/<id>`: the whole thread as the latest call sent it (its request carries every earlier message) plus
 * that call's reply, beside per-call token bars and totals.
 */
export function ConversationThread({ id }: { id: string }) {
  const { params } = useRoute();
  const calls = useCommand('exchanges.list', { conversationId: id, limit: MAX_CALLS });
  const rows = useMemo(() => turnRows(calls.data?.items ?? []), [calls.data]);
  const totals = useMemo(() => turnTotals(rows), [rows]);
  // the newest finished call carries the thread; a call still running has no reply to show yet
  const latest = [...rows].reverse().find((r) => !r.live) ?? rows[rows.length - 1];
  const detail = useCommand('exchanges.get', latest ? { id: latest.id } : null);
  // while the next call's detail loads, the previous thread stays on screen
  const thread = threadOf(detail.data?.llm);

  const reloadRef = useRef(calls.reload);
  reloadRef.current = calls.reload;
  const refresh = useCallback(() => reloadRef.current(), []);
  useLiveRefresh((e: ServiceEvent) => (e.event === 'exchange.finished' && e.data.conversationId === id) || e.event === 'store.cleared', refresh);

  const back = useCallback(() => navigate(['conversations'], params), [params]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))) return;
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back]);

  const first = rows[0];
  const model = latest?.model ?? null;
  const provider = calls.data?.items.find((e) => e.id === latest?.id)?.provider ?? null;
  const tag = calls.data?.items.find((e) => e.tag !== null)?.tag ?? null;
  const openCall = (callId: number) => navigate(['traffic'], { id: String(callId) });

  return (
    <section className="conv-thread-view" data-testid="conversation-thread" data-id={id}>
      <header className="conv-thread-head">
        <a className="conv-back" href={formatHash(['conversations'], params)} title="Back to the list (Esc)" data-testid="conversation-back">
          ‹ Conversations
        </a>
        <h1 className="mono" title={id}>
          {shortId(id)}
        </h1>
        {model && <span>{model}</span>}
        {provider && <span className="dim">{provider}</span>}
        {tag && <span className="conv-tag">{tag}</span>}
        {first && latest && (
          <span className="dim" title={`${new Date(first.startedAt).toLocaleString()} → ${new Date(latest.startedAt).toLocaleString()}`}>
            {formatWhen(first.startedAt, Date.now())}
            {latest.startedAt !== first.startedAt ? ` → ${formatWhen(latest.startedAt, Date.now())}` : ''}
          </span>
        )}
        <span className="conv-toolbar-end">
          {(calls.loading || detail.loading) && <span className="dash-spinner" aria-label="loading" />}
          <button type="button" onClick={() => navigate(['traffic'], trafficParams({ conversation: id }))} title="Every call of this conversation in Traffic" data-testid="conversation-open-traffic">
            All calls in Traffic
          </button>
          {latest && (
            <button type="button" onClick={() => openCall(latest.id)} title="Open the latest call in Traffic">
              Latest call
            </button>
          )}
        </span>
      </header>
      {calls.error && (
        <div className="conv-error" role="alert">
          Could not load this conversation: {calls.error.message}{' '}
          <button type="button" onClick={refresh}>
            Retry
          </button>
        </div>
      )}
      {calls.data && rows.length === 0 && (
        <div className="conv-empty" data-testid="conversation-missing">
          No calls are stored for this conversation (it may have been cleared). <a href={formatHash(['conversations'], params)}>Back to the list</a>
        </div>
      )}
      {rows.length > 0 && (
        <div className="conv-thread-body">
          <div className="conv-transcript" data-testid="conversation-transcript">
            {detail.error && <div className="conv-error">Could not load the latest call: {detail.error.message}</div>}
            {detail.data && !detail.data.llm?.request && (
              <div className="conv-empty">
                The latest call could not be read as an LLM conversation.{' '}
                <button type="button" onClick={() => latest && openCall(latest.id)}>
                  Open it in Traffic
                </button>
              </div>
            )}
            {detail.data?.llm?.request && <ChatTranscript messages={thread.messages} reply={thread.reply} />}
            {detail.data && callError(detail.data) && (
              <div className="conv-call-error" data-testid="conversation-call-error">
                <strong>The latest call failed</strong> {callError(detail.data)}
              </div>
            )}
            {!detail.data && !detail.error && <div className="conv-empty dim">Loading the thread…</div>}
          </div>
          <aside className="conv-side">
            <dl className="conv-totals" data-testid="conversation-totals">
              <Total label="Calls" value={String(totals.calls)} />
              <Total label="Tokens in" value={formatCount(totals.inputTokens)} sub={totals.cachedTokens > 0 ? `${formatCount(totals.cachedTokens)} cached` : undefined} />
              <Total label="Tokens out" value={formatCount(totals.outputTokens)} />
              <Total label="Cost" value={totals.costUsd === null ? 'unknown' : formatUsd(totals.costUsd)} sub={totals.unpriced > 0 && totals.costUsd !== null ? `${totals.unpriced} unpriced` : undefined} />
              <Total label="Errors" value={String(totals.errors)} tone={totals.errors > 0 ? 'error' : undefined} />
              <Total label="Model time" value={formatMs(totals.durationMs)} sub={totals.calls > 1 ? `over ${formatMs(totals.spanMs)}` : undefined} />
            </dl>
            <h2 className="conv-side-title">
              Tokens per call
              <span className="conv-side-legend">
                <span className="turn-key in" /> input <span className="turn-key out" /> output
              </span>
            </h2>
            <TurnBars rows={rows} maxTokens={totals.maxTokens} onOpen={openCall} />
            {calls.data && calls.data.items.length >= MAX_CALLS && <p className="dim">Showing the latest {MAX_CALLS} calls.</p>}
          </aside>
        </div>
      )}
    </section>
  );
}

/** What went wrong with a call, in the provider's words where it gave some. */
function callError(d: ExchangeDetail): string | null {
  const llmError = d.llm?.response?.error;
  if (llmError) return `${d.status ?? ''} ${llmError.type}: ${llmError.message}`.trim();
  if (d.error) return `${d.error.code}: ${d.error.message}`;
  if (d.status !== null && d.status >= 400) return `HTTP ${d.status}`;
  return null;
}

function Total({ label, value, sub, tone }: { label: string; value: string; sub?: string | undefined; tone?: 'error' | undefined }) {
  return (
    <div className="conv-total">
      <dt>{label}</dt>
      <dd className={tone === 'error' ? 'error-text' : undefined}>{value}</dd>
      {sub && <dd className="conv-total-sub dim">{sub}</dd>}
    </div>
  );
}
