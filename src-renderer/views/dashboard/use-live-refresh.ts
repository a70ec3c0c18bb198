import { useCallback, useEffect, useRef } from 'react';
import type { ServiceEvent } from '../../../src-main/contract/index.js';
import { useServiceEvents } from '../../app/client-context.js';
import { createThrottle, type Throttle } from './live-throttle.js';

/**
 * Calls `refresh` when a live event batch holds an event `matches` accepts, at most once per `intervalMs` (a burst of
 * finished exchanges costs one round of queries, and the last one is always picked up). The returned function asks for
 * a refresh through the same throttle (for timers that also refresh).
 */
export function useLiveRefresh(matches: (e: ServiceEvent) => boolean, refresh: () => void, intervalMs = 5000): () => void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const throttle = useRef<Throttle | null>(null);
  useEffect(() => {
    const t = createThrottle(() => refreshRef.current(), intervalMs, undefined, true);
    throttle.current = t;
    return () => {
      t.cancel();
      throttle.current = null;
    };
  }, [intervalMs]);
  useServiceEvents((batch) => {
    if (batch.some(matches)) throttle.current?.trigger();
  });
  return useCallback(() => throttle.current?.trigger(), []);
}
