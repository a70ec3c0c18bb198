import { useEffect, useState } from 'react';
import { copyText } from '../../app/clipboard.js';

/** A button that copies what `text()` returns and says so for a moment (or why it could not). */
export function CopyButton({ text, label, testId, title, className, disabled }: { text: () => string; label: string; testId?: string; title?: string; className?: string; disabled?: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      title={title}
      disabled={disabled}
      onClick={() => {
        copyText(text()).then(
          (ok) => setState(ok ? 'copied' : 'failed'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
