import { ExportOptionsSchema, type ExportOptions } from '../../../src-main/contract/index.js';
import { formatInfo } from './export-formats.js';
import { DEFAULT_PARAMS, normaliseIds, type ExportParams } from './export-params.js';
import { resolveTime } from './time-input.js';

/**
 * The Export view's state → the query string of `GET /api/export` and `/api/export/preview`. It is checked with the
 * contract's own `ExportOptionsSchema`, parsed from the very string the server will get, so what the view accepts is
 * what the server accepts; errors come back per field for the form to show beside it.
 */
export type FieldErrors = Partial<Record<string, string>>;

export type ExportQuery =
  | { ok: true; query: string; options: ExportOptions }
  | { ok: false; errors: FieldErrors };

/** Options that only mean something for dataset formats (HAR and trace files take the selection as it is). */
const DATASET_ONLY = new Set(['per', 'includeErrors', 'dedupe', 'thinking', 'scrubPii', 'strict', 'maxTokens', 'dropOverLimit', 'minExamples', 'trainOn', 'dpoPrefer', 'pairs']);

/** Which options apply to a format, for the form to grey out the rest (with the reason as a tooltip). */
export function optionApplies(format: ExportParams['format'], option: string): boolean {
  const info = formatInfo(format);
  if (info.kind !== 'dataset') return !DATASET_ONLY.has(option);
  if (option === 'trainOn') return info.weights;
  if (option === 'dpoPrefer' || option === 'pairs') return format === 'openai-dpo';
  // DPO pairs two calls to the same prompt, never whole conversations
  if (option === 'per') return format !== 'openai-dpo';
  if (option === 'thinking') return info.thinkingLocked === null;
  return true;
}

/** Builds and validates the query. `now` resolves relative times (`24h`), once per change, by the caller. */
export function buildExportQuery(p: ExportParams, now: number): ExportQuery {
  const errors: FieldErrors = {};
  const qs = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (optionApplies(p.format, key)) qs.set(key, value);
  };
  qs.set('format', p.format);
  for (const key of ['provider', 'model', 'tag', 'conversationId', 'host', 'search'] as const) {
    const v = p[key].trim();
    if (v !== '') qs.set(key, v);
  }
  for (const key of ['since', 'until'] as const) {
    const t = resolveTime(p[key], now);
    if (!t.ok) errors[key] = t.message;
    else if (t.value !== undefined) qs.set(key, String(t.value));
  }
  if (p.starred) qs.set('starred', 'true');
  for (const [k, v] of Object.entries(p.extra)) qs.set(k, v);
  const ids = normaliseIds(p.ids);
  if (ids !== '') {
    const bad = ids.split(',').find((s) => !/^[1-9]\d*$/.test(s));
    if (bad !== undefined) errors['ids'] = `"${bad}" is not an exchange id; use numbers such as 12,15,20`;
    else qs.set('ids', ids);
  }
  if (p.per !== DEFAULT_PARAMS.per) set('per', p.per);
  if (p.includeErrors) set('includeErrors', 'true');
  if (!p.dedupe) set('dedupe', 'false');
  if (p.thinking !== 'default') set('thinking', p.thinking);
  if (p.scrubPii) set('scrubPii', 'true');
  if (p.strict) set('strict', 'true');
  // an emptied box means the default, which the server applies itself
  const number = (key: 'maxTokens' | 'minExamples') => {
    const v = p[key].trim();
    if (v !== '' && v !== DEFAULT_PARAMS[key]) set(key, v);
  };
  number('maxTokens');
  if (p.dropOverLimit) set('dropOverLimit', 'true');
  number('minExamples');
  if (p.trainOn !== DEFAULT_PARAMS.trainOn) set('trainOn', p.trainOn);
  if (p.dpoPrefer !== DEFAULT_PARAMS.dpoPrefer) set('dpoPrefer', p.dpoPrefer);
  const pairs = p.pairs.replace(/\s+/g, '');
  if (pairs !== '') {
    const bad = pairs.split(',').filter(Boolean).find((s) => !/^[1-9]\d*:[1-9]\d*$/.test(s));
    if (bad !== undefined) errors['pairs'] = `"${bad}" is not a pair; write preferred:rejected ids, e.g. 12:10,15:14`;
    else set('pairs', pairs);
  }
  if (p.maxExamples.trim() !== '') qs.set('maxExamples', p.maxExamples.trim());

  const parsed = ExportOptionsSchema.safeParse(Object.fromEntries(qs));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'format');
      errors[key] ??= schemaMessage(key, issue.message);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, query: qs.toString(), options: parsed.data };
}

/** zod's words, said about the field a person typed into. */
function schemaMessage(key: string, message: string): string {
  if (/too small|too_small/i.test(message)) return key === 'minExamples' ? 'needs 0 or more' : 'needs a number above 0';
  if (/expected number|received NaN|expected int/i.test(message)) return 'needs a whole number';
  return message;
}

export function previewPath(query: string, lines: number): string {
  return `/api/export/preview?${query}&lines=${lines}`;
}

export function downloadPath(query: string): string {
  return `/api/export?${query}`;
}
