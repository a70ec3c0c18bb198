/** Formatting for the detail pane: short, unit-bearing, never "NaN" (a missing value is an em dash). */

const DASH = '—';

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** 0.4 ms, 12 ms, 1.24 s, 2m 05s */
export function formatDuration(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** Offset inside a response, for the stream list: `+12.3 ms` keeps sub-ms chunk gaps visible. */
export function formatOffset(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  if (ms < 100) return `+${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `+${Math.round(ms)} ms`;
  return `+${(ms / 1000).toFixed(2)} s`;
}

/** 512 B, 1.5 KB, 10.0 MB (binary units, as file managers show them) */
export function formatBytes(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

/** Token counts with thousands separators: exact numbers matter in a detail view. */
export function formatTokens(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/** A signed difference, `+120` / `−3` / `±0`, for the compare summary. */
export function formatDelta(n: number | null | undefined, format: (v: number) => string = formatTokens): string {
  if (!finite(n)) return DASH;
  if (n === 0) return '±0';
  return n > 0 ? `+${format(n)}` : `−${format(-n)}`;
}

/**
 * USD with enough digits for sub-cent calls: $0.000486 stays readable instead of rounding to $0.00. Unknown cost is
 * "unknown", never $0.
 */
export function formatCost(usd: number | null | undefined): string {
  if (!finite(usd)) return 'unknown';
  if (usd === 0) return '$0';
  const a = Math.abs(usd);
  const sign = usd < 0 ? '-' : '';
  if (a < 1e-12) return `${sign}<$0.000000000001`;
  // three significant digits without exponent notation: 2.4e-7 → $0.00000024
  if (a < 0.01) return `${sign}$${stripZeros(a.toFixed(Math.ceil(-Math.log10(a)) + 2))}`;
  if (a < 100) return `${sign}$${a.toFixed(4).replace(/0{1,2}$/, '')}`;
  return `${sign}$${a.toFixed(2)}`;
}

function stripZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Local wall-clock time with milliseconds, as a traffic tool shows arrival times. */
export function formatClock(epochMs: number, timeZone?: string): string {
  const d = new Date(epochMs);
  const date = d.toLocaleDateString('en-CA', timeZone ? { timeZone } : {});
  const time = d.toLocaleTimeString('en-GB', { hour12: false, ...(timeZone ? { timeZone } : {}) });
  return `${date} ${time}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** A parameter value on one line: strings bare, everything else as compact JSON, long values cut. */
export function formatParamValue(v: unknown, max = 80): string {
  const s = typeof v === 'string' ? v : v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Timeout', 409: 'Conflict',
  413: 'Too Large', 422: 'Unprocessable', 429: 'Too Many Requests', 500: 'Server Error', 502: 'Bad Gateway',
  503: 'Unavailable', 504: 'Gateway Timeout', 529: 'Overloaded',
};

/** `429 Too Many Requests` */
export function statusLine(status: number): string {
  const reason = REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}

/** Colour class of a status: the same thresholds a traffic list uses. */
export function statusTone(status: number | null, state: string): 'ok' | 'warn' | 'error' | 'live' | 'dim' {
  if (state === 'pending' || state === 'streaming') return 'live';
  if (state === 'error' || state === 'aborted') return 'error';
  if (status === null) return 'dim';
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'ok';
}
