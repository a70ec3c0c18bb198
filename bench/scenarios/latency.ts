// 1. Sequential small JSON: the latency the inspector adds to one request at a time on a warm keep-alive connection.
import { makeTarget, percentile, sequentialLatencies } from '../load-client.js';
import { added, ms } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

export async function latencyScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const n = ctx.quick ? 300 : 1000;
  const warmup = ctx.quick ? 30 : 100;
  const direct = makeTarget(ctx.ep, 'direct', 1);
  const proxied = makeTarget(ctx.ep, 'proxied', 1);
  try {
    // interleave halves so slow drift (CPU frequency, GC of the client) hits both sides alike
    const d1 = await sequentialLatencies(direct, n / 2, warmup);
    const p1 = await sequentialLatencies(proxied, n / 2, warmup);
    const d2 = await sequentialLatencies(direct, n / 2, 0);
    const p2 = await sequentialLatencies(proxied, n / 2, 0);
    const d = [...d1, ...d2];
    const p = [...p1, ...p2];
    await ctx.inspector.waitFlushed();
    const stat = (v: number[]) => ({ p50: percentile(v, 50), p90: percentile(v, 90), p99: percentile(v, 99), max: percentile(v, 100) });
    const ds = stat(d);
    const ps = stat(p);
    return {
      rows: [
        {
          scenario: `1. sequential small JSON, p50 (${n} POSTs, ~300 B → ~1 KB)`,
          direct: ms(ds.p50, 3),
          proxied: ms(ps.p50, 3),
          ratio: added(ps.p50, ds.p50, 3),
          target: 'added ≤ 0.5 ms',
          met: ps.p50 - ds.p50 <= 0.5,
        },
        {
          scenario: '1. sequential small JSON, p99',
          direct: ms(ds.p99, 3),
          proxied: ms(ps.p99, 3),
          ratio: added(ps.p99, ds.p99, 3),
          target: 'added ≤ 3 ms',
          met: ps.p99 - ds.p99 <= 3,
        },
      ],
      data: { n, warmup, direct: ds, proxied: ps, halvesP50: [d1, p1, d2, p2].map((h) => percentile(h, 50)) },
    };
  } finally {
    await direct.close();
    await proxied.close();
  }
}
