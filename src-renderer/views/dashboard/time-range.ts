/**
 * Time ranges as the URL carries them (`range=24h`, or `range=custom&from=…&to=…`) and the bucket widths charts use.
 * Pure: the caller passes `now`, so a relative range stays put between refreshes instead of changing every render.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_PRESETS = [
  { key: '15m', label: '15m', title: 'Last 15 minutes', ms: 15 * MINUTE },
  { key: '1h', label: '1h', title: 'Last hour', ms: HOUR },
  { key: '6h', label: '6h', title: 'Last 6 hours', ms: 6 * HOUR },
  { key: '24h', label: '24h', title: 'Last 24 hours', ms: DAY },
  { key: '7d', label: '7d', title: 'Last 7 days', ms: 7 * DAY },
  { key: '30d', label: '30d', title: 'Last 30 days', ms: 30 * DAY },
] as const;

export type PresetKey = (typeof RANGE_PRESETS)[number]['key'];
export type RangeKey = PresetKey | 'custom';

export interface TimeRange {
  key: RangeKey;
  /** epoch ms, inclusive */
  since: number;
  /** epoch ms, exclusive */
  until: number;
}

export const DEFAULT_RANGE: PresetKey = '24h';

export function isPresetKey(v: string | null | undefined): v is PresetKey {
  return RANGE_PRESETS.some((p) => p.key === v);
}

export function presetMs(key: PresetKey): number {
  return RANGE_PRESETS.find((p) => p.key === key)?.ms ?? DAY;
}

/** A time in a URL: epoch ms, or anything `Date.parse` reads (an ISO date someone typed into the address bar). */
export function parseInstant(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/**
 * The range the URL asks for. A custom range needs a valid `from` before `to` (a missing `to` means now); anything
 * unreadable falls back to the default preset rather than showing an empty dashboard.
 */
export function parseRange(params: URLSearchParams, now: number, fallback: PresetKey = DEFAULT_RANGE): TimeRange {
  const key = params.get('range');
  if (key === 'custom') {
    const since = parseInstant(params.get('from'));
    const until = parseInstant(params.get('to')) ?? now;
    if (since !== null && since < until) return { key: 'custom', since, until };
  }
  const preset = isPresetKey(key) ? key : fallback;
  return { key: preset, since: now - presetMs(preset), until: now };
}

/** URL parameters for a range: presets carry no times, so a bookmark keeps meaning "the last 24 hours". */
export function rangeParams(range: { key: RangeKey; since: number; until: number }): Record<string, string | undefined> {
  if (range.key === 'custom') return { range: 'custom', from: String(range.since), to: String(range.until) };
  return { range: range.key, from: undefined, to: undefined };
}

/** Round bucket widths; a range gets the smallest giving at most TARGET_BUCKETS bars. */
export const BUCKET_STEPS = [
  10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR,
  6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY,
] as const;
const TARGET_BUCKETS = 100;

/** 15m → 10 s, 1h → 1 min, 6h → 5 min, 24h → 15 min, 7d → 2 h, 30d → 12 h. */
export function bucketForSpan(spanMs: number): number {
  for (const step of BUCKET_STEPS) if (spanMs / step <= TARGET_BUCKETS) return step;
  return BUCKET_STEPS[BUCKET_STEPS.length - 1] ?? DAY;
}

const MAX_DENSE_BUCKETS = 5000;

/**
 * Every bucket start covering [since, until), aligned like the server's (multiples of bucketMs since the epoch), so
 * a chart shows quiet periods as gaps instead of squeezing them out.
 */
export function bucketStarts(since: number, until: number, bucketMs: number): number[] {
  if (!(bucketMs > 0) || !(until > since)) return [];
  const out: number[] = [];
  for (let t = Math.floor(since / bucketMs) * bucketMs; t < until && out.length < MAX_DENSE_BUCKETS; t += bucketMs) out.push(t);
  return out;
}

const MAX_SERVER_BUCKET = 366 * DAY;

/**
 * A bucket width whose one aligned bucket holds all of [since, until): asking the time series for that width yields a
 * single point whose percentiles are the whole range's (the summary command has no percentiles, and per-bucket p95s
 * cannot be combined). Null when the range is too long for the server's widest bucket.
 */
export function wholeRangeBucket(since: number, until: number): number | null {
  const span = Math.max(1, until - since);
  if (span > MAX_SERVER_BUCKET / 2) return null;
  const lo = Math.max(SECOND, Math.ceil(span));
  // bucket boundaries move as the width changes; a few thousand candidates between span and the maximum always find
  // one that leaves the range inside a single bucket (any width ≥ 2·span does for most positions)
  const step = Math.max(SECOND, Math.ceil(span / 16));
  for (let b = lo; b <= MAX_SERVER_BUCKET; b += step) {
    if (Math.floor(since / b) === Math.floor((until - 1) / b)) return b;
  }
  return null;
}

/** `datetime-local` input value (local time, minutes) for an instant. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The instant a `datetime-local` value means in local time; null when empty or malformed. */
export function fromLocalInput(v: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const t = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)).getTime();
  return Number.isFinite(t) ? t : null;
}
