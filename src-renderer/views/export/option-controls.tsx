import type { ReactNode } from 'react';

/** Form pieces of the options column: a labelled row, a checkbox with its hint, a segmented choice. */

export function Field(props: { label: string; htmlFor?: string; hint?: ReactNode; error?: string | undefined; disabledWhy?: string | null; children: ReactNode }) {
  return (
    <div className={props.disabledWhy ? 'xp-field xp-off' : 'xp-field'} title={props.disabledWhy ?? undefined}>
      <label className="xp-field-label" htmlFor={props.htmlFor}>
        {props.label}
      </label>
      <div className="xp-field-body">
        {props.children}
        {props.error && (
          <span className="xp-field-error" role="alert">
            {props.error}
          </span>
        )}
        {props.hint && !props.error && <span className="xp-hint">{props.hint}</span>}
      </div>
    </div>
  );
}

export function Check(props: { name: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: ReactNode; disabledWhy?: string | null }) {
  const off = !!props.disabledWhy;
  return (
    <label className={off ? 'xp-check xp-off' : 'xp-check'} title={props.disabledWhy ?? undefined}>
      <input type="checkbox" checked={props.checked} disabled={off} onChange={(e) => props.onChange(e.target.checked)} data-testid={`export-option-${props.name}`} />
      <span>
        <span className="xp-check-label">{props.label}</span>
        {props.hint && <span className="xp-hint">{props.hint}</span>}
      </span>
    </label>
  );
}

export function Segmented<T extends string>(props: {
  name: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string; title?: string; disabled?: boolean }[];
  onChange: (v: T) => void;
  disabledWhy?: string | null;
}) {
  return (
    <div className="xp-seg" role="radiogroup" aria-label={props.label} data-testid={`export-option-${props.name}`} title={props.disabledWhy ?? undefined}>
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === props.value}
          data-value={o.value}
          title={o.title}
          disabled={!!props.disabledWhy || o.disabled}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function Card(props: { title: string; aside?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="xp-card" data-testid={props.testId}>
      <div className="xp-card-head">
        <h3>{props.title}</h3>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}
