import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigSchema, type Config } from '../../../../src-main/contract/index.js';
import { changedPaths, configPatch, deepEqual, draftOf, getAt, needsRestart, rebaseDraft, setAt } from '../../../../src-renderer/views/settings/config-form.js';

const BASE: Config = ConfigSchema.parse({});

describe('getAt / setAt', () => {
  it('reads and writes dotted paths through objects and arrays without touching the original', () => {
    const d = draftOf(BASE);
    const e = setAt(d, 'pricing.overrides', [{ model: 'a' }]);
    const f = setAt(e, 'pricing.overrides.0.model', 'b');
    assert.equal(getAt(f, 'pricing.overrides.0.model'), 'b');
    assert.equal(getAt(e, 'pricing.overrides.0.model'), 'a');
    assert.deepEqual(getAt(d, 'pricing.overrides'), []);
    assert.equal(getAt(f, 'proxy'), getAt(d, 'proxy'), 'untouched sections are shared, not copied');
    assert.equal(getAt(f, 'no.such.path'), undefined);
  });
});

describe('configPatch', () => {
  it('is empty for an untouched draft', () => {
    assert.deepEqual(configPatch(BASE, draftOf(BASE)), {});
  });
  it('holds only the changed keys of each changed section, lists whole', () => {
    let d = draftOf(BASE);
    d = setAt(d, 'proxy.port', 9000);
    d = setAt(d, 'mitm.extraHosts', ['llm.internal']);
    d = setAt(d, 'retention.maxAgeDays', 30);
    assert.deepEqual(configPatch(BASE, d), { proxy: { port: 9000 }, mitm: { extraHosts: ['llm.internal'] }, retention: { maxAgeDays: 30 } });
  });
  it('sees an edit inside a list item and sends the whole list', () => {
    const withRow = { ...BASE, pricing: { ...BASE.pricing, overrides: [{ provider: null, model: 'x', inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: null, cacheWritePerMTok: null }] } };
    const d = setAt(draftOf(withRow), 'pricing.overrides.0.outputPerMTok', 3);
    const patch = configPatch(withRow, d);
    assert.deepEqual(Object.keys(patch), ['pricing']);
    assert.deepEqual(patch.pricing, { overrides: [{ provider: null, model: 'x', inputPerMTok: 1, outputPerMTok: 3, cacheReadPerMTok: null, cacheWritePerMTok: null }] });
  });
  it('a value changed and changed back is no change', () => {
    const d = setAt(setAt(draftOf(BASE), 'capture.enabled', false), 'capture.enabled', true);
    assert.deepEqual(configPatch(BASE, d), {});
  });
  it('lists the changed paths for the dirty marks', () => {
    const d = setAt(setAt(draftOf(BASE), 'ui.port', 1), 'redaction.disabled', true);
    assert.deepEqual(changedPaths(BASE, d).sort(), ['redaction.disabled', 'ui.port']);
  });
});

describe('rebaseDraft', () => {
  it('takes outside changes for untouched keys and keeps the user’s edits', () => {
    const draft = setAt(draftOf(BASE), 'proxy.port', 9000);
    const outside: Config = { ...BASE, ui: { ...BASE.ui, theme: 'dark' }, proxy: { ...BASE.proxy, port: 7000 } };
    const next = rebaseDraft(BASE, outside, draft);
    assert.equal(getAt(next, 'ui.theme'), 'dark');
    assert.equal(getAt(next, 'proxy.port'), 9000);
    assert.deepEqual(configPatch(outside, next), { proxy: { port: 9000 } });
  });
});

describe('needsRestart and deepEqual', () => {
  it('flags address and port changes only', () => {
    assert.equal(needsRestart({ proxy: { port: 1 } }), true);
    assert.equal(needsRestart({ ui: { host: '0.0.0.0' } }), true);
    assert.equal(needsRestart({ ui: { theme: 'dark' } }), false);
    assert.equal(needsRestart({ capture: { enabled: false } }), false);
  });
  it('compares deeply', () => {
    assert.equal(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
    assert.equal(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), false);
    assert.equal(deepEqual({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(deepEqual(null, {}), false);
  });
});
