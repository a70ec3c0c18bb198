import { useState } from 'react';
import { useClient, useCommand, useServiceEvents } from '../../app/client-context.js';
import { setParams, useRoute } from '../../app/router.js';
import { CaDownloads, CaStatus } from './ca-status.js';
import { CodeBlock } from './code-block.js';
import { InstallGuideView, OsTabs } from './install-guide-view.js';
import { CLI_EQUIVALENTS, installAvailability } from './one-click-install.js';
import { chooseOs, type BrowserPlatform } from './os-detect.js';
import { SelfTestPanel, type SelfTestState } from './self-test-panel.js';
import { defaultShell, type ShellKind } from './shell-quote.js';
import { pingCommand } from './snippets.js';
import { ShellToggle, SnippetsPanel } from './snippets-panel.js';
import { CaTrustPanel, SystemCard } from './system-panel.js';
import { latestSystemChange, useSystemStatus } from './system-status.js';

function browserPlatform(): BrowserPlatform {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return { uaPlatform: nav.userAgentData?.platform, platform: nav.platform, userAgent: nav.userAgent };
}

function parseShell(v: string | null): ShellKind | null {
  return v === 'posix' || v === 'powershell' ? v : null;
}

function LoadError({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <div className="load-error" role="alert">
      <span className="error-text">
        Could not read {what}: {error.message}
      </span>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

/** Setup & CA (`#/setup?os=linux&shell=posix`): trust the CA, route programs through the proxy, and check it works. */
export function SetupView() {
  const client = useClient();
  const route = useRoute();
  const ca = useCommand('ca.info', {});
  const runtime = useCommand('runtime.info', {});
  const [selfTest, setSelfTest] = useState<SelfTestState>({ running: false, result: null, error: null });

  const platform = runtime.data?.platform ?? null;
  const os = chooseOs(route.params.get('os'), browserPlatform(), platform);
  const certPath = ca.data?.certPath ?? '';
  const shell = parseShell(route.params.get('shell')) ?? defaultShell(certPath, platform);
  const availability = installAvailability(runtime.data);
  const system = useSystemStatus(availability.enabled);
  // the tray or another window installed or removed the CA: ca.info's own trust probe is read again
  useServiceEvents((batch) => {
    if (latestSystemChange(batch)) ca.reload();
  });

  const runSelfTest = () => {
    setSelfTest({ running: true, result: null, error: null });
    client.call('setup.selfTest', {}).then(
      (result) => setSelfTest({ running: false, result, error: null }),
      (err: Error) => setSelfTest({ running: false, result: null, error: err.message }),
    );
  };

  const ready = ca.data && runtime.data ? { ca: ca.data, runtime: runtime.data } : null;
  return (
    <div className="view-scroll setup-view" data-testid="setup-view">
      <header className="view-header">
        <h2>Setup &amp; CA</h2>
        <p className="dim">Trust the inspector’s certificate authority, route your programs through the proxy, and check that it works.</p>
      </header>

      <div className="setup-top">
        <section className="card" aria-labelledby="ca-heading">
          <h3 id="ca-heading">Certificate authority</h3>
          {ca.error && !ca.data && <LoadError what="the CA" error={ca.error} onRetry={ca.reload} />}
          {!ca.data && !ca.error && <p className="dim">Reading the CA…</p>}
          {ca.data && <CaStatus info={ca.data} now={Date.now()} />}
          <CaDownloads urlOf={(p) => client.resourceUrl(p)} />
          {availability.enabled ? (
            <CaTrustPanel system={system} onChanged={ca.reload} />
          ) : (
            <>
              <div className="one-click">
                <button type="button" disabled data-testid="one-click-install" title={availability.reason}>
                  Install the CA for me
                </button>
                <span className="dim" data-testid="one-click-reason">
                  {availability.reason}
                </span>
              </div>
              {runtime.data && <CodeBlock code={CLI_EQUIVALENTS.caTrust} testId="cli-ca-trust" />}
            </>
          )}
        </section>

        <section className="card" aria-labelledby="test-heading">
          <h3 id="test-heading">Test it</h3>
          <SelfTestPanel state={selfTest} onRun={runSelfTest} />
          {ready && (
            <div className="ping">
              <p>From your own program’s machine or terminal: the proxy answers this host itself, so a reply proves the proxy and the CA work from there.</p>
              <CodeBlock code={pingCommand({ proxyUrl: ready.runtime.proxyUrl, certPath: ready.ca.certPath, shell })} testId="snippet-ping" />
            </div>
          )}
        </section>
      </div>

      {runtime.data && <SystemCard available={availability.enabled} system={system} />}

      <section className="card" aria-labelledby="install-heading">
        <h3 id="install-heading">Install the CA</h3>
        <p className="dim">Only needed for HTTPS_PROXY interception; the base-URL routes below work without it.</p>
        <OsTabs value={os} onChange={(next) => setParams({ os: next })} />
        {ready ? (
          <InstallGuideView os={os} ctx={{ certPath: ready.ca.certPath, subject: ready.ca.subject, proxyUrl: ready.runtime.proxyUrl, platform: ready.runtime.platform }} />
        ) : runtime.error && !runtime.data ? (
          <LoadError what="where the inspector runs" error={runtime.error} onRetry={runtime.reload} />
        ) : ca.error && !ca.data ? (
          <p className="dim">The steps need the CA’s file, which could not be read (see above).</p>
        ) : (
          <p className="dim">Loading…</p>
        )}
      </section>

      <section className="card" aria-labelledby="route-heading">
        <div className="card-head">
          <h3 id="route-heading">Route your programs</h3>
          {runtime.data && (
            <span className="dim">
              proxy <code>{runtime.data.proxyUrl}</code>
            </span>
          )}
          <ShellToggle value={shell} onChange={(next) => setParams({ shell: next })} />
        </div>
        {runtime.data && (ca.data || ca.error) ? (
          <SnippetsPanel ctx={{ proxyUrl: runtime.data.proxyUrl, certPath: ca.data?.certPath ?? null, shell }} />
        ) : runtime.error && !runtime.data ? (
          <LoadError what="where the inspector runs" error={runtime.error} onRetry={runtime.reload} />
        ) : (
          <p className="dim">Loading…</p>
        )}
      </section>
    </div>
  );
}
