import { useRef, useState } from 'react';
import type { ImportResult } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { formatHash } from '../../app/router.js';
import { importHar } from './export-api.js';
import { Card } from './option-controls.js';

type State = { kind: 'idle' } | { kind: 'working'; name: string } | { kind: 'done'; name: string; result: ImportResult } | { kind: 'error'; name: string; message: string };

/** A HAR file from Chrome DevTools, HTTP Toolkit, Charles or an earlier export becomes captured exchanges. */
export function ImportHar({ onExportIds }: { onExportIds: (ids: readonly number[]) => void }) {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const pick = (file: File | undefined) => {
    if (!file) return;
    setState({ kind: 'working', name: file.name });
    importHar(client, file).then(
      (result) => setState({ kind: 'done', name: file.name, result }),
      (err: Error) => setState({ kind: 'error', name: file.name, message: err instanceof TypeError ? `The inspector is not answering (${err.message}).` : err.message }),
    );
    // the same file can be picked again (a second import after fixing it)
    if (input.current) input.current.value = '';
  };
  return (
    <Card title="Import HAR">
      <p className="xp-hint xp-import-intro">Entries are stored and parsed like live traffic, so they show in Traffic and can be exported again.</p>
      <input ref={input} type="file" accept=".har,application/json" onChange={(e) => pick(e.target.files?.[0])} disabled={state.kind === 'working'} data-testid="import-har-input" />
      {state.kind !== 'idle' && (
        <div className={`xp-import-result xp-import-${state.kind}`} data-testid="import-har-result" data-state={state.kind}>
          {state.kind === 'working' && <span className="xp-spinner" aria-hidden="true" />}
          {state.kind === 'working' && <span>Importing {state.name}…</span>}
          {state.kind === 'error' && (
            <span>
              Could not import {state.name}: {state.message}
            </span>
          )}
          {state.kind === 'done' && <Imported name={state.name} result={state.result} onExportIds={onExportIds} />}
        </div>
      )}
    </Card>
  );
}

function Imported({ name, result, onExportIds }: { name: string; result: ImportResult; onExportIds: (ids: readonly number[]) => void }) {
  const last = result.ids[result.ids.length - 1];
  return (
    <div>
      <div>
        <b data-testid="import-har-count">{result.imported.toLocaleString()}</b> exchange{result.imported === 1 ? '' : 's'} imported from {name}
        {result.skipped.length > 0 && `, ${result.skipped.length} entr${result.skipped.length === 1 ? 'y' : 'ies'} skipped`}.
      </div>
      {result.imported > 0 && (
        <div className="xp-import-links">
          <a href={formatHash(['traffic'], last === undefined ? {} : { id: String(last) })}>Show in Traffic</a>
          <button type="button" onClick={() => onExportIds(result.ids)}>
            Export these
          </button>
        </div>
      )}
      {result.skipped.length > 0 && (
        <details className="xp-import-skipped">
          <summary>Why entries were skipped</summary>
          <ul>
            {result.skipped.slice(0, 50).map((s) => (
              <li key={s.index}>
                entry {s.index + 1}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
