/**
 * Token counts per example for the preview's histogram. The report has exact figures only for the whole file (total,
 * max, how many are over the limit), so the per-example counts are estimated from the previewed lines: about four
 * characters of text per token, an image as a fixed 85. When the preview holds every example, the estimates are scaled
 * so they add up to the report's exact total.
 */

const IMAGE_TOKENS = 85;
const CHARS_PER_TOKEN = 4;

/** Characters of text in a rendered line (every string value; data: URLs count as images), and its images. */
function measure(value: unknown, acc: { chars: number; images: number }): void {
  if (typeof value === 'string') {
    if (value.startsWith('data:')) acc.images++;
    else acc.chars += value.length;
  } else if (Array.isArray(value)) {
    for (const v of value) measure(v, acc);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) measure(v, acc);
  }
}

export function estimateTokens(line: unknown): number {
  const acc = { chars: 0, images: 0 };
  measure(line, acc);
  return Math.ceil(acc.chars / CHARS_PER_TOKEN) + acc.images * IMAGE_TOKENS;
}

export interface TokenEstimates {
  counts: number[];
  /** true when scaled to the report's exact total (the preview holds every example) */
  calibrated: boolean;
}

export function estimateAll(lines: readonly unknown[], report: { written: number; tokens: { total: number } }): TokenEstimates {
  const raw = lines.map(estimateTokens);
  const sum = raw.reduce((a, b) => a + b, 0);
  if (lines.length === 0 || lines.length < report.written || sum === 0 || report.tokens.total === 0) return { counts: raw, calibrated: false };
  const scale = report.tokens.total / sum;
  return { counts: raw.map((n) => Math.round(n * scale)), calibrated: true };
}

export interface Bin {
  from: number;
  to: number;
  /** the middle, where the bar is drawn on a numeric axis */
  mid: number;
  count: number;
  /** the whole bin is above the limit */
  over: boolean;
}

export interface Histogram {
  bins: Bin[];
  width: number;
  /** the axis' right end */
  domainMax: number;
  /** false when the limit is far beyond every example (drawing it would squash the bars into a sliver) */
  limitShown: boolean;
}

/** A round step (1, 2 or 5 × 10^n) near `span / target`. */
export function niceStep(span: number, target: number): number {
  const raw = Math.max(span / target, 1);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** `knownMax`: the longest example of the whole file when known, so the axis reaches it even if no bar does. */
export function histogram(counts: readonly number[], limit: number, knownMax = 0, target = 12): Histogram {
  const max = counts.reduce((a, b) => Math.max(a, b), knownMax);
  // the limit is drawn when it is near the data: within twice the longest example
  const limitShown = counts.length > 0 && limit <= Math.max(max * 2, 1);
  const span = Math.max(max, limitShown ? limit : 0, 1);
  const width = niceStep(span, target);
  const n = Math.floor(span / width) + 1;
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ from: i * width, to: (i + 1) * width, mid: i * width + width / 2, count: 0, over: i * width >= limit }));
  for (const c of counts) bins[Math.min(n - 1, Math.floor(c / width))]!.count++;
  return { bins, width, domainMax: n * width, limitShown };
}
