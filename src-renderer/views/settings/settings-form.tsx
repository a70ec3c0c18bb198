import { DEFAULT_MITM_HOSTS } from '../../../src-main/contract/index.js';
import { getAt } from './config-form.js';
import { ChipsInput, FieldErrorText, inputId, NumberEcho, NumberInput, Warning } from './field-controls.js';
import type { FieldErrors } from './field-errors.js';
import { PriceOverridesEditor } from './price-overrides-editor.js';
import { SECTIONS, type FieldSpec } from './settings-fields.js';

export interface SettingsFormProps {
  draft: unknown;
  errors: FieldErrors;
  /** `section.key` paths that differ from the saved config */
  dirty: ReadonlySet<string>;
  onChange: (path: string, value: unknown) => void;
  /** the theme is saved at once, not with the form */
  onTheme: (theme: string) => void;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function sectionKey(path: string): string {
  return path.split('.').slice(0, 2).join('.');
}

function Control({ spec, props }: { spec: FieldSpec; props: SettingsFormProps }) {
  const { draft, errors, onChange } = props;
  const value = getAt(draft, spec.path);
  const error = errors[spec.path];
  switch (spec.kind) {
    case 'select':
      return (
        <select id={inputId(spec.path)} value={typeof value === 'string' ? value : ''} onChange={(e) => props.onTheme(e.target.value)} data-testid="theme-select">
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'text':
      return (
        <input
          id={inputId(spec.path)}
          type="text"
          className="wide"
          value={typeof value === 'string' ? value : ''}
          placeholder={spec.placeholder}
          aria-invalid={!!error || undefined}
          spellCheck={false}
          onChange={(e) => onChange(spec.path, spec.nullable && e.target.value.trim() === '' ? null : e.target.value)}
          data-testid={`field-${spec.path}`}
        />
      );
    case 'number':
      return (
        <span className="num-with-unit">
          <NumberInput path={spec.path} value={value} fmt={{ scale: spec.scale, nullable: spec.nullable }} placeholder={spec.placeholder} invalid={!!error} onChange={(v) => onChange(spec.path, v)} />
          {spec.unit && <span className="unit">{spec.unit}</span>}
          <NumberEcho value={value} duration={spec.duration} />
        </span>
      );
    case 'bool':
      return (
        <label className="switch">
          <input id={inputId(spec.path)} type="checkbox" checked={value === true} onChange={(e) => onChange(spec.path, e.target.checked)} data-testid={`field-${spec.path}`} />
          <span>{value === true ? 'On' : 'Off'}</span>
        </label>
      );
    case 'chips': {
      const list = strings(value);
      const isDefault = spec.resettable && list.length === DEFAULT_MITM_HOSTS.length && DEFAULT_MITM_HOSTS.every((h, i) => list[i] === h);
      return (
        <>
          <ChipsInput path={spec.path} values={list} error={error} placeholder={spec.placeholder} onChange={(v) => onChange(spec.path, v)} />
          {spec.resettable && !isDefault && (
            <button type="button" className="link-button" onClick={() => onChange(spec.path, [...DEFAULT_MITM_HOSTS])} data-testid={`reset-${spec.path}`}>
              Reset to the built-in list
            </button>
          )}
        </>
      );
    }
    case 'overrides': {
      const rows = Array.isArray(value) ? value.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
      return <PriceOverridesEditor rows={rows} errors={errors} onChange={(v) => onChange(spec.path, v)} />;
    }
  }
}

function warningFor(spec: FieldSpec, value: unknown) {
  if (spec.kind === 'bool' && spec.warnWhenOn && value === true) return <Warning>{spec.warnWhenOn}</Warning>;
  if (spec.kind === 'chips' && spec.warnWhenAny && strings(value).length > 0) return <Warning loud>{spec.warnWhenAny}</Warning>;
  return null;
}

export function FieldRow({ spec, props }: { spec: FieldSpec; props: SettingsFormProps }) {
  const value = getAt(props.draft, spec.path);
  const dirty = props.dirty.has(sectionKey(spec.path));
  const wide = spec.kind === 'chips' || spec.kind === 'overrides';
  return (
    <div className={`field-row${wide ? ' wide' : ''}${dirty ? ' dirty' : ''}`} data-field={spec.path}>
      <label className="field-label" htmlFor={spec.kind === 'overrides' ? undefined : inputId(spec.path)}>
        {spec.label}
        {dirty && <span className="dirty-dot" title="Changed, not saved" aria-label="changed" />}
        {'restart' in spec && spec.restart && <span className="badge" title="Takes effect after a restart">restart</span>}
      </label>
      <div className="field-body">
        <Control spec={spec} props={props} />
        {spec.kind !== 'overrides' && <FieldErrorText path={spec.path} error={props.errors[spec.path]} />}
        {spec.hint && <div className="field-hint">{spec.hint}</div>}
        {warningFor(spec, value)}
      </div>
    </div>
  );
}

/** The whole settings form, one card per section; state lives in the view. */
export function SettingsForm(props: SettingsFormProps) {
  return (
    <>
      {SECTIONS.map((section) => (
        <section key={section.id} id={`settings-${section.id}`} className="card settings-section" aria-labelledby={`settings-${section.id}-title`} data-testid={`settings-section-${section.id}`}>
          <h3 id={`settings-${section.id}-title`}>{section.title}</h3>
          {section.description && <p className="section-description">{section.description}</p>}
          {section.fields.map((f) => (
            <FieldRow key={f.path} spec={f} props={props} />
          ))}
        </section>
      ))}
    </>
  );
}
