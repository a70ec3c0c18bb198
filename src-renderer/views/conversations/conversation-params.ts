import type { ConversationQuery } from '../../../src-main/contract/index.js';
import { isPresetKey, parseInstant, presetMs, type PresetKey } from '../dashboard/index.js';

/**
 * The conversation list's URL state: `#/conversations?provider=openai&model=gpt-4*&tag=x&range=24h&page=2`
 * (or `range=custom&from=…&to=…`). Pure, with `now` passed in so relative ranges stay put between refreshes.
 */

export const PAGE_SIZE = 50;

export interface ConversationFilters {
  provider: string;
  model: string;
  tag: string;
  /** 'all', a preset, or 'custom' */
  range: 'all' | PresetKey | 'custom';
  from: number | null;
  to: number | null;
  /** 1-based */
  page: number;
}

export function parseConversationFilters(params: URLSearchParams): ConversationFilters {
  const r = params.get('range');
  const from = parseInstant(params.get('from'));
  const to = parseInstant(params.get('to'));
  const range = r === 'custom' && from !== null ? 'custom' : isPresetKey(r) ? r : 'all';
  const page = Number(params.get('page'));
  return {
    provider: params.get('provider')?.trim() ?? '',
    model: params.get('model')?.trim() ?? '',
    tag: params.get('tag')?.trim() ?? '',
    range,
    from: range === 'custom' ? from : null,
    to: range === 'custom' ? to : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The `conversations.list` input for the filters (empty filters left out, so the server's defaults apply). */
export function conversationQuery(f: ConversationFilters, now: number): ConversationQuery {
  const q: ConversationQuery = { limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE };
  if (f.provider) q.provider = f.provider;
  if (f.model) q.model = f.model;
  if (f.tag) q.tag = f.tag;
  if (f.range === 'custom') {
    if (f.from !== null) q.since = f.from;
    if (f.to !== null) q.until = f.to;
  } else if (f.range !== 'all') {
    q.since = now - presetMs(f.range);
  }
  return q;
}

/** URL parameters for filters; a filter change goes back to the first page. */
export function filterParams(f: Partial<ConversationFilters>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if ('provider' in f) out.provider = f.provider || undefined;
  if ('model' in f) out.model = f.model || undefined;
  if ('tag' in f) out.tag = f.tag || undefined;
  if ('range' in f) {
    out.range = f.range === 'all' ? undefined : f.range;
    out.from = f.range === 'custom' && f.from != null ? String(f.from) : undefined;
    out.to = f.range === 'custom' && f.to != null ? String(f.to) : undefined;
  }
  out.page = f.page !== undefined && f.page > 1 ? String(f.page) : undefined;
  return out;
}

export interface PageInfo {
  first: number;
  last: number;
  total: number;
  hasPrev: boolean;
  hasNext: boolean;
  pages: number;
}

/** "51–100 of 234" and whether there is a page on either side. */
export function pageInfo(page: number, shown: number, total: number): PageInfo {
  const first = shown === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  return {
    first,
    last: shown === 0 ? 0 : first + shown - 1,
    total,
    hasPrev: page > 1,
    hasNext: page * PAGE_SIZE < total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** Short display form of a conversation id (ids can be long hashes or session ids). */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 6)}…${id.slice(-6)}`;
}
