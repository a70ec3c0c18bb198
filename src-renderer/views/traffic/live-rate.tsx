import { useEffect, useRef, useState } from 'react';
import { useServiceEvents } from '../../app/client-context.js';
import { formatRate, RateMeter, sparkArea, sparkPath } from './rate-meter.js';

const W = 148;
const H = 26;

/**
 * Requests/s and tokens/s over the last minute, from live events, as a sparkline with the current numbers (the sidebar
 * footer). Counts a request when it starts and its tokens when it is committed; redraws once a second.
 */
export function LiveRate() {
  const meter = useRef(new RateMeter(60));
  const [now, setNow] = useState(() => Date.now());
  useServiceEvents((batch) => {
    const at = Date.now();
    for (const e of batch) {
      if (e.event === 'exchange.started') meter.current.add(at, 1, 0);
      else if (e.event === 'exchange.finished' && e.data.usage) meter.current.add(at, 0, (e.data.usage.inputTokens ?? 0) + (e.data.usage.outputTokens ?? 0));
    }
  });
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const series = meter.current.series(now);
  const rate = meter.current.rate(now, 5);
  const reqMax = Math.max(1, ...series.requests);
  return (
    <div
      className="live-rate"
      data-testid="live-rate"
      data-requests={rate.requests}
      data-tokens={rate.tokens}
      title={`Last 60 s. Now (5 s average): ${rate.requests.toFixed(2)} requests/s, ${Math.round(rate.tokens)} tokens/s`}
    >
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
        <path d={sparkArea(series.requests, W, H - 1, reqMax)} className="live-rate-area" />
        <path d={sparkPath(series.requests, W, H - 1, reqMax)} className="live-rate-req" />
        <path d={sparkPath(series.tokens, W, H - 1)} className="live-rate-tok" />
      </svg>
      <div className="live-rate-text">
        <span className="live-rate-req-text">{formatRate(rate.requests)} req/s</span>
        <span className="live-rate-tok-text">{formatRate(rate.tokens)} tok/s</span>
      </div>
    </div>
  );
}
