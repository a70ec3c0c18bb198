// Measures what a first leaf for a new host costs: wall time, and the longest stretch the event loop was held (what
// every other in-flight stream would feel). A setImmediate ticker is used rather than monitorEventLoopDelay because
// its resolution is sub-millisecond; the bench harness calls this and judges the numbers (tests do not).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrCreateCa } from './ca-authority.js';
import { LeafCertificates } from './leaf-certificates.js';

export interface LeafStallResult {
  /** Wall time for the first leaf of the first new host (includes the disk-cache miss and the write). */
  firstLeafMs: number;
  /** Median wall time over all new hosts measured. */
  medianNewHostMs: number;
  /** Longest gap between two event-loop turns while the leaves were being made. */
  maxEventLoopStallMs: number;
  /** Wall time for a memory-cache hit. */
  cachedMs: number;
  hosts: number;
}

export interface LeafStallOptions {
  /** An existing instance to probe; when absent a throwaway CA and cache are made in a temp dir (and removed). */
  leaves?: LeafCertificates;
  /** How many never-seen hosts to make leaves for (default 5). */
  hosts?: number;
}

/** Runs `fn` while a setImmediate ticker records the longest gap between loop turns. */
async function withStallTicker<T>(fn: () => Promise<T>): Promise<{ value: T; maxGapMs: number }> {
  let last = performance.now();
  let maxGapMs = 0;
  let running = true;
  const tick = (): void => {
    const t = performance.now();
    maxGapMs = Math.max(maxGapMs, t - last);
    last = t;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    const value = await fn();
    return { value, maxGapMs: Math.max(maxGapMs, performance.now() - last) };
  } finally {
    running = false;
  }
}

export async function measureLeafStall(opts: LeafStallOptions = {}): Promise<LeafStallResult> {
  let tempDir: string | null = null;
  let leaves = opts.leaves;
  try {
    if (!leaves) {
      tempDir = await mkdtemp(join(tmpdir(), 'llmi-stall-'));
      const ca = await loadOrCreateCa(join(tempDir, 'ca'), { log: () => {} });
      leaves = await LeafCertificates.create(ca, { cacheDir: join(tempDir, 'ca', 'leaves'), log: () => {} });
    }
    const probe = leaves;
    const count = Math.max(1, opts.hosts ?? 5);
    const run = randomBytes(4).toString('hex');
    const times: number[] = [];
    const { maxGapMs } = await withStallTicker(async () => {
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        await probe.getSecureContext(`stall-probe-${run}-${i}.example`);
        times.push(performance.now() - t0);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
    const t0 = performance.now();
    await probe.getSecureContext(`stall-probe-${run}-0.example`);
    const cachedMs = performance.now() - t0;
    const sorted = [...times].sort((a, b) => a - b);
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      firstLeafMs: round(times[0] ?? 0),
      medianNewHostMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      maxEventLoopStallMs: round(maxGapMs),
      cachedMs: round(cachedMs),
      hosts: count,
    };
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
