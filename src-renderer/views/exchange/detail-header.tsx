import { useEffect, useState } from 'react';
import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { ComparePicker } from './compare-picker.js';
import { CopyButton } from './copy-button.js';
import { curlCommand } from './curl-snippet.js';
import { formatCost, formatDuration, formatTokens, statusLine, statusTone } from './format.js';
import { ResendButton, type useResend } from './resend-action.js';
import { SnippetMenu } from './snippet-menu.js';
import { StarToggle } from './star-toggle.js';

export function StatePill({ exchange }: { exchange: Pick<ExchangeDetail, 'status' | 'state'> }) {
  const { status, state } = exchange;
  const tone = statusTone(status, state);
  const text = state === 'pending' ? 'waiting' : state === 'streaming' ? `${status ?? ''} streaming`.trim() : state === 'complete' && status !== null ? statusLine(status) : status !== null ? `${status} ${state}` : state;
  return (
    <span className={`pill pill-${tone}`} data-testid="detail-status" data-state={state}>
      {tone === 'live' && <span className="live-dot" aria-hidden="true" />}
      {text}
    </span>
  );
}

/** Time since the request started, ticking while the exchange is in flight. */
function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  return (
    <span title="running time so far" data-testid="detail-elapsed">
      {formatDuration(Math.max(0, now - since))}…
    </span>
  );
}

interface ActionsProps {
  exchange: ExchangeDetail;
  comparing: number | null;
  resend: ReturnType<typeof useResend>;
}

/** What can be done with the exchange: copy it as curl or SDK code, send it again, diff it against another call. */
export function DetailActions({ exchange: x, comparing, resend }: ActionsProps) {
  const curl = () =>
    curlCommand({
      method: x.method,
      url: x.url,
      headers: x.request.headers,
      body: x.request.body,
      bodyEncoding: x.request.bodyEncoding,
      provider: x.provider,
      stream: x.stream,
    });
  // an exchange still in flight is stored without its request body: a command built now would lack it
  const bodyPending = x.request.body === null && (x.state === 'pending' || x.state === 'streaming');
  return (
    <span className="detail-actions">
      <CopyButton
        text={curl}
        label="Copy as curl"
        testId="copy-curl"
        disabled={bodyPending}
        title={
          bodyPending
            ? 'Available once the exchange is stored'
            : x.request.truncated
              ? 'The stored request body was truncated: the command sends only what was kept'
              : 'The request as a curl command (keys from environment variables)'
        }
      />
      <SnippetMenu exchange={x} />
      <ResendButton state={resend.state} resend={resend.resend} disabled={x.mode === 'tunnel' || x.state === 'pending'} />
      <ComparePicker exchange={x} comparing={comparing} />
    </span>
  );
}

/** Method, URL, state, and who and what was called. */
export function DetailHeader({ exchange: x, onClose }: { exchange: ExchangeDetail; onClose: () => void }) {
  const u = x.usage;
  const model = x.model ?? x.responseModel;
  return (
    <header className="detail-head">
      <div className="detail-line">
        <span className="method mono" data-testid="detail-method">{x.method}</span>
        <span className="detail-url mono" title={x.url} data-testid="detail-url">
          <span className="dim">{x.url.slice(0, x.url.indexOf(x.host) + x.host.length)}</span>
          {x.url.slice(x.url.indexOf(x.host) + x.host.length)}
        </span>
        <span className="mono dim detail-id">#{x.id}</span>
        <StarToggle id={x.id} starred={x.starred} />
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close detail (Esc)" title="Close (Esc)" data-testid="detail-close">
          ×
        </button>
      </div>
      <div className="detail-line detail-facts">
        <StatePill exchange={x} />
        {x.provider && (
          <span className="chip" title={x.api ?? undefined}>
            {x.provider}
          </span>
        )}
        {model && (
          <span className="mono" title="model requested → model that answered">
            {model}
            {x.responseModel && x.model && x.responseModel !== x.model && <span className="dim"> → {x.responseModel}</span>}
          </span>
        )}
        {x.timings.totalMs === null && (x.state === 'pending' || x.state === 'streaming') ? (
          <Elapsed since={x.startedAt} />
        ) : (
          <span title="total duration">{formatDuration(x.timings.totalMs)}</span>
        )}
        {u && (
          <span title="input → output tokens">
            {formatTokens(u.inputTokens)} → {formatTokens(u.outputTokens)} tok
          </span>
        )}
        {u && <span title="cost">{formatCost(x.costUsd)}</span>}
      </div>
    </header>
  );
}
