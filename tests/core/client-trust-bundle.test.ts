// The client trust bundle (system roots + the inspector CA) is written by the core at every start, so the path ca.info
// reports is valid whichever shell started it; a data dir where it cannot be written costs only the bundle.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaInfoSchema } from '../../src-main/contract/index.js';
import { writeClientTrustBundle } from '../../src-main/core/index.js';
import { startTestInspector } from '../harness/inspector-harness.js';

const PEM_CERTS = /-----BEGIN CERTIFICATE-----/g;

test('written at start: ca.info names <ca dir>/client-bundle.pem, holding the system roots and this CA', async () => {
  const t = await startTestInspector();
  try {
    const info = CaInfoSchema.parse(await t.inspector.service.call('ca.info', {}));
    const expected = join(t.inspector.layout.caDir, 'client-bundle.pem');
    assert.equal(info.bundlePath, expected);
    assert.equal(t.inspector.bundlePath, expected);
    const text = readFileSync(expected, 'utf8');
    assert.ok(text.trimEnd().endsWith(t.caPem.trim()), 'the inspector CA last');
    assert.ok((text.match(PEM_CERTS) ?? []).length > 1, 'and the roots before it');
  } finally {
    await t.close();
  }
});

test('rewritten at each start (a stale or edited bundle is replaced)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'llmi-bundle-'));
  try {
    const first = await startTestInspector({ dataDir });
    const path = first.inspector.bundlePath!;
    await first.close();
    writeFileSync(path, 'stale\n');
    const second = await startTestInspector({ dataDir });
    try {
      assert.equal(second.inspector.bundlePath, path);
      assert.ok(readFileSync(path, 'utf8').trimEnd().endsWith(second.caPem.trim()));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('cannot be written: the inspector starts anyway, bundlePath is null and no temp file is left', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'llmi-bundle-'));
  // a non-empty directory where the file should go: the rename fails whoever runs the test (root included)
  mkdirSync(join(dataDir, 'ca', 'client-bundle.pem'), { recursive: true });
  writeFileSync(join(dataDir, 'ca', 'client-bundle.pem', 'keep'), '');
  const t = await startTestInspector({ dataDir });
  try {
    assert.equal(t.inspector.bundlePath, null);
    const info = CaInfoSchema.parse(await t.inspector.service.call('ca.info', {}));
    assert.equal(info.bundlePath, null);
    assert.deepEqual(readdirSync(join(dataDir, 'ca')).filter((n) => n.endsWith('.tmp')), []);
    assert.throws(() => writeClientTrustBundle(join(dataDir, 'ca'), t.caPem));
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
