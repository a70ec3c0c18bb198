import { useState } from 'react';
import type { ExportIssue } from '../../../src-main/contract/index.js';
import { exampleSummary } from './example-summary.js';
import { JsonTree } from './json-tree.js';
import { codeLabel, issuesForLine } from './report-shape.js';

/** How many previewed lines are listed before "show more" (the rest still feed the token chart). */
const FIRST = 5;

function CopyLine({ value }: { value: unknown }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="xp-copy"
      title="Copy this line as JSONL"
      onClick={() => {
        void navigator.clipboard?.writeText(JSON.stringify(value)).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        });
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

function Example({ line, n, noun, issues, open }: { line: unknown; n: number; noun: string; issues: ExportIssue[]; open: boolean }) {
  const [expanded, setExpanded] = useState(open);
  return (
    <li className="xp-example" data-testid="export-example" data-line={n}>
      <div className="xp-example-head">
        <button type="button" className="xp-example-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          <span className="xp-caret">{expanded ? '\u25BE' : '\u25B8'}</span>
          <span className="xp-example-n">
            {noun} {n}
          </span>
          <span className="xp-example-sum">{exampleSummary(line)}</span>
        </button>
        {issues.map((i, k) => (
          <span key={k} className={`xp-badge xp-badge-${i.action}`} title={i.message}>
            {codeLabel(i.code)}
          </span>
        ))}
        <CopyLine value={line} />
      </div>
      {expanded && <JsonTree value={line} />}
    </li>
  );
}

/** The first lines the export would write, pretty-printed and folded; the first one open. */
export function ExampleList({ lines, issues, total, unit }: { lines: readonly unknown[]; issues: readonly ExportIssue[]; total: number; unit: string }) {
  const [shown, setShown] = useState(FIRST);
  if (lines.length === 0) return null;
  return (
    <section className="xp-section">
      <div className="xp-section-head">
        <h4>
          First {Math.min(shown, lines.length)} of {total.toLocaleString()} {unit}
        </h4>
      </div>
      <ol className="xp-examples">
        {lines.slice(0, shown).map((line, i) => (
          <Example key={i} line={line} n={i + 1} noun={unit === 'entries' ? 'entry' : 'line'} issues={issuesForLine(issues, i + 1)} open={i === 0} />
        ))}
      </ol>
      {lines.length > shown && (
        <button type="button" className="xp-more" onClick={() => setShown(lines.length)}>
          Show {lines.length - shown} more
        </button>
      )}
    </section>
  );
}
