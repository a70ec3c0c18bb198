import type { ExchangePage, ExchangeQueryInput, ExchangeSummary, ServiceEvent } from '../../../src-main/contract/index.js';
import type { FilterFields } from './filter-query.js';
import { isInFlight, matchesQuery } from './match-query.js';
import { applyChanges, indexOfIdInTimeOrder } from './merge-rows.js';
import { DEFAULT_ORDER, type ListOrder } from './row-order.js';

type Row = ExchangeSummary;

export interface TrafficSnapshot {
  version: number;
  /** the loaded rows, in the list's order */
  rows: readonly Row[];
  /** the first page: loading, loaded, or failed */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  /** more rows exist past the loaded ones */
  hasMore: boolean;
  /** rows that arrived since `mark()` (counted while follow is paused) */
  newSinceMark: number;
  /** new exchanges a full-text search cannot be checked against live: shown after a refresh */
  newHidden: number;
}

export interface TrafficStoreOptions {
  fetchPage: (q: ExchangeQueryInput) => Promise<ExchangePage>;
  /** runs `flush` once, later (default: the next animation frame) */
  schedule?: (flush: () => void) => void;
  firstPageSize?: number;
  pageSize?: number;
}

/** Queued events past this are applied at once: a hidden tab gets no animation frames, and the queue must not grow. */
const MAX_QUEUE = 2000;
/** Pages fetched to catch up after a reconnect before a plain reload is cheaper. */
const MAX_CATCH_UP_PAGES = 10;

interface Upsert {
  row: Row;
  /** the store committed it (`exchange.finished`, or a list row in a final state): a live update cannot replace it */
  final: boolean;
  /** it came from the server with the filter applied (full-text search included) */
  checked: boolean;
}

const defaultSchedule = (f: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => f());
  else setTimeout(f, 16);
};

/**
 * The Traffic list outside React: pages from the server, live events applied in batches (at most one flush, so one
 * render, per animation frame), dedupe by id, the server's order, and catch-up after a reconnect. React reads it
 * through `subscribe`/`snapshot` (useSyncExternalStore); a snapshot is replaced, never changed, on every update.
 */
export class TrafficStore {
  snapshot: TrafficSnapshot = { version: 0, rows: [], status: 'loading', error: null, loadingMore: false, hasMore: false, newSinceMark: 0, newHidden: 0 };
  private filter: FilterFields = {};
  private order: ListOrder = DEFAULT_ORDER;
  private rows: Row[] = [];
  private readonly byId = new Map<number, Row>();
  private final = new WeakSet<Row>();
  private next: { before: number | null; offset: number | null } = { before: null, offset: null };
  private generation = 0;
  private queue: ServiceEvent[] = [];
  private scheduled = false;
  private maxSeenId = 0;
  private hidden = new Set<number>();
  private pinned = new Set<number>();
  private newSinceMark = 0;
  private readonly seen = { provider: new Set<string>(), model: new Set<string>() };
  private readonly listeners = new Set<() => void>();
  private readonly schedule: (flush: () => void) => void;

  constructor(private readonly opts: TrafficStoreOptions) {
    this.schedule = opts.schedule ?? defaultSchedule;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): TrafficSnapshot => this.snapshot;

  /** Shows a new filter or order: starts over from the first page. */
  setQuery(filter: FilterFields, order: ListOrder): Promise<void> {
    this.filter = filter;
    this.order = order;
    return this.reload();
  }

  reload(): Promise<void> {
    this.generation++;
    this.rows = [];
    this.byId.clear();
    this.final = new WeakSet();
    this.hidden.clear();
    this.newSinceMark = 0;
    this.next = { before: null, offset: null };
    this.publish({ status: 'loading', error: null, loadingMore: false, hasMore: false });
    return this.load(true);
  }

  /** The next page, when there is one and none is on its way. */
  loadMore(): Promise<void> {
    const s = this.snapshot;
    if (s.status !== 'ready' || !s.hasMore || s.loadingMore) return Promise.resolve();
    this.publish({ loadingMore: true, error: null });
    return this.load(false);
  }

  /** Ids that stay listed even when an update makes them stop matching (the selected and compared rows). */
  setPinned(ids: readonly number[]): void {
    this.pinned = new Set(ids);
  }

  /** Starts counting arriving rows (follow paused); `newSinceMark` reads the count. */
  mark(): void {
    this.newSinceMark = 0;
    this.publish({});
  }

  /** Live events: queued, applied together on the next flush. */
  receive(events: readonly ServiceEvent[]): void {
    for (const e of events) {
      if (e.event === 'exchange.started' || e.event === 'exchange.updated' || e.event === 'exchange.finished' || e.event === 'store.cleared') this.queue.push(e);
    }
    if (this.queue.length >= MAX_QUEUE) this.flush();
    else if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Applies every queued event in one update (held while the first page loads, which it then merges with). */
  flush(): void {
    this.scheduled = false;
    if (this.snapshot.status === 'loading' || this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    const upserts: Upsert[] = [];
    for (const [i, e] of events.entries()) {
      if (e.event === 'store.cleared') {
        // what came after the clear is still news: it is merged with the reloaded first page
        this.queue = events.slice(i + 1);
        void this.reload();
        return;
      }
      if (e.event === 'exchange.started' || e.event === 'exchange.updated') upserts.push({ row: e.data, final: false, checked: false });
      else if (e.event === 'exchange.finished') upserts.push({ row: e.data, final: true, checked: false });
    }
    this.apply(upserts, false);
  }

  /**
   * After the event stream was down: fetches what was missed (ids above the highest one seen, and the rows that were
   * still in flight, whose ends were missed too), as if the events had arrived.
   */
  async catchUp(): Promise<void> {
    if (this.snapshot.status !== 'ready') return;
    if (this.maxSeenId === 0 && this.rows.length === 0) return this.reload();
    const gen = this.generation;
    const after = this.maxSeenId;
    const stale = this.rows.filter((r) => !this.final.has(r) && isInFlight(r.state)).map((r) => r.id);
    try {
      let before: number | undefined;
      for (let i = 0; ; i++) {
        if (i === MAX_CATCH_UP_PAGES) return await this.reload();
        const page = await this.opts.fetchPage({ ...this.filter, after, before, limit: 1000 });
        if (gen !== this.generation) return;
        this.apply(page.items.map((row) => ({ row, final: !isInFlight(row.state), checked: true })), false);
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      if (stale.length > 0) {
        // unfiltered, so rows that finished and stopped matching are seen (and dropped) too
        const lo = Math.min(...stale);
        const hi = Math.max(...stale);
        const page = await this.opts.fetchPage({ after: lo - 1, before: hi + 1, limit: 1000 });
        if (gen !== this.generation) return;
        const wanted = new Set(stale);
        this.apply(page.items.filter((r) => wanted.has(r.id)).map((row) => ({ row, final: !isInFlight(row.state), checked: false })), false);
      }
    } catch {
      // the next reconnect tries again; the rows shown are still right up to where they were
    }
  }

  /** Drops rows past `max` from the end of a newest-first list (it is paged again on scroll): bounds memory when following. */
  trim(max: number): void {
    if (this.order.sort !== 'time' || this.order.order !== 'desc' || this.rows.length <= max) return;
    const dropped = this.rows.slice(max);
    this.rows = this.rows.slice(0, max);
    for (const r of dropped) this.byId.delete(r.id);
    this.next = { before: (this.rows[this.rows.length - 1] as Row).id, offset: null };
    this.publish({ rows: this.rows, hasMore: true });
  }

  /** Where a row is in the list, or -1. */
  indexOf(id: number): number {
    if (!this.byId.has(id)) return -1;
    if (this.order.sort === 'time') return indexOfIdInTimeOrder(this.rows, id, this.order.order);
    return this.rows.findIndex((r) => r.id === id);
  }

  /** Providers or models seen this session, with how many loaded rows have each (for the pickers). */
  facet(field: 'provider' | 'model'): { value: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const v of this.seen[field]) counts.set(v, 0);
    for (const r of this.rows) {
      const v = r[field];
      if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  private async load(first: boolean): Promise<void> {
    const gen = this.generation;
    const limit = first ? (this.opts.firstPageSize ?? 200) : (this.opts.pageSize ?? 250);
    const paging = first ? {} : this.next.before !== null ? { before: this.next.before } : { offset: this.next.offset ?? 0 };
    const order = this.order.sort === 'time' && this.order.order === 'desc' ? {} : { sort: this.order.sort, order: this.order.order };
    let page: ExchangePage;
    try {
      page = await this.opts.fetchPage({ ...this.filter, ...order, ...paging, limit });
    } catch (err) {
      if (gen !== this.generation) return;
      const error = err instanceof Error ? err.message : String(err);
      this.publish(first ? { status: 'error', error } : { loadingMore: false, error });
      return;
    }
    if (gen !== this.generation) return;
    this.next = { before: page.nextBefore, offset: page.nextOffset };
    const hasMore = page.nextBefore !== null || page.nextOffset !== null;
    this.snapshot = { ...this.snapshot, status: 'ready', loadingMore: false, hasMore };
    // a page fills the list where it ends, so its rows are never "beyond" it
    this.apply(page.items.map((row) => ({ row, final: !isInFlight(row.state), checked: true })), true);
    if (first) this.flush();
  }

  private apply(upserts: readonly Upsert[], fromPage: boolean): void {
    const replaced = new Map<number, Row>();
    const removed = new Set<number>();
    const added = new Map<number, Row>();
    const searching = this.filter.search !== undefined;
    for (const u of upserts) {
      let { row, final } = u;
      if (row.id > this.maxSeenId) this.maxSeenId = row.id;
      this.remember(row);
      const existing = added.get(row.id) ?? this.byId.get(row.id);
      if (existing !== undefined) {
        // a list row or a finished event beats a live update (events of one exchange can cross a page load), except
        // for the star: starring a stored exchange is announced as an update, and changes only that
        if (this.final.has(existing) && !final) {
          if (existing.starred === row.starred) continue;
          row = { ...existing, starred: row.starred };
          final = true;
        }
        if (!final && !this.final.has(existing) && fromPage) continue;
        if (!u.checked && !matchesQuery(row, this.filter, { provisional: true }) && !this.pinned.has(row.id)) {
          removed.add(row.id);
          added.delete(row.id);
          this.byId.delete(row.id);
          continue;
        }
      } else {
        if (!u.checked && !matchesQuery(row, this.filter, { provisional: true })) continue;
        if (searching && !u.checked) {
          this.hidden.add(row.id);
          continue;
        }
      }
      if (final) this.final.add(row);
      if (existing !== undefined && !added.has(row.id)) replaced.set(row.id, row);
      else added.set(row.id, row);
      this.byId.set(row.id, row);
    }
    const complete = fromPage || !this.snapshot.hasMore;
    const result = applyChanges(this.rows, { replaced, removed, added: [...added.values()] }, this.order, complete);
    for (const r of result.beyond) this.byId.delete(r.id);
    this.rows = result.rows;
    if (!fromPage) this.newSinceMark += result.inserted.filter((r) => !replaced.has(r.id)).length;
    this.publish({ rows: this.rows });
  }

  private remember(row: Row): void {
    if (row.provider !== null) this.seen.provider.add(row.provider);
    if (row.model !== null) this.seen.model.add(row.model);
  }

  private publish(patch: Partial<TrafficSnapshot>): void {
    this.snapshot = {
      ...this.snapshot,
      ...patch,
      rows: this.rows,
      newSinceMark: this.newSinceMark,
      newHidden: this.hidden.size,
      version: this.snapshot.version + 1,
    };
    for (const l of this.listeners) l();
  }
}
