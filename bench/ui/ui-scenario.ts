// 9. The UI with 100,000 stored exchanges, in Debian's Chromium: time to the first rendered rows, frame times while
// scrolling, full-text search over bodies (API and on screen), 200 live exchanges/s arriving while the table follows
// the tail, and the page's JS heap. Its own inspector child serves a store seeded before it starts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.js';
import { startInspectorChild, type InspectorChild } from '../children.js';
import { closeStatsAgent, makeTarget, median, smallRequest, sleep } from '../load-client.js';
import { mb, ms, num, type Row } from '../report.js';
import type { BenchContext, ScenarioOutput } from '../scenarios/context.js';
import { heapUsedBytes, sampleFrames, visibleRowIds } from './page-probes.js';
import { RARE_WORD, seedStore } from './seed-store.js';

const ROWS = 100_000;

/** Sends `perSecond` small chat calls through the proxy for `durationMs`: every 10 ms it catches up to the rate. */
async function paceLoad(ctx: BenchContext, child: InspectorChild, perSecond: number, durationMs: number): Promise<{ sent: number; failed: number; elapsedMs: number }> {
  const target = makeTarget({ ...ctx.ep, proxyUrl: child.proxyUrl, inspectorCa: child.caPem }, 'proxied', 32);
  let sent = 0;
  let failed = 0;
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let now = t0; now - t0 < durationMs; now = performance.now()) {
    const due = Math.floor(((now - t0) / 1000) * perSecond);
    while (sent < due) {
      sent++;
      inflight.push(smallRequest(target).then((s) => void (s !== 200 && failed++), () => void failed++));
    }
    await sleep(10);
  }
  const elapsedMs = performance.now() - t0;
  await Promise.all(inflight);
  await target.close();
  return { sent, failed, elapsedMs };
}

export async function uiScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const work = mkdtempSync(join(tmpdir(), 'llmi-ui-bench-'));
  const dataDir = join(work, 'data');
  let child: InspectorChild | null = null;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  });
  try {
    mkdirSync(dataDir, { recursive: true });
    const seeded = seedStore(join(dataDir, 'inspector.db'), ROWS);
    const caFile = join(work, 'upstream-ca.pem');
    writeFileSync(caFile, ctx.ep.upstreamCa);
    child = await startInspectorChild({ dataDir, upstreamPort: ctx.ep.upstreamPort, upstreamCaFile: caFile, newHosts: [] });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();

    // first rows: from navigation start (the page's time origin) to the first row on screen
    await page.goto(`${child.uiUrl}/?token=${child.token}#/traffic`);
    const firstRowsMs = (await (await page.waitForFunction(() => (document.querySelector('[data-testid="traffic-row"]') ? performance.now() : false), undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;

    await sleep(500);
    const scroll = await sampleFrames(page, 4000, 400);
    const scrolledTo = Math.max(0, ...(await visibleRowIds(page)).map((id) => ROWS - id));
    const heapAfterScroll = await heapUsedBytes(page);

    // search: API latency, then on screen from the last keystroke to the filtered rows
    const apiTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${child.uiUrl}/api/exchanges?limit=200&search=${RARE_WORD}`, { headers: { authorization: `Bearer ${child.token}` } });
      await res.arrayBuffer();
      apiTimes.push(performance.now() - t0);
    }
    await page.evaluate(() => {
      document.addEventListener('keydown', () => ((window as unknown as { lastKeyAt: number }).lastKeyAt = performance.now()), true);
    });
    await page.click('[data-testid="filter-input"]');
    await page.keyboard.type(`"${RARE_WORD}"`);
    await page.keyboard.press('Enter');
    const expected = Math.ceil(ROWS / 1000);
    const found = (await (
      await page.waitForFunction(
        (n) => {
          const rows = document.querySelectorAll('[data-testid="traffic-row"]');
          return rows.length > 0 && rows.length <= n ? performance.now() - (window as unknown as { lastKeyAt: number }).lastKeyAt : false;
        },
        expected,
        { polling: 'raf', timeout: 30_000 },
      )
    ).jsonValue()) as number;

    // live: 200 exchanges/s for 5 s into a fresh timeline following the tail
    await page.goto(`${child.uiUrl}/?token=${child.token}#/traffic`);
    await page.waitForSelector('[data-testid="traffic-row"]');
    const topBefore = Math.max(...(await visibleRowIds(page)));
    const liveMs = ctx.quick ? 3000 : 5000;
    const [live, load] = await Promise.all([sampleFrames(page, liveMs + 1000), paceLoad(ctx, child, 200, liveMs)]);
    await sleep(1000);
    const topAfter = Math.max(...(await visibleRowIds(page)));
    const heap = Math.max(heapAfterScroll, await heapUsedBytes(page));

    const rows: Row[] = [
      { scenario: `9. UI: first rows on screen (${num(ROWS)} stored)`, direct: '—', proxied: ms(firstRowsMs, 0), ratio: `seeded in ${num(seeded.elapsedMs / 1000, 1)} s`, target: '≤ 1 s', met: firstRowsMs <= 1000 },
      { scenario: '9. UI: scrolling frame time p95 (uncapped frames)', direct: '—', proxied: ms(scroll.p95, 1), ratio: `${scroll.frames} frames, p50 ${ms(scroll.p50, 1)}, ${scroll.over16} over 16.7 ms, scrolled ${num(scrolledTo)} rows`, target: '≤ 16 ms', met: scroll.p95 <= 16 },
      { scenario: '9. UI: full-text search over bodies, API', direct: '—', proxied: ms(median(apiTimes), 1), ratio: 'median of 5', target: '≤ 100 ms', met: median(apiTimes) <= 100 },
      { scenario: '9. UI: full-text search, keystroke → rows on screen', direct: '—', proxied: ms(found, 0), ratio: `${expected} matching of ${num(ROWS)}`, target: '≤ 100 ms', met: found <= 100 },
      { scenario: '9. UI: 200 live exchanges/s, frame time p95', direct: '—', proxied: ms(live.p95, 1), ratio: `${load.sent} sent in ${num(load.elapsedMs / 1000, 1)} s (${load.failed} failed), top row ${topBefore} → ${topAfter}, ${live.over50} frames over 50 ms`, target: 'no dropped frames (p95 ≤ 16 ms)', met: live.p95 <= 16 && topAfter > topBefore },
      { scenario: '9. UI: renderer JS heap after all of the above', direct: '—', proxied: mb(heap), ratio: 'largest of: after scrolling, after the live run', target: '≤ 300 MB', met: heap <= 300 * 1024 * 1024 },
    ];
    return { rows, data: { seeded, firstRowsMs, scroll, apiTimes, searchOnScreenMs: found, live, load, topBefore, topAfter, heap } };
  } finally {
    await browser.close().catch(() => undefined);
    await child?.stop().catch(() => undefined);
    await closeStatsAgent().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
