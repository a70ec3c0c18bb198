import { useState } from 'react';
import type { ExportReport } from '../../../src-main/contract/index.js';
import { ExampleList } from './example-list.js';
import { IssueList } from './issue-list.js';
import { failureText, shapeReport } from './report-shape.js';
import { TokenChart } from './token-chart.js';

/** The dry run's report: counts, why examples were dropped or changed (per example), tokens, and the first lines. */
export function ReportPanel({ report, lines, limit }: { report: ExportReport; lines: readonly unknown[]; limit: number }) {
  const view = shapeReport(report);
  const [code, setCode] = useState<string | null>(null);
  // with nothing selected the view says so once; per-example sections would only repeat zeros
  const dataset = report.format !== 'har' && report.format !== 'traces' && report.scanned > 0;
  const activeCode = code !== null && view.reasons.some((r) => r.code === code) ? code : null;
  return (
    <div className="xp-report" data-testid="export-report" data-ok={report.ok} data-written={report.written}>
      {!report.ok && (
        <div className="xp-banner xp-banner-error" data-testid="export-failure">
          <b>Strict would fail:</b> {failureText(report.failure)}
        </div>
      )}
      {report.scanned > 0 && view.fileIssues.map((i, n) => (
        <div key={n} className="xp-banner xp-banner-warn" data-testid="export-file-warning">
          {i.message}
        </div>
      ))}
      <div className="xp-tiles">
        {view.tiles.map((t) => (
          <div key={t.key} className={`xp-tile xp-tone-${t.tone}`} title={t.hint} data-testid={`export-count-${t.key}`}>
            <span className="xp-tile-label">{t.label}</span>
            <span className="xp-tile-value">{t.value.toLocaleString()}</span>
          </div>
        ))}
      </div>
      {view.pii.total > 0 && (
        <p className="xp-pii" data-testid="export-pii">
          PII replaced: {view.pii.email} email{view.pii.email === 1 ? '' : 's'}, {view.pii.phone} phone number{view.pii.phone === 1 ? '' : 's'}, {view.pii.apiKey} API-key-like
          string{view.pii.apiKey === 1 ? '' : 's'}.
        </p>
      )}
      {view.skipped.length > 0 && (
        <p className="dim xp-skipped">
          Not chat calls with a reply: {view.skipped.map((s) => `${s.label} (${s.count})`).join(', ')}.
        </p>
      )}
      {dataset && report.written === 0 && <NothingWritten format={report.format} />}
      {dataset && report.written > 0 && <TokenChart report={report} lines={lines} limit={limit} />}
      {dataset && (report.written > 0 || view.examples.length > 0) && (
        <section className="xp-section">
          <div className="xp-section-head">
            <h4>Per example</h4>
            <div className="xp-reasons">
              {view.reasons.map((r) => (
                <button
                  key={`${r.action}:${r.code}`}
                  type="button"
                  className={`xp-reason xp-${r.action}`}
                  aria-pressed={activeCode === r.code}
                  title={`${r.action}: ${r.code}; click to list only these`}
                  onClick={() => setCode(activeCode === r.code ? null : r.code)}
                  data-testid="export-reason"
                  data-code={r.code}
                >
                  {r.label} <b>{r.count}</b>
                </button>
              ))}
            </div>
          </div>
          <IssueList rows={view.examples} code={activeCode} omitted={view.issuesOmitted} />
        </section>
      )}
      <ExampleList lines={lines} issues={report.issues} total={report.written} unit={view.unit} />
    </div>
  );
}

/** Why a dataset came out empty, in the terms of what to do next. */
function NothingWritten({ format }: { format: ExportReport['format'] }) {
  return (
    <p className="xp-empty" data-testid="export-nothing-written">
      {format === 'openai-dpo'
        ? 'Preference pairs need two different text replies to the same prompt: resend a call from its detail pane (or run the same prompt twice), then export again, or name pairs of ids under Pairs.'
        : 'No selected call became an example: the counts above say why (failed calls, calls that are not chats, examples the format had to drop).'}
    </p>
  );
}
