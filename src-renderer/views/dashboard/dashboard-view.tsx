import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ServiceEvent, UsageTimeseries } from '../../../src-main/contract/index.js';
import { useConnection } from '../../app/client-context.js';
import { formatHash, navigate, setParams, useRoute } from '../../app/router.js';
import type { ChartContext } from './chart-kit.js';
import { costChart, latencyRows, requestRows, tokenRows } from './chart-rows.js';
import { parseGroup } from './dashboard-params.js';
import { formatWhen } from './format.js';
import { GroupByPicker } from './group-by-picker.js';
import { RangePicker } from './range-picker.js';
import { summaryTiles, wholeRangePoint } from './summary-tiles-data.js';
import { SummaryTiles } from './summary-tiles.js';
import { RANGE_PRESETS, bucketStarts, parseRange, rangeParams, type PresetKey, type TimeRange } from './time-range.js';
import { trafficParams, type TrafficFilter } from './traffic-link.js';
import { CostChartView, LatencyChart, RequestsChart, TokensChart } from './usage-charts.js';
import { useLiveRefresh } from './use-live-refresh.js';
import { useUsageData } from './use-usage-data.js';

const SLIDE_MS = 60_000;
const isUsageEvent = (e: ServiceEvent) => e.event === 'exchange.finished' || e.event === 'store.cleared';

/** `#/dashboard?range=24h&group=provider`: usage over a time range, every chart a way into Traffic. */
export function DashboardView() {
  const { params } = useRoute();
  // relative ranges are anchored to `now`, which moves only on refresh, so queries are stable between renders
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => parseRange(params, now), [params, now]);
  const group = parseGroup(params.get('group'));
  const data = useUsageData(range, group);
  const connection = useConnection();

  const reloadRef = useRef(data.reload);
  reloadRef.current = data.reload;
  const refresh = useCallback(() => {
    setNow(Date.now());
    reloadRef.current();
  }, []);
  const requestRefresh = useLiveRefresh(isUsageEvent, refresh);

  // a relative window slides forward even when no traffic arrives (through the same throttle as live refreshes)
  useEffect(() => {
    if (range.key === 'custom') return;
    const id = setInterval(requestRefresh, SLIDE_MS);
    return () => clearInterval(id);
  }, [range.key, requestRefresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'r' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      refresh();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refresh]);

  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  useEffect(() => {
    if (data.overall) setUpdatedAt(Date.now());
  }, [data.overall]);

  const open = useCallback((f: TrafficFilter) => navigate(['traffic'], trafficParams(f)), []);
  const pickPreset = (key: PresetKey) => {
    setNow(Date.now());
    setParams(rangeParams({ key, since: 0, until: 0 }), { replace: false });
  };
  const pickCustom = (since: number, until: number) => setParams(rangeParams({ key: 'custom', since, until }), { replace: false });

  const tiles = summaryTiles(data.summary, wholeRangePoint(data.whole?.points), range);
  const requests = data.summary?.groups[0]?.total_requests ?? 0;
  const empty = data.summary !== null && requests === 0 && !data.error;
  const unknownCost = data.summary?.groups[0]?.unknown_cost_requests ?? 0;

  return (
    <section className="dashboard" data-testid="dashboard">
      <header className="dash-toolbar">
        <h1>Usage</h1>
        <RangePicker range={range} onPreset={pickPreset} onCustom={pickCustom} />
        <GroupByPicker value={group} onChange={(g) => setParams({ group: g })} />
        <span className="dash-status">
          {data.loading && <span className="dash-spinner" aria-label="loading" />}
          {connection === 'open' ? <span className="dash-live-dot" title="Refreshes as calls finish (at most every 5 s)" /> : null}
          {updatedAt !== null && <span className="dim">updated {formatWhen(updatedAt, Date.now())}</span>}
          <button type="button" onClick={refresh} title="Refresh (R)" data-testid="dashboard-refresh">
            Refresh
          </button>
        </span>
      </header>
      {range.key === 'custom' && (
        <div className="dash-range-note dim">
          {new Date(range.since).toLocaleString()} → {new Date(range.until).toLocaleString()}
        </div>
      )}
      {data.error && (
        <div className="dash-error" role="alert" data-testid="dashboard-error">
          Could not load usage: {data.error.message}{' '}
          <button type="button" onClick={refresh}>
            Retry
          </button>
        </div>
      )}
      <SummaryTiles tiles={tiles} onOpen={open} />
      {empty ? (
        <EmptyState range={range} onPreset={pickPreset} />
      ) : (
        <div className="dash-grid">
          <Charts overall={data.overall} grouped={data.grouped} group={group} unknownCost={unknownCost} open={open} failed={data.error !== null} />
        </div>
      )}
    </section>
  );
}

function contextOf(ts: UsageTimeseries, open: (f: TrafficFilter) => void): ChartContext | null {
  if (ts.since === null || ts.until === null) return null;
  const range = { since: ts.since, until: ts.until };
  return { starts: bucketStarts(range.since, range.until, ts.bucketMs), bucketMs: ts.bucketMs, range, open };
}

/** Rows are built from each answer's own range and bucket width, so an answer for the previous range still lines up. */
function Charts({
  overall,
  grouped,
  group,
  unknownCost,
  open,
  failed,
}: {
  overall: UsageTimeseries | null;
  grouped: UsageTimeseries | null;
  group: ReturnType<typeof parseGroup>;
  unknownCost: number;
  open: (f: TrafficFilter) => void;
  failed: boolean;
}) {
  const note = failed ? 'Not loaded' : 'Loading…';
  const o = overall ? contextOf(overall, open) : null;
  const g = grouped ? contextOf(grouped, open) : null;
  return (
    <>
      {o && overall ? <TokensChart rows={tokenRows(overall.points, o.starts)} ctx={o} /> : <Placeholder testId="chart-tokens" title="Tokens" note={note} />}
      {g && grouped ? (
        <CostChartView chart={costChart(grouped.points, g.starts)} groupBy={grouped.groupBy} unknownCost={unknownCost} ctx={g} />
      ) : (
        <Placeholder testId="chart-cost" title="Cost" note={note} />
      )}
      {o && overall ? <RequestsChart rows={requestRows(overall.points, o.starts)} ctx={o} /> : <Placeholder testId="chart-requests" title="Requests and errors" note={note} />}
      {o && overall ? <LatencyChart rows={latencyRows(overall.points, o.starts)} ctx={o} /> : <Placeholder testId="chart-latency" title="Latency and time to first token" note={note} />}
    </>
  );
}

function Placeholder({ testId, title, note }: { testId: string; title: string; note: string }) {
  return (
    <figure className="dash-card" data-testid={testId} data-state="loading">
      <figcaption className="dash-card-head">
        <h2>{title}</h2>
      </figcaption>
      <div className="dash-chart">
        <div className="dash-chart-message">{note}</div>
      </div>
    </figure>
  );
}

function EmptyState({ range, onPreset }: { range: TimeRange; onPreset: (k: PresetKey) => void }) {
  const title = range.key === 'custom' ? 'in this range' : `in the ${RANGE_PRESETS.find((p) => p.key === range.key)?.title.toLowerCase() ?? 'range'}`;
  const wider = RANGE_PRESETS.filter((p) => p.ms > range.until - range.since).slice(0, 2);
  return (
    <div className="dash-empty" data-testid="dashboard-empty">
      <svg width="40" height="40" viewBox="0 0 24 24" aria-hidden="true" className="dash-empty-icon">
        <path d="M3 20h18M6 16v-4M11 16V8M16 16v-6M21 16V5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <h2>No LLM calls {title}</h2>
      <p className="dim">Charts fill in as calls finish. Route a program through the proxy, or look further back.</p>
      <div className="dash-empty-actions">
        {wider.map((p) => (
          <button key={p.key} type="button" onClick={() => onPreset(p.key)}>
            {p.title}
          </button>
        ))}
        <a href={formatHash(['setup'])}>How to route a program through the proxy</a>
      </div>
    </div>
  );
}
