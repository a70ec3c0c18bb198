import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldError } from './field-errors.js';
import { formatNumberValue, humanDuration, parseNumberText, type NumberFormat } from './number-input.js';

export function inputId(path: string): string {
  return `setting-${path.replace(/\./g, '-')}`;
}

export function FieldErrorText({ path, error }: { path: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <div className="field-error" data-testid="field-error" data-path={path} role="alert">
      {error.message}
    </div>
  );
}

export function Warning({ children, loud = false }: { children: ReactNode; loud?: boolean }) {
  return (
    <div className={loud ? 'field-warning loud' : 'field-warning'} role="note">
      <strong>{loud ? 'Danger: ' : 'Warning: '}</strong>
      {children}
    </div>
  );
}

/**
 * A number box that keeps what is typed ("0.", "1e") while the draft holds the parsed value; it follows the draft when
 * the draft changes from outside (revert, another window).
 */
export function NumberInput({ path, value, fmt, placeholder, invalid, onChange, label }: { path: string; value: unknown; fmt: NumberFormat; placeholder?: string | undefined; invalid: boolean; onChange: (v: unknown) => void; label?: string }) {
  const [text, setText] = useState(() => formatNumberValue(value, fmt));
  useEffect(() => {
    setText((t) => (Object.is(parseNumberText(t, fmt), value) ? t : formatNumberValue(value, fmt)));
    // fmt is a per-field constant, so only the value matters
  }, [value]);
  return (
    <input
      id={inputId(path)}
      className="num"
      type="text"
      inputMode="decimal"
      value={text}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      aria-label={label}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseNumberText(e.target.value, fmt));
      }}
      data-testid={`field-${path}`}
    />
  );
}

/** The value in words beside a box counted in a bigger unit ("= 10 min"), when that helps. */
export function NumberEcho({ value, duration }: { value: unknown; duration?: boolean | undefined }) {
  if (typeof value !== 'number' || !duration) return null;
  const text = humanDuration(value);
  return text ? <span className="echo">= {text}</span> : null;
}

/** A list of short strings as removable chips; Enter, comma or space adds what is typed, Backspace in an empty box removes the last. */
export function ChipsInput({ path, values, error, placeholder, onChange }: { path: string; values: readonly string[]; error: FieldError | undefined; placeholder?: string | undefined; onChange: (v: string[]) => void }) {
  const [text, setText] = useState('');
  const add = () => {
    const items = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const fresh = items.filter((s, i) => !values.includes(s) && items.indexOf(s) === i);
    if (fresh.length) onChange([...values, ...fresh]);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ' ') {
      if (text.trim()) {
        e.preventDefault();
        add();
      } else if (e.key === 'Enter') e.preventDefault();
    } else if (e.key === 'Backspace' && text === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  const bad = new Set(error?.items ?? []);
  return (
    <div className={error ? 'chips invalid' : 'chips'} onClick={(e) => (e.currentTarget.querySelector('input') as HTMLInputElement | null)?.focus()}>
      {values.map((v, i) => (
        <span key={`${i}-${v}`} className={bad.has(i) ? 'chip bad' : 'chip'} data-testid="chip" data-value={v}>
          {v}
          <button type="button" aria-label={`Remove ${v}`} title={`Remove ${v}`} onClick={() => onChange(values.filter((_, j) => j !== i))} data-testid="chip-remove">
            ×
          </button>
        </span>
      ))}
      <input
        id={inputId(path)}
        type="text"
        value={text}
        placeholder={placeholder}
        size={Math.max(12, text.length + 1)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() && add()}
        spellCheck={false}
        data-testid={`field-${path}`}
      />
    </div>
  );
}
