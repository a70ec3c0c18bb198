import type { Tile } from './summary-tiles-data.js';
import type { TrafficFilter } from './traffic-link.js';

/** The headline numbers; tiles with a filter (requests, error rate) open those calls in Traffic. */
export function SummaryTiles({ tiles, onOpen }: { tiles: readonly Tile[]; onOpen: (f: TrafficFilter) => void }) {
  return (
    <div className="dash-tiles">
      {tiles.map((t) => {
        const body = (
          <>
            <span className="dash-tile-label">{t.label}</span>
            <span className="dash-tile-value">{t.value}</span>
            <span className="dash-tile-sub">{t.sub ?? '\u00a0'}</span>
          </>
        );
        const className = `dash-tile${t.tone ? ` tone-${t.tone}` : ''}`;
        const filter = t.filter;
        return filter ? (
          <button key={t.kind} type="button" className={`${className} clickable`} data-testid="summary-tile" data-kind={t.kind} title="Open in Traffic" onClick={() => onOpen(filter)}>
            {body}
          </button>
        ) : (
          <div key={t.kind} className={className} data-testid="summary-tile" data-kind={t.kind}>
            {body}
          </div>
        );
      })}
    </div>
  );
}
