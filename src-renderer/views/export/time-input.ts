/**
 * The selection's time bounds as the URL keeps them: empty, relative to now (`24h`, `7d`: a bookmark keeps meaning
 * "the last day"), epoch ms (links from other views) or a date the user typed (`2026-11-24T10:00`, local time).
 * They are resolved to epoch ms once per change of options, so the preview and the download ask for the same range.
 */

export type TimeParse = { ok: true; value: number | undefined } | { ok: false; message: string };

const UNITS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export const TIME_PRESETS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Any time' },
  { value: '15m', label: 'Last 15 min' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 h' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
];

export function isPreset(text: string): boolean {
  return TIME_PRESETS.some((p) => p.value === text);
}

export function resolveTime(text: string, now: number): TimeParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const rel = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(t);
  if (rel) return { ok: true, value: Math.round(now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!) };
  if (/^\d{9,}$/.test(t)) return { ok: true, value: Number(t) };
  const parsed = Date.parse(t);
  if (Number.isFinite(parsed)) return { ok: true, value: parsed };
  return { ok: false, message: `"${t}" is not a time; use 15m, 24h, 7d or a date such as 2026-11-24T10:00` };
}

/** The value a `datetime-local` input shows for a bound (local time, minutes), or '' when it has none. */
export function toLocalInput(text: string, now: number): string {
  const r = resolveTime(text, now);
  if (!r.ok || r.value === undefined) return '';
  const d = new Date(r.value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
