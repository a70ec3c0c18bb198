import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { CaInfo, RuntimeInfo } from '../../../../src-main/contract/index.js';
import { CaDownloads, CaStatus } from '../../../../src-renderer/views/setup/ca-status.js';
import { InstallGuideView, OsTabs } from '../../../../src-renderer/views/setup/install-guide-view.js';
import { installAvailability } from '../../../../src-renderer/views/setup/one-click-install.js';
import { SelfTestPanel, SelfTestSteps } from '../../../../src-renderer/views/setup/self-test-panel.js';
import { SnippetsPanel } from '../../../../src-renderer/views/setup/snippets-panel.js';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const CA: CaInfo = {
  subject: 'CN=LLM Inspector CA (box 1a2b3c), O=LLM Inspector',
  fingerprintSha256: 'AB:CD:EF:01',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2035-01-01T00:00:00.000Z',
  certPath: '/data/ca/certs/ca.pem',
  bundlePath: '/data/ca/client-bundle.pem',
  trust: { state: 'not_trusted', detail: 'not in /etc/ssl/certs/ca-certificates.crt' },
};
const RUNTIME: RuntimeInfo = {
  version: '0.1.0',
  proxyUrl: 'http://127.0.0.1:8080',
  uiUrl: 'http://127.0.0.1:8090',
  dataDir: '/data',
  dbPath: '/data/inspector.db',
  startedAt: NOW - 60_000,
  shell: 'headless',
  systemIntegration: false,
  versions: { node: '22.0.0', electron: null, chromium: null, sqlite: '3.45.0', v8: '12.4' },
  platform: 'linux',
};

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

describe('CaStatus', () => {
  it('shows the name, the fingerprint, the validity and the trust state with its detail', () => {
    const html = renderToStaticMarkup(<CaStatus info={CA} now={NOW} />);
    assert.match(html, /data-testid="ca-status"/);
    assert.match(html, /LLM Inspector CA \(box 1a2b3c\)/);
    assert.match(html, /data-testid="ca-fingerprint">AB:CD:EF:01</);
    assert.match(html, /data-testid="ca-trust" data-state="not_trusted"/);
    assert.match(html, /not in \/etc\/ssl\/certs\/ca-certificates\.crt/);
    assert.match(html, /expires in 8 years/);
  });
  it('marks an expired CA', () => {
    const html = renderToStaticMarkup(<CaStatus info={{ ...CA, notAfter: '2026-01-01T00:00:00.000Z' }} now={NOW} />);
    assert.match(html, /class="expiry expiry-expired"/);
  });
});

describe('CaDownloads', () => {
  it('links the three formats through the client, as downloads', () => {
    const html = renderToStaticMarkup(<CaDownloads urlOf={(p) => `http://h${p}`} />);
    for (const ext of ['pem', 'der', 'crt']) {
      assert.match(html, new RegExp(`href="http://h/api/ca\\.${ext}" download="llm-inspector-ca\\.${ext}"[^>]*data-testid="ca-download-${ext}"`));
    }
  });
});

describe('OsTabs and the guide', () => {
  it('renders one tab per OS with the chosen one selected', () => {
    const html = renderToStaticMarkup(<OsTabs value="fedora" onChange={() => {}} />);
    assert.equal(count(html, 'role="tab"'), 7);
    assert.match(html, /aria-selected="true"[^>]*data-testid="os-tab-fedora"/);
    assert.match(html, /aria-selected="false"[^>]*data-testid="os-tab-linux"/);
  });
  it('shows the chosen guide with copyable commands', () => {
    const html = renderToStaticMarkup(<InstallGuideView os="linux" ctx={{ certPath: CA.certPath, subject: CA.subject, proxyUrl: RUNTIME.proxyUrl, platform: 'linux' }} />);
    assert.match(html, /sudo update-ca-certificates/);
    assert.ok(count(html, 'data-testid="copy-snippet"') >= 3);
  });
});

describe('SnippetsPanel', () => {
  it('renders the four snippets, each with a copy button', () => {
    const html = renderToStaticMarkup(<SnippetsPanel ctx={{ proxyUrl: RUNTIME.proxyUrl, certPath: CA.certPath, shell: 'posix' }} />);
    for (const n of ['node', 'python', 'curl', 'base-urls']) assert.match(html, new RegExp(`data-testid="snippet-${n}"`));
    assert.equal(count(html, 'data-testid="copy-snippet"'), 4);
  });
});

describe('self-test', () => {
  it('lists each step with its mark and links the captured exchange', () => {
    const html = renderToStaticMarkup(
      <SelfTestSteps
        result={{
          ok: false,
          exchangeId: 42,
          steps: [
            { name: 'proxy', ok: true, detail: 'listening' },
            { name: 'tls', ok: false, detail: 'unknown CA' },
          ],
        }}
      />,
    );
    assert.equal(count(html, 'data-testid="self-test-step"'), 2);
    assert.match(html, /data-ok="false"[^>]*>.*unknown CA/);
    assert.match(html, /href="#\/traffic\?id=42"/);
  });
  it('has no link when nothing was captured, and disables the button while running', () => {
    const html = renderToStaticMarkup(<SelfTestPanel state={{ running: true, result: { ok: false, exchangeId: null, steps: [] }, error: null }} onRun={() => {}} />);
    assert.doesNotMatch(html, /self-test-exchange/);
    assert.match(html, /disabled=""[^>]*data-testid="self-test"/);
  });
});

describe('installAvailability', () => {
  it('is off in the headless shell, with the reason and the CLI command that does it', () => {
    const a = installAvailability(RUNTIME);
    assert.equal(a.enabled, false);
    assert.match(a.reason, /headless/);
    assert.match(a.reason, /llm-inspector ca trust/);
  });
  it('follows systemIntegration: on wherever the shell offers it (the desktop app, or serve with one injected)', () => {
    assert.equal(installAvailability({ ...RUNTIME, shell: 'electron', systemIntegration: true }).enabled, true);
    assert.equal(installAvailability({ ...RUNTIME, shell: 'headless', systemIntegration: true }).enabled, true);
    assert.equal(installAvailability({ ...RUNTIME, shell: 'electron', systemIntegration: false }).enabled, false);
    assert.equal(installAvailability(null).enabled, false);
  });
});
