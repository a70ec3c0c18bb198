import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Config } from '../../../src-main/contract/index.js';
import { ApiError } from '../../api/index.js';
import { useClient, useCommand, useServiceEvents } from '../../app/client-context.js';
import { changedPaths, deepEqual, draftOf, getAt, needsRestart, rebaseDraft, setAt, type Draft } from './config-form.js';
import { patchToSend, validateDraft } from './config-validate.js';
import { fieldErrors, FORM_KEY, issuesFromTree, type Issue } from './field-errors.js';
import { SettingsForm } from './settings-form.js';
import { fieldPaths, SECTIONS } from './settings-fields.js';

interface Toast {
  kind: 'ok' | 'error';
  text: string;
}

// An unsaved draft survives a trip to another view (the view unmounts), as long as the config did not change meanwhile.
let parked: { saved: Config; draft: Draft } | null = null;

function rowsOf(draft: Draft | null): number {
  const v = getAt(draft, 'pricing.overrides');
  return Array.isArray(v) ? v.length : 0;
}

/** Settings (`#/settings`): the config as a form, validated as it is typed, saved as one patch. */
export function SettingsView() {
  const client = useClient();
  const config = useCommand('config.get', {});
  const runtime = useCommand('runtime.info', {});
  const [saved, setSaved] = useState<Config | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const [restartPending, setRestartPending] = useState(false);
  const state = useRef({ saved, draft });
  state.current = { saved, draft };

  useServiceEvents((batch) => {
    if (batch.some((e) => e.event === 'config.changed')) config.reload();
  });

  // A fresh config from the server: the first one starts the form, later ones are merged under the user's edits.
  useEffect(() => {
    const next = config.data;
    if (!next) return;
    const { saved: old, draft: current } = state.current;
    if (!old || !current) {
      const restored = parked && deepEqual(parked.saved, next) ? parked.draft : draftOf(next);
      parked = null;
      setSaved(next);
      setDraft(restored);
    } else if (!deepEqual(old, next)) {
      setSaved(next);
      setDraft(rebaseDraft(old, next, current));
    }
  }, [config.data]);

  useEffect(
    () => () => {
      const { saved: s, draft: d } = state.current;
      parked = s && d && changedPaths(s, d).length ? { saved: s, draft: d } : null;
    },
    [],
  );

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), toast.kind === 'ok' ? 2500 : 6000);
    return () => clearTimeout(t);
  }, [toast]);

  const clientIssues = useMemo(() => (draft ? validateDraft(draft) : []), [draft]);
  const errors = useMemo(() => fieldErrors([...clientIssues, ...serverIssues], fieldPaths(rowsOf(draft)), draft), [clientIssues, serverIssues, draft]);
  const dirtyPaths = useMemo(() => (saved && draft ? changedPaths(saved, draft) : []), [saved, draft]);
  const dirty = dirtyPaths.length > 0;
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onChange = useCallback((path: string, value: unknown) => {
    setDraft((d) => (d ? setAt(d, path, value) : d));
    setServerIssues([]);
  }, []);

  const save = useCallback(() => {
    const { saved: s, draft: d } = state.current;
    if (!s || !d || saving) return;
    const result = patchToSend(s, d);
    if (!result.ok) {
      setToast({ kind: 'error', text: 'Fix the fields marked in red first.' });
      return;
    }
    if (result.empty) return;
    setSaving(true);
    client.call('config.set', result.patch).then(
      (next) => {
        setSaving(false);
        setSaved(next);
        setDraft(draftOf(next));
        setServerIssues([]);
        const restart = needsRestart(result.patch);
        if (restart) setRestartPending(true);
        setToast({ kind: 'ok', text: restart ? 'Saved. Restart the inspector for the new address or port.' : 'Saved.' });
      },
      (err: Error) => {
        setSaving(false);
        const issues = err instanceof ApiError ? issuesFromTree(err.details) : [];
        // A refusal without field details (an unreadable CA file) is still about a field when only one was changed.
        const only = changedPaths(s, d);
        const placed = issues.length ? issues : only.length === 1 && only[0] ? [{ path: only[0].split('.'), message: err.message }] : [];
        setServerIssues(placed);
        setToast({ kind: 'error', text: issues.length ? 'Not saved: the inspector refused some values (marked in red).' : `Not saved: ${err.message}` });
      },
    );
  }, [client, saving]);

  const revert = () => {
    if (saved) setDraft(draftOf(saved));
    setServerIssues([]);
  };

  const onTheme = (theme: string) => {
    const parsed = theme === 'light' || theme === 'dark' || theme === 'system' ? theme : 'system';
    const current = state.current.saved;
    if (!current) return;
    setDraft((d) => (d ? setAt(d, 'ui.theme', parsed) : d));
    // The whole saved section, not the draft's: unsaved port edits stay unsaved, and no schema default fills a gap.
    client.call('config.set', { ui: { ...current.ui, theme: parsed } }).then(
      (next) => {
        setSaved((s) => (s ? { ...s, ui: { ...s.ui, theme: next.ui.theme } } : next));
      },
      (err: Error) => setToast({ kind: 'error', text: `Theme not saved: ${err.message}` }),
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  if (!draft || !saved) {
    return (
      <div className="settings-view" data-testid="settings-view">
        <header className="view-header">
          <h2>Settings</h2>
        </header>
        {config.error ? (
          <div className="load-error" role="alert">
            <span className="error-text">Could not read the settings: {config.error.message}</span>
            <button type="button" onClick={config.reload}>
              Retry
            </button>
          </div>
        ) : (
          <p className="dim">Reading the settings…</p>
        )}
      </div>
    );
  }

  const formError = errors[FORM_KEY];
  return (
    <div className="settings-view" data-testid="settings-view">
      <header className="view-header">
        <h2>Settings</h2>
        <p className="dim">Saved to the inspector’s config file and applied at once, except where a restart is marked.</p>
      </header>
      {restartPending && runtime.data && (
        <div className="restart-note" role="status" data-testid="settings-restart-note">
          Restart the inspector to use the new address or port. Until then it keeps running at proxy <code>{runtime.data.proxyUrl}</code>
          {runtime.data.uiUrl ? (
            <>
              {' '}
              and UI <code>{runtime.data.uiUrl.replace(/\?.*$/, '')}</code>
            </>
          ) : null}
          .
        </div>
      )}
      <div className="settings-layout">
        <nav className="settings-index" aria-label="Sections">
          {SECTIONS.map((s) => (
            <button key={s.id} type="button" onClick={() => document.getElementById(`settings-${s.id}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}>
              {s.title}
            </button>
          ))}
        </nav>
        <form
          className="settings-form"
          data-testid="settings-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          {formError && (
            <div className="field-error form-level" data-testid="field-error" data-path="" role="alert">
              {formError.message}
            </div>
          )}
          <SettingsForm draft={draft} errors={errors} dirty={new Set(dirtyPaths)} onChange={onChange} onTheme={onTheme} />
          <div className={dirty ? 'save-bar dirty' : 'save-bar'}>
            <span className="save-state" data-testid="settings-state">
              {errorCount > 0
                ? `${errorCount} field${errorCount === 1 ? '' : 's'} to fix`
                : dirty
                  ? `${dirtyPaths.length} unsaved change${dirtyPaths.length === 1 ? '' : 's'}`
                  : 'All changes saved'}
            </span>
            <span className="dim shortcut">Ctrl+S saves</span>
            <button type="button" onClick={revert} disabled={!dirty || saving} data-testid="settings-revert">
              Revert
            </button>
            <button type="submit" className="primary" disabled={!dirty || saving || clientIssues.length > 0} data-testid="settings-save">
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </div>
      {toast && (
        <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="settings-toast">
          {toast.text}
        </div>
      )}
    </div>
  );
}
