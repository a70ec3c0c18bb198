import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guideCertFile, installGuide, type GuideContext } from '../../../../src-renderer/views/setup/install-guides.js';
import { OS_IDS } from '../../../../src-renderer/views/setup/os-detect.js';

const LINUX: GuideContext = {
  certPath: '/home/me/.local/share/llm-inspector/ca/certs/ca.pem',
  subject: 'CN=LLM Inspector CA (box 1a2b3c), O=LLM Inspector',
  proxyUrl: 'http://127.0.0.1:8080',
  platform: 'linux',
};
const WINDOWS: GuideContext = { ...LINUX, certPath: 'C:\\Users\\Jane Doe\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem', platform: 'win32' };

function commands(os: (typeof OS_IDS)[number], ctx: GuideContext): string[] {
  return installGuide(os, ctx).sections.flatMap((s) => s.steps.flatMap((st) => (st.command ? [st.command] : [])));
}

describe('installGuide', () => {
  it('has steps with commands for every OS', () => {
    for (const os of OS_IDS) assert.ok(commands(os, LINUX).length > 0, os);
  });
  it('Debian/Ubuntu copies to ca-certificates as .crt and runs update-ca-certificates', () => {
    const c = commands('linux', LINUX);
    assert.ok(c.includes('sudo cp /home/me/.local/share/llm-inspector/ca/certs/ca.pem /usr/local/share/ca-certificates/llm-inspector.crt'));
    assert.ok(c.includes('sudo update-ca-certificates'));
  });
  it('Fedora uses the anchors directory and update-ca-trust; Arch uses trust anchor', () => {
    assert.ok(commands('fedora', LINUX).some((c) => c.includes('/etc/pki/ca-trust/source/anchors/')));
    assert.ok(commands('fedora', LINUX).includes('sudo update-ca-trust'));
    assert.ok(commands('arch', LINUX).includes('sudo trust anchor --store /home/me/.local/share/llm-inspector/ca/certs/ca.pem'));
  });
  it('Windows: certutil into the user Root store, PowerShell-quoted, and removal by the CA name', () => {
    const c = commands('windows', WINDOWS);
    assert.ok(c.includes("certutil -user -addstore Root 'C:\\Users\\Jane Doe\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem'"));
    assert.ok(c.includes("certutil -user -delstore Root 'LLM Inspector CA (box 1a2b3c)'"));
    assert.equal(installGuide('windows', WINDOWS).shell, 'powershell');
  });
  it('macOS: security add-trusted-cert, and delete by CN', () => {
    const c = commands('macos', { ...LINUX, certPath: '/Users/me/Library/Application Support/llm-inspector/ca/certs/ca.pem', platform: 'darwin' });
    assert.ok(c.some((x) => x.startsWith('security add-trusted-cert -r trustRoot') && x.endsWith("'/Users/me/Library/Application Support/llm-inspector/ca/certs/ca.pem'")));
    assert.ok(c.includes("security delete-certificate -c 'LLM Inspector CA (box 1a2b3c)'"));
  });
  it('Firefox/NSS: certutil into the shared database with C,, trust and the CA name as nickname', () => {
    assert.ok(commands('firefox', LINUX).includes(`certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n 'LLM Inspector CA (box 1a2b3c)' -i /home/me/.local/share/llm-inspector/ca/certs/ca.pem`));
  });
  it('Android: proxy through 10.0.2.2 on the proxy port, user store by adb push, system store by subject hash', () => {
    const c = commands('android', { ...LINUX, proxyUrl: 'http://127.0.0.1:9123' });
    assert.ok(c.includes('adb shell settings put global http_proxy 10.0.2.2:9123'));
    assert.ok(c.some((x) => x.startsWith('adb push /home/me/') && x.endsWith('/sdcard/Download/llm-inspector-ca.crt')));
    assert.ok(c.some((x) => x.includes('-subject_hash_old')));
  });
});

describe('guideCertFile', () => {
  it('uses the inspector file for its own OS, the download for another', () => {
    assert.equal(guideCertFile('linux', LINUX), '/home/me/.local/share/llm-inspector/ca/certs/ca.pem');
    assert.equal(guideCertFile('windows', LINUX), '"$HOME\\Downloads\\llm-inspector-ca.crt"');
    assert.equal(guideCertFile('macos', LINUX), '~/Downloads/llm-inspector-ca.crt');
    assert.equal(guideCertFile('linux', WINDOWS), '~/Downloads/llm-inspector-ca.crt');
  });
  it('goes by the path style when the platform is unknown', () => {
    assert.equal(guideCertFile('windows', { certPath: 'C:\\ca\\certs\\ca.pem', platform: null }), 'C:\\ca\\certs\\ca.pem');
    assert.equal(guideCertFile('macos', { certPath: '/x/ca.pem', platform: null }), '/x/ca.pem');
  });
});
