import {
  ExchangeModeSchema,
  ExchangeQuerySchema,
  ExchangeStateSchema,
  type ExchangeQuery,
} from '../../../src-main/contract/index.js';
import {
  COST_KIND,
  DURATION_KIND,
  formatRange,
  formatTime,
  parseRange,
  parseTime,
  STATUS_KIND,
  TOKENS_KIND,
  type NumberKind,
} from './filter-values.js';
import { quoteValue, tokenize, type Token } from './filter-tokens.js';

/**
 * The Traffic view's filter language, typed into one box and kept in the URL as text:
 * `model:gpt-4* provider:openai status:>=400 state:streaming host:*.openai.com tag:checkout conv:c:12 cost:>0.01
 * duration:>2s tokens:>1k since:15m errors llm starred "refund policy" plain words`. Filters become the contract's
 * `ExchangeQuery` fields; bare and quoted words become its full-text `search`.
 */
export type FilterFields = Omit<ExchangeQuery, 'before' | 'after' | 'limit' | 'sort' | 'order' | 'offset'>;

type TextField = 'model' | 'provider' | 'host' | 'method' | 'tag' | 'conversationId';
type RangeKey = 'status' | 'cost' | 'duration' | 'tokens';
type RangeFields = { status: ['statusMin', 'statusMax']; cost: ['costMin', 'costMax']; duration: ['durationMin', 'durationMax']; tokens: ['tokensMin', 'tokensMax'] };

const TEXT_KEYS: Record<string, TextField> = {
  model: 'model',
  provider: 'provider',
  host: 'host',
  method: 'method',
  tag: 'tag',
  conv: 'conversationId',
  conversation: 'conversationId',
};
const RANGE_KEYS: Record<string, RangeKey> = { status: 'status', cost: 'cost', duration: 'duration', dur: 'duration', tokens: 'tokens' };
const RANGES: { [K in RangeKey]: { fields: RangeFields[K]; kind: NumberKind } } = {
  status: { fields: ['statusMin', 'statusMax'], kind: STATUS_KIND },
  cost: { fields: ['costMin', 'costMax'], kind: COST_KIND },
  duration: { fields: ['durationMin', 'durationMax'], kind: DURATION_KIND },
  tokens: { fields: ['tokensMin', 'tokensMax'], kind: TOKENS_KIND },
};
type FlagName = 'errors' | 'llm' | 'starred';
const FLAG_WORDS: Record<string, FlagName> = { errors: 'errors', error: 'errors', llm: 'llm', starred: 'starred' };

/** The filter keys, for help text and error messages. */
export const FILTER_KEYS = ['model', 'provider', 'host', 'method', 'status', 'state', 'mode', 'tag', 'conv', 'cost', 'duration', 'tokens', 'since', 'until', 'is'] as const;

/** What a chip shows and removes: one filter, a flag, or a word of the full-text search. */
export type TermKind = 'text' | 'range' | 'list' | 'time' | 'flag' | 'search';
export interface FilterTerm {
  kind: TermKind;
  /** the canonical key (`conv`, `status`, `errors`, …); `search` for words */
  key: string;
  raw: string;
  start: number;
  end: number;
}

export interface FilterError {
  message: string;
  raw: string;
  start: number;
  end: number;
}

export interface ParsedFilter {
  filter: FilterFields;
  terms: FilterTerm[];
  errors: FilterError[];
}

/** Parses filter text. Relative times (`since:15m`) are resolved against `now`. Bad terms are reported and left out. */
export function parseFilter(text: string, now: number = Date.now()): ParsedFilter {
  const filter: FilterFields = {};
  const terms: FilterTerm[] = [];
  const errors: FilterError[] = [];
  const search: string[] = [];
  const seen = new Set<string>();
  const fail = (t: Token, message: string) => errors.push({ message, raw: t.raw, start: t.start, end: t.end });
  const term = (t: Token, kind: TermKind, key: string) => terms.push({ kind, key, raw: t.raw, start: t.start, end: t.end });
  const once = (t: Token, key: string) => {
    if (seen.has(key)) fail(t, `${key}: is given more than once; the last one is used`);
    seen.add(key);
  };

  for (const t of tokenize(text)) {
    if (t.unterminated) fail(t, 'a quote is not closed');
    const key = t.key;
    if (key === null) {
      const flag = t.quoted ? undefined : FLAG_WORDS[t.value.toLowerCase()];
      if (flag) {
        setFlag(filter, flag);
        term(t, 'flag', flag);
      } else if (t.value !== '') {
        search.push(t.raw);
        term(t, 'search', 'search');
      }
      continue;
    }
    if (t.value === '') {
      fail(t, `${key}: needs a value`);
      continue;
    }
    const textField = TEXT_KEYS[key];
    const rangeKey = RANGE_KEYS[key];
    if (textField) {
      once(t, canonicalKey(key));
      filter[textField] = textField === 'provider' ? t.value.toLowerCase() : textField === 'method' ? t.value.toUpperCase() : t.value;
      term(t, 'text', canonicalKey(key));
    } else if (rangeKey) {
      const r = parseRange(t.value, RANGES[rangeKey].kind);
      if (!r.ok) {
        fail(t, `${key}: ${r.message}`);
        continue;
      }
      const [minField, maxField] = RANGES[rangeKey].fields;
      if (r.value.min !== undefined) filter[minField] = r.value.min;
      if (r.value.max !== undefined) filter[maxField] = r.value.max;
      term(t, 'range', rangeKey);
    } else if (key === 'state' || key === 'mode') {
      const schema = key === 'state' ? ExchangeStateSchema : ExchangeModeSchema;
      const values = t.value.split(',').filter(Boolean).map((v) => v.toLowerCase());
      const bad = values.filter((v) => !schema.safeParse(v).success);
      if (bad.length > 0 || values.length === 0) {
        fail(t, `${key}: unknown ${bad.join(', ')}; use ${schema.options.join(', ')}`);
        continue;
      }
      if (key === 'state') filter.state = union(filter.state, values.map((v) => ExchangeStateSchema.parse(v)));
      else filter.mode = union(filter.mode, values.map((v) => ExchangeModeSchema.parse(v)));
      term(t, 'list', key);
    } else if (key === 'since' || key === 'until') {
      const r = parseTime(t.value, now);
      if (!r.ok) {
        fail(t, `${key}: ${r.message}`);
        continue;
      }
      once(t, key);
      filter[key] = r.value;
      term(t, 'time', key);
    } else if (key === 'is') {
      const flag = FLAG_WORDS[t.value.toLowerCase()];
      if (!flag) {
        fail(t, 'is: use is:errors, is:llm or is:starred');
        continue;
      }
      setFlag(filter, flag);
      term(t, 'flag', flag);
    } else {
      fail(t, `unknown filter "${key}:"; use ${FILTER_KEYS.join(', ')} (put it in quotes to search for the text)`);
    }
  }
  if (search.length > 0) filter.search = search.join(' ');
  return { filter, terms, errors };
}

function canonicalKey(key: string): string {
  return key === 'conversation' ? 'conv' : key === 'dur' ? 'duration' : key;
}

function setFlag(filter: FilterFields, flag: FlagName): void {
  if (flag === 'errors') filter.errorsOnly = true;
  else if (flag === 'starred') filter.starred = true;
  else filter.llmOnly = true;
}

function union<T>(a: T[] | undefined, b: T[]): T[] {
  return [...new Set([...(a ?? []), ...b])];
}

/** Canonical text for a filter; `parseFilter(formatFilter(f)).filter` gives `f` back. */
export function formatFilter(filter: FilterFields): string {
  const parts: string[] = [];
  const text = (key: string, v: string | undefined) => v !== undefined && parts.push(`${key}:${quoteValue(v)}`);
  text('model', filter.model);
  text('provider', filter.provider);
  text('host', filter.host);
  text('method', filter.method);
  for (const [key, { fields }] of Object.entries(RANGES)) {
    const r = formatRange(filter[fields[0]], filter[fields[1]]);
    if (r !== null) parts.push(`${key}:${r}`);
  }
  if (filter.state?.length) parts.push(`state:${filter.state.join(',')}`);
  if (filter.mode?.length) parts.push(`mode:${filter.mode.join(',')}`);
  text('tag', filter.tag);
  text('conv', filter.conversationId);
  if (filter.since !== undefined) parts.push(`since:${formatTime(filter.since)}`);
  if (filter.until !== undefined) parts.push(`until:${formatTime(filter.until)}`);
  if (filter.errorsOnly === true) parts.push('errors');
  if (filter.llmOnly === true) parts.push('llm');
  if (filter.starred === true) parts.push('starred');
  if (filter.search !== undefined) parts.push(searchText(filter.search));
  return parts.join(' ');
}

/** Search words that would read as filters are quoted, so they stay words. */
function searchText(search: string): string {
  return tokenize(search)
    .map((t) => {
      const readsAsFilter = t.key !== null || (!t.quoted && FLAG_WORDS[t.value.toLowerCase()] !== undefined);
      return readsAsFilter ? `"${t.raw.replace(/"/g, '')}"` : t.raw;
    })
    .join(' ');
}

/** Whether a filter narrows the list at all. */
export function isEmptyFilter(filter: FilterFields): boolean {
  return Object.values(filter).every((v) => v === undefined || v === false || (Array.isArray(v) && v.length === 0));
}

/** What a chip shows for a term: as typed, except epoch-millisecond times (from links), shown as a local date and time. */
export function termLabel(term: Pick<FilterTerm, 'kind' | 'raw'>): string {
  const m = /^(since|until):(\d{12,})$/i.exec(term.raw);
  if (term.kind !== 'time' || !m?.[1] || !m[2]) return term.raw;
  const d = new Date(Number(m[2]));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${m[1]}:${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// ---- editing the text (chips, toggles, pickers) ----

/** The text without some terms, spaces tidied. */
export function removeTerms(text: string, terms: readonly Pick<FilterTerm, 'start' | 'end'>[]): string {
  const sorted = [...terms].sort((a, b) => b.start - a.start);
  let out = text;
  for (const t of sorted) out = out.slice(0, t.start) + out.slice(t.end);
  return out.replace(/\s+/g, ' ').trim();
}

/** The text with every term of `key` replaced by `key:value` (or removed when value is null). */
export function setTerm(text: string, key: string, value: string | null): string {
  const { terms } = parseFilter(text);
  const base = removeTerms(text, terms.filter((t) => t.key === key));
  if (value === null) return base;
  return [base, `${key}:${quoteValue(value)}`].filter(Boolean).join(' ');
}

/** The text with a flag (`errors`, `llm`) switched on or off. */
export function setFlagTerm(text: string, flag: FlagName, on: boolean): string {
  const { terms } = parseFilter(text);
  const base = removeTerms(text, terms.filter((t) => t.kind === 'flag' && t.key === flag));
  return on ? [base, flag].filter(Boolean).join(' ') : base;
}

const PARAM_FIELDS = [
  'model', 'provider', 'host', 'method', 'tag', 'conversationId', 'statusMin', 'statusMax', 'state', 'mode', 'since', 'until',
  'errorsOnly', 'llmOnly', 'starred', 'search', 'costMin', 'costMax', 'durationMin', 'durationMax', 'tokensMin', 'tokensMax',
] as const satisfies readonly (keyof FilterFields)[];

/**
 * Filter text for links written with the contract's own parameter names (`#/traffic?model=gpt-4*&tag=x`), so other
 * views can link here either way. Null when the parameters hold no filter.
 */
export function filterTextFromParams(params: URLSearchParams): string | null {
  const picked: Record<string, string> = {};
  for (const f of PARAM_FIELDS) {
    const v = params.get(f);
    if (v !== null && v !== '') picked[f] = v;
  }
  if (Object.keys(picked).length === 0) return null;
  const parsed = ExchangeQuerySchema.partial().safeParse(picked);
  if (!parsed.success) return null;
  const filter: FilterFields = {};
  for (const f of PARAM_FIELDS) if (parsed.data[f] !== undefined) Object.assign(filter, { [f]: parsed.data[f] });
  return formatFilter(filter) || null;
}

/** The names of the contract parameters `filterTextFromParams` reads (to drop them from the URL once folded in). */
export const FILTER_PARAM_NAMES: readonly string[] = PARAM_FIELDS;
