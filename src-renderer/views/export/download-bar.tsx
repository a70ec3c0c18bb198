import { useEffect, useState } from 'react';
import type { ExportFormat } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { downloadFilename } from './export-formats.js';
import { downloadPath } from './export-query.js';
import type { DownloadState } from './report-shape.js';

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, []);
  const s = Math.max(0, now - since) / 1000;
  // the first moments are the debounce: saying "0.1 s" then would flicker on every keystroke
  return <span className="xp-elapsed">{s < 1 ? '' : `${s.toFixed(1)} s`}</span>;
}

/** The download (a plain link the browser saves: the server streams the file) and the preview's state. */
export function DownloadBar(props: {
  format: ExportFormat;
  query: string | null;
  state: DownloadState;
  pendingSince: number | null;
  newTraffic: number;
  onRefresh: () => void;
  elapsedMs: number | null;
}) {
  const client = useClient();
  const filename = downloadFilename(props.format, new Date());
  return (
    <div className="xp-bar">
      {props.state.enabled && props.query !== null ? (
        <a className="xp-download" href={client.resourceUrl(downloadPath(props.query))} download={filename} data-testid="export-download" title={`Save ${filename}`}>
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 2v8m0 0L4.5 6.5M8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Download <span className="xp-filename">{filename}</span>
        </a>
      ) : (
        <button type="button" className="xp-download" disabled title={props.state.enabled ? undefined : props.state.reason} data-testid="export-download">
          Download <span className="xp-filename">{filename}</span>
        </button>
      )}
      <div className="xp-bar-status" data-testid="export-preview-status" data-state={props.pendingSince !== null ? 'working' : 'idle'} aria-live="polite">
        {props.pendingSince !== null ? (
          <>
            <span className="xp-spinner" aria-hidden="true" />
            <span>Checking the selection…</span>
            <Elapsed since={props.pendingSince} />
          </>
        ) : (
          <>
            {!props.state.enabled && (
              <span className="xp-download-reason" data-testid="export-download-reason">
                {props.state.reason}
              </span>
            )}
            {props.state.enabled && props.state.note && <span className="dim">{props.state.note}</span>}
            {props.state.enabled && props.elapsedMs !== null && <span className="dim">checked in {props.elapsedMs < 1000 ? `${Math.round(props.elapsedMs)} ms` : `${(props.elapsedMs / 1000).toFixed(1)} s`}</span>}
            {props.newTraffic > 0 && (
              <button type="button" className="xp-new-traffic" onClick={props.onRefresh} title="Run the preview again to include them" data-testid="export-new-traffic">
                {props.newTraffic} new exchange{props.newTraffic === 1 ? '' : 's'} since: refresh
              </button>
            )}
          </>
        )}
      </div>
      <button type="button" className="xp-refresh" onClick={props.onRefresh} disabled={props.query === null} title="Run the preview again" data-testid="export-refresh">
        Refresh
      </button>
    </div>
  );
}
