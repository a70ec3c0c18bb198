import { useState } from 'react';
import { formatHash } from '../../app/router.js';
import { codeLabel, type ExampleIssues } from './report-shape.js';

const PAGE = 100;
const OUTCOME_LABEL = { dropped: 'dropped', fixed: 'fixed', warning: 'warning' } as const;

/** One example's row: what happened to it at a glance; expanded, every reason in full. */
function IssueRow({ row }: { row: ExampleIssues }) {
  const codes = [...new Set(row.issues.map((i) => codeLabel(i.code)))];
  return (
    <li className={`xp-issue xp-${row.outcome}`} data-testid="export-issue" data-exchange-id={row.exchangeId} data-outcome={row.outcome}>
      <details>
        <summary>
          <span className={`xp-badge xp-badge-${row.outcome}`}>{OUTCOME_LABEL[row.outcome]}</span>
          <a href={formatHash(['traffic'], { id: String(row.exchangeId) })} title="Open the exchange in Traffic" onClick={(e) => e.stopPropagation()}>
            #{row.exchangeId}
          </a>
          <span className="xp-issue-line dim">{row.line === null ? 'not written' : `line ${row.line}`}</span>
          <span className="xp-issue-codes">{codes.join(' · ')}</span>
        </summary>
        <ul className="xp-issue-details">
          {row.issues.map((i, n) => (
            <li key={n}>
              <span className={`xp-badge xp-badge-${i.action}`}>{OUTCOME_LABEL[i.action]}</span> {i.message} <code className="dim">{i.code}</code>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The examples the export changed, dropped or warned about; a reason chip above narrows it to one code. */
export function IssueList({ rows, code, omitted }: { rows: readonly ExampleIssues[]; code: string | null; omitted: number }) {
  const [shown, setShown] = useState(PAGE);
  const visible = code === null ? rows : rows.filter((r) => r.issues.some((i) => i.code === code));
  if (rows.length === 0) return <p className="dim xp-none">Every example went through as it was: nothing dropped, fixed or warned about.</p>;
  return (
    <>
      <ul className="xp-issues" data-testid="export-issues">
        {visible.slice(0, shown).map((r) => (
          <IssueRow key={r.exchangeId} row={r} />
        ))}
      </ul>
      {visible.length > shown && (
        <button type="button" className="xp-more" onClick={() => setShown(shown + PAGE * 5)}>
          Show {Math.min(PAGE * 5, visible.length - shown)} more of {visible.length - shown}
        </button>
      )}
      {omitted > 0 && <p className="dim xp-hint">{omitted.toLocaleString()} more issues are counted above but not listed (the report keeps the first 500).</p>}
    </>
  );
}
