// A development probe for the UI scenario's scroll row, not part of `npm run bench`: seeds a store once, starts one
// `serve`, and measures the Traffic view's scroll frames the same way the scenario does (sampleFrames, 4 s, 400 px a
// frame), alternating between renderer builds so they are compared back to back on the same (shared, noisy) machine.
// With --trace, one extra run per build records a Chromium timeline and prints where the main thread's time went.
//
//   node dist/bench/ui/scroll-probe.js [--rounds 3] [--rows 100000] [--trace] [--profile] [dir-a dir-b …]
//
// A build directory is a Vite output (index.html + assets/); by default dist/renderer. Requests for `/` and
// `/assets/…` are answered from it through Playwright's routing; the API is the real server's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.js';
import { DIST_ROOT } from '../children.js';
import { sampleFrames, summarizeFrames, type FrameSample } from './page-probes.js';
import { seedStore } from './seed-store.js';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !['--rounds', '--rows'].includes(args[i - 1] ?? ''));
const dirs = (positional.length ? positional : [join(DIST_ROOT, 'renderer')]).map((d) => resolve(d));
const ROUNDS = opt('--rounds', 3);
const ROWS = opt('--rows', 100_000);

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json', '.svg': 'image/svg+xml' };

async function startServe(dataDir: string): Promise<{ uiUrl: string; token: string; stop: () => void }> {
  const proc = spawn(process.execPath, [join(DIST_ROOT, 'src-main', 'cli', 'main.js'), 'serve', '--data-dir', dataDir, '--proxy-port', '0', '--ui-port', '0', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.on('exit', () => proc.kill('SIGKILL'));
  let out = '';
  const m = await new Promise<RegExpExecArray>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`serve did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const found = /ui\s+(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (found) {
        clearTimeout(t);
        res(found);
      }
    });
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  });
  return { uiUrl: m[1]!, token: m[2]!, stop: () => proc.kill('SIGTERM') };
}

async function openTraffic(browser: Browser, dir: string, uiUrl: string, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route(`${uiUrl}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path === '/' ? 'index.html' : path.startsWith('/assets/') ? path.slice(1) : null;
    if (file === null || !existsSync(join(dir, file))) return route.continue();
    const body = readFileSync(join(dir, file));
    // the page itself keeps the server's headers: they set the token cookie the API calls need
    if (file === 'index.html') return route.fulfill({ response: await route.fetch(), body: body.toString('utf8') });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body });
  });
  const page = await context.newPage();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${uiUrl}/?token=${token}#/traffic`);
      await page.waitForSelector('[data-testid="traffic-row"]', { timeout: 30_000 });
      return page;
    } catch (err) {
      if (attempt >= 3) throw err;
      console.log(`(no rows yet, reloading: ${(err as Error).message.split('\n')[0]})`);
    }
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, unknown>;
  ts?: number;
  tdur?: number;
}

/** A timeline of the scroll: the main thread's time by top-level event name (ms) */
async function traceScroll(page: Page): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const sample = await sampleFrames(page, 4000, 400);
  const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  // the renderer main thread: the one with the most FunctionCall time
  const byThread = new Map<string, number>();
  for (const e of events) if (e.name === 'FunctionCall' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals: Record<string, number> = {};
  const interesting = new Set(['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit', 'HitTest', 'ParseHTML', 'V8.GC_SCAVENGER', 'MinorGC', 'MajorGC', 'ScheduleStyleRecalculation', 'XHRLoad', 'ResourceReceivedData', 'RunMicrotasks', 'v8.run']);
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
    if (!interesting.has(e.name)) continue;
    totals[e.name] = (totals[e.name] ?? 0) + e.dur / 1000;
  }
  // main-thread CPU per frame (thread time, so another process taking the core does not count): the top-level tasks
  // between one animation frame callback and the next
  const tasks = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined).sort((a, b) => a.ts! - b.ts!);
  const rafs = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'FireAnimationFrame').map((e) => e.ts!).sort((a, b) => a - b);
  const cpu: number[] = [];
  let t = 0;
  for (let i = 1; i < rafs.length; i++) {
    let sum = 0;
    for (; t < tasks.length && tasks[t]!.ts! < rafs[i]!; t++) if (tasks[t]!.ts! >= rafs[i - 1]!) sum += tasks[t]!.tdur! / 1000;
    cpu.push(sum);
  }
  const cs = summarizeFrames(cpu.slice(2));
  totals['(cpu p50)'] = cs.p50;
  totals['(cpu p95)'] = cs.p95;
  totals['(cpu mean)'] = cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length);
  totals['(frames)'] = sample.frames;
  totals['(p95)'] = sample.p95;
  for (const k of Object.keys(totals)) totals[k] = Math.round(totals[k]! * 10) / 10;
  return totals;
}

/** A CPU profile of the scroll: the heaviest functions by self time */
async function profileScroll(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await sampleFrames(page, 4000, 400);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === '(idle)') return;
    const f = n.callFrame;
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    const us = profile.timeDeltas[i] ?? 0;
    self.set(k, (self.get(k) ?? 0) + us);
    total += us;
  });
  // inclusive time: every function on the sampled stack, once per sample
  const parent = new Map<number, number>();
  for (const n of profile.nodes as { id: number; children?: number[] }[]) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || f.functionName === '(idle)' || f.functionName === '(root)') continue;
      const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const inclusive = [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, us]) => `${String(Math.round(us / 1000)).padStart(6)} ms incl  ${k}`);
  return [...inclusive, `busy ${Math.round(total / 1000)} ms`, ...[...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${String(Math.round(us / 1000)).padStart(6)} ms  ${k}`)];
}

const fmt = (s: FrameSample): string => `p95 ${s.p95.toFixed(1)}  p50 ${s.p50.toFixed(1)}  max ${s.max.toFixed(1)}  frames ${s.frames}  over16 ${s.over16}`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'llmi-scroll-probe-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  let serve: Awaited<ReturnType<typeof startServe>> | null = null;
  try {
    seedStore(join(dataDir, 'inspector.db'), ROWS);
    serve = await startServe(dataDir);
    const results = new Map<string, FrameSample[]>(dirs.map((d) => [d, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const dir of dirs) {
        const page = await openTraffic(browser, dir, serve.uiUrl, serve.token);
        await new Promise((res) => setTimeout(res, 500));
        if (flag('--cpu')) {
          const t = await traceScroll(page);
          const s = { frames: t['(frames)']!, p50: t['(cpu p50)']!, p95: t['(cpu p95)']!, max: t['(p95)']!, over16: 0, over50: 0 };
          results.get(dir)!.push(s);
          console.log(`round ${r + 1} ${dir}: cpu/frame p95 ${s.p95} p50 ${s.p50} mean ${t['(cpu mean)']}  (wall p95 ${t['(p95)']})  layout ${t.Layout} style ${t.UpdateLayoutTree} paint ${t.Paint} scroll-events ${t.EventDispatch} commit ${t.Commit}`);
        } else {
          const s = await sampleFrames(page, 4000, 400);
          results.get(dir)!.push(s);
          console.log(`round ${r + 1} ${dir}: ${fmt(s)}`);
        }
        await page.context().close();
      }
    }
    for (const dir of dirs) {
      const xs = results.get(dir)!;
      console.log(`median ${dir}: p95 ${median(xs.map((s) => s.p95)).toFixed(1)}  p50 ${median(xs.map((s) => s.p50)).toFixed(1)}  frames ${median(xs.map((s) => s.frames))}`);
    }
    if (flag('--trace') || flag('--profile')) {
      for (const dir of dirs) {
        const page = await openTraffic(browser, dir, serve.uiUrl, serve.token);
        await new Promise((res) => setTimeout(res, 500));
        if (flag('--trace')) console.log(`trace ${dir}:`, JSON.stringify(await traceScroll(page)));
        if (flag('--profile')) {
          await page.evaluate(() => {
            const el = document.querySelector('[data-testid="traffic-table"]');
            if (el) el.scrollTop = 0;
          });
          await new Promise((res) => setTimeout(res, 500));
          console.log(`profile ${dir}:\n${(await profileScroll(page)).join('\n')}`);
        }
        await page.context().close();
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    serve?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
