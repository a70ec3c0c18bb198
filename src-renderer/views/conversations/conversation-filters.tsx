import { useEffect, useRef, useState } from 'react';
import { useCommand } from '../../app/client-context.js';
import { RANGE_PRESETS, type PresetKey } from '../dashboard/index.js';
import type { ConversationFilters } from './conversation-params.js';

const COMMIT_DELAY_MS = 350;

/** A text filter that edits locally and commits to the URL after a pause, on Enter, or on blur. */
function FilterInput({ label, value, placeholder, testId, onCommit }: { label: string; value: string; placeholder: string; testId: string; onCommit: (v: string) => void }) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  // the URL may change under us (back button, a link): follow it unless the user is mid-edit
  useEffect(() => {
    committed.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (text.trim() === committed.current) return;
    const id = setTimeout(() => onCommit(text.trim()), COMMIT_DELAY_MS);
    return () => clearTimeout(id);
  }, [text, onCommit]);
  return (
    <label className="conv-filter">
      <span>{label}</span>
      <input
        type="search"
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(text.trim());
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
        onBlur={() => text.trim() !== committed.current && onCommit(text.trim())}
      />
    </label>
  );
}

/** Provider, model, tag and time filters of the conversation list; every change lands in the URL via `onChange`. */
export function ConversationFilterBar({ filters, onChange }: { filters: ConversationFilters; onChange: (patch: Partial<ConversationFilters>) => void }) {
  // providers seen so far, for the dropdown (the analytics summary is one cheap grouped query)
  const providers = useCommand('analytics.summary', { groupBy: 'provider', limit: 50 });
  const known = (providers.data?.groups ?? []).map((g) => g.group).filter((g): g is string => g !== null);
  const options = filters.provider && !known.includes(filters.provider) ? [filters.provider, ...known] : known;
  return (
    <div className="conv-filters" data-testid="conversation-filters">
      <label className="conv-filter">
        <span>provider</span>
        <select value={filters.provider} onChange={(e) => onChange({ provider: e.target.value })} data-testid="conversation-filter-provider">
          <option value="">any</option>
          {options.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <FilterInput label="model" value={filters.model} placeholder="gpt-4*" testId="conversation-filter-model" onCommit={(model) => onChange({ model })} />
      <FilterInput label="tag" value={filters.tag} placeholder="any" testId="conversation-filter-tag" onCommit={(tag) => onChange({ tag })} />
      <label className="conv-filter">
        <span>active in</span>
        <select
          value={filters.range}
          onChange={(e) => onChange({ range: e.target.value as ConversationFilters['range'], from: null, to: null })}
          data-testid="conversation-filter-range"
        >
          <option value="all">all time</option>
          {RANGE_PRESETS.map((p) => (
            <option key={p.key} value={p.key satisfies PresetKey}>
              {p.title.toLowerCase()}
            </option>
          ))}
          {filters.range === 'custom' && <option value="custom">{customLabel(filters)}</option>}
        </select>
      </label>
    </div>
  );
}

function customLabel(f: ConversationFilters): string {
  const fmt = (t: number | null) => (t === null ? '…' : new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }));
  return `${fmt(f.from)} → ${fmt(f.to)}`;
}
