import { Bar, BarChart, CartesianGrid, ComposedChart, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsGroupBy } from '../../../src-main/contract/index.js';
import { niceTicks, seriesMax, stackMax, type CostChart, type LatencyRow, type RequestRow, type TokenRow } from './chart-rows.js';
import { BucketTooltip, ChartCard, ChartLegend, GRID_PROPS, useChartClick, xAxisProps, yAxisProps, type ChartContext, type SeriesDef } from './chart-kit.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.js';
import { groupFilter } from './traffic-link.js';

/** The four usage charts. Each takes chart rows already shaped (chart-rows.ts) and only draws them. */

const KEYS_OF = (series: readonly SeriesDef[]) => series.map((s) => s.key);
const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];
const CURSOR = { fill: 'var(--bg-hover)', opacity: 0.6 };
const spanOf = (ctx: ChartContext) => ctx.range.until - ctx.range.since;
const totalOf = <R,>(rows: readonly R[], key: keyof R) => rows.reduce((a, r) => a + (Number(r[key]) || 0), 0);

export function TokensChart({ rows, ctx }: { rows: TokenRow[]; ctx: ChartContext }) {
  const click = useChartClick(ctx);
  const series: SeriesDef[] = [
    { key: 'input', label: 'Input', color: 'var(--chart-1)', format: formatCount },
    { key: 'cached', label: 'Cached', color: 'var(--chart-6)', format: formatCount },
    { key: 'output', label: 'Output', color: 'var(--chart-2)', format: formatCount },
    { key: 'reasoning', label: 'Reasoning', color: 'var(--chart-4)', format: formatCount },
  ].map((s) => ({ ...s, total: formatCount(totalOf(rows, s.key as keyof TokenRow)) }));
  return (
    <ChartCard testId="chart-tokens" title="Tokens" hint="Input excludes cached input; output excludes reasoning" legend={<ChartLegend series={series} onPick={click.onLegendPick} />}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} onClick={click.onChartClick} barCategoryGap="12%" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...xAxisProps(spanOf(ctx), ctx.bucketMs)} />
          <YAxis {...yAxisProps(formatCount, niceTicks(stackMax(rows, KEYS_OF(series))))} />
          <Tooltip cursor={CURSOR} isAnimationActive={false} content={(p) => <BucketTooltip active={p.active} label={p.label} rows={rows} series={series} bucketMs={ctx.bucketMs} />} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} stackId="tokens" fill={s.color} isAnimationActive={false} onClick={click.onBarClick(s)} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

const GROUP_COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-6)', 'var(--chart-5)'];

export function CostChartView({ chart, groupBy, unknownCost, ctx }: { chart: CostChart; groupBy: AnalyticsGroupBy; unknownCost: number; ctx: ChartContext }) {
  const series: SeriesDef[] = chart.series.map((s, i) => ({
    key: s.key,
    label: s.label,
    color: s.other ? 'var(--text-dim)' : (GROUP_COLORS[i % GROUP_COLORS.length] ?? 'var(--chart-1)'),
    format: formatUsd,
    filter: s.other ? {} : groupFilter(groupBy, s.group),
    total: formatUsd(s.costUsd),
  }));
  const click = useChartClick(ctx, chart.rows, series);
  const hint = unknownCost > 0 ? `${unknownCost} call(s) have no known price and are not counted` : undefined;
  return (
    <ChartCard testId="chart-cost" title={`Cost by ${groupBy}`} hint={hint} legend={<ChartLegend series={series} onPick={click.onLegendPick} />}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={chart.rows} onClick={click.onChartClick} barCategoryGap="12%" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...xAxisProps(spanOf(ctx), ctx.bucketMs)} />
          <YAxis {...yAxisProps(formatUsd, niceTicks(stackMax(chart.rows, KEYS_OF(series))), 56)} />
          <Tooltip
            cursor={CURSOR}
            isAnimationActive={false}
            content={(p) => <BucketTooltip active={p.active} label={p.label} rows={chart.rows} series={series} bucketMs={ctx.bucketMs} />}
          />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} stackId="cost" fill={s.color} isAnimationActive={false} onClick={click.onBarClick(s)} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function RequestsChart({ rows, ctx }: { rows: RequestRow[]; ctx: ChartContext }) {
  const ok = totalOf(rows, 'ok');
  const errors = totalOf(rows, 'errors');
  const bars: SeriesDef[] = [
    { key: 'ok', label: 'Succeeded', color: 'var(--chart-1)', format: formatCount, total: formatCount(ok) },
    { key: 'errors', label: 'Failed', color: 'var(--error)', format: formatCount, filter: { errors: true }, total: formatCount(errors) },
  ];
  const rate: SeriesDef = {
    key: 'errorRate',
    label: 'Error rate',
    color: 'var(--chart-3)',
    format: formatPercent,
    filter: { errors: true },
    total: ok + errors > 0 ? formatPercent(errors / (ok + errors)) : '—',
  };
  const series = [...bars, rate];
  const click = useChartClick(ctx, rows, bars);
  return (
    <ChartCard testId="chart-requests" title="Requests and errors" legend={<ChartLegend series={series} onPick={click.onLegendPick} />}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} onClick={click.onChartClick} barCategoryGap="12%" margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...xAxisProps(spanOf(ctx), ctx.bucketMs)} />
          <YAxis yAxisId="n" {...yAxisProps(formatCount, niceTicks(stackMax(rows, KEYS_OF(bars)), { minStep: 1 }), 40)} allowDecimals={false} />
          <YAxis yAxisId="rate" orientation="right" {...yAxisProps(formatPercent, RATE_TICKS, 40)} />
          <Tooltip cursor={CURSOR} isAnimationActive={false} content={(p) => <BucketTooltip active={p.active} label={p.label} rows={rows} series={series} bucketMs={ctx.bucketMs} />} />
          {bars.map((s) => (
            <Bar key={s.key} yAxisId="n" dataKey={s.key} stackId="req" fill={s.color} isAnimationActive={false} onClick={click.onBarClick(s)} />
          ))}
          <Line yAxisId="rate" dataKey="errorRate" stroke={rate.color} strokeWidth={1.5} dot={{ r: 2, fill: rate.color }} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function LatencyChart({ rows, ctx }: { rows: LatencyRow[]; ctx: ChartContext }) {
  const click = useChartClick(ctx);
  const series: SeriesDef[] = [
    { key: 'latencyP50', label: 'Latency p50', color: 'var(--chart-1)', format: formatMs },
    { key: 'latencyP95', label: 'Latency p95', color: 'var(--chart-1)', format: formatMs, dashed: true },
    { key: 'ttftP50', label: 'TTFT p50', color: 'var(--chart-4)', format: formatMs },
    { key: 'ttftP95', label: 'TTFT p95', color: 'var(--chart-4)', format: formatMs, dashed: true },
  ];
  return (
    <ChartCard testId="chart-latency" title="Latency and time to first token" hint="Per bucket, nearest-rank percentiles" legend={<ChartLegend series={series} onPick={click.onLegendPick} />}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} onClick={click.onChartClick} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...xAxisProps(spanOf(ctx), ctx.bucketMs)} />
          <YAxis {...yAxisProps(formatMs, niceTicks(seriesMax(rows, KEYS_OF(series)), { kind: 'duration' }), 56)} />
          <Tooltip cursor={{ stroke: 'var(--text-dim)' }} isAnimationActive={false} content={(p) => <BucketTooltip active={p.active} label={p.label} rows={rows} series={series} bucketMs={ctx.bucketMs} />} />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              dot={{ r: 2, fill: s.color, strokeWidth: 0 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
