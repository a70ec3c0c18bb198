import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, test } from 'node:test';
import { ExchangeStore, SQLITE_BINDING_ENV } from '../../src-main/store/index.js';

const require = createRequire(import.meta.url);
const addonOfNode = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const saved = process.env[SQLITE_BINDING_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SQLITE_BINDING_ENV];
  else process.env[SQLITE_BINDING_ENV] = saved;
});

test('the store opens with the addon the environment names (how the Electron shell loads its own ABI build)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-binding-'));
  try {
    process.env[SQLITE_BINDING_ENV] = addonOfNode;
    const store = ExchangeStore.open(join(dir, 'a.db'));
    assert.equal(store.openInfo.maxId, 0);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing addon is a clear open error, not a silent fallback to the wrong ABI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-binding-'));
  try {
    process.env[SQLITE_BINDING_ENV] = join(dir, 'no-such-addon.node');
    assert.throws(() => ExchangeStore.open(join(dir, 'b.db')), /no-such-addon\.node/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
