import { useState } from 'react';
import type { CaptureStatus } from '../../src-main/contract/index.js';
import { useConnection, useServiceEvents } from './client-context.js';

/**
 * Problems the user must know about, above every view: the inspector unreachable, capture paused (disk full, read-only
 * database). Traffic keeps flowing in both cases, and the banners say so.
 */
export function StatusBanners() {
  const connection = useConnection();
  const [capture, setCapture] = useState<CaptureStatus | null>(null);
  useServiceEvents((batch) => {
    for (const e of batch) if (e.event === 'capture.status') setCapture(e.data);
  });
  return (
    <div className="banners" role="status">
      {connection === 'closed' && (
        <div className="banner banner-error" data-testid="banner-disconnected">
          Lost the connection to the inspector; retrying. If it stopped, start it again with <code>npm run serve</code>.
        </div>
      )}
      {capture?.paused && (
        <div className="banner banner-warn" data-testid="banner-capture-paused">
          Capture paused: {capture.reason ?? 'the store cannot take writes'}. Traffic still flows through the proxy
          {capture.dropped > 0 ? `; ${capture.dropped} exchanges could not be stored` : ''}.
        </div>
      )}
    </div>
  );
}
