import { parseFilter } from '../traffic/index.js';
import type { ExportParams } from './export-params.js';

const FIELDS = ['provider', 'model', 'tag', 'conversationId', 'host', 'search', 'since', 'until'] as const;

/**
 * The Traffic view's filter text (`q`, as "Export these" links carry it) as Export fields: the ones the form shows get
 * their own inputs, every other list filter passes through as it is.
 */
export function paramsFromTrafficFilter(q: string, now = Date.now()): Pick<ExportParams, (typeof FIELDS)[number] | 'starred' | 'extra' | 'q'> {
  const { filter } = parseFilter(q, now);
  const out = { provider: '', model: '', tag: '', conversationId: '', host: '', search: '', since: '', until: '', q: '', starred: false, extra: {} as Record<string, string> };
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'starred') {
      out.starred = value === true;
      continue;
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if ((FIELDS as readonly string[]).includes(key)) out[key as (typeof FIELDS)[number]] = text;
    else out.extra[key] = text;
  }
  return out;
}
