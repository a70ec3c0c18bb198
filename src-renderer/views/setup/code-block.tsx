import { useEffect, useRef, useState } from 'react';
import { copyText } from '../../app/clipboard.js';
import { CheckIcon, CopyIcon } from './icons.js';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const onClick = () => {
    void copyText(text).then((ok) => {
      setState(ok ? 'copied' : 'failed');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setState('idle'), 1500);
    });
  };
  return (
    <button type="button" className="copy-button" onClick={onClick} data-testid="copy-snippet" data-state={state} title="Copy to the clipboard">
      {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}</span>
    </button>
  );
}

/** A command or file excerpt to paste somewhere else, with its copy button. */
export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <div className="code-block" data-testid={testId}>
      <pre>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} />
    </div>
  );
}
