import { useMemo, useState } from 'react';
import type { ExchangeDetail, MessageSide } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { base64Size, hexDump, showBody } from './body-format.js';
import { CodeViewer } from './code-viewer.js';
import { CopyButton } from './copy-button.js';
import { formatBytes } from './format.js';
import { HeadersTable } from './headers-table.js';

function headerValue(side: MessageSide, name: string): string | null {
  return side.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

function SizeNotes({ side }: { side: MessageSide }) {
  return (
    <span className="side-notes" data-testid="body-notes">
      <span title="bytes on the wire">{formatBytes(side.bytes)}</span>
      {side.contentEncoding && (
        <span title="decoded for display">
          {side.contentEncoding} → {formatBytes(side.storedBytes)}
        </span>
      )}
      {side.truncated && (
        <span className="warn-text" title="the capture cap cut the stored copy; the client got the whole body">
          truncated: {formatBytes(side.storedBytes)} kept
        </span>
      )}
      {side.decodeError && <span className="error-text">could not decode ({side.decodeError}): raw bytes shown</span>}
    </span>
  );
}

function Body({ side, url }: { side: MessageSide; url: string }) {
  const [raw, setRaw] = useState(false);
  const [wrap, setWrap] = useState(false);
  const contentType = headerValue(side, 'content-type');
  const shown = useMemo(() => (side.body !== null && side.bodyEncoding === 'utf8' ? showBody(side.body, contentType, raw) : null), [side.body, side.bodyEncoding, contentType, raw]);
  if (side.body === null || side.body.length === 0) {
    return <div className="body-empty dim" data-testid="body-viewer">{side.bytes > 0 ? 'The body was not kept (capture of bodies is off, or its cap is 0).' : 'No body.'}</div>;
  }
  if (side.bodyEncoding === 'base64') {
    return (
      <div className="body-binary" data-testid="body-viewer">
        <div className="body-toolbar">
          <span>
            Binary body, {formatBytes(base64Size(side.body))}
            {contentType && <span className="dim"> ({contentType})</span>}
            {base64Size(side.body) > 256 && <span className="dim"> · first 256 bytes below</span>}
          </span>
          <span className="spacer" />
          <a href={url} download data-testid="body-download">
            Download
          </a>
        </div>
        <pre className="hexdump">{hexDump(side.body)}</pre>
      </div>
    );
  }
  return (
    <div className="body-pane">
      <div className="body-toolbar">
        {shown?.json && (
          <span className="seg-group" role="group" aria-label="Body view">
            <button type="button" className={raw ? 'seg' : 'seg active'} aria-pressed={!raw} onClick={() => setRaw(false)} data-testid="body-pretty">
              Pretty
            </button>
            <button type="button" className={raw ? 'seg active' : 'seg'} aria-pressed={raw} onClick={() => setRaw(true)} data-testid="body-raw">
              Raw
            </button>
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} data-testid="body-wrap" /> Wrap
        </label>
        <span className="dim">{contentType ?? 'no content-type'}</span>
        <span className="spacer" />
        <CopyButton text={() => shown?.text ?? side.body ?? ''} label="Copy body" testId="body-copy" />
        <a href={url} download data-testid="body-download">
          Download
        </a>
      </div>
      <CodeViewer text={shown?.text ?? side.body} json={shown?.json ?? false} wrap={wrap} testId="body-viewer" />
    </div>
  );
}

/** One side of the exchange: headers as on the wire, then the body in a viewer that copes with large payloads. */
export function MessageSideView({ exchange, which }: { exchange: ExchangeDetail; which: 'request' | 'response' }) {
  const client = useClient();
  const side = exchange[which];
  const [headersOpen, setHeadersOpen] = useState(true);
  const url = client.resourceUrl(`/api/exchanges/${exchange.id}/body/${which}`);
  return (
    <div className="side-view" data-testid={`${which}-view`}>
      <div className="side-head">
        <button type="button" className="link-button" onClick={() => setHeadersOpen(!headersOpen)} aria-expanded={headersOpen} data-testid="headers-toggle">
          {headersOpen ? '▾' : '▸'} Headers ({side.headers.length})
        </button>
        <span className="spacer" />
        <SizeNotes side={side} />
      </div>
      {headersOpen && (
        <div className="side-headers">
          <HeadersTable headers={side.headers} testId={`${which}-headers`} />
        </div>
      )}
      <Body side={side} url={url} />
    </div>
  );
}
