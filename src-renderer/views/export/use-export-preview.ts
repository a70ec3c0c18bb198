import { useCallback, useEffect, useState } from 'react';
import type { ExportPreview } from '../../../src-main/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { fetchPreview } from './export-api.js';

export interface PreviewState {
  /** the last answer, kept (dimmed) while the next one runs */
  data: ExportPreview | null;
  /** the query `data` answers; compare with the current one before trusting it */
  dataQuery: string | null;
  error: string | null;
  errorQuery: string | null;
  /** a request is waiting for the debounce or running; since when (ms) */
  pendingSince: number | null;
  reload: () => void;
}

/** How long typing must pause before a dry run starts: each one walks the whole selection on the server. */
export const PREVIEW_DEBOUNCE_MS = 400;

/**
 * Runs the export's dry run for `query` (null: the options are invalid, nothing to ask), debounced, and aborts the one
 * in flight when the options change again so only the latest answer lands.
 */
export function useExportPreview(query: string | null, lines: number): PreviewState {
  const client = useClient();
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Omit<PreviewState, 'reload'>>({ data: null, dataQuery: null, error: null, errorQuery: null, pendingSince: null });
  useEffect(() => {
    if (query === null) {
      setState((s) => ({ ...s, pendingSince: null }));
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ ...s, pendingSince: Date.now() }));
    const timer = setTimeout(() => {
      fetchPreview(client, query, lines, abort.signal).then(
        (data) => setState({ data, dataQuery: query, error: null, errorQuery: null, pendingSince: null }),
        (err: Error) => {
          if (abort.signal.aborted) return;
          const message = err instanceof TypeError ? `The inspector is not answering (${err.message}).` : err.message;
          setState((s) => ({ ...s, error: message, errorQuery: query, pendingSince: null }));
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [client, query, lines, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
