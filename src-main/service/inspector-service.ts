import type {
  AnalyticsFilter,
  CaptureStatus,
  CommandOutput,
  CommandParsedInput,
  Config,
  ConfigPatch,
  ExchangeDetail,
  ExchangePage,
  ExchangeQuery,
  ExchangeSummary,
  ConversationPage,
  ConversationQuery,
  RuntimeInfo,
  ServiceApi,
  Stats,
  CaInfo,
  UsageSummary,
  UsageSummaryQuery,
  UsageTimeseries,
  UsageTimeseriesQuery,
  UsageTotals,
  LlmMessage,
  SystemIntegration,
} from '../contract/index.js';
import { loadProviders, type CaptureSink, type InFlightExchange, type LiveUpdate, type ReplayMarkers, type SecretVault } from '../capture/index.js';
import type { BeginOp, FinishOp } from '../ingest/index.js';
import type { Logger } from '../log/index.js';
import type { RouteTable } from '../proxy/index.js';
import { decodeBody } from '../ingest/decode-body.js';
import { inFlightDetail, isInFlightState } from './live-detail.js';
import { endedSummary, liveSummary } from './live-summary.js';
import type { ProxyEndpoint } from './proxy-client.js';
import { resendExchange } from './resend.js';
import { runSelfTest } from './self-test.js';
import { systemCommands } from './system-commands.js';
import { ServiceEvents } from './typed-events.js';

/** What the service needs from the store side (the ingest worker client). */
export interface StoreClient {
  readonly maxId: number;
  /** live capture status (queue depth changes without an event) */
  readonly status: CaptureStatus;
  begin(op: BeginOp): void;
  finish(op: FinishOp): void;
  list(query: ExchangeQuery): Promise<ExchangePage>;
  get(id: number): Promise<ExchangeDetail | null>;
  getBody(id: number, side: 'req' | 'res'): Promise<Buffer | null>;
  stats(): Promise<Omit<Stats, 'session' | 'capture' | 'memory'> & { workerHeapBytes: number }>;
  clear(): Promise<number>;
  /** stars or unstars one stored exchange; its updated summary, or null when it is not stored */
  setStarred(id: number, starred: boolean): Promise<ExchangeSummary | null>;
  usageTimeseries(query: UsageTimeseriesQuery): Promise<UsageTimeseries>;
  usageSummary(query: UsageSummaryQuery): Promise<UsageSummary>;
  usageTotals(filter: AnalyticsFilter): Promise<UsageTotals>;
  conversations(query: ConversationQuery): Promise<ConversationPage>;
  /** starts re-parsing in the background; resolves with the number of rows the run will visit */
  reparse(opts: { all?: boolean }): Promise<{ total: number }>;
  flush(): Promise<void>;
  /** summaries of committed exchanges are only needed while someone watches live events */
  setLiveSummaries(on: boolean): void;
  on(event: 'committed', fn: (summaries: ExchangeSummary[]) => void): unknown;
  on(event: 'status', fn: (status: CaptureStatus) => void): unknown;
}

/** What the service needs from the config holder. */
export interface ConfigHolder {
  get(): Config;
  set(patch: ConfigPatch): Config;
}

/** What the service needs from the core around it: the CA, runtime facts, and the proxy it can send through. */
export interface ServiceHost {
  /** the CA's facts and whether this machine trusts it (probed on each call) */
  caInfo(): Promise<CaInfo>;
  runtime(): RuntimeInfo;
  /** where the proxy listens; null until it does */
  proxy(): ProxyEndpoint | null;
  readonly caPem: string;
  /** redacted secrets of this run, for resend */
  readonly vault: SecretVault;
  /** ties the service's own requests through the proxy to the exchanges they become */
  readonly markers: ReplayMarkers;
  /** the live config's routes and interception decision */
  routing(): { routes: RouteTable; shouldMitm(host: string): boolean };
  /** the desktop shell's OS actions; null in the headless shell (its commands answer desktop_only) */
  readonly system?: SystemIntegration | null;
}

export class NotFoundError extends Error {}

/**
 * The one service both shells expose. It is also the capture stage's sink: it numbers exchanges, forwards them to the
 * store and turns their progress into live events. "finished" is announced only after the store committed the exchange.
 */
export class InspectorService implements CaptureSink {
  readonly events = new ServiceEvents();
  private lastId: number;
  private readonly inFlight = new Map<number, { op: BeginOp; exchange: InFlightExchange | null; starred?: boolean }>();
  private captureStatus: CaptureStatus = { paused: false, reason: null, queueDepth: 0, dropped: 0 };
  private readonly session = { exchanges: 0, errors: 0, tunnels: 0 };

  constructor(
    private readonly store: StoreClient,
    private readonly config: ConfigHolder,
    private readonly host: ServiceHost,
    private readonly log: Logger,
  ) {
    this.lastId = store.maxId;
    store.on('committed', (summaries) => {
      for (const s of summaries) this.events.emit('exchange.finished', s);
    });
    this.events.onWatchChange((watched) => store.setLiveSummaries(watched));
    store.on('status', (status) => {
      if (status.paused !== this.captureStatus.paused) {
        if (status.paused) this.log.warn(`capture paused: ${status.reason ?? 'store unavailable'} (traffic still flows)`);
        else this.log.info('capture resumed');
      }
      this.captureStatus = status;
      this.events.emit('capture.status', status);
    });
  }

  // ---- CaptureSink: called on the forwarding path; O(1), never throws ----

  nextId(): number {
    return ++this.lastId;
  }

  begin(op: BeginOp, exchange?: InFlightExchange): void {
    this.inFlight.set(op.id, { op, exchange: exchange ?? null });
    this.store.begin(op);
    if (this.events.watched) this.events.emit('exchange.started', liveSummary(op, null));
  }

  update(op: BeginOp, live: LiveUpdate): void {
    if (this.events.watched) {
      this.events.emit('exchange.updated', liveSummary(op, live, this.inFlight.get(op.id)?.starred === true));
    }
  }

  finish(op: FinishOp): void {
    const starred = this.inFlight.get(op.id)?.starred === true;
    this.inFlight.delete(op.id);
    this.session.exchanges++;
    if (op.state === 'error') this.session.errors++;
    if (op.mode === 'tunnel') this.session.tunnels++;
    this.store.finish(op);
    if (this.events.watched) this.events.emit('exchange.updated', endedSummary(op, starred));
  }

  /**
   * Stores exchanges read from a file (HAR import) as if just captured: numbered by the same counter and handed to the
   * ingest worker, which decodes them and runs the LLM stage. Resolves with their ids once they are committed.
   */
  async importExchanges(ops: readonly Omit<FinishOp, 'id'>[]): Promise<number[]> {
    const ids = ops.map((op) => {
      const id = this.nextId();
      this.store.finish({ ...op, id });
      return id;
    });
    await this.store.flush();
    return ids;
  }

  wantsLiveReplies(): boolean {
    return this.events.watchedReplies;
  }

  reply(id: number, message: LlmMessage | null, firstContentAtMs: number | null, complete: boolean): void {
    this.events.emit('exchange.reply', { id, message, firstContentAtMs, complete });
  }

  // ---- the service contract ----

  readonly api: ServiceApi = {
    'exchanges.list': (q) => this.store.list(q),
    'exchanges.get': ({ id }) => this.getExchange(id),
    'stats.get': async () => this.stats(),
    'config.get': async () => this.config.get(),
    'config.set': async (patch) => {
      const next = this.config.set(patch);
      this.events.emit('config.changed', { at: Date.now() });
      return next;
    },
    'exchanges.resend': async (input) => {
      const x = await this.store.get(input.id);
      if (!x) throw new NotFoundError(`No exchange ${input.id}: it may have been cleared or removed by retention.`);
      const stored = input.body === undefined ? await this.store.getBody(input.id, 'req') : null;
      const routing = this.host.routing();
      return resendExchange(x, stored, input, {
        proxy: this.host.proxy(),
        caPem: this.host.caPem,
        vault: this.host.vault,
        markers: this.host.markers,
        routes: routing.routes,
        shouldMitm: (h) => routing.shouldMitm(h),
      });
    },
    'exchanges.star': async ({ id, starred }) => {
      const summary = await this.store.setStarred(id, starred);
      if (!summary) throw new NotFoundError(`No exchange ${id}: it may have been cleared or removed by retention.`);
      // still in flight: its live updates carry the star until the store's finished row does
      const entry = this.inFlight.get(id);
      if (entry) entry.starred = starred;
      this.events.emit('exchange.updated', summary);
      return summary;
    },
    'conversations.list': (q) => this.store.conversations(q),
    'setup.selfTest': () =>
      runSelfTest({ proxy: this.host.proxy(), caPem: this.host.caPem, markers: this.host.markers, events: this.events }),
    'ca.info': () => this.host.caInfo(),
    'runtime.info': async () => this.host.runtime(),
    'store.clear': async () => {
      await this.store.flush();
      const deleted = await this.store.clear();
      this.events.emit('store.cleared', { at: Date.now() });
      return { deleted };
    },
    'store.reparse': async ({ all }) => {
      // exchanges still queued are written first, so a run over `all` includes them
      await this.store.flush();
      return this.store.reparse({ all: all === true });
    },
    'analytics.timeseries': (q) => this.store.usageTimeseries(q),
    'analytics.summary': (q) => this.store.usageSummary(q),
    'usage.get': async ({ agent_id, ...filter }) => this.store.usageTotals({ ...filter, tag: filter.tag ?? agent_id }),
    ...systemCommands(() => this.host.system ?? null, this.events),
  };

  call<C extends keyof ServiceApi>(command: C, input: CommandParsedInput<C>): Promise<CommandOutput<C>> {
    return (this.api[command] as (i: CommandParsedInput<C>) => Promise<CommandOutput<C>>)(input);
  }

  async getBody(id: number, side: 'req' | 'res'): Promise<Buffer | null> {
    const stored = await this.store.getBody(id, side);
    if (stored !== null || !this.inFlight.get(id)?.exchange) return stored;
    // in flight: the body so far, as it will be stored (decoded under the same cap)
    const now = this.inspectInFlight(id, false);
    if (now === null) return null;
    const s = side === 'req' ? now.view.request : now.view.response;
    return decodeBody(s.raw, s.contentEncoding, this.config.get().capture.maxBodyBytes).body;
  }

  /**
   * One exchange. Still in flight, the store only has its begin row, so the capture stage's live state and bodies so
   * far are laid over it (and the reply starts being parsed live, for a watcher who arrived after the stream began).
   */
  private async getExchange(id: number): Promise<ExchangeDetail> {
    if (!this.inFlight.get(id)?.exchange) {
      const x = await this.store.get(id);
      if (!x) throw new NotFoundError(`No exchange ${id}: it may have been cleared or removed by retention.`);
      return x;
    }
    const providers = await loadProviders();
    const early = this.inspectInFlight(id);
    const stored = await this.store.get(id);
    // it ended and was committed meanwhile: the stored row is the truth
    if (stored && !isInFlightState(stored.state)) return stored;
    const now = this.inspectInFlight(id) ?? early;
    if (now === null) {
      if (!stored) throw new NotFoundError(`No exchange ${id}: it may have been cleared or removed by retention.`);
      return stored;
    }
    const cfg = this.config.get().capture;
    return inFlightDetail({ ...now, stored, maxBodyBytes: cfg.maxBodyBytes, providers, parseLlm: cfg.parseLlm });
  }

  private inspectInFlight(id: number, watchReply = true) {
    const entry = this.inFlight.get(id);
    if (!entry?.exchange) return null;
    try {
      if (watchReply) entry.exchange.watchReply();
      return { op: entry.op, view: entry.exchange.inspect() };
    } catch (err) {
      this.log.debug(`inspecting exchange ${id} in flight: ${(err as Error).message}`);
      return null;
    }
  }

  get capture(): CaptureStatus {
    return { ...this.captureStatus, queueDepth: this.store.status.queueDepth };
  }

  async stats(): Promise<Stats> {
    const { workerHeapBytes, ...base } = await this.store.stats();
    const mem = process.memoryUsage();
    return {
      ...base,
      session: { ...this.session, inFlight: this.inFlight.size },
      capture: this.capture,
      memory: { rssBytes: mem.rss, mainHeapBytes: mem.heapUsed, mainExternalBytes: mem.external, workerHeapBytes },
    };
  }

  /** Counters that cost nothing to read (for /metrics). */
  sessionCounters() {
    return { ...this.session, inFlight: this.inFlight.size, capture: this.capture };
  }
}
