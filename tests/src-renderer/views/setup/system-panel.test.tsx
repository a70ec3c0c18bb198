import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { CaTrustTargetStatus, ServiceEvent, SystemProxyStatus, SystemStatus } from '../../../../src-main/contract/index.js';
import { CaTrustTargets, CliEquivalents, SystemProxySwitch, TerminalLauncher, type CaActionState } from '../../../../src-renderer/views/setup/system-panel.js';
import { latestSystemChange, proxySummary, resultText } from '../../../../src-renderer/views/setup/system-status.js';

const PROXY: SystemProxyStatus = { supported: true, backend: 'gnome', enabled: false, ours: false, savedPrevious: false, target: '127.0.0.1:8080', reason: null };
const TARGETS: CaTrustTargetStatus[] = [
  { id: 'system:Linux system store', kind: 'system', label: 'Linux system store', trusted: false, installable: true, unavailable: null, needsAdminPrompt: true },
  { id: 'nss:NSS ~/.pki/nssdb', kind: 'nss', label: 'NSS ~/.pki/nssdb', trusted: true, installable: true, unavailable: null, needsAdminPrompt: false },
  { id: 'nss:NSS ~/.mozilla/firefox/x', kind: 'nss', label: 'NSS ~/.mozilla/firefox/x', trusted: null, installable: false, unavailable: 'certutil is not installed', needsAdminPrompt: false },
];
const IDLE: CaActionState = { busy: null, action: 'install', results: {}, error: null };
const STATUS: SystemStatus = { proxy: PROXY, ca: TARGETS, terminal: { name: 'gnome-terminal', reason: null } };

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('CaTrustTargets', () => {
  it('one row per store with its state: Install CA when not trusted, Remove when trusted, disabled with the reason when it cannot', () => {
    const html = renderToStaticMarkup(<CaTrustTargets targets={TARGETS} state={IDLE} onAct={() => {}} />);
    assert.equal(count(html, 'data-testid="trust-target"'), 3);
    assert.match(html, /data-kind="system" data-trusted="false">.*Not trusted.*Linux system store.*data-testid="trust-install".*asks for your password/);
    assert.match(html, /data-kind="nss" data-trusted="true">.*Trusted.*data-testid="trust-remove"/);
    assert.match(html, /data-trusted="null">.*Cannot tell.*disabled=""[^>]*data-testid="trust-install".*certutil is not installed/);
    assert.match(html, /data-testid="trust-install-all"/);
  });
  it('while one store works every button waits; results are shown per store, failures with their message', () => {
    const busy = renderToStaticMarkup(<CaTrustTargets targets={TARGETS} state={{ ...IDLE, busy: TARGETS[0]?.id ?? '' }} onAct={() => {}} />);
    assert.match(busy, /Installing…/);
    assert.equal(count(busy, 'disabled=""'), 4);
    const done = renderToStaticMarkup(
      <CaTrustTargets
        targets={TARGETS}
        state={{
          ...IDLE,
          results: {
            'system:Linux system store': { id: 'system:Linux system store', kind: 'system', label: 'Linux system store', ok: false, error: 'pkexec: dismissed' },
            'nss:NSS ~/.pki/nssdb': { id: 'nss:NSS ~/.pki/nssdb', kind: 'nss', label: 'NSS ~/.pki/nssdb', ok: true, error: null },
          },
        }}
        onAct={() => {}}
      />,
    );
    assert.match(done, /data-testid="trust-result" data-ok="false">Failed: pkexec: dismissed</);
    assert.match(done, /data-testid="trust-result" data-ok="true">Installed\.</);
  });
});

describe('SystemProxySwitch', () => {
  it('is checked only when the system proxy points at this inspector, and names the backend', () => {
    const off = renderToStaticMarkup(<SystemProxySwitch proxy={PROXY} busy={false} error={null} onChange={() => {}} />);
    assert.doesNotMatch(off, /checked=""/);
    assert.match(off, /Off \(GNOME settings\)/);
    const on = renderToStaticMarkup(<SystemProxySwitch proxy={{ ...PROXY, enabled: true, ours: true, savedPrevious: true }} busy={false} error={null} onChange={() => {}} />);
    assert.match(on, /checked=""/);
    assert.match(on, /data-ours="true"/);
    assert.match(on, /through this inspector at 127\.0\.0\.1:8080/);
  });
  it('is disabled with the reason where unsupported, and shows an error', () => {
    const html = renderToStaticMarkup(<SystemProxySwitch proxy={{ ...PROXY, supported: false, backend: null, reason: 'system proxy: not supported here (linux)' }} busy={false} error="gsettings: failed" onChange={() => {}} />);
    assert.match(html, /disabled=""[^>]*data-testid="system-proxy-switch"/);
    assert.match(html, /not supported here \(linux\)/);
    assert.match(html, /data-testid="system-proxy-error">gsettings: failed</);
  });
});

describe('TerminalLauncher', () => {
  it('names the terminal it will open, then the one that started', () => {
    const html = renderToStaticMarkup(<TerminalLauncher availability={STATUS.terminal} state={{ running: false, result: { terminal: 'gnome-terminal', pid: 4242 }, error: null }} onLaunch={() => {}} />);
    assert.match(html, /Opens gnome-terminal with the proxy and CA variables set/);
    assert.match(html, /data-testid="terminal-result">Started gnome-terminal \(pid 4242\)\.</);
  });
  it('without a terminal: disabled, saying what to install or run instead; errors shown', () => {
    const html = renderToStaticMarkup(<TerminalLauncher availability={{ name: null, reason: 'No terminal emulator found. Install xterm' }} state={{ running: false, result: null, error: 'boom' }} onLaunch={() => {}} />);
    assert.match(html, /disabled=""[^>]*data-testid="open-terminal"/);
    assert.match(html, /No terminal emulator found/);
    assert.match(html, /data-testid="terminal-error">boom</);
  });
});

describe('CliEquivalents (headless)', () => {
  it('shows the commands that do the same from a terminal, each copyable', () => {
    const html = renderToStaticMarkup(<CliEquivalents />);
    assert.match(html, /llm-inspector system-proxy on/);
    assert.match(html, /llm-inspector system-proxy off/);
    assert.match(html, /llm-inspector run -- &lt;command&gt;/);
    assert.match(html, /eval &quot;\$\(llm-inspector env\)&quot;/);
    assert.equal(count(html, 'data-testid="copy-snippet"'), 3);
  });
});

describe('system status helpers', () => {
  it('proxySummary tells on, elsewhere and off apart', () => {
    assert.match(proxySummary({ ...PROXY, enabled: true }), /another proxy/);
    assert.match(proxySummary({ ...PROXY, reason: 'cannot read the system proxy: no bus' }), /GNOME settings: cannot read/);
  });
  it('resultText and latestSystemChange', () => {
    assert.equal(resultText({ id: 'a', kind: 'nss', label: 'x', ok: true, error: null }, 'uninstall'), 'Removed.');
    const events: ServiceEvent[] = [
      { event: 'system.changed', data: STATUS },
      { event: 'config.changed', data: { at: 1 } },
      { event: 'system.changed', data: { ...STATUS, terminal: { name: null, reason: 'none' } } },
    ];
    assert.equal(latestSystemChange(events)?.terminal.name, null);
    assert.equal(latestSystemChange([{ event: 'config.changed', data: { at: 1 } }]), null);
  });
});
