import { ConfigPatchSchema, type Config, type ConfigPatch } from '../../../src-main/contract/index.js';
import { configPatch, type Draft } from './config-form.js';
import type { Issue } from './field-errors.js';

/** Every section of the draft checked by the schema the server uses, so an error shows before Save is pressed. */
export function validateDraft(draft: Draft): Issue[] {
  const r = ConfigPatchSchema.safeParse(draft);
  return r.success ? [] : r.error.issues;
}

export type PatchResult = { ok: true; patch: ConfigPatch; empty: boolean } | { ok: false; issues: Issue[] };

/**
 * The patch to send for the changes in the draft: each changed section whole. ConfigPatchSchema fills the defaults of the
 * keys a partial section leaves out (zod's `.partial()` keeps `.default()`), so `{ui: {theme}}` would also reset the UI
 * port to 8090 on the server; a whole section leaves nothing to fill.
 */
export function patchToSend(saved: Config, draft: Draft): PatchResult {
  const changed = Object.keys(configPatch(saved, draft));
  const raw = Object.fromEntries(changed.map((section) => [section, draft[section]]));
  const r = ConfigPatchSchema.safeParse(raw);
  if (!r.success) return { ok: false, issues: r.error.issues };
  return { ok: true, patch: r.data, empty: changed.length === 0 };
}
