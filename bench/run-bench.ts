// `npm run bench`: the inspector (a `serve` child) against a local HTTPS upstream (another child), driven by undici
// from this process, every scenario direct and through the inspector side by side. No asserts: it prints a markdown
// table and writes .bench/results-<timestamp>.json and .bench/latest.json. BENCH_QUICK=1 runs a ~30 s version;
// BENCH_CPU_PROF=1 runs the inspector child under --cpu-prof and prints its hottest functions after the table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getTestPki } from '../tests/support/test-pki.js';
import { DIST_ROOT, readRss, startInspectorChild, startUpstream, type InspectorChild, type Upstream } from './children.js';
import { closeStatsAgent, sleep } from './load-client.js';
import { renderProfiles, summarizeProfileDir, type ProfileSummary } from './cpu-profile.js';
import { machineInfo, mb, renderTable, writeResults, type ScenarioResult } from './report.js';
import { bigBodyScenario } from './scenarios/big-body.js';
import type { BenchContext, Scenario } from './scenarios/context.js';
import { exportScenario } from './scenarios/export.js';
import { ingestScenario } from './scenarios/ingest.js';
import { llmParsingScenario } from './scenarios/llm-parsing.js';
import { latencyScenario } from './scenarios/latency.js';
import { newHostScenario } from './scenarios/new-host.js';
import { sseScenario } from './scenarios/sse.js';
import { throughputScenario } from './scenarios/throughput.js';

const QUICK = /^(1|true|yes)$/i.test(process.env.BENCH_QUICK ?? '');
const CPU_PROF = /^(1|true|yes)$/i.test(process.env.BENCH_CPU_PROF ?? '');
/** `BENCH_ONLY=ui`: just the UI scenario (it needs the upstream, not the other scenarios) */
const ONLY_UI = process.env.BENCH_ONLY === 'ui';
/** `BENCH_ONLY=memory`: just the RSS rows (6.): idle, the throughput scenario (peak under 64 conns), after the run */
const ONLY_MEMORY = process.env.BENCH_ONLY === 'memory';
/** `BENCH_ONLY=<number>`: the network scenario of that number alone (e.g. 4 for the 5 MiB body), for profiling */
const onlyNumber = /^\d+$/.test(process.env.BENCH_ONLY ?? '') ? `${process.env.BENCH_ONLY}.` : null;
const wanted = (prefix: string): boolean => onlyNumber === null || onlyNumber === prefix;
/** `BENCH_INSPECTOR_NODE_ARGS="--heapsnapshot-signal=SIGUSR2 …"`: extra node flags for the inspector child (diagnosis) */
const EXTRA_NODE_ARGS = (process.env.BENCH_INSPECTOR_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const NEW_HOSTS = Array.from({ length: QUICK ? 3 : 5 }, (_, i) => `new${i + 1}.bench.test`);

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

function withTimeout<T>(p: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function runScenario(name: string, fn: Scenario, ctx: BenchContext, timeoutMs: number): Promise<ScenarioResult> {
  log(`${name}…`);
  const t0 = performance.now();
  try {
    const out = await withTimeout(fn(ctx), timeoutMs, name);
    const elapsedMs = Math.round(performance.now() - t0);
    log(`${name}: done in ${(elapsedMs / 1000).toFixed(1)} s`);
    return { name, rows: out.rows, data: out.data, elapsedMs };
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    log(`${name}: FAILED: ${message}`);
    // let whatever it left in flight drain before the next scenario measures anything
    await ctx.inspector.waitFlushed(10_000).catch(() => undefined);
    return { name, rows: [], data: {}, elapsedMs: Math.round(performance.now() - t0), error: message.split('\n')[0] ?? message };
  }
}

async function main(): Promise<void> {
  const info = machineInfo(QUICK);
  const work = mkdtempSync(join(tmpdir(), 'llmi-bench-'));
  const results: ScenarioResult[] = [];
  let upstream: Upstream | null = null;
  let inspector: InspectorChild | null = null;
  const startedAt = performance.now();
  const rootDir = resolve(DIST_ROOT, '..');
  const profDir = join(rootDir, '.bench', `cpu-${info.date.replace(/[:.]/g, '-')}`);
  let profiles: ProfileSummary[] = [];
  try {
    log(`work dir ${work}${QUICK ? ' (quick)' : ''}`);
    const pki = await getTestPki();
    const leaf = pki.leaf(['api.openai.com', '127.0.0.1', ...NEW_HOSTS]);
    const keyPath = join(work, 'upstream-key.pem');
    const certPath = join(work, 'upstream-cert.pem');
    writeFileSync(keyPath, leaf.key, { mode: 0o600 });
    writeFileSync(certPath, leaf.cert);
    upstream = await startUpstream(keyPath, certPath);
    const dataDir = join(work, 'data');
    const nodeArgs = [...EXTRA_NODE_ARGS, ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [])];
    inspector = await startInspectorChild({ dataDir, upstreamPort: upstream.port, upstreamCaFile: pki.caPath, newHosts: NEW_HOSTS,
      ...(nodeArgs.length ? { nodeArgs } : {}) });
    log(`upstream 127.0.0.1:${upstream.port} (pid ${upstream.pid}); inspector ${inspector.proxyUrl} (pid ${inspector.pid})`);

    // idle: after start, once the background leaf pre-making is over; and again once V8 has shrunk what start-up grew
    // (its memory reducer runs after several idle seconds): the first is the target's row, the second the steady state
    await sleep(2000);
    const idleRss = readRss(inspector.pid);
    await sleep(QUICK ? 0 : 8000);
    const settledRss = QUICK ? null : readRss(inspector.pid);
    const ctx: BenchContext = {
      quick: QUICK,
      ep: { upstreamPort: upstream.port, upstreamCa: pki.caPem, proxyUrl: inspector.proxyUrl, inspectorCa: inspector.caPem },
      inspector,
      newHosts: NEW_HOSTS,
      upstreamPid: upstream.pid,
      idleRssBytes: idleRss,
    };
    results.push({
      name: '6. RSS idle',
      rows: [
        { scenario: '6. inspector RSS, idle 2 s after start', direct: '—', proxied: mb(idleRss), ratio: '—', target: '≤ 100 MB', met: idleRss === null ? null : idleRss <= 100 * 1024 * 1024 },
        ...(settledRss === null ? [] : [{ scenario: '6. inspector RSS, idle 10 s after start (start-up garbage collected)', direct: '—', proxied: mb(settledRss), ratio: '—', target: '—', met: null }]),
      ],
      data: { idleRssBytes: idleRss, settledIdleRssBytes: settledRss },
      elapsedMs: 0,
    });

    // one scenario may take `limit`; past `budget` for the whole run the remaining network scenarios are skipped
    const limit = QUICK ? 30_000 : 60_000;
    const budgetMs = QUICK ? 90_000 : 240_000;
    const scenarios: [string, Scenario][] = [
      ['1. sequential small JSON', latencyScenario],
      ['3. SSE', sseScenario],
      ['4. 5 MiB body', bigBodyScenario],
      ['5. new MITM host', newHostScenario],
      ['2. throughput (+ 6. peak RSS)', throughputScenario],
    ];
    const selected = ONLY_UI ? [] : ONLY_MEMORY ? scenarios.filter(([name]) => name.startsWith('2.')) : onlyNumber ? scenarios.filter(([name]) => name.startsWith(onlyNumber)) : scenarios;
    for (const [name, fn] of selected) {
      if (performance.now() - startedAt > budgetMs) {
        results.push({ name, rows: [], data: {}, elapsedMs: 0, error: `skipped: the bench's ${budgetMs / 1000} s budget is used up` });
        continue;
      }
      if (inspector.proc.exitCode !== null || inspector.proc.signalCode !== null) {
        results.push({ name, rows: [], data: {}, elapsedMs: 0, error: `inspector child exited (${inspector.proc.exitCode ?? inspector.proc.signalCode}): ${inspector.tail().slice(-300)}` });
        continue;
      }
      results.push(await runScenario(name, fn, ctx, limit));
    }
    const after = await inspector.waitFlushed(10_000).catch(() => null);
    const afterRss = readRss(inspector.pid);
    results.push({
      name: '6. RSS after the run',
      rows: [{
        scenario: '6. inspector RSS after all traffic (flushed)',
        direct: '—',
        proxied: mb(afterRss),
        ratio: after
          ? `${after.session.exchanges.toLocaleString('en-US')} exchanges, ${after.capture.dropped} dropped` +
            (after.memory ? `; heaps: forwarding ${mb(after.memory.mainHeapBytes)}, ingest ${mb(after.memory.workerHeapBytes)}` : '')
          : '—',
        target: '—',
        met: null,
      }],
      data: { afterRssBytes: afterRss, stats: after },
      elapsedMs: 0,
    });

    // in-process CPU-bound measurement: with the children gone it has both cores to itself
    await inspector.stop();
    inspector = null;
    if (CPU_PROF) profiles = summarizeProfileDir(profDir);
    if (!ONLY_MEMORY && wanted('9.')) {
      // The UI scenario's browser code needs the DOM's types, so it is compiled with the renderer's tsconfig and loaded
      // by path rather than imported here.
      const ui = (await import(new URL('./ui/ui-scenario.js', import.meta.url).href)) as { uiScenario: Scenario };
      results.push(await runScenario('9. UI with 100k exchanges', ui.uiScenario, ctx, 180_000));
    }
    await closeStatsAgent();
    await upstream.stop();
    upstream = null;
    if (!ONLY_UI && !ONLY_MEMORY) {
      if (wanted('10.')) results.push(await runScenario('10. export', exportScenario, ctx, 180_000));
      if (wanted('7.')) results.push(await runScenario('7. store ingest', ingestScenario, ctx, limit));
      if (wanted('8.')) results.push(await runScenario('8. LLM parsing', (c) => llmParsingScenario(c, rootDir), ctx, limit));
    }
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    log(`setup FAILED: ${message}`);
    results.push({ name: '0. setup', rows: [{ scenario: '0. bench setup', direct: '—', proxied: '—', ratio: '—', target: '—', met: null, error: message.split('\n')[0] ?? message }], data: { message }, elapsedMs: 0 });
  } finally {
    await inspector?.stop().catch(() => undefined);
    await closeStatsAgent().catch(() => undefined);
    await upstream?.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
  const table = renderTable(info, results);
  process.stdout.write(`\n${table}\n`);
  if (profiles.length) {
    process.stdout.write(`\n${renderProfiles(profiles)}\n`);
    results.push({ name: 'cpu profiles', rows: [], data: { profiles }, elapsedMs: 0 });
  }
  const file = writeResults(rootDir, info, results, table);
  log(`whole bench: ${((performance.now() - startedAt) / 1000).toFixed(1)} s; results in ${file} and .bench/latest.json`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] fatal: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
