// 4. A 5 MiB response body (content-length, one upstream write): time to the last byte, direct vs proxied.
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { makeTarget, median, type Path, type Target } from '../load-client.js';
import { added, ms, ratio } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

const BYTES = 5 * 1024 * 1024;

async function once(t: Target): Promise<number> {
  const t0 = performance.now();
  const res = await request(`${t.origin}/v1/big?bytes=${BYTES}`, { dispatcher: t.dispatcher, method: 'GET' });
  let got = 0;
  for await (const c of res.body) got += (c as Buffer).length;
  const elapsed = performance.now() - t0;
  if (res.statusCode !== 200 || got !== BYTES) throw new Error(`${t.path}: HTTP ${res.statusCode}, ${got} of ${BYTES} bytes`);
  return elapsed;
}

/** `settle`: wait for the inspector to store the previous body (and go CPU-quiet) before each call */
async function series(ctx: BenchContext, path: Path, reps: number, settle = false): Promise<number[]> {
  const t = makeTarget(ctx.ep, path, 1);
  try {
    await once(t); // warm connection
    const out: number[] = [];
    for (let i = 0; i < reps; i++) {
      if (settle) await ctx.inspector.waitFlushed();
      out.push(await once(t));
    }
    return out;
  } finally {
    await t.close();
  }
}

export async function bigBodyScenario(ctx: BenchContext): Promise<ScenarioOutput> {
  const reps = ctx.quick ? 3 : 8;
  const d = await series(ctx, 'direct', reps);
  const p = await series(ctx, 'proxied', reps);
  // the capture of each 5 MiB body lands in the store after the response: let it settle before the next scenario
  await ctx.inspector.waitFlushed();
  // one call at a time, as a single big reply meets the inspector: storing the previous body is not competing
  const single = await series(ctx, 'proxied', reps, true);
  // the same with capture off (config PATCHed over the API, then restored): separates relaying from capturing
  let off: number[] = [];
  await ctx.inspector.patchConfig({ capture: { enabled: false } });
  try {
    off = await series(ctx, 'proxied', reps);
  } finally {
    await ctx.inspector.patchConfig({ capture: { enabled: true } });
  }
  const dm = median(d);
  const pm = median(p);
  const om = median(off);
  const sm = median(single);
  return {
    rows: [
      {
        scenario: `4. 5 MiB response body, median of ${reps}`,
        direct: ms(dm, 1),
        proxied: ms(pm, 1),
        ratio: `${ratio(pm, dm)} (${added(pm, dm, 1)})`,
        target: '≤ 2×',
        met: pm <= 2 * dm,
      },
      {
        scenario: '4. 5 MiB response body, one at a time (previous body stored first), capture on',
        direct: ms(dm, 1),
        proxied: ms(sm, 1),
        ratio: `${ratio(sm, dm)} (${added(sm, dm, 1)})`,
        target: '—',
        met: null,
      },
      {
        scenario: '4. 5 MiB response body, capture off (same inspector, config PATCH)',
        direct: ms(dm, 1),
        proxied: ms(om, 1),
        ratio: `${ratio(om, dm)} (${added(om, dm, 1)})`,
        target: '—',
        met: null,
      },
    ],
    data: { bytes: BYTES, reps, directMs: d, proxiedMs: p, proxiedOneAtATimeMs: single, proxiedCaptureOffMs: off },
  };
}
