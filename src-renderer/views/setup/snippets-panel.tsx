import { CodeBlock } from './code-block.js';
import type { ShellKind } from './shell-quote.js';
import { buildSnippets } from './snippets.js';

const SHELLS: { id: ShellKind; label: string }[] = [
  { id: 'posix', label: 'bash / zsh' },
  { id: 'powershell', label: 'PowerShell' },
];

export function ShellToggle({ value, onChange }: { value: ShellKind; onChange: (s: ShellKind) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Shell">
      {SHELLS.map((s) => (
        <button key={s.id} type="button" role="radio" aria-checked={s.id === value} className={s.id === value ? 'active' : ''} onClick={() => onChange(s.id)} data-testid={`shell-${s.id}`}>
          {s.label}
        </button>
      ))}
    </div>
  );
}

export function SnippetsPanel({ ctx }: { ctx: Parameters<typeof buildSnippets>[0] }) {
  return (
    <div className="snippets">
      {buildSnippets(ctx).map((s) => (
        <div key={s.name} className={`snippet snippet-${s.name}`} data-testid={`snippet-${s.name}`}>
          <h4>{s.title}</h4>
          <CodeBlock code={s.code} />
          <p className="dim">{s.note}</p>
        </div>
      ))}
    </div>
  );
}
