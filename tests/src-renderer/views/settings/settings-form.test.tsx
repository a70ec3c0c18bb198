import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { ConfigSchema } from '../../../../src-main/contract/index.js';
import { draftOf, setAt } from '../../../../src-renderer/views/settings/config-form.js';
import { validateDraft } from '../../../../src-renderer/views/settings/config-validate.js';
import { fieldErrors } from '../../../../src-renderer/views/settings/field-errors.js';
import { SettingsForm } from '../../../../src-renderer/views/settings/settings-form.js';
import { fieldPaths, SECTIONS } from '../../../../src-renderer/views/settings/settings-fields.js';

const BASE = draftOf(ConfigSchema.parse({}));

function render(draft = BASE, dirty: string[] = []) {
  const errors = fieldErrors(validateDraft(draft), fieldPaths(Array.isArray((draft.pricing as { overrides?: unknown[] }).overrides) ? (draft.pricing as { overrides: unknown[] }).overrides.length : 0), draft);
  return renderToStaticMarkup(<SettingsForm draft={draft} errors={errors} dirty={new Set(dirty)} onChange={() => {}} onTheme={() => {}} />);
}

describe('SettingsForm', () => {
  it('renders an input for every field of every section, and the theme select', () => {
    const html = render();
    for (const s of SECTIONS) {
      for (const f of s.fields) {
        if (f.kind === 'select' || f.kind === 'overrides') continue;
        assert.match(html, new RegExp(`data-testid="field-${f.path.replace(/\./g, '\\.')}"`), f.path);
      }
    }
    assert.match(html, /data-testid="theme-select"/);
    assert.match(html, /data-testid="override-add"/);
  });
  it('shows values in display units', () => {
    const html = render();
    assert.match(html, /data-testid="field-upstream\.headersTimeoutMs" value="600"/);
    assert.match(html, /data-testid="field-capture\.maxBodyBytes" value="10"/);
    assert.match(html, /= 10 min/);
  });
  it('shows inline errors beside the fields, with their paths', () => {
    const html = render(setAt(setAt(BASE, 'proxy.port', 99999), 'mitm.extraHosts', ['bad host']));
    assert.match(html, /data-testid="field-error" data-path="proxy\.port"[^>]*>At most 65535</);
    assert.match(html, /data-testid="field-error" data-path="mitm\.extraHosts"[^>]*>&quot;bad host&quot;: a host name/);
    assert.match(html, /class="chip bad" data-testid="chip" data-value="bad host"/);
  });
  it('warns when every connection is decrypted, loudly for insecure hosts and clear secrets', () => {
    const quiet = render();
    assert.doesNotMatch(quiet, /field-warning/);
    const html = render(setAt(setAt(setAt(BASE, 'mitm.all', true), 'upstream.insecureHosts', ['dev.local']), 'redaction.disabled', true));
    assert.match(html, /Every HTTPS connection through the proxy will be decrypted/);
    assert.match(html, /class="field-warning loud"[^>]*>.*NOT verified/);
    assert.match(html, /written to the database in clear/);
  });
  it('renders the price table with a cell per column and errors in the cells', () => {
    const html = render(setAt(BASE, 'pricing.overrides', [{ provider: null, model: '', inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: null, cacheWritePerMTok: null }]));
    assert.match(html, /data-testid="override-row"/);
    assert.match(html, /data-testid="field-pricing\.overrides\.0\.model"/);
    assert.match(html, /data-testid="field-pricing\.overrides\.0\.cacheWritePerMTok"/);
    assert.match(html, /data-path="pricing\.overrides\.0\.model"[^>]*>Required</);
  });
  it('marks changed fields and offers to reset the host list only when it differs', () => {
    assert.doesNotMatch(render(), /reset-mitm\.hosts/);
    const html = render(setAt(BASE, 'mitm.hosts', ['api.openai.com']), ['mitm.hosts']);
    assert.match(html, /data-testid="reset-mitm\.hosts"/);
    assert.match(html, /class="field-row wide dirty" data-field="mitm\.hosts"/);
  });
});
