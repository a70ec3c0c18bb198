import { useState } from 'react';
import type { ExportParams } from './export-params.js';
import type { FieldErrors } from './export-query.js';
import { Field } from './option-controls.js';
import { isPreset, TIME_PRESETS, toLocalInput } from './time-input.js';

const CUSTOM = 'custom';

/** A relative range from a list (kept relative in the URL), or "Custom…" with two local date-time inputs. */
export function TimeRange({ params, errors, update }: { params: ExportParams; errors: FieldErrors; update: (patch: Partial<ExportParams>) => void }) {
  const [now] = useState(() => Date.now());
  const custom = params.until !== '' || !isPreset(params.since);
  const error = errors['since'] ?? errors['until'];
  return (
    <Field label="Time" htmlFor="xp-time" error={error}>
      <select
        id="xp-time"
        value={custom ? CUSTOM : params.since}
        onChange={(e) => {
          const v = e.target.value;
          if (v === CUSTOM) update({ since: toLocalInput(params.since || '24h', Date.now()), until: '' });
          else update({ since: v, until: '' });
        }}
        data-testid="export-option-time"
      >
        {TIME_PRESETS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {custom && (
        <div className="xp-time-custom">
          <label>
            from
            <input type="datetime-local" value={toLocalInput(params.since, now)} onChange={(e) => update({ since: e.target.value })} data-testid="export-option-since" />
          </label>
          <label>
            to
            <input type="datetime-local" value={toLocalInput(params.until, now)} onChange={(e) => update({ until: e.target.value })} data-testid="export-option-until" />
          </label>
        </div>
      )}
    </Field>
  );
}
