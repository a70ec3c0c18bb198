import { formatCount, formatMs, formatUsd } from '../dashboard/index.js';
import { barWidths, type TurnRow } from './turn-rows.js';

/**
 * One row per call, oldest first: input and output tokens as bars on a common scale, so context growth across a
 * conversation is visible at a glance. A click opens the call in Traffic.
 */
export function TurnBars({ rows, maxTokens, onOpen }: { rows: readonly TurnRow[]; maxTokens: number; onOpen: (id: number) => void }) {
  return (
    <ol className="turn-bars" aria-label="Calls in this conversation, oldest first">
      {rows.map((r) => {
        const w = barWidths(r, maxTokens);
        const title = [
          `call #${r.id} · turn ${r.turn}${r.model ? ` · ${r.model}` : ''}`,
          `input ${r.inputTokens.toLocaleString()}${r.cachedTokens > 0 ? ` (${r.cachedTokens.toLocaleString()} cached)` : ''}`,
          `output ${r.outputTokens.toLocaleString()}`,
          r.estimated ? 'token counts estimated' : null,
          `cost ${r.costUsd === null ? 'unknown' : formatUsd(r.costUsd)} · ${formatMs(r.durationMs)}`,
          r.failed ? 'failed' : null,
          'click to open in Traffic',
        ]
          .filter(Boolean)
          .join('\n');
        return (
          <li key={r.id}>
            <button
              type="button"
              className={`turn-bar${r.failed ? ' failed' : ''}${r.live ? ' live' : ''}`}
              data-testid="turn-bar"
              data-id={r.id}
              title={title}
              onClick={() => onOpen(r.id)}
            >
              <span className="turn-no">{r.turn}</span>
              <span className="turn-track" aria-hidden="true">
                <span className="turn-in" style={{ width: `${w.input}%` }} />
                <span className="turn-out" style={{ width: `${w.output}%` }} />
              </span>
              <span className="turn-nums">
                {formatCount(r.inputTokens)}
                {r.estimated ? '~' : ''} / {formatCount(r.outputTokens)}
              </span>
              <span className="turn-cost">{r.costUsd === null ? '—' : formatUsd(r.costUsd)}</span>
              <span className="turn-ms">{r.failed ? <span className="error-text">failed</span> : formatMs(r.durationMs)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
