import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { ComparePicker } from './compare-picker.js';
import { CopyButton } from './copy-button.js';
import { curlCommand } from './curl-snippet.js';
import { formatCost, formatDuration, formatTokens, statusLine, statusTone } from './format.js';
import { ResendButton, type useResend } from './resend-action.js';
import { SnippetMenu } from './snippet-menu.js';

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

interface HeaderProps {
  exchange: ExchangeDetail;
  comparing: number | null;
  resend: ReturnType<typeof useResend>;
  onClose: () => void;
}

/** Method, URL, state, who and what was called, and the actions on the exchange. */
export function DetailHeader({ exchange: x, comparing, resend, onClose }: HeaderProps) {
  const u = x.usage;
  const model = x.model ?? x.responseModel;
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
  return (
    <header className="detail-head">
      <div className="detail-line">
        <span className="method mono" data-testid="detail-method">{x.method}</span>
        <span className="detail-url mono" title={x.url} data-testid="detail-url">
          <span className="dim">{x.url.slice(0, x.url.indexOf(x.host) + x.host.length)}</span>
          {x.url.slice(x.url.indexOf(x.host) + x.host.length)}
        </span>
        <span className="mono dim detail-id">#{x.id}</span>
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
        <span title="total duration">{formatDuration(x.timings.totalMs)}</span>
        {u && (
          <span title="input → output tokens">
            {formatTokens(u.inputTokens)} → {formatTokens(u.outputTokens)} tok
          </span>
        )}
        {x.provider && <span title="cost">{formatCost(x.costUsd)}</span>}
        <span className="spacer" />
        <span className="detail-actions">
          <CopyButton text={curl} label="Copy as curl" testId="copy-curl" title={x.request.truncated ? 'The stored request body was truncated: the command sends only what was kept' : 'The request as a curl command (keys from environment variables)'} />
          <SnippetMenu exchange={x} />
          <ResendButton state={resend.state} resend={resend.resend} disabled={x.mode === 'tunnel' || x.state === 'pending'} />
          <ComparePicker exchange={x} comparing={comparing} />
        </span>
      </div>
    </header>
  );
}
