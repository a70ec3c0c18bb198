import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envLines } from '../../src-main/cli/env-command.js';

const ctx = { proxyUrl: 'http://127.0.0.1:8081', caPath: '/d/ca/certs/ca.pem', bundlePath: '/d/ca/client-bundle.pem' };

test('bash lines set the proxy, CA variables and mention base URLs', () => {
  const text = envLines(ctx, { shell: 'bash', baseUrls: false }).join('\n');
  for (const v of ['HTTPS_PROXY=http://127.0.0.1:8081', 'NO_PROXY=localhost,127.0.0.1,::1', 'NODE_EXTRA_CA_CERTS=/d/ca/certs/ca.pem',
    'SSL_CERT_FILE=/d/ca/client-bundle.pem', 'REQUESTS_CA_BUNDLE=/d/ca/client-bundle.pem', 'CURL_CA_BUNDLE=/d/ca/client-bundle.pem']) {
    assert.ok(text.includes(`export ${v}`), v);
  }
  assert.match(text, /^# export OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:8081\/openai\/v1$/m);
});

test('--base-urls activates the base-URL variables; other shells get their syntax', () => {
  assert.match(envLines(ctx, { shell: 'bash', baseUrls: true }).join('\n'), /^export ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:8081\/anthropic$/m);
  assert.match(envLines(ctx, { shell: 'fish', baseUrls: false }).join('\n'), /^set -gx HTTPS_PROXY http:\/\/127\.0\.0\.1:8081$/m);
  assert.match(envLines(ctx, { shell: 'powershell', baseUrls: false }).join('\n'), /^\$env:HTTPS_PROXY = "http:\/\/127\.0\.0\.1:8081"$/m);
});
