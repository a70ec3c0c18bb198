import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { ExchangeDetail } from '../../../src-main/contract/index.js';
import { showBody } from './body-format.js';
import { CodeViewer } from './code-viewer.js';
import { formatDuration, formatOffset } from './format.js';
import { eventPreview, splitStreamEvents, streamFormat, type StreamEvent } from './stream-events.js';

const ROW_HEIGHT = 22;

const FORMAT_LABELS = { sse: 'server-sent events', ndjson: 'NDJSON lines', 'json-array': 'JSON array chunks' } as const;

function EventData({ event }: { event: StreamEvent }) {
  const shown = useMemo(() => showBody(event.data, null, false), [event.data]);
  return (
    <div className="stream-data">
      <div className="body-toolbar">
        <span>
          Event #{event.index + 1}
          {event.event && <> · <code>{event.event}</code></>} · {formatOffset(event.atMs)} · {event.data.length.toLocaleString('en-US')} chars
        </span>
      </div>
      <CodeViewer text={shown.text} json={shown.json} testId="stream-event-data" />
    </div>
  );
}

/** The response's events in arrival order with their times; the selected one is shown in full below. */
export function StreamTab({ exchange }: { exchange: ExchangeDetail }) {
  const side = exchange.response;
  const body = side.bodyEncoding === 'utf8' ? side.body : null;
  const split = useMemo(() => {
    if (body === null) return null;
    const format = streamFormat(exchange.contentType, body);
    if (format === null) return null;
    // chunk offsets count wire bytes: compare them with the wire size only when the body was compressed
    return splitStreamEvents(body, format, exchange.responseChunkTimes, side.contentEncoding ? side.bytes : null);
  }, [body, exchange.contentType, exchange.responseChunkTimes, side.contentEncoding, side.bytes]);
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const events = split?.events ?? [];
  const virtual = useVirtualizer({ count: events.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });

  if (body === null) {
    return <div className="tab-empty dim" data-testid="stream-empty">{side.bodyEncoding === 'base64' ? 'The stream is binary (e.g. AWS event stream): see the Response tab.' : 'No response body yet.'}</div>;
  }
  if (!split) return <div className="tab-empty dim" data-testid="stream-empty">The response is not a recognised stream format (SSE, NDJSON or a JSON array).</div>;

  const current = events[Math.min(selected, events.length - 1)];
  const move = (to: number) => {
    const i = Math.max(0, Math.min(events.length - 1, to));
    setSelected(i);
    virtual.scrollToIndex(i, { align: 'auto' });
  };
  const last = events[events.length - 1];
  // OpenAI-style streams name no events: the column would only take room
  const named = events.some((e) => e.event !== null);
  return (
    <div className={named ? 'stream-tab' : 'stream-tab unnamed'} data-testid="stream-view">
      <div className="body-toolbar">
        <span>
          {events.length.toLocaleString('en-US')} {FORMAT_LABELS[split.format]}
          {last?.atMs !== null && last?.atMs !== undefined && <> over {formatDuration(last.atMs)}</>}
        </span>
        {split.approximate && <span className="warn-text" title="chunk offsets count compressed bytes">times approximate (compressed stream)</span>}
        {exchange.responseChunkTimes === null && <span className="dim">no chunk timings recorded</span>}
        {side.truncated && <span className="warn-text">body truncated: later events not kept</span>}
      </div>
      <div className="stream-head" aria-hidden="true">
        <span className="c-idx">#</span>
        <span className="c-at">arrived</span>
        <span className="c-name">event</span>
        <span className="c-prev">data</span>
      </div>
      <div
        className="stream-list"
        ref={scroller}
        tabIndex={0}
        role="listbox"
        aria-label="Stream events"
        aria-activedescendant={current ? `stream-ev-${current.index}` : undefined}
        onKeyDown={(e) => {
          const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[e.key];
          if (step !== undefined) {
            e.preventDefault();
            move(selected + step);
          } else if (e.key === 'Home') move(0);
          else if (e.key === 'End') move(events.length - 1);
        }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((row) => {
            const ev = events[row.index] as StreamEvent;
            return (
              <div
                key={row.index}
                id={`stream-ev-${ev.index}`}
                role="option"
                aria-selected={row.index === selected}
                className={row.index === selected ? 'stream-row selected' : 'stream-row'}
                data-testid="stream-event"
                data-index={ev.index}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={() => setSelected(row.index)}
              >
                <span className="c-idx mono dim">{ev.index + 1}</span>
                <span className="c-at mono">{formatOffset(ev.atMs)}</span>
                <span className="c-name mono">{ev.event ?? ''}</span>
                <span className={ev.text !== null ? 'c-prev mono delta' : 'c-prev mono dim'}>{eventPreview(ev)}</span>
              </div>
            );
          })}
        </div>
      </div>
      {current && <EventData event={current} />}
    </div>
  );
}
