import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigFileError, ConfigStore, mergeConfig, readConfigFile } from '../../src-main/config/index.js';

test('missing file gives defaults; saved changes read back; bad files get a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-config-'));
  try {
    const path = join(dir, 'config.json');
    const defaults = readConfigFile(path);
    assert.equal(defaults.proxy.port, 8080);
    assert.equal(defaults.capture.maxBodyBytes, 10 * 1024 * 1024);
    assert.ok(defaults.mitm.hosts.includes('api.anthropic.com'));
    const store = new ConfigStore(defaults, path);
    store.set({ capture: { maxBodyBytes: 1234 }, mitm: { extraHosts: ['llm.internal.example'] } });
    const back = readConfigFile(path);
    assert.equal(back.capture.maxBodyBytes, 1234);
    assert.deepEqual(back.mitm.extraHosts, ['llm.internal.example']);
    assert.equal(back.capture.enabled, true);
    writeFileSync(path, '{"proxy": {"port": "eighty"}}');
    assert.throws(() => readConfigFile(path), (e: unknown) => e instanceof ConfigFileError && /proxy\.port/.test((e as Error).message));
    writeFileSync(path, '{nope');
    assert.throws(() => readConfigFile(path), ConfigFileError);
    assert.throws(() => mergeConfig(defaults, { capture: { maxBodyBytes: -1 } }));
    assert.ok(readFileSync(path, 'utf8').length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
