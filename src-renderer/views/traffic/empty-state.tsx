import { useState } from 'react';
import { copyText } from '../../app/clipboard.js';
import { useCommand } from '../../app/client-context.js';
import { formatHash } from '../../app/router.js';

export type EmptyKind = 'no-traffic' | 'no-match' | 'error';

/** The list has nothing to show: say why, and what to do about it. */
export function EmptyState(props: { kind: EmptyKind; error?: string | null; searching?: boolean; onClear: () => void; onRetry: () => void }) {
  if (props.kind === 'error') {
    return (
      <div className="tr-empty" data-testid="empty-state" data-kind="error">
        <h2>Could not load the exchanges</h2>
        <p className="error-text">{props.error}</p>
        <button type="button" onClick={props.onRetry} data-testid="empty-retry">
          Try again
        </button>
      </div>
    );
  }
  if (props.kind === 'no-match') {
    return (
      <div className="tr-empty" data-testid="empty-state" data-kind="no-match">
        <h2>No exchanges match this filter</h2>
        <p className="dim">
          {props.searching ? 'The text search looks in request and response bodies; try fewer words. ' : ''}New matching exchanges appear
          here as they happen.
        </p>
        <button type="button" className="primary" onClick={props.onClear} data-testid="empty-clear-filter">
          Clear the filter
        </button>
      </div>
    );
  }
  return <NoTraffic />;
}

/** First run: how to send a program's calls through the inspector, with this instance's real proxy address. */
function NoTraffic() {
  const runtime = useCommand('runtime.info', {});
  // never show a guessed address: a program pointed at the wrong port would silently bypass the inspector
  const proxy = runtime.data?.proxyUrl ?? '…';
  const lines: [string, string][] = [
    ['Any program', `export HTTPS_PROXY=${proxy}`],
    ['OpenAI SDKs', `export OPENAI_BASE_URL=${proxy}/openai/v1`],
    ['Anthropic SDKs', `export ANTHROPIC_BASE_URL=${proxy}/anthropic`],
    ['A whole shell', 'eval "$(llm-inspector env)"'],
  ];
  return (
    <div className="tr-empty tr-empty-first" data-testid="empty-state" data-kind="no-traffic">
      <h2>
        <span className="tr-live" aria-hidden="true" /> Waiting for the first exchange
      </h2>
      <p className="dim">Point a program at the inspector and its LLM calls show up here live, with model, tokens, cost and timing.</p>
      <div className="tr-howto" aria-busy={runtime.data === null}>
        {runtime.data !== null && lines.map(([label, cmd]) => (
          <CopyLine key={label} label={label} command={cmd} />
        ))}
      </div>
      <p className="dim">
        Base URLs need nothing else. <code>HTTPS_PROXY</code> (and <code>llm-inspector env</code>) also need the inspector's CA trusted:
        see <a href={formatHash(['setup'])} data-testid="empty-setup-link">Setup &amp; CA</a>.
      </p>
    </div>
  );
}

function CopyLine({ label, command }: { label: string; command: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void copyText(command).then((ok) => {
      if (!ok) return;
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    });
  };
  return (
    <div className="tr-howto-line">
      <span className="dim">{label}</span>
      <code data-testid="empty-command">{command}</code>
      <button type="button" onClick={copy} title="Copy">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
