/**
 * At most one run per interval: the first trigger after a quiet interval runs at once, triggers during the interval
 * collapse into one trailing run at its end (so the last change is never missed). Timers are injected for tests.
 */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  trigger(): void;
  cancel(): void;
}

/** `quietStart`: count creation as a run, so data just loaded is not fetched again within the interval. */
export function createThrottle(run: () => void, intervalMs: number, timers: Timers = realTimers, quietStart = false): Throttle {
  let lastRun = quietStart ? timers.now() : -Infinity;
  let pending: unknown = null;
  const fire = () => {
    pending = null;
    lastRun = timers.now();
    run();
  };
  return {
    trigger() {
      if (pending !== null) return;
      const wait = lastRun + intervalMs - timers.now();
      if (wait <= 0) fire();
      else pending = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}
