import type http from 'node:http';
import { z } from 'zod';
import { ExportOptionsSchema, type ExportOptions, type ExportPreview, type ImportResult } from '../contract/index.js';
import { HttpError } from '../server/rest-router.js';
import type { InspectorService } from '../service/index.js';
import { checkExportOptions, outputKind } from './export-options.js';
import { exportInWorker } from './export-stream.js';
import { harToOps } from './har-import.js';

/**
 * The export and import routes of the headless API (streaming, so outside the JSON command table):
 * - `GET /api/export?format=…&<exchange filters>&…` streams the file (JSONL, or a HAR document) as a download;
 * - `GET /api/export/preview?…&lines=5` is a dry run: the validation report and the first lines, for the Export dialog;
 * - `POST /api/import/har` stores the entries of a HAR document as captured exchanges.
 * The caller (api-server) has already checked the token, Host and Origin.
 */

const MAX_HAR_BYTES = 256 * 1024 * 1024;
const PREVIEW_MAX = 50;

function options(url: URL): ExportOptions {
  const { token: _t, lines: _l, ...raw } = Object.fromEntries(url.searchParams);
  const parsed = ExportOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'invalid_input', z.prettifyError(parsed.error), z.treeifyError(parsed.error));
  try {
    checkExportOptions(parsed.data);
  } catch (err) {
    throw new HttpError(400, 'invalid_input', (err as Error).message);
  }
  return parsed.data;
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, 'body_too_large', `HAR file over ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function streamExport(service: InspectorService, opts: ExportOptions, res: http.ServerResponse): Promise<void> {
  const { dbPath } = await service.call('runtime.info', {});
  const kind = outputKind(opts.format);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  res.writeHead(200, {
    'content-type': kind.contentType,
    'content-disposition': `attachment; filename="llm-inspector-${opts.format}-${stamp}.${kind.extension}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const { report } = await exportInWorker({ dbPath, options: opts, preview: null }, res, gone.signal);
  // a strict export that found a problem ends without its closing bytes: the download fails instead of looking whole
  if (!report.ok) res.destroy();
  else res.end();
}

async function preview(service: InspectorService, opts: ExportOptions, url: URL, res: http.ServerResponse): Promise<void> {
  const { dbPath } = await service.call('runtime.info', {});
  const n = Math.min(PREVIEW_MAX, Math.max(0, Number(url.searchParams.get('lines') ?? 5) || 0));
  // the dialog re-runs the preview as options change: a preview nobody waits for any more stops its worker
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) gone.abort();
  });
  let result: Awaited<ReturnType<typeof exportInWorker>>;
  try {
    result = await exportInWorker({ dbPath, options: opts, preview: opts.format === 'har' ? n + 1 : n }, null, gone.signal);
  } catch (err) {
    if (gone.signal.aborted) return;
    throw err;
  }
  const { report, preview: lines } = result;
  const parsed: unknown[] = [];
  for (const line of lines) {
    // a HAR document arrives as fragments: its envelope line is not an entry
    try {
      parsed.push(JSON.parse(line.startsWith(',') ? line.slice(1) : line));
    } catch {
      continue;
    }
  }
  sendJson(res, { report, preview: parsed.slice(0, n) } satisfies ExportPreview);
}

async function importHar(service: InspectorService, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req, MAX_HAR_BYTES);
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The HAR file is not valid JSON');
  }
  let parsed: ReturnType<typeof harToOps>;
  try {
    parsed = harToOps(doc);
  } catch (err) {
    throw new HttpError(400, 'invalid_input', (err as Error).message);
  }
  const ops = [...parsed.ops].sort((a, b) => a.startedAt - b.startedAt);
  const ids = await service.importExchanges(ops);
  sendJson(res, { imported: ids.length, ids, skipped: parsed.skipped } satisfies ImportResult);
}

/** Handles the route if it is one of these; returns false otherwise. */
export async function handleExportRoute(service: InspectorService, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/$/, '');
  if (req.method === 'GET' && path === '/api/export') await streamExport(service, options(url), res);
  else if (req.method === 'GET' && path === '/api/export/preview') await preview(service, options(url), url, res);
  else if (req.method === 'POST' && path === '/api/import/har') await importHar(service, req, res);
  else return false;
  return true;
}
