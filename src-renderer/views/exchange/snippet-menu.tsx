import { useMemo, useState } from 'react';
import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { CopyButton } from './copy-button.js';
import { Popover } from './popover.js';
import { sdkSnippet, snippetLanguages, SNIPPET_LABELS, type SnippetLang } from './sdk-snippet.js';

const PREF_KEY = 'llmi.snippet.python';

function prefersPython(): boolean {
  try {
    return localStorage.getItem(PREF_KEY) !== 'false';
  } catch {
    return true;
  }
}

function rememberPython(python: boolean): void {
  try {
    localStorage.setItem(PREF_KEY, String(python));
  } catch {
    // private windows may refuse storage; the choice just isn't remembered
  }
}

/** "Copy as code": the request as SDK code for the provider's own SDKs, previewed before it is copied. */
export function SnippetMenu({ exchange }: { exchange: ExchangeDetail }) {
  const [open, setOpen] = useState(false);
  const request = exchange.llm?.request ?? null;
  const langs = snippetLanguages(exchange.llm?.api ?? exchange.api);
  const [lang, setLang] = useState<SnippetLang | null>(null);
  const chosen = lang !== null && langs.includes(lang) ? lang : (langs.find((l) => l.endsWith('python') === prefersPython()) ?? langs[0] ?? null);
  const code = useMemo(
    () => (chosen && request ? sdkSnippet(chosen, { url: exchange.url, provider: exchange.provider, api: exchange.llm?.api ?? exchange.api, request }) : ''),
    [chosen, request, exchange.url, exchange.provider, exchange.api, exchange.llm?.api],
  );
  const usable = request !== null && langs.length > 0;
  return (
    <span className="popover-anchor">
      <button
        type="button"
        data-testid="copy-code"
        disabled={!usable}
        aria-expanded={open}
        title={usable ? 'The request as SDK code' : `No SDK snippet for ${exchange.llm?.api ?? 'this request'}: use Copy as curl`}
        onClick={() => setOpen(!open)}
      >
        Copy as code ▾
      </button>
      <Popover open={open && usable} onClose={() => setOpen(false)} className="snippet-popover" testId="snippet-popover">
        <div className="snippet-langs" role="tablist">
          {langs.map((l) => (
            <button
              key={l}
              type="button"
              role="tab"
              aria-selected={l === chosen}
              className={l === chosen ? 'seg active' : 'seg'}
              data-testid={`snippet-lang-${l}`}
              onClick={() => {
                setLang(l);
                rememberPython(l.endsWith('python'));
              }}
            >
              {SNIPPET_LABELS[l]}
            </button>
          ))}
          <span className="spacer" />
          <CopyButton text={() => code} label="Copy" testId="snippet-copy" className="primary" />
        </div>
        <pre className="snippet-code" data-testid="snippet-preview">{code}</pre>
        <div className="dim snippet-note">Keys come from environment variables; the stored request has them redacted.</div>
      </Popover>
    </span>
  );
}
