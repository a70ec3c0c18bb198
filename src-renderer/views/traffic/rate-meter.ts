/**
 * Requests and tokens per second over the last minute, from live events, in one-second buckets of a ring (constant
 * memory and O(1) per event, whatever the rate).
 */
export class RateMeter {
  private readonly requests: Float64Array;
  private readonly tokens: Float64Array;
  /** the second (epoch s) each bucket currently holds */
  private readonly second: Float64Array;

  constructor(readonly windowSeconds = 60) {
    this.requests = new Float64Array(windowSeconds);
    this.tokens = new Float64Array(windowSeconds);
    this.second = new Float64Array(windowSeconds).fill(-1);
  }

  add(atMs: number, requests: number, tokens: number): void {
    const sec = Math.floor(atMs / 1000);
    const i = this.slot(sec);
    if (this.second[i] !== sec) {
      this.second[i] = sec;
      this.requests[i] = 0;
      this.tokens[i] = 0;
    }
    this.requests[i] = (this.requests[i] ?? 0) + requests;
    this.tokens[i] = (this.tokens[i] ?? 0) + tokens;
  }

  /** Per-second counts, oldest first; the last one is the second still running. */
  series(nowMs: number): { requests: number[]; tokens: number[] } {
    const now = Math.floor(nowMs / 1000);
    const requests: number[] = [];
    const tokens: number[] = [];
    for (let sec = now - this.windowSeconds + 1; sec <= now; sec++) {
      const i = this.slot(sec);
      const live = this.second[i] === sec;
      requests.push(live ? (this.requests[i] ?? 0) : 0);
      tokens.push(live ? (this.tokens[i] ?? 0) : 0);
    }
    return { requests, tokens };
  }

  /** Average rate over the last `seconds` whole seconds (the running second is left out: it is not over yet). */
  rate(nowMs: number, seconds = 5): { requests: number; tokens: number } {
    const s = this.series(nowMs);
    const n = Math.min(seconds, this.windowSeconds - 1);
    const sum = (xs: number[]) => xs.slice(-1 - n, -1).reduce((a, b) => a + b, 0);
    return { requests: sum(s.requests) / n, tokens: sum(s.tokens) / n };
  }

  private slot(sec: number): number {
    return ((sec % this.windowSeconds) + this.windowSeconds) % this.windowSeconds;
  }
}

/**
 * SVG path of a sparkline through `values`, spread over `width`, scaled so the largest value (or `max`) touches the top
 * and zero sits on the bottom edge. Empty string for no values.
 */
export function sparkPath(values: readonly number[], width: number, height: number, max?: number): string {
  if (values.length === 0) return '';
  const top = Math.max(max ?? 0, ...values);
  const scale = top > 0 ? height / top : 0;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${round(i * step)},${round(height - v * scale)}`).join('');
}

/** The sparkline closed down to the bottom edge, for a filled area under it. */
export function sparkArea(values: readonly number[], width: number, height: number, max?: number): string {
  const line = sparkPath(values, width, height, max);
  if (line === '') return '';
  const lastX = values.length > 1 ? width : 0;
  return `${line}L${round(lastX)},${height}L0,${height}Z`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A rate for a narrow footer: `0`, `0.4`, `12`, `1.2k`, `35k`, `1.1M`. */
export function formatRate(n: number): string {
  if (n === 0) return '0';
  if (n < 10) return n.toFixed(1).replace(/\.0$/, '');
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
}
