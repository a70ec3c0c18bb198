import { useRef, type CSSProperties, type ReactNode } from 'react';
import type { MouseHandlerDataParam } from 'recharts';
import { formatBucket, formatTick } from './format.js';
import { bucketFilter, type TrafficFilter } from './traffic-link.js';

/** One drawn series: its row key, how it is labelled and coloured, and what a click on it adds to the filter. */
export interface SeriesDef {
  key: string;
  label: string;
  /** a theme variable, e.g. `var(--chart-1)` */
  color: string;
  format: (v: number) => string;
  dashed?: boolean;
  /** filter a click on this series (bar or legend item) adds to the bucket's time range */
  filter?: TrafficFilter;
  /** a total shown beside the legend label */
  total?: string;
}

export interface ChartContext {
  starts: readonly number[];
  bucketMs: number;
  range: { since: number; until: number };
  open: (f: TrafficFilter) => void;
}

export function ChartCard({ testId, title, hint, legend, children }: { testId: string; title: string; hint?: string; legend?: ReactNode; children: ReactNode }) {
  return (
    <figure className="dash-card" data-testid={testId}>
      <figcaption className="dash-card-head">
        <h2 title={hint}>{title}</h2>
        {legend}
      </figcaption>
      <div className="dash-chart">{children}</div>
    </figure>
  );
}

/** The legend as buttons: a click shows that series' calls over the whole range in Traffic. */
export function ChartLegend({ series, onPick }: { series: readonly SeriesDef[]; onPick?: (s: SeriesDef) => void }) {
  return (
    <ul className="dash-legend">
      {series.map((s) => (
        <li key={s.key}>
          <button
            type="button"
            className="dash-legend-item"
            data-testid="legend-item"
            data-key={s.key}
            disabled={!onPick}
            title={onPick ? `Show ${s.label} in Traffic` : undefined}
            onClick={onPick ? () => onPick(s) : undefined}
          >
            <span className={s.dashed ? 'dash-swatch dashed' : 'dash-swatch'} style={{ '--swatch': s.color } as CSSProperties} />
            <span className="dash-legend-label">{s.label}</span>
            {s.total !== undefined && <span className="dash-legend-total">{s.total}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Tooltip body: the bucket's time, then every series of that row (zeros included, so stacks read the same each time). */
export function BucketTooltip<R extends { t: number }>({
  active,
  label,
  rows,
  series,
  bucketMs,
  footer,
}: {
  active: boolean | undefined;
  label: unknown;
  rows: readonly R[];
  series: readonly SeriesDef[];
  bucketMs: number;
  footer?: (row: R) => ReactNode;
}) {
  if (!active) return null;
  const row = rows.find((r) => r.t === Number(label));
  if (!row) return null;
  const values = row as unknown as Record<string, number | null | undefined>;
  return (
    <div className="dash-tooltip">
      <div className="dash-tooltip-time">{formatBucket(row.t, bucketMs)}</div>
      {series.map((s) => {
        const v = values[s.key];
        return (
          <div key={s.key} className="dash-tooltip-row">
            <span className={s.dashed ? 'dash-swatch dashed' : 'dash-swatch'} style={{ '--swatch': s.color } as CSSProperties} />
            <span className="dash-tooltip-label">{s.label}</span>
            <span className="dash-tooltip-value">{v === null || v === undefined ? '—' : s.format(v)}</span>
          </div>
        );
      })}
      {footer?.(row)}
      <div className="dash-tooltip-hint">click to open in Traffic</div>
    </div>
  );
}

/** X axis settings shared by every chart: one category per bucket, labelled for the range's length. */
export function xAxisProps(spanMs: number, bucketMs: number) {
  return {
    dataKey: 't',
    tickFormatter: (t: number) => formatTick(t, spanMs, bucketMs),
    tick: { fill: 'var(--text-dim)', fontSize: 11 },
    stroke: 'var(--border)',
    minTickGap: 24,
    interval: 'preserveStartEnd' as const,
  };
}

/** A value axis over fixed round ticks (see niceTicks) so every chart's top line is labelled. */
export function yAxisProps(format: (v: number) => string, ticks: number[], width = 48) {
  return {
    tickFormatter: format,
    ticks,
    domain: [0, ticks[ticks.length - 1] ?? 1] as [number, number],
    interval: 0 as const,
    tick: { fill: 'var(--text-dim)', fontSize: 11 },
    stroke: 'var(--border)',
    width,
    allowDecimals: true,
  };
}

export const GRID_PROPS = { stroke: 'var(--border)', strokeDasharray: '2 4', vertical: false } as const;

/**
 * Click handling for a chart: a click anywhere in a bucket's column opens that bucket in Traffic; a click on a series'
 * bar opens the bucket narrowed to that series. The bar's handler runs first (it is the inner element), so it marks
 * the click as handled and the chart-level handler, which recharts may run a frame later, leaves it alone.
 */
export function useChartClick(ctx: ChartContext, rows?: readonly object[], series?: readonly SeriesDef[]) {
  const handled = useRef(false);
  const openBucket = (index: number, extra?: TrafficFilter) => {
    const t = ctx.starts[index];
    if (t === undefined) return;
    const implied = extra ?? (rows && series ? soleSeries(rows[index], series)?.filter : undefined);
    ctx.open({ ...bucketFilter(t, ctx.bucketMs, ctx.range), ...implied });
  };
  return {
    onChartClick: (state: MouseHandlerDataParam) => {
      if (handled.current) {
        handled.current = false;
        return;
      }
      const index = indexOf(state.activeIndex) ?? indexOf(state.activeTooltipIndex);
      if (index !== null) openBucket(index);
    },
    onBarClick: (s: SeriesDef) => (_: unknown, index: number) => {
      handled.current = true;
      openBucket(index, s.filter);
    },
    onLegendPick: (s: SeriesDef) => ctx.open({ since: ctx.range.since, until: ctx.range.until, ...s.filter }),
  };
}

/** The only series with a value in a row: a column click then means that series (bars are thin to hit). */
export function soleSeries(row: object | undefined, series: readonly SeriesDef[]): SeriesDef | null {
  if (!row) return null;
  const values = row as Record<string, unknown>;
  const present = series.filter((s) => typeof values[s.key] === 'number' && (values[s.key] as number) > 0);
  return present.length === 1 ? (present[0] ?? null) : null;
}

/** recharts gives the hovered index as a number or a numeric string, and null before the pointer has moved */
function indexOf(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function ChartMessage({ children }: { children: ReactNode }) {
  return <div className="dash-chart-message">{children}</div>;
}
