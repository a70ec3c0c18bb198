import type { ReparseBatchResult } from '../store/index.js';
import type { ReparseProgress } from './ingest-protocol.js';

/** One re-parse run of the ingest worker: where it is (a cursor over ids) and what it has done so far. */
export interface ReparseRun {
  all: boolean;
  afterId: number;
  total: number;
  done: number;
  changed: number;
  failed: number;
}

export function newReparseRun(all: boolean, total: number): ReparseRun {
  return { all, afterId: 0, total, done: 0, changed: 0, failed: 0 };
}

/**
 * Adds one slice's result to the run and returns the progress to announce. Rows finished by a live capture meanwhile
 * may join an `all` run, so the total follows the count: done never passes it, and done equals total only in the
 * run's last event, which is how listeners know the run ended.
 */
export function advanceReparseRun(run: ReparseRun, slice: ReparseBatchResult): ReparseProgress {
  run.afterId = slice.lastId;
  run.done += slice.processed;
  run.changed += slice.changed;
  run.failed += slice.failed;
  run.total = slice.done ? run.done : Math.max(run.total, run.done + 1);
  return { done: run.done, total: run.total, changed: run.changed, failed: run.failed };
}
