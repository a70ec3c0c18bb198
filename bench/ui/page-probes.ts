// Measurements taken inside the page. The browser runs with its frame-rate limit off, so the time between two
// animation frames is the work one frame costs (script, style, layout, paint) instead of a 60 Hz tick.
import type { Page } from 'playwright-core';

export interface FrameSample {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** frames that would miss a 60 Hz deadline */
  over16: number;
  over50: number;
}

export function summarizeFrames(deltas: number[]): FrameSample {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    frames: sorted.length,
    p50: at(50),
    p95: at(95),
    max: sorted[sorted.length - 1] ?? NaN,
    over16: sorted.filter((d) => d > 16.7).length,
    over50: sorted.filter((d) => d > 50).length,
  };
}

/** Samples frame times for `ms`; with `scrollPx`, scrolls the traffic table that far down every frame. */
export async function sampleFrames(page: Page, ms: number, scrollPx = 0): Promise<FrameSample> {
  const deltas = await page.evaluate(
    ({ ms, scrollPx }) =>
      new Promise<number[]>((resolve) => {
        const table = document.querySelector('[data-testid="traffic-table"]');
        const candidates = table ? [table, ...Array.from(table.querySelectorAll('*'))] : [];
        const scroller = candidates.find((el) => el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== 'visible') ?? null;
        const out: number[] = [];
        let last = performance.now();
        const end = last + ms;
        const frame = (t: number) => {
          out.push(t - last);
          last = t;
          if (scrollPx && scroller) scroller.scrollTop += scrollPx;
          if (t < end) requestAnimationFrame(frame);
          else resolve(out.slice(1));
        };
        requestAnimationFrame(frame);
      }),
    { ms, scrollPx },
  );
  return summarizeFrames(deltas);
}

export async function visibleRowIds(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="traffic-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
}

/** JS heap in use after a full garbage collection, from the DevTools protocol. */
export async function heapUsedBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const h = await cdp.send('Runtime.getHeapUsage');
    return h.usedSize;
  } finally {
    await cdp.detach();
  }
}
