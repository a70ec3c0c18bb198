import { useState } from 'react';
import type { CaptureStatus } from '../../src-main/contract/index.js';
import { useConnection, useServiceEvents } from './client-context.js';
import { formatHash } from './router.js';

/**
 * Problems the user must know about, above every view: the inspector unreachable, capture paused (disk full, read-only
 * database), upstream certificates this machine does not trust. Traffic keeps flowing in the first two cases, and the
 * banners say so.
 */
export function StatusBanners() {
  const connection = useConnection();
  const [capture, setCapture] = useState<CaptureStatus | null>(null);
  const [tlsHost, setTlsHost] = useState<string | null>(null);
  const [tlsDismissed, setTlsDismissed] = useState<string | null>(null);
  useServiceEvents((batch) => {
    for (const e of batch) {
      if (e.event === 'capture.status') setCapture(e.data);
      else if (e.event === 'exchange.finished' && e.data.error?.code === 'upstream_tls_verify_failed') setTlsHost(e.data.host);
    }
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
      {tlsHost && tlsHost !== tlsDismissed && (
        <div className="banner banner-error" data-testid="banner-tls">
          The certificate of <code>{tlsHost}</code> is not trusted, so its calls fail with 502. If a corporate proxy or a
          local gateway signs it, add that CA as <a href={formatHash(['settings'])}>extra CA file</a> (or
          set <code>NODE_EXTRA_CA_CERTS</code>) and try again.{' '}
          <button type="button" onClick={() => setTlsDismissed(tlsHost)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
