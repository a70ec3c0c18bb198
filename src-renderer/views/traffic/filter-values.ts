/**
 * Value syntaxes of the filter language: numeric ranges with units (`>=400`, `5xx`, `>2s`, `1k-5k`, `0.01..0.5`) and
 * points in time (`15m` ago, `today`, an ISO date). Every bound is inclusive, as the contract's are; `>` and `<` on a
 * whole-number field step one past the number so they mean what they say.
 */
export interface Range {
  min?: number;
  max?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface NumberKind {
  /** whole numbers only (status codes, token counts) */
  integer: boolean;
  /** `5xx` means 500-599 */
  httpClasses?: boolean;
  /** reads one number with its unit, or null */
  read: (text: string) => number | null;
  /** what to write in an error message */
  example: string;
}

const NUM = String.raw`\d*\.?\d+(?:e[-+]?\d+)?`;
const NUM_WITH_UNIT = `\\$?${NUM}[a-zA-Z]*`;
const SINGLE = new RegExp(`^(>=|<=|>|<|=)?(${NUM_WITH_UNIT})$`);
const BETWEEN = new RegExp(`^(${NUM_WITH_UNIT})(?:-|\\.\\.)(${NUM_WITH_UNIT})$`);

function unitNumber(units: Record<string, number>): (text: string) => number | null {
  const re = new RegExp(`^(${NUM})([a-zA-Z]*)$`);
  return (text) => {
    const m = re.exec(text.replace(/^\$/, ''));
    if (!m?.[1]) return null;
    const factor = units[m[2] ?? ''];
    if (factor === undefined) return null;
    const n = Number(m[1]) * factor;
    return Number.isFinite(n) ? n : null;
  };
}

export const STATUS_KIND: NumberKind = { integer: true, httpClasses: true, read: unitNumber({ '': 1 }), example: '404, >=400, 5xx, 400-499' };
export const COST_KIND: NumberKind = { integer: false, read: unitNumber({ '': 1 }), example: '>0.01, <$1, 0.01-0.5' };
export const TOKENS_KIND: NumberKind = {
  integer: true,
  read: unitNumber({ '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }),
  example: '>1000, >2k, 500-4k',
};
export const DURATION_KIND: NumberKind = {
  integer: false,
  read: unitNumber({ '': 1, ms: 1, s: 1e3, m: 60e3, min: 60e3, h: 3600e3 }),
  example: '>2000, >2s, 500ms-3s',
};

export function parseRange(text: string, kind: NumberKind): Parsed<Range> {
  const fail: Parsed<Range> = { ok: false, message: `expected a number or range (${kind.example})` };
  if (kind.httpClasses === true) {
    const cls = /^([1-5])xx$/i.exec(text);
    if (cls?.[1]) return { ok: true, value: { min: Number(cls[1]) * 100, max: Number(cls[1]) * 100 + 99 } };
  }
  const single = SINGLE.exec(text);
  if (single?.[2] !== undefined) {
    const n = kind.read(single[2]);
    if (n === null || (kind.integer && !Number.isInteger(n))) return fail;
    const step = kind.integer ? 1 : 0;
    switch (single[1]) {
      case '>=':
        return { ok: true, value: { min: n } };
      case '>':
        return { ok: true, value: { min: n + step } };
      case '<=':
        return { ok: true, value: { max: n } };
      case '<':
        return { ok: true, value: { max: n - step } };
      default:
        return { ok: true, value: { min: n, max: n } };
    }
  }
  const between = BETWEEN.exec(text);
  if (between?.[1] !== undefined && between[2] !== undefined) {
    const a = kind.read(between[1]);
    const b = kind.read(between[2]);
    if (a === null || b === null) return fail;
    if (a > b) return { ok: false, message: `the range ${text} is empty (its start is above its end)` };
    return { ok: true, value: { min: a, max: b } };
  }
  return fail;
}

/** Canonical text of a range (`>=N`, `<=N`, `N`, `N-M`); null when it has no bound. */
export function formatRange(min: number | undefined, max: number | undefined): string | null {
  if (min === undefined && max === undefined) return null;
  if (max === undefined) return `>=${formatNumber(min ?? 0)}`;
  if (min === undefined) return `<=${formatNumber(max)}`;
  if (min === max) return formatNumber(min);
  return `${formatNumber(min)}-${formatNumber(max)}`;
}

/** Plain decimal text (no exponent, which the range syntax would misread), exact for the doubles people type. */
function formatNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

const AGO_UNITS: Record<string, number> = { s: 1e3, sec: 1e3, m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/**
 * A point in time: `15m`, `2h`, `3d`, `1w` ago; `today`, `yesterday` (local midnight); an ISO date or date-time; or epoch
 * milliseconds. Bare dates are local days, as a person means them.
 */
export function parseTime(text: string, now: number): Parsed<number> {
  const ago = /^(\d+(?:\.\d+)?)(s|sec|m|min|h|d|w)$/i.exec(text);
  if (ago?.[1] && ago[2]) return { ok: true, value: now - Number(ago[1]) * (AGO_UNITS[ago[2].toLowerCase()] ?? 0) };
  const lower = text.toLowerCase();
  if (lower === 'today' || lower === 'yesterday') {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    if (lower === 'yesterday') d.setDate(d.getDate() - 1);
    return { ok: true, value: d.getTime() };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return { ok: true, value: new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime() };
  if (/^\d{12,}$/.test(text)) return { ok: true, value: Number(text) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const t = Date.parse(text);
    if (Number.isFinite(t)) return { ok: true, value: t };
  }
  return { ok: false, message: 'expected a time: 15m, 2h, 3d (ago), today, 2025-01-31 or 2025-01-31T09:00' };
}

/** Canonical text of a point in time: ISO in UTC, which `parseTime` reads back to the same millisecond. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString();
}
