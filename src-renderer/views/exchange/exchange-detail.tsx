import { useCommand } from '../../app/client-context.js';

/** The detail pane for one exchange (first version: header only). */
export function ExchangeDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { data, error } = useCommand('exchanges.get', { id });
  return (
    <section className="exchange-detail" data-testid="exchange-detail">
      <header>
        {data ? `${data.method} ${data.url} ${data.status ?? data.state}` : error ? error.message : 'loading…'}
        <button type="button" onClick={onClose} aria-label="Close">×</button>
      </header>
    </section>
  );
}
