import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { formatDuration } from './format.js';
import { pct, waterfallModel } from './waterfall-model.js';

/** Request timeline: waiting for the first byte, receiving, the first token mark, and the bytes' arrival as a strip. */
export function Waterfall({ exchange }: { exchange: Pick<ExchangeDetail, 'timings' | 'responseChunkTimes' | 'responseBytes' | 'usage'> }) {
  const m = waterfallModel(exchange.timings, exchange.responseChunkTimes, exchange.responseBytes);
  if (!m) return <div className="dim" data-testid="waterfall">No timings recorded yet.</div>;
  const { ttfbMs, ttftMs } = exchange.timings;
  const peak = Math.max(1, ...m.bins);
  const out = exchange.usage?.outputTokens ?? null;
  const genMs = ttftMs !== null ? m.totalMs - ttftMs : null;
  const rate = out !== null && genMs !== null && genMs > 0 && out > 1 ? ((out - 1) / genMs) * 1000 : null;
  return (
    <div className="waterfall" data-testid="waterfall">
      <div className="wf-track" aria-label="timeline">
        {m.phases.map((p) => (
          <div
            key={p.kind}
            className={`wf-phase wf-${p.kind}`}
            style={{ left: `${pct(p.startMs, m.totalMs)}%`, width: `${Math.max(0.3, pct(p.endMs - p.startMs, m.totalMs))}%` }}
            title={`${p.kind === 'waiting' ? 'waiting for the first byte' : 'receiving the response'}: ${formatDuration(p.endMs - p.startMs)}`}
          />
        ))}
        {m.marks.map((k) => (
          <div key={k.kind} className={`wf-mark wf-mark-${k.kind}`} style={{ left: `${pct(k.atMs, m.totalMs)}%` }} title={`${k.kind.toUpperCase()} ${formatDuration(k.atMs)}`} />
        ))}
      </div>
      {m.chunks > 0 && (
        <div className="wf-strip" data-testid="waterfall-chunks" title={`${m.chunks} chunks: bar height is bytes received in each slice of time`}>
          {m.bins.map((b, i) => (
            <div key={i} className="wf-bin" style={{ height: `${b === 0 ? 0 : Math.max(8, (b / peak) * 100)}%` }} />
          ))}
        </div>
      )}
      <div className="wf-axis dim">
        <span>0</span>
        <span>{formatDuration(m.totalMs)}</span>
      </div>
      <dl className="wf-legend">
        <div>
          <dt><span className="swatch wf-waiting" /> TTFB</dt>
          <dd>{formatDuration(ttfbMs)}</dd>
        </div>
        <div>
          <dt><span className="swatch wf-mark-ttft" /> TTFT</dt>
          <dd title="first content token, not first byte">{formatDuration(ttftMs)}</dd>
        </div>
        <div>
          <dt><span className="swatch wf-receiving" /> Total</dt>
          <dd>{formatDuration(m.totalMs)}</dd>
        </div>
        <div>
          <dt>Chunks</dt>
          <dd>{m.chunks || '—'}</dd>
        </div>
        {rate !== null && (
          <div>
            <dt>Output speed</dt>
            <dd title="output tokens after the first, over the time after the first token">{rate.toFixed(rate < 10 ? 1 : 0)} tok/s</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
