import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigSchema } from '../../../../src-main/contract/index.js';
import { draftOf, setAt } from '../../../../src-renderer/views/settings/config-form.js';
import { patchToSend } from '../../../../src-renderer/views/settings/config-validate.js';

const SAVED = ConfigSchema.parse({});

describe('patchToSend', () => {
  it('sends the changed sections only, each whole, parsed by ConfigPatchSchema', () => {
    const d = setAt(setAt(draftOf(SAVED), 'capture.maxBodyBytes', 1048576), 'upstream.extraCaFile', '/etc/corp.pem');
    const r = patchToSend(SAVED, d);
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.empty, false);
    assert.deepEqual(Object.keys(r.patch).sort(), ['capture', 'upstream']);
    assert.deepEqual(r.patch.capture, { ...SAVED.capture, maxBodyBytes: 1048576 });
    assert.deepEqual(r.patch.upstream, { ...SAVED.upstream, extraCaFile: '/etc/corp.pem' });
  });
  it('never lets a schema default overwrite a saved sibling value', () => {
    // the schema fills left-out keys with defaults, so a partial {ui: {theme}} would reset a saved UI port of 0
    const saved = ConfigSchema.parse({ ui: { port: 0 }, capture: { enabled: false } });
    const r = patchToSend(saved, setAt(setAt(draftOf(saved), 'ui.theme', 'dark'), 'capture.maxBodyBytes', 5));
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.patch.ui?.port, 0);
    assert.equal(r.patch.ui?.theme, 'dark');
    assert.equal(r.patch.capture?.enabled, false);
  });
  it('is empty for no change', () => {
    const r = patchToSend(SAVED, draftOf(SAVED));
    assert.equal(r.ok && r.empty, true);
  });
  it('refuses an invalid change with its issues', () => {
    const r = patchToSend(SAVED, setAt(draftOf(SAVED), 'proxy.port', 'x'));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.issues[0]?.path, ['proxy', 'port']);
  });
  it('fills a new price row’s defaults the schema supplies', () => {
    const d = setAt(draftOf(SAVED), 'pricing.overrides', [{ model: 'm-*', inputPerMTok: 1, outputPerMTok: 2 }]);
    const r = patchToSend(SAVED, d);
    assert.equal(r.ok, true);
    if (r.ok) assert.deepEqual(r.patch.pricing?.overrides?.[0], { provider: null, model: 'm-*', inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: null, cacheWritePerMTok: null });
  });
});
