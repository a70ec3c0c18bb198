import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useClient, useConnection, useServiceEvents } from '../../app/client-context.js';
import type { FilterFields } from './filter-query.js';
import type { ListOrder } from './row-order.js';
import { TrafficStore, type TrafficSnapshot } from './traffic-store.js';

/**
 * The view's list store, fed by the client: it shows `filter` in `order` (starting over when either, or `refresh`, changes), takes
 * every live event batch, and catches up when the event stream comes back after a drop.
 */
export function useTrafficStore(filter: FilterFields, order: ListOrder, refresh: number): { store: TrafficStore; snap: TrafficSnapshot } {
  const client = useClient();
  const key = JSON.stringify([filter, order, refresh]);
  const shown = useRef(key);
  // the first page is asked for while the view first renders, not after it paints: it is the first thing to show
  const [store] = useState(() => {
    const s = new TrafficStore({ fetchPage: (q) => client.call('exchanges.list', q) });
    void s.setQuery(filter, order);
    return s;
  });
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    const [f, o] = JSON.parse(key) as [FilterFields, ListOrder, number];
    void store.setQuery(f, o);
  }, [store, key]);
  useServiceEvents((batch) => store.receive(batch));

  const connection = useConnection();
  const dropped = useRef(false);
  useEffect(() => {
    if (connection === 'closed') dropped.current = true;
    else if (connection === 'open' && dropped.current) {
      dropped.current = false;
      void store.catchUp();
    }
  }, [connection, store]);

  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { store, snap };
}
