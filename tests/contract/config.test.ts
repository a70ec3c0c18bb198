import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigPatchSchema, ConfigSchema } from '../../src-main/contract/index.js';

test('a patch keeps only the fields it names: no defaults fill its siblings', () => {
  assert.deepEqual(ConfigPatchSchema.parse({ ui: { theme: 'dark' } }), { ui: { theme: 'dark' } });
  assert.deepEqual(ConfigPatchSchema.parse({ capture: { maxBodyBytes: 1024 } }), { capture: { maxBodyBytes: 1024 } });
  assert.deepEqual(ConfigPatchSchema.parse({}), {});
});

test('a patch is validated like the config', () => {
  assert.equal(ConfigPatchSchema.safeParse({ proxy: { port: 70000 } }).success, false);
  assert.equal(ConfigPatchSchema.safeParse({ ui: { theme: 'sepia' } }).success, false);
  assert.equal(ConfigPatchSchema.safeParse({ retention: { maxRows: null } }).success, true);
});

test('the full config still takes its defaults', () => {
  const c = ConfigSchema.parse({});
  assert.equal(c.ui.theme, 'system');
  assert.equal(c.ui.port, 8090);
});
