import { z } from 'zod';
import { ExportPreviewSchema, ImportResultSchema, type ExportPreview, type ImportResult } from '../../../src-main/contract/index.js';
import { previewPath } from './export-query.js';

/**
 * The export routes are plain HTTP outside the command table (they stream), so the view calls them with fetch through
 * the client's resource base (the session cookie rides along) and checks every answer with the contract's schemas.
 */

export interface ResourceBase {
  resourceUrl(path: string): string;
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

const ErrorBodySchema = z.object({ error: z.object({ type: z.string(), message: z.string() }) });

export class ExportApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExportApiError';
  }
}

async function answer<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ExportApiError(res.status, res.ok ? 'The server answered with something that is not JSON.' : `HTTP ${res.status} ${res.statusText}`.trim());
  }
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(body);
    throw new ExportApiError(res.status, err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ExportApiError(res.status, `Unexpected answer from the server: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The dry run: the validation report and the first `lines` lines the export would write. */
export async function fetchPreview(base: ResourceBase, query: string, lines: number, signal: AbortSignal, fetcher: Fetcher = fetch): Promise<ExportPreview> {
  const res = await fetcher(base.resourceUrl(previewPath(query, lines)), { credentials: 'same-origin', signal, headers: { accept: 'application/json' } });
  return answer(res, ExportPreviewSchema);
}

/** Stores a HAR document's entries as captured exchanges. */
export async function importHar(base: ResourceBase, file: Blob, fetcher: Fetcher = fetch): Promise<ImportResult> {
  const res = await fetcher(base.resourceUrl('/api/import/har'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: file,
  });
  return answer(res, ImportResultSchema);
}
