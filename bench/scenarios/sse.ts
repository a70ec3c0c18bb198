// 3. SSE: the upstream writes 50 events 5 ms apart (one res.write each, each carrying its send time). The client
// records every read: reads per event (1 = the proxy neither splits nor merges events), each event's transit (arrival
// minus send, wall clock shared by both processes on this machine) and the time to the first chunk.
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { makeTarget, median, percentile, type Path, type Target } from '../load-client.js';
import { added, ms, num } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

const wallNow = (): number => performance.timeOrigin + performance.now();

interface StreamOut {
  ttfcMs: number;
  reads: number;
  events: number;
  /** events whose bytes arrived in more than one read */
  split: number;
  /** reads that completed more than one event */
  merged: number;
  transits: number[];
}

async function oneStream(t: Target, events: number, gapMs: number): Promise<StreamOut> {
  const t0 = performance.now();
  const res = await request(`${t.origin}/v1/chat/completions?sse=${events}&gap=${gapMs}`, {
    dispatcher: t.dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"stream please"}]}',
  });
  if (res.statusCode !== 200) throw new Error(`${t.path}: HTTP ${res.statusCode}`);
  let ttfcMs = Number.NaN;
  let reads = 0;
  let split = 0;
  let merged = 0;
  let pending = '';
  let pendingReads = 0;
  const transits: number[] = [];
  for await (const chunk of res.body) {
    const at = wallNow();
    if (reads === 0) ttfcMs = performance.now() - t0;
    reads++;
    pending += (chunk as Buffer).toString('utf8');
    pendingReads++;
    let completed = 0;
    for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
      const ev = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const m = /"t":([\d.]+)/.exec(ev);
      if (m) transits.push(at - Number(m[1]));
      if (completed === 0 && pendingReads > 1) split++;
      completed++;
      pendingReads = pending.length ? 1 : 0;
    }
    if (completed > 1) merged++;
  }
  return { ttfcMs, reads, events: transits.length, split, merged, transits };
}

interface PathOut {
  streams: number;
  events: number;
  reads: number;
  split: number;
  merged: number;
  ttfcMedianMs: number;
  transitMedianMs: number;
  transitP99Ms: number;
}

async function runPath(ctx: BenchContext, path: Path, streams: number, events: number, gapMs: number): Promise<PathOut> {
  const t = makeTarget(ctx.ep, path, 1);
  try {
    await oneStream(t, 2, 1); // opens the connection (and makes the leaf) outside the measurement
    const outs: StreamOut[] = [];
    for (let i = 0; i < streams; i++) outs.push(await oneStream(t, events, gapMs));
    const transits = outs.flatMap((o) => o.transits);
    const sum = (f: (o: StreamOut) => number) => outs.reduce((a, o) => a + f(o), 0);
    return {
      streams,
      events: sum((o) => o.events),
      reads: sum((o) => o.reads),
      split: sum((o) => o.split),
      merged: sum((o) => o.merged),
      ttfcMedianMs: median(outs.map((o) => o.ttfcMs)),
      transitMedianMs: median(transits),
      transitP99Ms: percentile(transits, 99),
    };
  } finally {
    await t.close();
  }
}

export async function sseScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const streams = ctx.quick ? 4 : 10;
  const events = 50;
  const gapMs = 5;
  // alternate direct/proxied halves against drift
  const d1 = await runPath(ctx, 'direct', streams / 2, events, gapMs);
  const p1 = await runPath(ctx, 'proxied', streams / 2, events, gapMs);
  const d2 = await runPath(ctx, 'direct', streams / 2, events, gapMs);
  const p2 = await runPath(ctx, 'proxied', streams / 2, events, gapMs);
  await ctx.inspector.waitFlushed();
  const both = (a: PathOut, b: PathOut): PathOut => ({
    streams: a.streams + b.streams,
    events: a.events + b.events,
    reads: a.reads + b.reads,
    split: a.split + b.split,
    merged: a.merged + b.merged,
    ttfcMedianMs: (a.ttfcMedianMs + b.ttfcMedianMs) / 2,
    transitMedianMs: (a.transitMedianMs + b.transitMedianMs) / 2,
    transitP99Ms: Math.max(a.transitP99Ms, b.transitP99Ms),
  });
  const d = both(d1, d2);
  const p = both(p1, p2);
  const rpe = (x: PathOut) => x.reads / Math.max(1, x.events);
  return {
    rows: [
      {
        scenario: `3. SSE reads per event (${d.streams} streams × ${events} events, ${gapMs} ms apart)`,
        direct: `${num(rpe(d), 3)} (${d.split} split, ${d.merged} merged)`,
        proxied: `${num(rpe(p), 3)} (${p.split} split, ${p.merged} merged)`,
        ratio: `${num(rpe(p) - rpe(d), 3)} more`,
        target: '1 read per event',
        met: p.events === p.streams * events && p.reads === p.events,
      },
      {
        scenario: '3. SSE per-event transit, median (p99)',
        direct: `${ms(d.transitMedianMs, 3)} (${ms(d.transitP99Ms, 2)})`,
        proxied: `${ms(p.transitMedianMs, 3)} (${ms(p.transitP99Ms, 2)})`,
        ratio: added(p.transitMedianMs, d.transitMedianMs, 3),
        target: '—',
        met: null,
      },
      {
        scenario: '3. SSE time to first chunk, median',
        direct: ms(d.ttfcMedianMs, 3),
        proxied: ms(p.ttfcMedianMs, 3),
        ratio: added(p.ttfcMedianMs, d.ttfcMedianMs, 3),
        target: 'added ≤ 1 ms',
        met: p.ttfcMedianMs - d.ttfcMedianMs <= 1,
      },
    ],
    data: { events, gapMs, direct: d, proxied: p, halves: { d1, p1, d2, p2 } },
  };
}
