import { useState } from 'react';
import { RANGE_PRESETS, fromLocalInput, toLocalInput, type PresetKey, type TimeRange } from './time-range.js';

/**
 * Preset ranges as a segmented control, plus a custom from/to. The caller owns the URL: `onPreset` and `onCustom`
 * only say what was picked.
 */
export function RangePicker({
  range,
  onPreset,
  onCustom,
}: {
  range: TimeRange;
  onPreset: (key: PresetKey) => void;
  onCustom: (since: number, until: number) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const since = fromLocalInput(from);
  const until = fromLocalInput(to);
  const valid = since !== null && until !== null && since < until;
  const startEditing = () => {
    setFrom(toLocalInput(range.since));
    setTo(toLocalInput(range.until));
    setEditing(true);
  };
  return (
    <div className="dash-range-picker" data-testid="range-picker">
      <div className="dash-seg" role="group" aria-label="Time range">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.key}
            type="button"
            title={p.title}
            aria-pressed={range.key === p.key}
            data-testid={`range-${p.key}`}
            onClick={() => {
              setEditing(false);
              onPreset(p.key);
            }}
          >
            {p.label}
          </button>
        ))}
        <button type="button" aria-pressed={range.key === 'custom' || editing} data-testid="range-custom" onClick={() => (editing ? setEditing(false) : startEditing())}>
          Custom
        </button>
      </div>
      {editing && (
        <form
          className="dash-range-custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) {
              setEditing(false);
              onCustom(since, until);
            }
          }}
        >
          <label>
            from <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="range-from" />
          </label>
          <label>
            to <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="range-to" />
          </label>
          <button type="submit" className="primary" disabled={!valid} data-testid="range-apply">
            Apply
          </button>
          {!valid && from !== '' && to !== '' && <span className="error-text">“from” must be before “to”</span>}
        </form>
      )}
    </div>
  );
}
