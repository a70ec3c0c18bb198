import type { SelfTestResult } from '../../../src-main/contract/index.js';
import { formatHash } from '../../app/router.js';
import { CheckIcon, CrossIcon } from './icons.js';

export function SelfTestSteps({ result }: { result: SelfTestResult }) {
  return (
    <div className={result.ok ? 'self-test-result ok' : 'self-test-result failed'} data-testid="self-test-result" data-ok={result.ok}>
      <p className="self-test-verdict">
        {result.ok ? 'Interception works: the request went through the proxy, was decrypted and captured.' : 'Something is not working yet: see the failed step.'}
      </p>
      <ol className="self-test-steps">
        {result.steps.map((step, i) => (
          <li key={`${i}-${step.name}`} className={step.ok ? 'ok' : 'failed'} data-testid="self-test-step" data-ok={step.ok}>
            <span className="step-mark">{step.ok ? <CheckIcon title="passed" /> : <CrossIcon title="failed" />}</span>
            <span className="step-name">{step.name}</span>
            <span className="step-detail">{step.detail}</span>
          </li>
        ))}
      </ol>
      {result.exchangeId !== null && (
        <a href={formatHash(['traffic'], { id: String(result.exchangeId) })} data-testid="self-test-exchange">
          Open the captured exchange #{result.exchangeId}
        </a>
      )}
    </div>
  );
}

export interface SelfTestState {
  running: boolean;
  result: SelfTestResult | null;
  error: string | null;
}

export function SelfTestPanel({ state, onRun }: { state: SelfTestState; onRun: () => void }) {
  return (
    <div className="self-test">
      <div className="row">
        <button type="button" className="primary" onClick={onRun} disabled={state.running} data-testid="self-test">
          {state.running ? 'Testing…' : 'Test it'}
        </button>
        <span className="dim">Sends a request through the proxy with this CA and checks it arrives decrypted and captured.</span>
      </div>
      {state.error && (
        <p className="error-text" data-testid="self-test-error">
          The test could not run: {state.error}
        </p>
      )}
      {state.result && <SelfTestSteps result={state.result} />}
    </div>
  );
}
