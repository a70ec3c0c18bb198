import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createThrottle, type Timers } from '../../../../src-renderer/views/dashboard/live-throttle.js';

/** A clock the test advances by hand. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pending };
}

describe('createThrottle', () => {
  it('runs the first trigger at once', () => {
    const { timers } = fakeTimers();
    let runs = 0;
    createThrottle(() => runs++, 5000, timers).trigger();
    assert.equal(runs, 1);
  });

  it('collapses a burst into one trailing run at the end of the interval', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const t = createThrottle(() => runs++, 5000, timers);
    t.trigger();
    advance(1000);
    t.trigger();
    t.trigger();
    advance(1000);
    t.trigger();
    assert.equal(runs, 1);
    advance(2999);
    assert.equal(runs, 1);
    advance(1);
    assert.equal(runs, 2);
  });

  it('runs at once again after a quiet interval', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const t = createThrottle(() => runs++, 5000, timers);
    t.trigger();
    advance(6000);
    t.trigger();
    assert.equal(runs, 2);
  });

  it('drops the trailing run when cancelled', () => {
    const { timers, advance, pending } = fakeTimers();
    let runs = 0;
    const t = createThrottle(() => runs++, 5000, timers);
    t.trigger();
    t.trigger();
    assert.equal(pending.size, 1);
    t.cancel();
    advance(10_000);
    assert.equal(runs, 1);
  });

  it('with a quiet start, waits out the interval before the first run', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const t = createThrottle(() => runs++, 5000, timers, true);
    advance(1000);
    t.trigger();
    assert.equal(runs, 0);
    advance(4000);
    assert.equal(runs, 1);
  });
});
