// The desktop shell's one-click OS actions on the Setup view: CA trust per store, the system proxy switch and the
// intercepted terminal; in the headless shell, the CLI commands that do the same from a terminal.
import { useState } from 'react';
import type { CaTargetResult, CaTrustTargetStatus, SystemProxyStatus, SystemStatus, TerminalResult } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { CodeBlock } from './code-block.js';
import { CheckIcon, CrossIcon, QuestionIcon } from './icons.js';
import { CLI_EQUIVALENTS } from './one-click-install.js';
import { proxySummary, resultText, type SystemStatusState } from './system-status.js';

export interface CaActionState {
  /** the target id being worked on, 'all' for every store, or null */
  busy: string | null;
  action: 'install' | 'uninstall';
  results: Record<string, CaTargetResult>;
  error: string | null;
}

function TrustMark({ trusted }: { trusted: boolean | null }) {
  if (trusted === true) return <span className="trust-trusted"><span className="trust-badge"><CheckIcon />Trusted</span></span>;
  if (trusted === false) return <span className="trust-not_trusted"><span className="trust-badge"><CrossIcon />Not trusted</span></span>;
  return <span className="trust-unknown"><span className="trust-badge"><QuestionIcon />Cannot tell</span></span>;
}

/** One row per trust store: its state, Install CA or Remove, and what the last action did there. */
export function CaTrustTargets({ targets, state, onAct }: { targets: CaTrustTargetStatus[]; state: CaActionState; onAct: (action: 'install' | 'uninstall', id: string | null) => void }) {
  const anyInstallable = targets.some((t) => t.installable && t.trusted !== true);
  return (
    <div className="trust-targets" data-testid="trust-targets">
      {targets.map((t) => {
        const result = state.results[t.id];
        return (
          <div key={t.id} className="one-click" data-testid="trust-target" data-kind={t.kind} data-trusted={String(t.trusted)}>
            <TrustMark trusted={t.trusted} />
            <span>{t.label}</span>
            {t.trusted ? (
              <button type="button" disabled={!t.installable || state.busy !== null} onClick={() => onAct('uninstall', t.id)} data-testid="trust-remove">
                {state.busy === t.id ? 'Removing…' : 'Remove'}
              </button>
            ) : (
              <button type="button" className="primary" disabled={!t.installable || state.busy !== null} onClick={() => onAct('install', t.id)} data-testid="trust-install">
                {state.busy === t.id ? 'Installing…' : 'Install CA'}
              </button>
            )}
            <span className="dim">{t.unavailable ?? (t.needsAdminPrompt ? 'The system asks for your password or confirmation.' : '')}</span>
            {result && (
              <span className={result.ok ? 'trust-detail' : 'error-text'} data-testid="trust-result" data-ok={String(result.ok)}>
                {resultText(result, state.action)}
              </span>
            )}
          </div>
        );
      })}
      {targets.length > 1 && (
        <div className="one-click">
          <button type="button" disabled={!anyInstallable || state.busy !== null} onClick={() => onAct('install', null)} data-testid="trust-install-all">
            {state.busy === 'all' ? 'Installing…' : 'Install in every store'}
          </button>
        </div>
      )}
      {targets.length === 0 && <p className="dim">No trust store was found on this system.</p>}
      {state.error && <p className="error-text" data-testid="trust-error">{state.error}</p>}
    </div>
  );
}

/** The system proxy switch: on means "points at this inspector"; the backend and the saved settings are spelled out. */
export function SystemProxySwitch({ proxy, busy, error, onChange }: { proxy: SystemProxyStatus; busy: boolean; error: string | null; onChange: (on: boolean) => void }) {
  return (
    <div className="system-proxy" data-testid="system-proxy" data-ours={String(proxy.ours)} data-supported={String(proxy.supported)}>
      <label className="switch">
        <input type="checkbox" role="switch" checked={proxy.ours} aria-checked={proxy.ours} disabled={!proxy.supported || busy} onChange={(e) => onChange(e.currentTarget.checked)} data-testid="system-proxy-switch" />
        System proxy{busy ? '…' : ''}
      </label>
      <p className="dim" data-testid="system-proxy-summary">
        {proxySummary(proxy)}
      </p>
      {error && <p className="error-text" data-testid="system-proxy-error">{error}</p>}
    </div>
  );
}

export interface TerminalState {
  running: boolean;
  result: TerminalResult | null;
  error: string | null;
}

export function TerminalLauncher({ availability, state, onLaunch }: { availability: SystemStatus['terminal']; state: TerminalState; onLaunch: () => void }) {
  return (
    <div className="terminal-launcher">
      <div className="one-click">
        <button type="button" className="primary" disabled={availability.name === null || state.running} onClick={onLaunch} data-testid="open-terminal">
          {state.running ? 'Opening…' : 'Open an intercepted terminal'}
        </button>
        <span className="dim">{availability.reason ?? `Opens ${availability.name} with the proxy and CA variables set: programs started there are captured, nothing else changes.`}</span>
      </div>
      {state.result && (
        <p className="trust-detail" data-testid="terminal-result">
          Started {state.result.terminal}
          {state.result.pid !== null ? ` (pid ${state.result.pid})` : ''}.
        </p>
      )}
      {state.error && <p className="error-text" data-testid="terminal-error">{state.error}</p>}
    </div>
  );
}

/** The headless shell: the same actions from a terminal on the inspector's machine. */
export function CliEquivalents() {
  return (
    <div className="cli-equivalents" data-testid="cli-equivalents">
      <p className="dim">Only the desktop app changes OS settings. From a terminal on the inspector’s machine:</p>
      <p>Point the system proxy here (your settings are saved and come back with <code>{CLI_EQUIVALENTS.proxyOff}</code>):</p>
      <CodeBlock code={CLI_EQUIVALENTS.proxyOn} testId="cli-proxy-on" />
      <p>Capture one program, or every program started from your shell, without system-wide changes:</p>
      <CodeBlock code={CLI_EQUIVALENTS.run} testId="cli-run" />
      <CodeBlock code={CLI_EQUIVALENTS.env} testId="cli-env" />
    </div>
  );
}

/** The "System integration" card: proxy switch and terminal in the desktop shell, the CLI otherwise. */
export function SystemCard({ available, system }: { available: boolean; system: SystemStatusState }) {
  const client = useClient();
  const [proxy, setProxy] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [terminal, setTerminal] = useState<TerminalState>({ running: false, result: null, error: null });
  const setSystemProxy = (enabled: boolean) => {
    setProxy({ busy: true, error: null });
    client.call('system.proxy', { enabled }).then(
      (s) => {
        system.set(s);
        setProxy({ busy: false, error: null });
      },
      (err: Error) => setProxy({ busy: false, error: err.message }),
    );
  };
  const launch = () => {
    setTerminal({ running: true, result: null, error: null });
    client.call('system.terminal', {}).then(
      (result) => setTerminal({ running: false, result, error: null }),
      (err: Error) => setTerminal({ running: false, result: null, error: err.message }),
    );
  };
  return (
    <section className="card" aria-labelledby="system-heading" data-testid="system-card">
      <h3 id="system-heading">System integration</h3>
      {!available ? (
        <CliEquivalents />
      ) : system.status ? (
        <>
          <SystemProxySwitch proxy={system.status.proxy} busy={proxy.busy} error={proxy.error} onChange={setSystemProxy} />
          <TerminalLauncher availability={system.status.terminal} state={terminal} onLaunch={launch} />
        </>
      ) : system.error ? (
        <p className="error-text">Could not read the system settings: {system.error.message}</p>
      ) : (
        <p className="dim">Reading the system settings…</p>
      )}
    </section>
  );
}

/** One-click CA trust in the desktop shell: runs ca.install / ca.uninstall and shows each store's own result. */
export function CaTrustPanel({ system, onChanged }: { system: SystemStatusState; onChanged: () => void }) {
  const client = useClient();
  const [state, setState] = useState<CaActionState>({ busy: null, action: 'install', results: {}, error: null });
  const act = (action: 'install' | 'uninstall', id: string | null) => {
    setState({ busy: id ?? 'all', action, results: {}, error: null });
    client.call(action === 'install' ? 'ca.install' : 'ca.uninstall', id === null ? {} : { ids: [id] }).then(
      (r) => {
        system.set(r.status);
        setState({ busy: null, action, results: Object.fromEntries(r.results.map((x) => [x.id, x])), error: null });
        onChanged();
      },
      (err: Error) => setState({ busy: null, action, results: {}, error: err.message }),
    );
  };
  if (system.status) return <CaTrustTargets targets={system.status.ca} state={state} onAct={act} />;
  if (system.error) return <p className="error-text">Could not read the trust stores: {system.error.message}</p>;
  return <p className="dim">Looking at the trust stores…</p>;
}
