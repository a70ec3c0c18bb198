/** Number and time formatting for dense tables and chart axes: short, unit-bearing, never "NaN". */

export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '$0.00';
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  // sub-cent calls are the common case for LLM traffic: keep two significant digits instead of showing $0.00
  if (a < 0.000001) return `${sign}<$0.000001`;
  if (a < 0.01) return `${sign}$${a.toPrecision(2).replace(/0+$/, '').replace(/\.$/, '')}`;
  if (a < 1) return `${sign}$${a.toFixed(3)}`;
  if (a < 1000) return `${sign}$${a.toFixed(2)}`;
  return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
}

/** 950, 12.3k, 4.56M, 1.2B */
export function formatCount(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const short = (n: number, unit: string) => `${sign}${n >= 100 ? Math.round(n) : n >= 10 ? trim(n.toFixed(1)) : trim(n.toFixed(2))}${unit}`;
  if (a < 1000) return `${sign}${Math.round(a)}`;
  if (a < 1e6) return short(a / 1e3, 'k');
  if (a < 1e9) return short(a / 1e6, 'M');
  return short(a / 1e9, 'B');
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** 850 ms, 1.24 s, 2m 05s */
export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(v / 1000).toFixed(2)} s`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)} s`;
  const total = Math.round(v / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return s === 0 ? `${m}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}

/** A 0..1 ratio: 0%, 0.4%, 12%, 100% */
export function formatPercent(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  const p = r * 100;
  if (p === 0) return '0%';
  if (p < 10) return `${trim(p.toFixed(1))}%`;
  return `${Math.round(p)}%`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Axis label for a bucket: the clock for short ranges, the day (and hour) for long ones. */
export function formatTick(t: number, spanMs: number, bucketMs: number, timeZone?: string): string {
  const d = new Date(t);
  const opts: Intl.DateTimeFormatOptions = { hour12: false, ...(timeZone ? { timeZone } : {}) };
  if (spanMs <= DAY) {
    const withSeconds = bucketMs < 60_000;
    return d.toLocaleTimeString('en-GB', { ...opts, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) });
  }
  if (bucketMs < DAY) return d.toLocaleString('en-GB', { ...opts, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return d.toLocaleDateString('en-GB', { ...opts, day: 'numeric', month: 'short' });
}

/** A bucket for a tooltip: "24 Nov 14:15 – 14:30". */
export function formatBucket(t: number, bucketMs: number, timeZone?: string): string {
  const tz = timeZone ? { timeZone } : {};
  const start = new Date(t).toLocaleString('en-GB', { ...tz, hour12: false, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...(bucketMs < 60_000 ? { second: '2-digit' } : {}) });
  if (bucketMs >= DAY) return new Date(t).toLocaleDateString('en-GB', { ...tz, day: 'numeric', month: 'short', year: 'numeric' }) + (bucketMs > DAY ? ` + ${Math.round(bucketMs / DAY)}d` : '');
  const end = new Date(t + bucketMs).toLocaleTimeString('en-GB', { ...tz, hour12: false, hour: '2-digit', minute: '2-digit', ...(bucketMs < 60_000 ? { second: '2-digit' } : {}) });
  return `${start} – ${end}`;
}

/** A point in time for tables: today's as the clock, older ones with the date. */
export function formatWhen(t: number, now: number, timeZone?: string): string {
  const tz = timeZone ? { timeZone } : {};
  const d = new Date(t);
  const sameDay = new Date(now).toLocaleDateString('en-CA', tz) === d.toLocaleDateString('en-CA', tz);
  if (sameDay) return d.toLocaleTimeString('en-GB', { ...tz, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return d.toLocaleString('en-GB', { ...tz, hour12: false, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** "3 min ago", for the dashboard's "updated" note and conversation ages. */
export function formatAgo(t: number, now: number): string {
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}
