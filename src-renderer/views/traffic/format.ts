import type { ExchangeSummary, Usage } from '../../../src-main/contract/index.js';

/** What the table prints for a value nobody knows (never a zero that could be mistaken for one). */
export const UNKNOWN = '–';

/** Local wall-clock time with milliseconds: `14:03:22.512`. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/**
 * A row's time: the clock with milliseconds for today (`14:03:22.512`), the day and clock for older rows
 * (`11-23 04:05:15`), which a list sorted by anything but time mixes in.
 */
export function formatRowTime(ms: number, todayStart: number): string {
  if (ms >= todayStart) return formatClock(ms);
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Local midnight of the day `now` is in. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Full local date and time, for a tooltip. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${formatClock(ms)}`;
}

/**
 * US dollars with at least 4 significant digits (6 for amounts of $1,000 and more, which keep their cents), at least two
 * decimals, no exponent: `$0.0001235`, `$0.01`, `$1.235`, `$123.46`. Unknown cost is `–`, never `$0`.
 */
export function formatCost(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return UNKNOWN;
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '-' : '';
  if (abs >= 1000) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const magnitude = Math.floor(Math.log10(abs));
  const decimals = Math.min(12, Math.max(2, 3 - magnitude));
  let text = abs.toFixed(decimals);
  // trailing zeros say nothing past the cents
  if (decimals > 2) text = text.replace(/(\.\d\d\d*?)0+$/, '$1');
  return `${sign}$${text}`;
}

/** A token count: grouped digits up to 99,999, then `123k`, `1.2M`. */
export function formatTokens(n: number | null): string {
  if (n === null) return UNKNOWN;
  if (n < 100_000) return groupDigits(n);
  if (n < 1e6) return `${Math.round(n / 1e3)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`;
}

/** `1234567` → `1,234,567`; by hand because toLocaleString builds a formatter per call, too slow for scrolling rows. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A duration: `532 ms`, `2.35 s`, `48.2 s`, `3m 05s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return UNKNOWN;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** How a usage figure was found, as a mark beside it: nothing for the provider's own numbers. */
export function usageMark(usage: Usage | null): { mark: string; title: string } | null {
  if (usage === null || usage.source === 'provider') return null;
  if (usage.source === 'estimated') return { mark: '~', title: 'estimated with a tokenizer (the provider sent no usage)' };
  return { mark: '≈', title: 'found by a pattern scan of an unknown API (approximate)' };
}

/** The status cell's look: a class for colour and a short text. */
export type StatusTone = 'pending' | 'streaming' | 'ok' | 'redirect' | 'client-error' | 'server-error' | 'error' | 'aborted' | 'tunnel';

const ERROR_SHORT: Record<string, string> = {
  upstream_unreachable: 'unreachable',
  upstream_tls_verify_failed: 'TLS verify',
  upstream_timeout: 'timeout',
  upstream_reset: 'reset',
  client_aborted: 'client gone',
  client_tls_rejected: 'TLS rejected',
  provider_error: 'provider err',
  bad_request: 'bad request',
  inspector_stopped: 'stopped',
  internal: 'internal',
};

export function statusView(s: ExchangeSummary): { tone: StatusTone; text: string; title: string } {
  const code = s.status === null ? '' : String(s.status);
  if (s.state === 'pending') return { tone: 'pending', text: code || 'pending', title: 'waiting for the response' };
  if (s.state === 'streaming') return { tone: 'streaming', text: code || 'streaming', title: 'response arriving' };
  if (s.error !== null) {
    const short = ERROR_SHORT[s.error.code] ?? s.error.code;
    return { tone: 'error', text: code ? `${code} ${short}` : short, title: `${s.error.code}: ${s.error.message}` };
  }
  if (s.state === 'aborted') return { tone: 'aborted', text: code ? `${code} aborted` : 'aborted', title: 'the exchange was cut short' };
  if (s.state === 'error') return { tone: 'error', text: code || 'error', title: 'failed' };
  if (s.mode === 'tunnel') return { tone: 'tunnel', text: 'tunnel', title: 'blind tunnel: not decrypted' };
  if (s.status === null) return { tone: 'ok', text: UNKNOWN, title: 'no status' };
  const tone: StatusTone = s.status >= 500 ? 'server-error' : s.status >= 400 ? 'client-error' : s.status >= 300 ? 'redirect' : 'ok';
  return { tone, text: code, title: `HTTP ${code}` };
}

/** The model name worth showing: the one asked for, else the one that answered. */
export function modelOf(s: ExchangeSummary): string | null {
  return s.model ?? s.responseModel;
}
