import { useState, type KeyboardEvent } from 'react';
import { setParams, useRoute } from '../../app/router.js';
import { ChatTranscript } from './chat-transcript.js';
import { CompareTab } from './compare-tab.js';
import { DetailActions, DetailHeader } from './detail-header.js';
import { availableTabs, resolveTab, TAB_LABELS, type TabId } from './detail-tabs.js';
import { MessageSideView } from './message-side-view.js';
import { OverviewTab } from './overview-tab.js';
import { ResendOutcome, useResend } from './resend-action.js';
import { StreamTab } from './stream-tab.js';
import { useExchange } from './use-exchange.js';
import type { ExchangeDetail as Detail } from '../../../src-main/contract/index.js';
import type { LiveReply } from './use-exchange.js';

const MARKDOWN_KEY = 'llmi.chat.markdown';

function useMarkdownPref(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(MARKDOWN_KEY) !== 'false';
    } catch {
      return true;
    }
  });
  return [
    on,
    (v) => {
      setOn(v);
      try {
        localStorage.setItem(MARKDOWN_KEY, String(v));
      } catch {
        // storage refused (private window): the choice lasts for this pane only
      }
    },
  ];
}

function ChatTab({ exchange, live }: { exchange: Detail; live: LiveReply | null }) {
  const [markdown, setMarkdown] = useMarkdownPref();
  const req = exchange.llm?.request ?? null;
  const res = exchange.llm?.response ?? null;
  const inFlight = exchange.state === 'pending' || exchange.state === 'streaming';
  const reply = live?.message ?? res?.message ?? null;
  if (!req && !res && !live) return <div className="tab-empty dim">{inFlight ? 'The request is still being captured.' : 'No conversation: this is not an LLM call the inspector understands.'}</div>;
  return (
    <div className="chat-tab">
      <div className="chat-toolbar">
        <span className="dim">
          {req ? `${req.messages.length} message${req.messages.length === 1 ? '' : 's'}` : ''}
          {req && req.tools.length > 0 ? ` · ${req.tools.length} tool${req.tools.length === 1 ? '' : 's'}` : ''}
        </span>
        <label className="check" title="Render the reply’s Markdown (prompts are always shown as sent)">
          <input type="checkbox" checked={markdown} onChange={(e) => setMarkdown(e.target.checked)} data-testid="chat-markdown" /> Markdown
        </label>
      </div>
      <ChatTranscript
        markdown={markdown}
        messages={req?.messages ?? []}
        reply={reply}
        live={inFlight && live !== null ? !live.complete : inFlight}
        tools={req?.tools ?? []}
        error={res?.error ?? null}
      />
      {inFlight && !req && <div className="dim chat-noreply">The request’s messages appear once the exchange is stored.</div>}
      {!inFlight && res && !res.message && !res.error && <div className="dim chat-noreply">No reply message (embeddings, token counts or an empty response).</div>}
    </div>
  );
}

function TabBody({ tab, exchange, live, compareId }: { tab: TabId; exchange: Detail; live: LiveReply | null; compareId: number | null }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab exchange={exchange} />;
    case 'chat':
      return <ChatTab exchange={exchange} live={live} />;
    case 'request':
      return <MessageSideView exchange={exchange} which="request" />;
    case 'response':
      return <MessageSideView exchange={exchange} which="response" />;
    case 'stream':
      return <StreamTab exchange={exchange} />;
    case 'compare':
      return compareId !== null ? <CompareTab exchange={exchange} compareId={compareId} /> : null;
  }
}

function parseId(v: string | null): number | null {
  if (v === null || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
}

/**
 * The detail pane for one exchange: header with actions, then Overview / Chat / Request / Response / Stream / Compare.
 * The tab and the compared exchange live in the URL (`tab`, `compare`), so a bookmark reopens the same view.
 */
export function ExchangeDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const route = useRoute();
  const { data, error, loading, live } = useExchange(id);
  const resend = useResend(id);
  const compareParam = parseId(route.params.get('compare'));
  const compareId = compareParam !== null && compareParam !== id ? compareParam : null;
  const tabs = availableTabs(data, compareId !== null, live !== null);
  const tab = resolveTab(route.params.get('tab'), tabs);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length] as TabId;
    setParams({ tab: next });
    (e.currentTarget.querySelector(`[data-tab="${next}"]`) as HTMLElement | null)?.focus();
  };

  if (!data) {
    return (
      <section className="exchange-detail" data-testid="exchange-detail" data-id={id}>
        <div className="detail-line detail-placeholder">
          <span className={error ? 'error-text' : 'dim'}>{error ? `#${id}: ${error.message}` : loading ? `loading #${id}…` : `#${id}`}</span>
          <span className="spacer" />
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close detail (Esc)" data-testid="detail-close">
            ×
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="exchange-detail" data-testid="exchange-detail" data-id={id} data-state={data.state}>
      <DetailHeader exchange={data} onClose={onClose} />
      <div className="detail-bar">
        <div className="detail-tabs" role="tablist" aria-label="Exchange detail" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              tabIndex={t === tab ? 0 : -1}
              className={t === tab ? 'detail-tab active' : 'detail-tab'}
              data-testid={`tab-${t}`}
              data-tab={t}
              onClick={() => setParams({ tab: t })}
            >
              {TAB_LABELS[t]}
              {t === 'stream' && data.state === 'streaming' && <span className="live-dot" aria-hidden="true" />}
            </button>
          ))}
        </div>
        <DetailActions exchange={data} comparing={compareId} resend={resend} />
      </div>
      <ResendOutcome state={resend.state} dismiss={resend.dismiss} />
      <div className="detail-body" role="tabpanel" data-testid={`panel-${tab}`}>
        <TabBody tab={tab} exchange={data} live={live} compareId={compareId} />
      </div>
    </section>
  );
}
