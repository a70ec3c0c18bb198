import { useState } from 'react';
import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { setParams } from '../../app/router.js';
import { formatClock, formatCost } from './format.js';
import { Popover } from './popover.js';

function compareWith(id: number): void {
  setParams({ compare: String(id), tab: 'compare' });
}

/** The other calls of this conversation, newest first, each one click from a comparison. */
function ConversationCalls({ exchange, onPick }: { exchange: ExchangeDetail; onPick: (id: number) => void }) {
  const list = useCommand('exchanges.list', exchange.conversationId ? { conversationId: exchange.conversationId, limit: 50 } : null);
  if (!exchange.conversationId) return <div className="dim picker-empty">Not part of a conversation: type an exchange id.</div>;
  if (list.error) return <div className="error-text picker-empty">{list.error.message}</div>;
  if (!list.data) return <div className="dim picker-empty">loading…</div>;
  const others = list.data.items.filter((x) => x.id !== exchange.id);
  if (others.length === 0) return <div className="dim picker-empty">No other call in {exchange.conversationId} yet.</div>;
  return (
    <ul className="picker-list" role="listbox" aria-label="Calls of this conversation">
      {others.map((x) => (
        <li key={x.id}>
          <button type="button" className="picker-row" data-testid="compare-candidate" data-id={x.id} onClick={() => onPick(x.id)}>
            <span className="mono">#{x.id}</span>
            <span>turn {x.turn ?? '?'}</span>
            <span className="mono">{x.model ?? '—'}</span>
            <span className={x.status !== null && x.status >= 400 ? 'error-text' : 'dim'}>{x.status ?? x.state}</span>
            <span className="dim">{formatCost(x.costUsd)}</span>
            <span className="dim">{formatClock(x.startedAt).slice(11)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "Compare with…": another call of the same conversation, or any exchange by id. */
export function ComparePicker({ exchange, comparing }: { exchange: ExchangeDetail; comparing: number | null }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const typedId = /^#?\d+$/.test(typed.trim()) ? Number(typed.trim().replace('#', '')) : null;
  return (
    <span className="popover-anchor">
      <button type="button" data-testid="compare-with" aria-expanded={open} onClick={() => setOpen(!open)} title="Diff this request against another call">
        {comparing !== null ? `Comparing #${comparing} ▾` : 'Compare with… ▾'}
      </button>
      <Popover open={open} onClose={() => setOpen(false)} className="compare-popover" testId="compare-popover">
        <div className="picker-title">Same conversation{exchange.conversationId ? ` (${exchange.conversationId})` : ''}</div>
        {open && (
          <ConversationCalls
            exchange={exchange}
            onPick={(id) => {
              compareWith(id);
              setOpen(false);
            }}
          />
        )}
        <form
          className="picker-id"
          onSubmit={(e) => {
            e.preventDefault();
            if (typedId !== null && typedId !== exchange.id) {
              compareWith(typedId);
              setOpen(false);
            }
          }}
        >
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="exchange id, e.g. 42" aria-label="Exchange id to compare with" data-testid="compare-id-input" autoFocus />
          <button type="submit" disabled={typedId === null || typedId === exchange.id} data-testid="compare-id-submit">
            Compare
          </button>
          {comparing !== null && (
            <button
              type="button"
              data-testid="compare-stop"
              onClick={() => {
                setParams({ compare: undefined, tab: undefined });
                setOpen(false);
              }}
            >
              Stop comparing
            </button>
          )}
        </form>
      </Popover>
    </span>
  );
}
