import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientBundlePath, clientProxyUrl, commonName, daysUntil, expiryLevel, expiryText, formatFingerprint } from '../../../../src-renderer/views/setup/ca-facts.js';

const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('commonName', () => {
  it('takes the CN from a one-line subject, whatever follows', () => {
    assert.equal(commonName('CN=LLM Inspector CA (box 1a2b3c), O=LLM Inspector'), 'LLM Inspector CA (box 1a2b3c)');
    assert.equal(commonName('O=Acme, CN=Acme Root'), 'Acme Root');
    assert.equal(commonName('O=No CN here'), null);
  });
});

describe('expiry', () => {
  it('counts whole days and grades them', () => {
    assert.equal(daysUntil('2026-01-20T12:00:00Z', NOW), 10);
    assert.equal(expiryLevel('2025-01-01T00:00:00Z', '2036-01-01T00:00:00Z', NOW), 'ok');
    assert.equal(expiryLevel('2025-01-01T00:00:00Z', '2026-01-20T12:00:00Z', NOW), 'soon');
    assert.equal(expiryLevel('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NOW), 'expired');
    assert.equal(expiryLevel('2026-02-01T00:00:00Z', '2036-01-01T00:00:00Z', NOW), 'not-yet-valid');
  });
  it('says what to do about an expired CA', () => {
    assert.match(expiryText('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NOW), /expired 10 days ago.*regenerate/);
    assert.equal(expiryText('2025-01-01T00:00:00Z', '2026-01-11T12:00:00Z', NOW), 'expires in 1 day');
    assert.equal(expiryText('2025-01-01T00:00:00Z', '2036-01-10T12:00:00Z', NOW), 'expires in 10 years');
  });
});

describe('clientBundlePath', () => {
  it('finds the bundle beside the CA directory, keeping the path separator', () => {
    assert.equal(clientBundlePath('/home/me/.local/share/llm-inspector/ca/certs/ca.pem'), '/home/me/.local/share/llm-inspector/ca/client-bundle.pem');
    assert.equal(clientBundlePath('C:\\Users\\me\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem'), 'C:\\Users\\me\\AppData\\Roaming\\llm-inspector\\ca\\client-bundle.pem');
  });
  it('is null for a CA somewhere else', () => {
    assert.equal(clientBundlePath('/etc/my-ca.pem'), null);
  });
});

describe('clientProxyUrl', () => {
  it('turns a listen-everywhere address into loopback and drops a trailing slash', () => {
    assert.equal(clientProxyUrl('http://0.0.0.0:8080'), 'http://127.0.0.1:8080');
    assert.equal(clientProxyUrl('http://[::]:8080/'), 'http://[::1]:8080');
    assert.equal(clientProxyUrl('http://192.168.1.5:8080'), 'http://192.168.1.5:8080');
    assert.equal(clientProxyUrl('http://0.0.0.0.example:8080'), 'http://0.0.0.0.example:8080');
  });
});

describe('formatFingerprint', () => {
  it('prints byte pairs separated by colons', () => {
    assert.equal(formatFingerprint('abcdef01'), 'AB:CD:EF:01');
    assert.equal(formatFingerprint('AB:CD:EF:01'), 'AB:CD:EF:01');
  });
});
