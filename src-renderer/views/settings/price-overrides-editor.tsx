import { FieldErrorText, NumberInput } from './field-controls.js';
import type { FieldErrors } from './field-errors.js';
import { OVERRIDE_COLUMNS } from './settings-fields.js';

type Row = Record<string, unknown>;

export const EMPTY_OVERRIDE: Row = { provider: null, model: '', inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: null, cacheWritePerMTok: null };

/** A table of user prices: one row per model pattern, USD per million tokens. */
export function PriceOverridesEditor({ rows, errors, onChange }: { rows: readonly Row[]; errors: FieldErrors; onChange: (rows: Row[]) => void }) {
  const setCell = (i: number, key: string, value: unknown) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <div className="overrides">
      {rows.length > 0 && (
        <table className="overrides-table">
          <thead>
            <tr>
              {OVERRIDE_COLUMNS.map((c) => (
                <th key={c.key} className={c.kind === 'number' ? 'num' : undefined}>
                  {c.label}
                  {c.kind === 'number' && <span className="dim"> $/MTok</span>}
                </th>
              ))}
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-testid="override-row">
                {OVERRIDE_COLUMNS.map((c) => {
                  const path = `pricing.overrides.${i}.${c.key}`;
                  const error = errors[path];
                  const nullable = c.key !== 'inputPerMTok' && c.key !== 'outputPerMTok';
                  return (
                    <td key={c.key}>
                      {c.kind === 'number' ? (
                        <NumberInput path={path} value={row[c.key]} fmt={{ nullable }} placeholder={c.placeholder} invalid={!!error} label={`${c.label} price, row ${i + 1}`} onChange={(v) => setCell(i, c.key, v)} />
                      ) : (
                        <input
                          type="text"
                          value={typeof row[c.key] === 'string' ? (row[c.key] as string) : ''}
                          placeholder={c.placeholder}
                          aria-label={`${c.label}, row ${i + 1}`}
                          aria-invalid={!!error || undefined}
                          spellCheck={false}
                          onChange={(e) => setCell(i, c.key, c.key === 'provider' && e.target.value.trim() === '' ? null : e.target.value)}
                          data-testid={`field-${path}`}
                        />
                      )}
                      <FieldErrorText path={path} error={error} />
                    </td>
                  );
                })}
                <td>
                  <button type="button" className="icon-button" aria-label={`Remove row ${i + 1}`} title="Remove this override" onClick={() => onChange(rows.filter((_, j) => j !== i))} data-testid="override-remove">
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => onChange([...rows, { ...EMPTY_OVERRIDE }])} data-testid="override-add">
        + Add a price
      </button>
    </div>
  );
}
