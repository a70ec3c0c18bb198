import type { Timings } from '../../../src-main/contract/index.js';

/** The timing bar of one exchange: phases, marks and how the response's bytes spread over time. */
export interface WaterfallModel {
  totalMs: number;
  phases: Array<{ kind: 'waiting' | 'receiving'; startMs: number; endMs: number }>;
  marks: Array<{ kind: 'ttfb' | 'ttft'; atMs: number }>;
  /** bytes that arrived in each of `bins` equal slices of [0, totalMs] */
  bins: number[];
  chunks: number;
}

/** Percentage of the bar for a time, clamped so a rounding overshoot never leaves the bar. */
export function pct(ms: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (ms / total) * 100));
}

/**
 * Builds the waterfall from the recorded timings. `chunkTimes` are flat pairs [byteOffset, msSinceStart, …]; the last
 * chunk's size is what remains of `responseBytes`.
 */
export function waterfallModel(t: Timings, chunkTimes: number[] | null, responseBytes: number, binCount = 80): WaterfallModel | null {
  const lastChunk = chunkTimes && chunkTimes.length >= 2 ? (chunkTimes[chunkTimes.length - 1] ?? 0) : 0;
  const total = t.totalMs ?? Math.max(t.ttfbMs ?? 0, t.ttftMs ?? 0, lastChunk);
  if (!(total > 0)) return null;
  const phases: WaterfallModel['phases'] = [];
  const marks: WaterfallModel['marks'] = [];
  if (t.ttfbMs !== null) {
    phases.push({ kind: 'waiting', startMs: 0, endMs: t.ttfbMs });
    phases.push({ kind: 'receiving', startMs: t.ttfbMs, endMs: total });
    marks.push({ kind: 'ttfb', atMs: t.ttfbMs });
  } else phases.push({ kind: 'waiting', startMs: 0, endMs: total });
  if (t.ttftMs !== null) marks.push({ kind: 'ttft', atMs: t.ttftMs });
  const bins = new Array<number>(binCount).fill(0);
  let chunks = 0;
  if (chunkTimes) {
    for (let i = 0; i + 1 < chunkTimes.length; i += 2) {
      const off = chunkTimes[i] ?? 0;
      const next = i + 2 < chunkTimes.length ? (chunkTimes[i + 2] ?? off) : responseBytes;
      const at = chunkTimes[i + 1] ?? 0;
      const bin = Math.min(binCount - 1, Math.max(0, Math.floor((at / total) * binCount)));
      bins[bin] = (bins[bin] ?? 0) + Math.max(0, next - off);
      chunks++;
    }
  }
  return { totalMs: total, phases, marks, bins, chunks };
}
