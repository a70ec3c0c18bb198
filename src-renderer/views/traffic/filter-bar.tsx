import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { parseFilter, removeTerms, setFlagTerm, setTerm, termLabel, type ParsedFilter } from './filter-query.js';
import { FilterHelp } from './filter-help.js';
import type { TrafficStore } from './traffic-store.js';
import { ValuePicker } from './value-picker.js';

/** Typing applies after this pause (Enter applies at once): one query per thought, not per keystroke. */
const APPLY_DELAY_MS = 300;
const TIME_RANGES = ['5m', '15m', '1h', '6h', '24h', '7d'];

export interface FilterBarProps {
  /** the applied filter text (from the URL) */
  text: string;
  parsed: ParsedFilter;
  onChange: (text: string) => void;
  store: TrafficStore;
  inputRef: RefObject<HTMLInputElement | null>;
  /** leave the box for the list (Escape, ↓) */
  onLeave: () => void;
  /** the follow toggle, drawn at the right end of the bar */
  followToggle: React.ReactNode;
}

export function FilterBar(p: FilterBarProps) {
  const [draft, setDraft] = useState(p.text);
  const sent = useRef(p.text);
  useEffect(() => {
    // the URL changed from elsewhere (a chip, a toggle, back/forward): show it
    if (p.text !== sent.current) {
      sent.current = p.text;
      setDraft(p.text);
    }
  }, [p.text]);
  const apply = (text: string) => {
    sent.current = text;
    p.onChange(text);
  };
  useEffect(() => {
    if (draft === sent.current) return;
    const t = setTimeout(() => apply(draft), APPLY_DELAY_MS);
    return () => clearTimeout(t);
  });
  const edit = (text: string) => {
    setDraft(text);
    apply(text);
  };

  const draftErrors = useMemo(() => parseFilter(draft).errors, [draft]);
  const { filter, terms } = p.parsed;
  const since = terms.find((t) => t.key === 'since');
  const sinceValue = since ? since.raw.slice(since.raw.indexOf(':') + 1) : '';
  const searchTerms = terms.filter((t) => t.kind === 'search');
  const chips = terms.filter((t) => t.kind !== 'search');

  return (
    <div className="tr-filter">
      <div className="tr-filter-row">
        <div className={draftErrors.length ? 'tr-search has-error' : 'tr-search'}>
          <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" className="tr-search-icon">
            <circle cx="7" cy="7" r="5" stroke="currentColor" strokeWidth="1.6" fill="none" />
            <path d="M11 11L15 15" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <input
            ref={p.inputRef}
            type="text"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            placeholder='Filter (/)   model:gpt-4* status:>=400 errors since:15m "text"'
            aria-label="Filter and search exchanges"
            aria-invalid={draftErrors.length > 0}
            value={draft}
            data-testid="filter-input"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply(draft);
              else if (e.key === 'Escape' || e.key === 'ArrowDown') {
                e.preventDefault();
                if (e.key === 'Escape' && draft !== sent.current) setDraft(sent.current);
                p.onLeave();
              }
            }}
          />
          {draft !== '' && (
            <button type="button" className="tr-clear" aria-label="Clear the filter" title="Clear the filter" data-testid="filter-clear" onClick={() => edit('')}>
              <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
                <path d="M2 2L8 8M8 2L2 8" stroke="currentColor" strokeWidth="1.5" />
              </svg>
            </button>
          )}
        </div>
        <FilterHelp />
        <div className="tr-seg" role="group" aria-label="Which traffic">
          <button type="button" aria-pressed={filter.llmOnly !== true} onClick={() => edit(setFlagTerm(draft, 'llm', false))} data-testid="toggle-all" title="Every exchange, tunnels and other hosts included">
            All traffic
          </button>
          <button type="button" aria-pressed={filter.llmOnly === true} onClick={() => edit(setFlagTerm(draft, 'llm', true))} data-testid="toggle-llm" title="Only calls a provider module recognised (llm)">
            LLM only
          </button>
        </div>
        <button
          type="button"
          className="tr-toggle-errors"
          aria-pressed={filter.errorsOnly === true}
          onClick={() => edit(setFlagTerm(draft, 'errors', filter.errorsOnly !== true))}
          data-testid="toggle-errors"
          title="Only failures and HTTP statuses of 400 and up (errors)"
        >
          Errors
        </button>
        <ValuePicker label="Provider" testId="picker-provider" current={filter.provider} options={() => p.store.facet('provider')} onPick={(v) => edit(setTerm(draft, 'provider', v))} />
        <ValuePicker label="Model" testId="picker-model" current={filter.model} options={() => p.store.facet('model')} onPick={(v) => edit(setTerm(draft, 'model', v))} />
        <select
          className="tr-range"
          aria-label="Time range"
          value={since && !TIME_RANGES.includes(sinceValue) ? 'custom' : sinceValue}
          onChange={(e) => edit(setTerm(draft, 'since', e.target.value === 'custom' ? sinceValue : e.target.value || null))}
          data-testid="time-range"
        >
          <option value="">Any time</option>
          {TIME_RANGES.map((r) => (
            <option key={r} value={r}>
              Last {r}
            </option>
          ))}
          {since && !TIME_RANGES.includes(sinceValue) && <option value="custom">since {sinceValue}</option>}
        </select>
        <span className="tr-filter-spacer" />
        {p.followToggle}
      </div>
      {(chips.length > 0 || searchTerms.length > 0 || draftErrors.length > 0) && (
        <div className="tr-chips">
          {chips.map((t) => (
            <span key={`${t.start}:${t.raw}`} className={`tr-chip tr-chip-${t.kind}`} data-testid="filter-chip" data-key={t.key} title={t.raw}>
              <span className="mono">{termLabel(t)}</span>
              <button type="button" aria-label={`Remove ${t.raw}`} title="Remove" onClick={() => edit(removeTerms(p.text, [t]))}>
                ×
              </button>
            </span>
          ))}
          {searchTerms.length > 0 && (
            <span className="tr-chip tr-chip-search" data-testid="filter-chip" data-key="search" title="Full-text search over request and response bodies">
              <span>
                text: <span className="mono">{searchTerms.map((t) => t.raw).join(' ')}</span>
              </span>
              <button type="button" aria-label="Remove the text search" title="Remove" onClick={() => edit(removeTerms(p.text, searchTerms))}>
                ×
              </button>
            </span>
          )}
          {draftErrors.map((e) => (
            <span key={`${e.start}:${e.message}`} className="tr-parse-error" role="alert" data-testid="filter-error">
              <span className="mono">{e.raw}</span> {e.message}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
