// 2. Throughput with capture on at 16 and 64 concurrent keep-alive connections, and 6. the inspector's peak RSS
// under the 64-connection load. Each run: a short warm-up (opens every connection), then a timed closed loop.
import { availableParallelism } from 'node:os';
import { readCpuMs, sampleRss } from '../children.js';
import { closedLoop, makeTarget, percentile, upstreamTlsConnections, type LoadResult, type Path } from '../load-client.js';
import { mb, ms, num, ratio, type Row } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

interface RunOut {
  load: LoadResult;
  warmupOk: number;
  captured: number | null;
  rssPeak: number | null;
  /** CPU ms used during the timed loop by the inspector child, the upstream child and this (client) process */
  cpuMs: { inspector: number; upstream: number; client: number };
  /** TLS connections the upstream accepted during the timed loop (keep-alive means ~0 after warm-up) */
  newUpstreamConns: number;
}

const delta = (a: number | null, b: number | null): number => (a === null || b === null ? Number.NaN : b - a);

async function run(ctx: BenchContext, path: Path, conns: number, durationMs: number, sample: boolean): Promise<RunOut> {
  const t = makeTarget(ctx.ep, path, conns);
  try {
    const before = path === 'proxied' ? (await ctx.inspector.waitFlushed()).session.exchanges : 0;
    const warm = await closedLoop(t, conns, ctx.quick ? 500 : 1000);
    const rss = sample ? sampleRss(ctx.inspector.pid, 100) : null;
    const conns0 = await upstreamTlsConnections(ctx.ep);
    const cpu0 = { i: readCpuMs(ctx.inspector.pid), u: readCpuMs(ctx.upstreamPid), c: process.cpuUsage() };
    const load = await closedLoop(t, conns, durationMs);
    const c = process.cpuUsage(cpu0.c);
    const cpuMs = {
      inspector: delta(cpu0.i, readCpuMs(ctx.inspector.pid)),
      upstream: delta(cpu0.u, readCpuMs(ctx.upstreamPid)),
      client: (c.user + c.system) / 1000,
    };
    const newUpstreamConns = (await upstreamTlsConnections(ctx.ep)) - conns0;
    let captured: number | null = null;
    if (path === 'proxied') captured = (await ctx.inspector.waitFlushed()).session.exchanges - before;
    const rssPeak = rss ? rss.stop().peak : null;
    return { load, warmupOk: warm.ok + warm.errors, captured, rssPeak, cpuMs, newUpstreamConns };
  } finally {
    await t.close();
  }
}

export async function throughputScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const durationMs = ctx.quick ? 1500 : 5000;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { durationMs };
  for (const conns of [16, 64]) {
    const d = await run(ctx, 'direct', conns, durationMs, false);
    const p = await run(ctx, 'proxied', conns, durationMs, conns === 64);
    const summary = (r: RunOut) => ({
      ok: r.load.ok,
      errors: r.load.errors,
      firstError: r.load.firstError,
      reqPerSec: Math.round(r.load.reqPerSec),
      p50Ms: percentile(r.load.latencies, 50),
      p99Ms: percentile(r.load.latencies, 99),
      captured: r.captured,
      cpuMs: r.cpuMs,
      newUpstreamConns: r.newUpstreamConns,
      sentIncludingWarmup: r.load.ok + r.load.errors + r.warmupOk,
    });
    data[`c${conns}`] = { direct: summary(d), proxied: summary(p) };
    const sent = p.load.ok + p.load.errors + p.warmupOk;
    rows.push({
      scenario: `2. throughput, ${conns} keep-alive conns, capture on (${durationMs / 1000} s)`,
      direct: `${num(d.load.reqPerSec)} req/s, ${d.load.errors} err`,
      proxied: `${num(p.load.reqPerSec)} req/s, ${p.load.errors} err${p.load.firstError ? ` (${p.load.firstError})` : ''}`,
      ratio: ratio(p.load.reqPerSec, d.load.reqPerSec),
      target: '≥ 5,000 req/s proxied, 0 errors',
      met: p.load.reqPerSec >= 5000 && p.load.errors === 0,
    });
    rows.push({
      scenario: `2. latency under load, ${conns} conns (p50 / p99)`,
      direct: `${ms(percentile(d.load.latencies, 50), 1)} / ${ms(percentile(d.load.latencies, 99), 1)}`,
      proxied: `${ms(percentile(p.load.latencies, 50), 1)} / ${ms(percentile(p.load.latencies, 99), 1)}`,
      ratio: ratio(percentile(p.load.latencies, 50), percentile(d.load.latencies, 50)),
      target: '—',
      met: null,
    });
    const perReq = (cpu: number, r: RunOut) => `${num((cpu * 1000) / Math.max(1, r.load.ok + r.load.errors))} µs`;
    rows.push({
      scenario: `2. CPU per request, ${conns} conns (all threads; timed loop only)`,
      direct: `upstream ${perReq(d.cpuMs.upstream, d)}, client ${perReq(d.cpuMs.client, d)}`,
      proxied: `inspector ${perReq(p.cpuMs.inspector, p)} (${num((p.cpuMs.inspector / p.load.elapsedMs) * 100)}% of a core), upstream ${perReq(p.cpuMs.upstream, p)}, client ${perReq(p.cpuMs.client, p)}`,
      ratio: `new upstream TLS conns: ${d.newUpstreamConns} direct, ${p.newUpstreamConns} proxied`,
      target: '—',
      met: null,
    });
    rows.push({
      scenario: `2. exchanges captured, ${conns} conns (incl. warm-up)`,
      direct: '—',
      proxied: `${num(p.captured ?? Number.NaN)} of ${num(sent)} requests`,
      ratio: '—',
      target: 'all captured',
      met: p.captured === sent,
    });
    if (conns === 64) {
      ctx.proxiedCpuPerRequestUs = (p.cpuMs.inspector * 1000) / Math.max(1, p.load.ok + p.load.errors);
      rows.push({
        scenario: '6. inspector RSS, peak under 64-conn load (VmRSS / 100 ms)',
        direct: '—',
        proxied: mb(p.rssPeak),
        ratio: ctx.idleRssBytes !== null && p.rssPeak !== null ? `+${mb(p.rssPeak - ctx.idleRssBytes)} over idle` : '—',
        target: '≤ 250 MB',
        met: p.rssPeak === null ? null : p.rssPeak <= 250 * 1024 * 1024,
      });
      data.rssPeakBytes = p.rssPeak;
    }
  }
  // The same load with LLM parsing switched off: what understanding the calls costs in throughput
  await ctx.inspector.patchConfig({ capture: { parseLlm: false } });
  try {
    const noParse = await run(ctx, 'proxied', 64, durationMs, false);
    const withParse = (data.c64 as { proxied: { reqPerSec: number } } | undefined)?.proxied.reqPerSec ?? Number.NaN;
    const share = 1 - withParse / noParse.load.reqPerSec;
    data.c64NoParse = { reqPerSec: Math.round(noParse.load.reqPerSec), errors: noParse.load.errors };
    rows.push({
      scenario: `8. throughput, 64 conns, LLM parsing off vs on (${durationMs / 1000} s)`,
      direct: `${num(noParse.load.reqPerSec)} req/s (off)`,
      proxied: `${num(withParse)} req/s (on)`,
      ratio: `parsing costs ${num(Math.max(0, share) * 100, 1)}%`,
      target: '≤ 10% of throughput',
      met: Number.isFinite(share) ? share <= 0.1 : null,
    });
  } finally {
    await ctx.inspector.patchConfig({ capture: { parseLlm: true } });
  }
  // The same load with capture switched off: the proxy engine's own ceiling on this machine, so the cost of capture
  // can be told apart from the cost of relaying two TLS legs through Node's HTTP stack.
  await ctx.inspector.patchConfig({ capture: { enabled: false } });
  try {
    const off = await run(ctx, 'proxied', 64, durationMs, false);
    data.c64CaptureOff = { reqPerSec: Math.round(off.load.reqPerSec), errors: off.load.errors, cpuMs: off.cpuMs };
    const on = data.c64 as { proxied: { ok: number; errors: number; cpuMs: RunOut['cpuMs'] } } | undefined;
    rows.push({
      scenario: `2. throughput, 64 conns, capture OFF (engine ceiling, ${durationMs / 1000} s)`,
      direct: '—',
      proxied: `${num(off.load.reqPerSec)} req/s, ${off.load.errors} err; inspector ${num((off.cpuMs.inspector * 1000) / Math.max(1, off.load.ok + off.load.errors))} µs/req`,
      ratio: '—',
      target: '—',
      met: null,
    });
    if (on !== undefined) rows.push(budgetRow(on.proxied, off));
  } finally {
    await ctx.inspector.patchConfig({ capture: { enabled: true } });
  }
  return { rows, data };
}

/**
 * What the target leaves the inspector on this machine: the cores, minus what the load generator and the upstream
 * spend per request (at their cost in the proxied run) at 5,000 req/s, shared by 5,000 requests. Against it, what the
 * inspector spent per request with capture on and off.
 */
function budgetRow(on: { ok: number; errors: number; cpuMs: RunOut['cpuMs'] }, off: RunOut): Row {
  const TARGET = 5000;
  const n = Math.max(1, on.ok + on.errors);
  const othersUs = ((on.cpuMs.upstream + on.cpuMs.client) * 1000) / n;
  const cores = availableParallelism();
  const budgetUs = (cores * 1e6 - TARGET * othersUs) / TARGET;
  const onUs = (on.cpuMs.inspector * 1000) / n;
  const offUs = (off.cpuMs.inspector * 1000) / Math.max(1, off.load.ok + off.load.errors);
  return {
    scenario: `2. CPU the inspector may use per request for ${num(TARGET)} req/s here (${cores} cores − client and upstream)`,
    direct: `client + upstream ${num(othersUs)} µs/req`,
    proxied: `budget ${num(budgetUs)} µs/req; used ${num(onUs)} (capture on), ${num(offUs)} (capture off)`,
    ratio: `${num(onUs / budgetUs, 2)}× the budget`,
    target: '—',
    met: null,
  };
}
