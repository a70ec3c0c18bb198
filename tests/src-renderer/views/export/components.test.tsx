import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ExportIssue } from '../../../../src-main/contract/index.js';
import type { InspectorClient } from '../../../../src-renderer/api/index.js';
import { ClientProvider } from '../../../../src-renderer/app/client-context.js';
import { ContentCard, ExamplesCard } from '../../../../src-renderer/views/export/dataset-options.js';
import { DownloadBar } from '../../../../src-renderer/views/export/download-bar.js';
import { DEFAULT_PARAMS, type ExportParams } from '../../../../src-renderer/views/export/export-params.js';
import { FormatCard } from '../../../../src-renderer/views/export/format-card.js';
import { JsonTree } from '../../../../src-renderer/views/export/json-tree.js';
import { ReportPanel } from '../../../../src-renderer/views/export/report-panel.js';
import { SelectionCard } from '../../../../src-renderer/views/export/selection-card.js';
import { report } from './fixtures.js';

const noop = () => undefined;
const count = (html: string, needle: string) => html.split(needle).length - 1;
const params = (patch: Partial<ExportParams> = {}): ExportParams => ({ ...DEFAULT_PARAMS, ...patch });

function client(): InspectorClient {
  return {
    call: () => new Promise(noop),
    subscribe: () => noop,
    onConnection: () => noop,
    connection: 'open',
    resourceUrl: (p) => `http://ui.test${p}`,
    close: noop,
  };
}

const issue = (exchangeId: number, line: number | null, action: ExportIssue['action'], code: string): ExportIssue => ({ exchangeId, line, action, code, message: `${code} message` });

describe('FormatCard', () => {
  it('offers every format in the export-format select, with the chosen one described', () => {
    const html = renderToStaticMarkup(<FormatCard params={params({ format: 'bedrock-claude' })} update={noop} />);
    assert.match(html, /<select[^>]*data-testid="export-format"/);
    assert.equal(count(html, '<option '), 8);
    assert.match(html, /<option value="bedrock-claude" selected="">/);
    assert.match(html, /<code>system<\/code> string plus strictly alternating/);
  });
});

describe('option cards', () => {
  it('greys out thinking for a format that cannot keep it, saying why', () => {
    const html = renderToStaticMarkup(<ContentCard params={params({ format: 'openai-chat', thinking: 'keep' })} errors={{}} update={noop} />);
    assert.match(html, /data-testid="export-option-thinking" title="OpenAI chat fine-tuning has no field for reasoning/);
    assert.match(html, /role="radio" aria-checked="true" data-value="strip"[^>]*disabled/);
    assert.match(html, /data-testid="export-option-scrubPii"/);
    assert.match(html, /data-testid="export-option-trainOn"/);
  });
  it('lets ShareGPT keep thinking, and has no train-on choice', () => {
    const html = renderToStaticMarkup(<ContentCard params={params({ format: 'sharegpt', thinking: 'keep' })} errors={{}} update={noop} />);
    assert.match(html, /aria-checked="true" data-value="keep"/);
    assert.doesNotMatch(html, /data-value="keep"[^>]*disabled/);
    assert.doesNotMatch(html, /export-option-trainOn/);
  });
  it('explains one per conversation, and disables dataset options for HAR', () => {
    const html = renderToStaticMarkup(<ExamplesCard params={params({ format: 'har' })} errors={{ maxExamples: 'needs a whole number' }} update={noop} />);
    assert.match(html, /data-testid="export-per-explain"/);
    assert.match(html, /exports only the last call of each conversation/);
    assert.match(html, /<input type="checkbox" disabled="" data-testid="export-option-includeErrors"/);
    assert.match(html, /needs a whole number/);
  });
});

describe('ReportPanel', () => {
  const lines = [{ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }, { messages: [{ role: 'user', content: 'a' }] }];
  it('renders counts, a row per example with issues, the token chart and the first examples', () => {
    const r = report({
      written: 2,
      tokens: { total: 20, max: 12, overLimit: 0 },
      issues: [issue(0, null, 'warning', 'too_few_examples'), issue(3, 1, 'fixed', 'system_merged'), issue(5, null, 'dropped', 'unanswered_tool_call')],
    });
    const html = renderToStaticMarkup(<ReportPanel report={r} lines={lines} limit={65_536} />);
    assert.match(html, /data-testid="export-report" data-ok="true" data-written="2"/);
    assert.match(html, /data-testid="export-count-kept"/);
    assert.equal(count(html, 'data-testid="export-issue"'), 2);
    assert.match(html, /data-testid="export-issue" data-exchange-id="5" data-outcome="dropped"/);
    assert.match(html, /href="#\/traffic\?id=3"/);
    assert.match(html, /data-testid="export-token-chart"/);
    assert.equal(count(html, 'data-testid="export-example"'), 2);
    assert.match(html, /data-testid="export-file-warning"/);
    assert.match(html, /PII replaced: 2 emails, 1 phone number, 0 API-key-like strings/);
  });
  it('shows why strict fails', () => {
    const html = renderToStaticMarkup(<ReportPanel report={report({ ok: false, failure: '--strict: exchange 3 would be dropped' })} lines={[]} limit={100} />);
    assert.match(html, /data-testid="export-failure"/);
    assert.match(html, /exchange 3 would be dropped/);
    assert.doesNotMatch(html, /--strict/);
  });
  it('has no token chart or per-example list for HAR', () => {
    const html = renderToStaticMarkup(<ReportPanel report={report({ format: 'har' })} lines={[{ request: { method: 'GET', url: 'https://x.test/' } }]} limit={100} />);
    assert.doesNotMatch(html, /export-token-chart/);
    assert.doesNotMatch(html, /export-issues/);
    assert.match(html, /entry 1/);
  });
  it('says what to do when a DPO export has nothing', () => {
    const html = renderToStaticMarkup(<ReportPanel report={report({ format: 'openai-dpo', written: 0 })} lines={[]} limit={100} />);
    assert.match(html, /data-testid="export-nothing-written"/);
    assert.match(html, /resend a call/);
  });
});

describe('DownloadBar', () => {
  const bar = (state: Parameters<typeof DownloadBar>[0]['state'], query: string | null = 'format=sharegpt') =>
    renderToStaticMarkup(
      <ClientProvider value={client()}>
        <DownloadBar format="sharegpt" query={query} state={state} pendingSince={null} newTraffic={0} onRefresh={noop} elapsedMs={12} />
      </ClientProvider>,
    );
  it('is a download link to the export route when allowed', () => {
    const html = bar({ enabled: true, note: null });
    assert.match(html, /<a class="xp-download" href="http:\/\/ui\.test\/api\/export\?format=sharegpt" download="llm-inspector-sharegpt-\d{4}-\d\d-\d\d\.jsonl" data-testid="export-download"/);
  });
  it('is a disabled button with the reason otherwise', () => {
    const html = bar({ enabled: false, reason: 'Nothing to export' });
    assert.match(html, /<button type="button" class="xp-download" disabled="" title="Nothing to export" data-testid="export-download"/);
    assert.match(html, /data-testid="export-download-reason">Nothing to export/);
  });
});

describe('JsonTree', () => {
  it('pretty-prints with the top levels open and deeper ones folded', () => {
    const html = renderToStaticMarkup(<JsonTree value={{ a: [1, { b: { c: true } }] }} openDepth={2} />);
    assert.match(html, /<span class="jt-key">&quot;a&quot;<\/span>: \[/);
    assert.match(html, /<span class="jt-num">1<\/span>/);
    assert.match(html, /class="jt-folded">b<\/button>/);
    assert.doesNotMatch(html, /jt-bool/);
  });
  it('clips very long strings', () => {
    const html = renderToStaticMarkup(<JsonTree value={{ s: 'x'.repeat(5000) }} />);
    assert.match(html, /more characters/);
    assert.ok(html.length < 3000);
  });
});

describe('SelectionCard', () => {
  const card = (p: ExportParams) =>
    renderToStaticMarkup(
      <ClientProvider value={client()}>
        <SelectionCard params={p} errors={{}} update={noop} />
      </ClientProvider>,
    );
  it('has a "Starred only" checkbox that follows the params', () => {
    assert.match(card(params()), /<input type="checkbox" data-testid="export-option-starred"\/>/);
    assert.match(card(params({ starred: true })), /<input type="checkbox" data-testid="export-option-starred" checked=""\/>/);
    assert.match(card(params()), /Starred only/);
  });
});
