import { useEffect, useState } from 'react';
import type { ExchangeDetail, ExchangeSummary, LlmMessage } from '../../../src-main/contract/index.js';
import { useCommand, useServiceEvents } from '../../app/client-context.js';

export interface LiveReply {
  message: LlmMessage | null;
  complete: boolean;
}

export interface ExchangeState {
  /** the exchange for `id` (never another one while a new id loads) */
  data: ExchangeDetail | null;
  error: Error | null;
  loading: boolean;
  /** the reply so far while the response streams in */
  live: LiveReply | null;
  reload: () => void;
}

/**
 * Live summaries come from the forwarding side before the LLM stage ran, so they lack provider, model and usage: only
 * the progress fields are taken from them.
 */
export function applyProgress(d: ExchangeDetail, s: ExchangeSummary): ExchangeDetail {
  return {
    ...d,
    state: s.state,
    status: s.status ?? d.status,
    error: s.error ?? d.error,
    timings: {
      ttfbMs: s.timings.ttfbMs ?? d.timings.ttfbMs,
      ttftMs: s.timings.ttftMs ?? d.timings.ttftMs,
      totalMs: s.timings.totalMs ?? d.timings.totalMs,
    },
    requestBytes: Math.max(s.requestBytes, d.requestBytes),
    responseBytes: Math.max(s.responseBytes, d.responseBytes),
    contentType: s.contentType ?? d.contentType,
    stream: s.stream || d.stream,
  };
}

/** One exchange, kept current by live events: progress while in flight, the reply growing, a refetch when it is stored. */
export function useExchange(id: number): ExchangeState {
  const cmd = useCommand('exchanges.get', { id });
  const [progress, setProgress] = useState<ExchangeSummary | null>(null);
  const [live, setLive] = useState<LiveReply | null>(null);
  const { reload } = cmd;

  useEffect(() => {
    setProgress(null);
    setLive(null);
  }, [id]);

  useServiceEvents((batch) => {
    let finished = false;
    for (const e of batch) {
      if (e.event === 'exchange.reply' && e.data.id === id) setLive({ message: e.data.message, complete: e.data.complete });
      else if ((e.event === 'exchange.updated' || e.event === 'exchange.started') && e.data.id === id) setProgress(e.data);
      else if (e.event === 'exchange.finished' && e.data.id === id) finished = true;
    }
    if (finished) reload();
  });

  const fetched = cmd.data && cmd.data.id === id ? cmd.data : null;
  // the stored row wins once it says the exchange is over; until then live progress is newer
  let data = fetched && progress && progress.id === id && (fetched.state === 'pending' || fetched.state === 'streaming') ? applyProgress(fetched, progress) : fetched;
  // a reply growing means the response has started, even when the pane opened after its "updated" event
  if (data && live && data.state === 'pending') data = { ...data, state: 'streaming', stream: true };
  // the star changes on a stored exchange too: the latest event about it (a toggle here or elsewhere) is newest
  if (data && progress && progress.id === id && progress.starred !== data.starred) data = { ...data, starred: progress.starred };
  // the live reply stays until the stored exchange (with its parsed reply) replaces it, so nothing blinks away
  const stored = fetched !== null && fetched.state !== 'pending' && fetched.state !== 'streaming';
  return { data, error: cmd.error, loading: cmd.loading, live: stored ? null : live, reload };
}
