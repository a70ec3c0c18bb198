import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExportReport } from '../../../src-main/contract/index.js';
import { estimateAll, histogram, type Bin } from './token-bins.js';

const fmt = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : String(n));

function BinTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Bin }[] }) {
  const bin = payload?.[0]?.payload;
  if (!active || !bin) return null;
  return (
    <div className="xp-tooltip">
      <b>{bin.count}</b> example{bin.count === 1 ? '' : 's'} of {fmt(bin.from)}–{fmt(bin.to)} tokens
    </div>
  );
}

/**
 * Tokens per example: a histogram of the previewed examples with the token limit drawn where it falls, and the
 * report's exact figures for the whole file beside it.
 */
export function TokenChart({ report, lines, limit }: { report: ExportReport; lines: readonly unknown[]; limit: number }) {
  const est = estimateAll(lines, report);
  const h = histogram(est.counts, limit, report.tokens.max);
  const mean = report.written > 0 ? Math.round(report.tokens.total / report.written) : 0;
  const over = report.tokens.overLimit;
  return (
    <figure className="xp-chart-card" data-testid="export-token-chart">
      <figcaption className="xp-chart-head">
        <h4>Tokens per example</h4>
        <span className="xp-chart-facts">
          max <b>{report.tokens.max.toLocaleString()}</b> · mean <b>{mean.toLocaleString()}</b> · total <b>{report.tokens.total.toLocaleString()}</b> ·{' '}
          <span className={over > 0 ? 'warn-text' : undefined} data-testid="export-over-limit">
            {over.toLocaleString()} over the {limit.toLocaleString()} limit
          </span>
        </span>
      </figcaption>
      {lines.length === 0 ? (
        <p className="dim xp-chart-empty">No examples to measure.</p>
      ) : (
        <div className="xp-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={h.bins} margin={{ top: 14, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
              <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="2 3" />
              <XAxis
                type="number"
                dataKey="mid"
                domain={[0, h.domainMax]}
                ticks={h.bins.map((b) => b.from).concat(h.domainMax)}
                tickFormatter={fmt}
                tick={{ fill: 'var(--text-dim)', fontSize: 11 }}
                stroke="var(--border)"
                interval="preserveStartEnd"
                minTickGap={16}
              />
              <YAxis allowDecimals={false} width={28} tick={{ fill: 'var(--text-dim)', fontSize: 11 }} stroke="var(--border)" />
              <Tooltip content={<BinTooltip />} cursor={{ fill: 'var(--bg-hover)' }} isAnimationActive={false} />
              <Bar dataKey="count" isAnimationActive={false}>
                {h.bins.map((b) => (
                  <Cell key={b.from} fill={b.over ? 'var(--error)' : 'var(--chart-1)'} />
                ))}
              </Bar>
              {h.limitShown && (
                <ReferenceLine x={limit} stroke="var(--error)" strokeDasharray="4 3" label={{ value: `limit ${fmt(limit)}`, position: 'insideTopRight', fill: 'var(--error)', fontSize: 11 }} />
              )}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <p className="xp-hint">
        {est.calibrated
          ? `All ${lines.length} examples, estimated from their text and scaled to the exact total.`
          : `The first ${lines.length} of ${report.written.toLocaleString()} examples, estimated from their text (about 4 characters a token).`}
        {!h.limitShown && lines.length > 0 && ` The ${limit.toLocaleString()}-token limit is far to the right of every example.`}
      </p>
    </figure>
  );
}
