import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ConfigPatchSchema, ConfigSchema } from '../../../../src-main/contract/index.js';
import { draftOf, setAt } from '../../../../src-renderer/views/settings/config-form.js';
import { validateDraft } from '../../../../src-renderer/views/settings/config-validate.js';
import { fieldErrors, FORM_KEY, issuesFromTree } from '../../../../src-renderer/views/settings/field-errors.js';
import { fieldPaths } from '../../../../src-renderer/views/settings/settings-fields.js';

const BASE = draftOf(ConfigSchema.parse({}));

function errorsFor(draft: typeof BASE) {
  return fieldErrors(validateDraft(draft), fieldPaths(1), draft);
}

describe('fieldErrors from zod issues', () => {
  it('a valid config has no errors', () => {
    assert.deepEqual(errorsFor(BASE), {});
  });
  it('puts each issue beside its field, in the words and units of the form', () => {
    let d = setAt(BASE, 'proxy.port', 70000);
    d = setAt(d, 'ui.port', '80a');
    d = setAt(d, 'conversations.idleTtlMs', 10);
    d = setAt(d, 'retention.maxRows', 1.5);
    d = setAt(d, 'upstream.headersTimeoutMs', '');
    const e = errorsFor(d);
    assert.equal(e['proxy.port']?.message, 'At most 65535');
    assert.equal(e['ui.port']?.message, 'Enter a number');
    assert.equal(e['conversations.idleTtlMs']?.message, 'At least 1 s', 'the 1000 ms minimum is shown in seconds');
    assert.equal(e['retention.maxRows']?.message, 'Enter a number');
    assert.equal(e['upstream.headersTimeoutMs']?.message, 'Required');
  });
  it('names and marks the wrong item of a list', () => {
    const d = setAt(BASE, 'mitm.extraHosts', ['ok.example', 'bad host', 'also/bad']);
    const e = errorsFor(d)['mitm.extraHosts'];
    assert.ok(e);
    assert.equal(e.message, '"bad host": a host name, * allowed within a label');
    assert.deepEqual(e.items, [1, 2]);
  });
  it('reaches the cells of the price table', () => {
    const d = setAt(BASE, 'pricing.overrides', [{ provider: null, model: '', inputPerMTok: -1, outputPerMTok: 1, cacheReadPerMTok: null, cacheWritePerMTok: null }]);
    const e = errorsFor(d);
    assert.equal(e['pricing.overrides.0.model']?.message, 'Required');
    assert.equal(e['pricing.overrides.0.inputPerMTok']?.message, 'At least 0');
    assert.equal(e['pricing.overrides'], undefined);
  });
  it('keeps an issue no field claims on the form, with its path', () => {
    const e = fieldErrors([{ path: ['routes', 0, 'prefix'], message: 'a path prefix like /openai' }], fieldPaths(0), BASE);
    assert.equal(e[FORM_KEY]?.message, 'routes.0.prefix: a path prefix like /openai');
  });
});

describe('issuesFromTree (the server’s 400 details)', () => {
  it('rebuilds paths from z.treeifyError, items included, and places them', () => {
    const bad = { proxy: { port: -1 }, mitm: { hosts: ['ok', 'b d'] } };
    const r = ConfigPatchSchema.safeParse(bad);
    assert.equal(r.success, false);
    const tree = JSON.parse(JSON.stringify(z.treeifyError(r.error!))) as unknown;
    const issues = issuesFromTree(tree);
    assert.deepEqual(
      issues.map((i) => i.path.join('.')).sort(),
      ['mitm.hosts.1', 'proxy.port'],
    );
    const e = fieldErrors(issues, fieldPaths(0), setAt(setAt(BASE, 'proxy.port', -1), 'mitm.hosts', ['ok', 'b d']));
    assert.match(e['proxy.port']?.message ?? '', /Too small/);
    assert.deepEqual(e['mitm.hosts']?.items, [1]);
  });
  it('ignores what is not a tree', () => {
    assert.deepEqual(issuesFromTree(undefined), []);
    assert.deepEqual(issuesFromTree('nope'), []);
    assert.deepEqual(issuesFromTree({ errors: ['whole thing wrong'] }), [{ path: [], message: 'whole thing wrong' }]);
  });
});
