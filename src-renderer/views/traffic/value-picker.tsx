import { useEffect, useRef, useState } from 'react';

export interface PickerOption {
  value: string;
  count: number;
}

/**
 * A button that opens a short list of values to filter by (providers, models), computed when it opens so a busy list
 * pays nothing while it is closed. Arrow keys and Enter work in the list; Escape closes it.
 */
export function ValuePicker(props: {
  label: string;
  testId: string;
  current: string | undefined;
  options: () => PickerOption[];
  onPick: (value: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    listRef.current?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const toggle = () => {
    if (!open) {
      setOptions(props.options());
      setActive(0);
    }
    setOpen(!open);
  };
  const pick = (value: string | null) => {
    props.onPick(value);
    setOpen(false);
  };
  // row 0 is "any", then the options
  const count = options.length + 1;
  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'ArrowDown') setActive((a) => Math.min(count - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') pick(active === 0 ? null : (options[active - 1]?.value ?? null));
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };

  return (
    <div className="tr-picker" ref={ref}>
      <button type="button" className={props.current ? 'tr-picker-btn is-set' : 'tr-picker-btn'} onClick={toggle} aria-haspopup="listbox" aria-expanded={open} data-testid={props.testId}>
        {props.label}: <span className="tr-picker-value">{props.current ?? 'any'}</span>
        <svg width="8" height="8" viewBox="0 0 8 8" aria-hidden="true">
          <path d="M1 2.5L4 5.5L7 2.5" stroke="currentColor" fill="none" strokeWidth="1.4" />
        </svg>
      </button>
      {open && (
        <ul className="tr-picker-list" role="listbox" tabIndex={-1} ref={listRef} onKeyDown={onKeyDown} aria-label={props.label}>
          <li role="option" aria-selected={active === 0} className={active === 0 ? 'is-active' : ''} onClick={() => pick(null)} data-testid="picker-option" data-value="">
            any {props.label.toLowerCase()}
          </li>
          {options.length === 0 && <li className="dim tr-picker-none">none seen yet</li>}
          {options.map((o, i) => (
            <li
              key={o.value}
              role="option"
              aria-selected={active === i + 1}
              className={[active === i + 1 ? 'is-active' : '', o.value === props.current ? 'is-current' : ''].join(' ')}
              onClick={() => pick(o.value)}
              data-testid="picker-option"
              data-value={o.value}
            >
              <span>{o.value}</span>
              <span className="dim">{o.count > 0 ? o.count.toLocaleString('en-US') : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
