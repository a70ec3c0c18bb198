import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceReparseRun, newReparseRun } from '../../src-main/ingest/reparse-run.js';

const slice = (processed: number, lastId: number, done: boolean, changed = 0) => ({ processed, changed, failed: 0, lastId, done });

test('done equals total only in the last event, even when captures join an `all` run past its first count', () => {
  const run = newReparseRun(true, 255);
  const events = [
    advanceReparseRun(run, slice(100, 100, false)),
    advanceReparseRun(run, slice(100, 200, false)),
    // the first count is reached, but rows captured meanwhile are still ahead of the cursor
    advanceReparseRun(run, slice(55, 255, false)),
    advanceReparseRun(run, slice(50, 449, true, 3)),
  ];
  assert.deepEqual(events.map((e) => e.done === e.total), [false, false, false, true]);
  assert.deepEqual(events[2], { done: 255, total: 256, changed: 0, failed: 0 });
  assert.deepEqual(events[3], { done: 305, total: 305, changed: 3, failed: 0 });
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.total >= events[i]!.done);
  assert.equal(run.afterId, 449);
});

test('a run that ends early (rows deleted meanwhile) ends with done === total at what it did', () => {
  const run = newReparseRun(false, 500);
  assert.deepEqual(advanceReparseRun(run, slice(100, 120, false)), { done: 100, total: 500, changed: 0, failed: 0 });
  assert.deepEqual(advanceReparseRun(run, slice(40, 170, true)), { done: 140, total: 140, changed: 0, failed: 0 });
});
