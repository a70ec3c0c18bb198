import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection, in percent, for the inspector
 * process (the flag is process-wide: the forwarding thread and the ingest worker both follow it).
 *
 * Why: under load both threads make medium-lived garbage (exchanges in flight, ops queued for the store, a batch being
 * written), which the young generation promotes. V8's default on a machine with a few GB of RAM lets the old
 * generation grow up to 4× its live size before the next full collection, so at 64 connections the forwarding thread's
 * old space reached ~75 MB and the worker's ~50 MB for a live set of ~20 MB each: the 64-connection RSS peak was
 * 255–280 MB. At 30% (a factor of 1.3) full collections simply come sooner (they are incremental and marked
 * concurrently), and the peak is ~180–190 MB (~190–195 MB at 60%). Set the variable to 0 to compare.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 30;

/** Set by the user (LLM_INSPECTOR_HEAP_GROWING_PERCENT, or --heap-growing-percent among the Node flags): theirs wins. */
export const HEAP_GROWING_ENV = 'LLM_INSPECTOR_HEAP_GROWING_PERCENT';

let applied: number | null = null;

/**
 * Applies the heap growing policy once per process; later calls are no-ops. Returns the percent in effect, or null when
 * V8's own heuristics are kept (the user passed their own flag, or set the variable to 0).
 */
export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): number | null {
  if (applied !== null) return applied > 0 ? applied : null;
  const pct = heapGrowingPercent(env, execArgv);
  applied = pct ?? 0;
  if (pct === null) return null;
  v8.setFlagsFromString(`--heap-growing-percent=${pct}`);
  return pct;
}

/** The percent limitHeapGrowth would apply, or null for V8's own heuristics. */
export function heapGrowingPercent(env: NodeJS.ProcessEnv, execArgv: readonly string[]): number | null {
  const own = /--heap[-_]growing[-_]percent/;
  if (execArgv.some((a) => own.test(a)) || own.test(env.NODE_OPTIONS ?? '')) return null;
  const raw = env[HEAP_GROWING_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) return DEFAULT_HEAP_GROWING_PERCENT;
  return n === 0 ? null : n;
}
