import { useRef, type KeyboardEvent } from 'react';
import { CodeBlock } from './code-block.js';
import { installGuide, type GuideContext } from './install-guides.js';
import { OS_IDS, OS_LABELS, type OsId } from './os-detect.js';

/** Tabs with the usual arrow-key movement between them. */
export function OsTabs({ value, onChange }: { value: OsId; onChange: (os: OsId) => void }) {
  const refs = useRef<Partial<Record<OsId, HTMLButtonElement | null>>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = OS_IDS.indexOf(value);
    const next = e.key === 'ArrowRight' ? OS_IDS[(i + 1) % OS_IDS.length] : e.key === 'ArrowLeft' ? OS_IDS[(i - 1 + OS_IDS.length) % OS_IDS.length] : undefined;
    if (!next) return;
    e.preventDefault();
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Operating system" onKeyDown={onKeyDown}>
      {OS_IDS.map((os) => (
        <button
          key={os}
          ref={(el) => {
            refs.current[os] = el;
          }}
          type="button"
          role="tab"
          id={`os-tab-${os}`}
          aria-selected={os === value}
          aria-controls="os-guide"
          tabIndex={os === value ? 0 : -1}
          className={os === value ? 'tab active' : 'tab'}
          onClick={() => onChange(os)}
          data-testid={`os-tab-${os}`}
        >
          {OS_LABELS[os]}
        </button>
      ))}
    </div>
  );
}

export function InstallGuideView({ os, ctx }: { os: OsId; ctx: GuideContext }) {
  const guide = installGuide(os, ctx);
  return (
    <div className="os-guide" role="tabpanel" id="os-guide" aria-labelledby={`os-tab-${os}`} data-testid="os-guide" data-os={os}>
      {guide.sections.map((section) => (
        <section key={section.title} className="guide-section">
          <h4>{section.title}</h4>
          <ol className="guide-steps">
            {section.steps.map((step) => (
              <li key={step.text} data-testid="install-step">
                <p>{step.text}</p>
                {step.command && <CodeBlock code={step.command} />}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {guide.note && <p className="guide-note">{guide.note}</p>}
    </div>
  );
}
