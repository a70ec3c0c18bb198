import { useState } from 'react';
import type { ResendResult } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { navigate, setParams } from '../../app/router.js';

type ResendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; result: ResendResult } | { kind: 'failed'; message: string };

/** Replays the stored request through the proxy; the copy becomes a new exchange the user can jump to. */
export function useResend(id: number): { state: ResendState; resend: () => void; dismiss: () => void } {
  const client = useClient();
  // the outcome belongs to the exchange it was for: switching the pane to another one hides it
  const [held, setHeld] = useState<{ id: number; state: ResendState }>({ id, state: { kind: 'idle' } });
  const set = (state: ResendState) => setHeld({ id, state });
  return {
    state: held.id === id ? held.state : { kind: 'idle' },
    resend: () => {
      set({ kind: 'sending' });
      client.call('exchanges.resend', { id }).then(
        (result) => set({ kind: 'done', result }),
        (err: Error) => set({ kind: 'failed', message: err.message }),
      );
    },
    dismiss: () => set({ kind: 'idle' }),
  };
}

export function ResendButton({ state, resend, disabled }: { state: ResendState; resend: () => void; disabled: boolean }) {
  return (
    <button type="button" data-testid="resend" onClick={resend} disabled={disabled || state.kind === 'sending'} title="Send this request again through the proxy">
      {state.kind === 'sending' ? 'Resending…' : 'Resend'}
    </button>
  );
}

/** The outcome under the header: the new exchange's status and a link to it, or what went wrong. */
export function ResendOutcome({ state, dismiss }: { state: ResendState; dismiss: () => void }) {
  if (state.kind === 'idle' || state.kind === 'sending') return null;
  const close = (
    <button type="button" className="link-button" onClick={dismiss} aria-label="Dismiss">
      ×
    </button>
  );
  if (state.kind === 'failed') {
    return (
      <div className="detail-notice notice-error" data-testid="resend-result">
        Resend failed: {state.message} {close}
      </div>
    );
  }
  const r = state.result;
  const ok = r.error === null;
  return (
    <div className={`detail-notice ${ok ? (r.missingSecrets ? 'notice-warn' : 'notice-ok') : 'notice-error'}`} data-testid="resend-result">
      {ok ? <>Resent{r.status !== null && <> → {r.status}</>}</> : <>Resend failed: {r.error}</>}
      {r.exchangeId !== null && (
        <>
          {' '}
          <button type="button" className="link-button" data-testid="resend-open" onClick={() => navigate(['traffic'], { id: String(r.exchangeId) })}>
            open #{r.exchangeId}
          </button>{' '}
          <button type="button" className="link-button" data-testid="resend-compare" onClick={() => setParams({ compare: String(r.exchangeId), tab: 'compare' })}>
            compare
          </button>
        </>
      )}
      {r.missingSecrets && (
        <div data-testid="resend-missing-secrets">
          The API key was captured before this run of the inspector, so the copy went out without it (expect a 401). Send the
          request from your program once more and resend that one.
        </div>
      )}{' '}
      {close}
    </div>
  );
}
