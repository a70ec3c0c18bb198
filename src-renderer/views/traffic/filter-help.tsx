import { useEffect, useRef, useState } from 'react';

const ROWS: [string, string][] = [
  ['model:gpt-4*', 'model asked for (* matches anything)'],
  ['provider:openai', 'provider (openai, anthropic, gemini, …)'],
  ['host:*.openai.com', 'host name'],
  ['status:>=400  status:5xx  status:200-299', 'HTTP status'],
  ['state:streaming,pending', 'pending, streaming, complete, aborted, error'],
  ['errors  llm', 'failures and 4xx/5xx only; LLM calls only'],
  ['tag:checkout  conv:c:12', 'tag; conversation'],
  ['cost:>0.01  tokens:>1k  duration:>2s', 'ranges: >, >=, <, <=, a-b'],
  ['since:15m  since:today  until:2025-01-31', 'time (m, h, d, w ago; dates)'],
  ['refund "exact phrase"', 'other words search request and response bodies'],
];

/** The filter language on one card, behind a `?` next to the box. */
export function FilterHelp() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="tr-help" ref={ref}>
      <button type="button" className="tr-help-btn" aria-expanded={open} aria-label="Filter syntax" title="Filter syntax" onClick={() => setOpen(!open)} data-testid="filter-help">
        ?
      </button>
      {open && (
        <div className="tr-help-card" role="dialog" aria-label="Filter syntax" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <table>
            <tbody>
              {ROWS.map(([ex, what]) => (
                <tr key={ex}>
                  <td className="mono">{ex}</td>
                  <td className="dim">{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="dim">
            Keys: <kbd>/</kbd> filter, <kbd>↑</kbd>
            <kbd>↓</kbd> or <kbd>j</kbd>
            <kbd>k</kbd> move, <kbd>Enter</kbd> open, <kbd>c</kbd> compare with the open one (or Ctrl/Cmd-click), <kbd>Esc</kbd> close,{' '}
            <kbd>f</kbd> follow, <kbd>Home</kbd>/<kbd>End</kbd>
          </p>
        </div>
      )}
    </div>
  );
}
