import { useState } from 'react';
import { useClient } from '../../app/client-context.js';

/** The star's look and words for a state; exported for tests. */
export function starLabel(starred: boolean): { glyph: string; label: string } {
  return starred ? { glyph: '★', label: 'Unstar this exchange' } : { glyph: '☆', label: 'Star this exchange (export can select starred ones)' };
}

/**
 * Stars or unstars the exchange. The click shows at once; the service's answer (and its exchange.updated event) then
 * confirms it, and a failure puts the star back and says why in the tooltip.
 */
export function StarToggle({ id, starred }: { id: number; starred: boolean }) {
  const client = useClient();
  // what this pane asked for, until the exchange shown says the same (or another exchange is shown)
  const [wanted, setWanted] = useState<{ id: number; starred: boolean } | null>(null);
  const [failed, setFailed] = useState<{ id: number; message: string } | null>(null);
  const pending = wanted !== null && wanted.id === id && wanted.starred !== starred;
  const on = pending ? wanted.starred : starred;
  const { glyph, label } = starLabel(on);
  const error = failed?.id === id ? failed.message : null;
  const toggle = () => {
    const next = !on;
    setWanted({ id, starred: next });
    setFailed(null);
    client.call('exchanges.star', { id, starred: next }).then(
      (s) => setWanted({ id, starred: s.starred }),
      (err: Error) => {
        setWanted(null);
        setFailed({ id, message: err.message });
      },
    );
  };
  return (
    <button
      type="button"
      className={`icon-button star-toggle${on ? ' starred' : ''}`}
      aria-pressed={on}
      aria-label={label}
      title={error !== null ? `Could not change the star: ${error}` : label}
      onClick={toggle}
      data-testid="star-toggle"
    >
      {glyph}
    </button>
  );
}
