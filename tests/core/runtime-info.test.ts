// runtime.info (shell, versions, platform) and ca.info's trust, through the real core.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaInfoSchema, RuntimeInfoSchema } from '../../src-main/contract/index.js';
import { startTestInspector } from '../harness/inspector-harness.js';

test('headless by default: no system integration, versions of this process and of the worker SQLite', async () => {
  const t = await startTestInspector();
  try {
    const info = RuntimeInfoSchema.parse(await t.inspector.service.call('runtime.info', {}));
    assert.equal(info.shell, 'headless');
    assert.equal(info.systemIntegration, false);
    assert.equal(info.platform, process.platform);
    assert.equal(info.versions.node, process.versions.node);
    assert.equal(info.versions.v8, process.versions.v8);
    assert.equal(info.versions.electron, null);
    assert.equal(info.versions.chromium, null);
    assert.match(info.versions.sqlite, /^3\.\d+\.\d+/);
    assert.equal(info.proxyUrl, t.proxyUrl);
  } finally {
    await t.close();
  }
});

test('started by the Electron shell: it says so and offers system integration', async () => {
  const t = await startTestInspector({ start: { shell: 'electron' } });
  try {
    const info = await t.inspector.service.call('runtime.info', {});
    assert.equal(info.shell, 'electron');
    assert.equal(info.systemIntegration, true);
  } finally {
    await t.close();
  }
});

test('ca.info probes trust on every call, in the files the environment names', { skip: process.platform === 'darwin' || process.platform === 'win32' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-trust-'));
  const bundle = join(dir, 'bundle.pem');
  const t = await startTestInspector({ start: { env: { SSL_CERT_FILE: bundle } } });
  try {
    const before = CaInfoSchema.parse(await t.inspector.service.call('ca.info', {}));
    assert.notEqual(before.trust.state, 'trusted');
    assert.match(before.trust.detail, new RegExp(bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    writeFileSync(bundle, t.caPem);
    const after = await t.inspector.service.call('ca.info', {});
    assert.deepEqual(after.trust, { state: 'trusted', detail: `Found in ${bundle}.` });
    assert.equal(after.fingerprintSha256, before.fingerprintSha256);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
