import { ExportFilterSchema, ExportFormatSchema, type ExportFormat } from '../../../src-main/contract/index.js';
import { DEFAULT_FORMAT } from './export-formats.js';

/**
 * The Export view's state as it lives in the URL (`#/export?format=sharegpt&model=gpt-4o*&ids=1,2,3&strict=1`).
 * Names are the REST query's own, so a bookmark reads like the `/api/export` request it makes. Text and numbers stay
 * as typed (a half-typed token limit is shown with its error rather than lost); `buildExportQuery` validates them.
 */
export interface ExportParams {
  format: ExportFormat;
  provider: string;
  model: string;
  tag: string;
  conversationId: string;
  host: string;
  /** full-text search over bodies */
  search: string;
  /** `24h`, epoch ms or a date (see time-input.ts) */
  since: string;
  until: string;
  /** explicit exchange ids, `1,2,3` */
  ids: string;
  /** only exchanges starred in the detail view */
  starred: boolean;
  /** the Traffic view's filter text, when a link brings one */
  q: string;
  per: 'conversation' | 'call';
  includeErrors: boolean;
  dedupe: boolean;
  /** `default`: what the target does when not asked (it strips) */
  thinking: 'default' | 'strip' | 'keep';
  scrubPii: boolean;
  strict: boolean;
  maxTokens: string;
  dropOverLimit: boolean;
  minExamples: string;
  trainOn: 'all' | 'last';
  dpoPrefer: 'latest' | 'earliest';
  /** DPO `preferred:rejected` pairs, `12:10,15:14` */
  pairs: string;
  maxExamples: string;
  /** other exchange-list filters a link may carry (`statusMin`, `state`, `llmOnly`, …), passed through as they are */
  extra: Record<string, string>;
}

export const DEFAULT_PARAMS: ExportParams = {
  format: DEFAULT_FORMAT,
  provider: '',
  model: '',
  tag: '',
  conversationId: '',
  host: '',
  search: '',
  since: '',
  until: '',
  ids: '',
  starred: false,
  q: '',
  per: 'conversation',
  includeErrors: false,
  dedupe: true,
  thinking: 'default',
  scrubPii: false,
  strict: false,
  maxTokens: '65536',
  dropOverLimit: false,
  minExamples: '10',
  trainOn: 'all',
  dpoPrefer: 'latest',
  pairs: '',
  maxExamples: '',
  extra: {},
};

type Key = Exclude<keyof ExportParams, 'extra'>;
const TEXT_KEYS = ['provider', 'model', 'tag', 'conversationId', 'host', 'search', 'since', 'until', 'ids', 'q', 'maxTokens', 'minExamples', 'pairs', 'maxExamples'] as const satisfies readonly Key[];
const FLAG_KEYS = ['starred', 'includeErrors', 'dedupe', 'scrubPii', 'strict', 'dropOverLimit'] as const satisfies readonly Key[];
const CHOICES = {
  per: ['conversation', 'call'],
  thinking: ['default', 'strip', 'keep'],
  trainOn: ['all', 'last'],
  dpoPrefer: ['latest', 'earliest'],
} as const satisfies Partial<Record<Key, readonly string[]>>;

/** Filter fields of the contract that have no field of their own in this view. */
export const EXTRA_FILTER_KEYS: readonly string[] = Object.keys(ExportFilterSchema.shape).filter(
  (k) => !(TEXT_KEYS as readonly string[]).includes(k) && k !== 'starred',
);

function readFlag(v: string | null, fallback: boolean): boolean {
  if (v === null) return fallback;
  return v === '' || v === '1' || v === 'true';
}

function choice<T extends string>(v: string | null, options: readonly T[], fallback: T): T {
  return options.find((o) => o === v) ?? fallback;
}

export function readParams(search: URLSearchParams): ExportParams {
  const p: ExportParams = { ...DEFAULT_PARAMS, extra: {} };
  const format = ExportFormatSchema.safeParse(search.get('format'));
  if (format.success) p.format = format.data;
  for (const k of TEXT_KEYS) p[k] = search.get(k) ?? DEFAULT_PARAMS[k];
  for (const k of FLAG_KEYS) p[k] = readFlag(search.get(k), DEFAULT_PARAMS[k]);
  p.per = choice(search.get('per'), CHOICES.per, DEFAULT_PARAMS.per);
  p.thinking = choice(search.get('thinking'), CHOICES.thinking, DEFAULT_PARAMS.thinking);
  p.trainOn = choice(search.get('trainOn'), CHOICES.trainOn, DEFAULT_PARAMS.trainOn);
  p.dpoPrefer = choice(search.get('dpoPrefer'), CHOICES.dpoPrefer, DEFAULT_PARAMS.dpoPrefer);
  for (const k of EXTRA_FILTER_KEYS) {
    const v = search.get(k);
    if (v !== null && v !== '') p.extra[k] = v;
  }
  return p;
}

/**
 * The URL parameters for a state: only what differs from the defaults, so a plain export has a short link. A number
 * field the user emptied is kept as `maxTokens=` (meaning "the default"), so the box does not refill while they type.
 */
export function writeParams(p: ExportParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.format !== DEFAULT_PARAMS.format) out.set('format', p.format);
  for (const k of TEXT_KEYS) if (p[k] !== DEFAULT_PARAMS[k]) out.set(k, p[k]);
  for (const k of FLAG_KEYS) if (p[k] !== DEFAULT_PARAMS[k]) out.set(k, p[k] ? '1' : '0');
  for (const k of ['per', 'thinking', 'trainOn', 'dpoPrefer'] as const) if (p[k] !== DEFAULT_PARAMS[k]) out.set(k, p[k]);
  for (const [k, v] of Object.entries(p.extra)) out.set(k, v);
  return out;
}

/** The ids as the contract wants them (`1,2,3`), from what a person types or pastes (`1, 2 3`, `#4`). */
export function normaliseIds(text: string): string {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.replace(/^#/, ''))
    .filter(Boolean)
    .join(',');
}

/** Ids up to this many go into the URL as a list; a longer import is selected by its id range instead. */
export const MAX_LISTED_IDS = 500;

/**
 * The selection for "export what was just imported": the filters cleared (imported exchanges keep their old times),
 * then the ids as a list, or, for a big import, everything from its first id on (`after`), since an id list that long
 * would not fit in a URL.
 */
export function importedSelection(p: ExportParams, ids: readonly number[]): ExportParams {
  const cleared: ExportParams = { ...p, provider: '', model: '', tag: '', conversationId: '', host: '', search: '', since: '', until: '', q: '', ids: '', starred: false, extra: {} };
  if (ids.length === 0) return cleared;
  if (ids.length <= MAX_LISTED_IDS) return { ...cleared, ids: ids.join(',') };
  return { ...cleared, extra: { after: String(ids.reduce((a, b) => Math.min(a, b)) - 1) } };
}
