import { useMemo, useState, type ReactNode } from 'react';
import type { ExchangeDetail, LlmMessage } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { setParams } from '../../app/router.js';
import { compareExchanges, diffableBody, type CompareSummary } from './compare-summary.js';
import { formatCost, formatDelta, formatDuration, formatParamValue } from './format.js';
import { MergeViewer } from './merge-viewer.js';

function messageGist(m: LlmMessage): string {
  const p = m.parts[0];
  const more = m.parts.length > 1 ? ` (+${m.parts.length - 1} parts)` : '';
  if (!p) return '(empty)';
  const text =
    p.type === 'text' || p.type === 'thinking' || p.type === 'refusal'
      ? p.text
      : p.type === 'tool_call'
        ? `call ${p.name}(${p.arguments})`
        : p.type === 'tool_result'
          ? `result ${p.name ?? p.toolCallId ?? ''}: ${p.content}`
          : `image ${p.mediaType ?? ''}`;
  const line = text.replace(/\s+/g, ' ').trim();
  return (line.length > 120 ? `${line.slice(0, 119)}…` : line) + more;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <li data-testid={testId}>
      <span className="cmp-label">{label}</span> {children}
    </li>
  );
}

function who(x: ExchangeDetail): string {
  return `#${x.id}${x.turn !== null ? ` (turn ${x.turn})` : ''}`;
}

function Summary({ s }: { s: CompareSummary }) {
  const m = s.messages;
  const money = (v: number) => formatCost(v);
  return (
    <ul className="cmp-summary" data-testid="compare-summary">
      <Fact label="Order">
        {who(s.older)} → {who(s.newer)}
      </Fact>
      {s.model && (
        <Fact label="Model" testId="compare-model">
          <span className="mono">{s.model.from ?? '—'}</span> → <span className="mono">{s.model.to ?? '—'}</span>
        </Fact>
      )}
      {m && (
        <Fact label="Messages" testId="compare-messages">
          {m.from} → {m.to}
          {m.added.length > 0 && <span className="ok-text"> · {m.added.length} added</span>}
          {m.removed.length > 0 && <span className="error-text"> · {m.removed.length} removed or rewritten</span>}
          {m.systemChanged && <span className="warn-text"> · system prompt changed</span>}
          {m.carriesReply && <span className="dim"> · starts with the earlier call’s reply</span>}
          {(m.added.length > 0 || m.removed.length > 0) && (
            <ul className="cmp-msgs">
              {m.removed.map((x, i) => (
                <li key={`r${i}`} className="cmp-removed">
                  − <b>{x.role}</b> {messageGist(x)}
                </li>
              ))}
              {m.added.map((x, i) => (
                <li key={`a${i}`} className="cmp-added">
                  + <b>{x.role}</b> {messageGist(x)}
                </li>
              ))}
            </ul>
          )}
        </Fact>
      )}
      {s.parameters.length > 0 && (
        <Fact label="Parameters" testId="compare-parameters">
          {s.parameters.map((p) => (
            <span key={p.key} className="cmp-param mono">
              {p.key}: {p.from === undefined ? 'unset' : formatParamValue(p.from, 40)} → {p.to === undefined ? 'unset' : formatParamValue(p.to, 40)}
            </span>
          ))}
        </Fact>
      )}
      {(s.tools.added.length > 0 || s.tools.removed.length > 0 || s.tools.changed.length > 0) && (
        <Fact label="Tools">
          {s.tools.added.length > 0 && <span className="ok-text">+{s.tools.added.join(', +')} </span>}
          {s.tools.removed.length > 0 && <span className="error-text">−{s.tools.removed.join(', −')} </span>}
          {s.tools.changed.length > 0 && <span className="warn-text">changed: {s.tools.changed.join(', ')}</span>}
        </Fact>
      )}
      <Fact label="Tokens" testId="compare-tokens">
        input {formatDelta(s.tokens.input)} · output {formatDelta(s.tokens.output)} · total {formatDelta(s.tokens.total)}
      </Fact>
      <Fact label="Cost">{formatDelta(s.costUsd, money)}</Fact>
      <Fact label="Duration">
        {formatDelta(s.durationMs, formatDuration)}
        {s.ttftMs !== null && <> · TTFT {formatDelta(s.ttftMs, formatDuration)}</>}
      </Fact>
      {s.status && (
        <Fact label="Status">
          {s.status.from ?? '—'} → {s.status.to ?? '—'}
        </Fact>
      )}
    </ul>
  );
}

/** Two calls side by side: what changed between the turns, then the request (or response) bodies diffed. */
export function CompareTab({ exchange, compareId }: { exchange: ExchangeDetail; compareId: number }) {
  const other = useCommand('exchanges.get', { id: compareId });
  const [which, setWhich] = useState<'request' | 'response'>('request');
  const o = other.data && other.data.id === compareId ? other.data : null;
  const summary = useMemo(() => (o ? compareExchanges(exchange, o) : null), [exchange, o]);
  const bodies = useMemo(() => {
    if (!summary) return null;
    const a = summary.older[which];
    const b = summary.newer[which];
    const da = diffableBody(a.body, a.bodyEncoding);
    const db = diffableBody(b.body, b.bodyEncoding);
    const looksJson = (t: string) => t === '' || /^\s*[[{]/.test(t);
    return { a: da, b: db, json: looksJson(da) && looksJson(db) };
  }, [summary, which]);
  if (other.error) {
    return (
      <div className="tab-empty" data-testid="compare-view">
        <span className="error-text">Cannot compare with #{compareId}: {other.error.message}</span>{' '}
        <button type="button" onClick={() => setParams({ compare: undefined, tab: undefined })}>
          Stop comparing
        </button>
      </div>
    );
  }
  if (!summary || !bodies) return <div className="tab-empty dim" data-testid="compare-view">loading #{compareId}…</div>;
  return (
    <div className="compare-tab" data-testid="compare-view">
      <Summary s={summary} />
      <div className="body-toolbar">
        <span className="seg-group" role="group" aria-label="Diff which bodies">
          <button type="button" className={which === 'request' ? 'seg active' : 'seg'} aria-pressed={which === 'request'} onClick={() => setWhich('request')} data-testid="compare-requests">
            Requests
          </button>
          <button type="button" className={which === 'response' ? 'seg active' : 'seg'} aria-pressed={which === 'response'} onClick={() => setWhich('response')} data-testid="compare-responses">
            Responses
          </button>
        </span>
        <span className="dim">
          left {who(summary.older)} · right {who(summary.newer)}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setParams({ compare: undefined, tab: undefined })} data-testid="compare-close">
          Stop comparing
        </button>
      </div>
      <MergeViewer a={bodies.a} b={bodies.b} json={bodies.json} testId="compare-diff" />
    </div>
  );
}
