import type { ReactNode } from 'react';
import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { formatHash } from '../../app/router.js';
import { prettyJson } from './body-format.js';
import { errorHint } from './error-hints.js';
import { formatBytes, formatClock, formatParamValue, statusLine } from './format.js';
import { UsageTable } from './usage-table.js';
import { Waterfall } from './waterfall.js';

const MODES: Record<ExchangeDetail['mode'], string> = {
  mitm: 'HTTPS proxy (decrypted)',
  http: 'plain HTTP through the proxy',
  'base-url': 'base-URL route',
  tunnel: 'blind tunnel (not decrypted)',
};

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <th>{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function Section({ title, children, testId, wide }: { title: string; children: ReactNode; testId?: string; wide?: boolean }) {
  return (
    <section className={wide ? 'ov-section wide' : 'ov-section'} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function ErrorSection({ x }: { x: ExchangeDetail }) {
  const providerError = x.llm?.response?.error ?? null;
  const failedStatus = x.status !== null && x.status >= 400;
  if (!x.error && !providerError && !failedStatus) return null;
  const hint = errorHint(x.error?.code ?? null, providerError?.type ?? null, x.status);
  return (
    <Section title="Error" testId="overview-error" wide>
      <div className="ov-error">
        {x.error && (
          <div>
            <code>{x.error.code}</code> {x.error.message}
          </div>
        )}
        {providerError && (
          <div>
            <span className="dim">provider said</span> <code>{providerError.type}</code> {providerError.message}
          </div>
        )}
        {!x.error && !providerError && x.status !== null && <div>{statusLine(x.status)}</div>}
        {hint && <div className="ov-hint">What to do: {hint}</div>}
      </div>
    </Section>
  );
}

/** Everything known about the call at a glance: who, what, how much, how long, and what went wrong. */
export function OverviewTab({ exchange: x }: { exchange: ExchangeDetail }) {
  const req = x.llm?.request ?? null;
  const res = x.llm?.response ?? null;
  const params = req ? Object.entries(req.parameters) : [];
  const hints = req?.hints;
  return (
    <div className="overview" data-testid="overview">
      <ErrorSection x={x} />
      <Section title="Timing" wide>
        <Waterfall exchange={x} />
      </Section>
      <Section title="Call">
        <table className="kv-table">
          <tbody>
            <Row label="Provider">
              {x.provider ?? <span className="dim">not an LLM API the inspector recognises</span>}
              {x.api && <span className="dim"> · {x.api}</span>}
            </Row>
            {(x.model || x.responseModel) && (
              <Row label="Model" testId="overview-model">
                <span className="mono">{x.model ?? '—'}</span>
                {x.responseModel && x.responseModel !== x.model && (
                  <>
                    {' '}
                    <span className="dim">answered by</span> <span className="mono">{x.responseModel}</span>
                  </>
                )}
              </Row>
            )}
            <Row label="Started">{formatClock(x.startedAt)}</Row>
            <Row label="Captured via">{MODES[x.mode]}</Row>
            <Row label="Status">
              {x.status !== null ? statusLine(x.status) : '—'} <span className="dim">· {x.state}</span>
            </Row>
            {x.finishReason && (
              <Row label="Finish reason" testId="overview-finish">
                <code>{x.finishReason}</code>
                {res && !res.complete && <span className="warn-text"> · stream ended without its final event</span>}
              </Row>
            )}
            {x.conversationId && (
              <Row label="Conversation" testId="overview-conversation">
                <a href={formatHash(['conversations', x.conversationId])}>{x.conversationId}</a>
                {x.turn !== null && <span className="dim"> · turn {x.turn}</span>}
              </Row>
            )}
            {x.tag && (
              <Row label="Tag">
                <span className="chip">{x.tag}</span>
              </Row>
            )}
            {hints?.user && <Row label="User">{hints.user}</Row>}
            {hints?.sessionId && <Row label="Session">{hints.sessionId}</Row>}
            {hints?.previousResponseId && <Row label="Previous response">{hints.previousResponseId}</Row>}
            {res?.responseId && (
              <Row label="Response id">
                <span className="mono">{res.responseId}</span>
              </Row>
            )}
            <Row label="Sizes">
              request {formatBytes(x.requestBytes)} · response {formatBytes(x.responseBytes)}
              {x.response.contentEncoding && <span className="dim"> ({x.response.contentEncoding} on the wire)</span>}
            </Row>
          </tbody>
        </table>
      </Section>
      <Section title="Usage">
        {x.usage ? <UsageTable usage={x.usage} costUsd={x.costUsd} priced={x.provider !== null} /> : <div className="dim">No token usage: {x.provider ? 'the response carried none' : 'not an LLM call'}.</div>}
        {x.usageRaw !== null && x.usageRaw !== undefined && (
          <details className="ov-raw">
            <summary>Provider’s usage object</summary>
            <pre>{prettyJson(x.usageRaw)}</pre>
          </details>
        )}
      </Section>
      {req && (
        <Section title="Parameters" testId="overview-parameters">
          <table className="kv-table">
            <tbody>
              {params.map(([k, v]) => (
                <Row key={k} label={k}>
                  <span className="mono" title={typeof v === 'string' ? v : JSON.stringify(v)}>
                    {formatParamValue(v)}
                  </span>
                </Row>
              ))}
              {params.length === 0 && (
                <tr>
                  <td colSpan={2} className="dim">
                    No sampling parameters set: the provider’s defaults apply.
                  </td>
                </tr>
              )}
              <Row label="stream">{String(req.stream)}</Row>
              <Row label="messages">{req.messages.length}</Row>
              {req.tools.length > 0 && <Row label="tools">{req.tools.map((t) => t.name).join(', ')}</Row>}
            </tbody>
          </table>
        </Section>
      )}
    </div>
  );
}
