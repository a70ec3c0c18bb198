// The export's own worker thread for the REST endpoint: it opens the database read-only and runs the export, posting
// the output in batches the main thread writes to the HTTP response. Parsing and rendering thousands of exchanges
// would otherwise hold the main thread, which also forwards proxied traffic. One batch is in flight at a time: the
// worker waits for "more" (sent once the response has drained), so a slow client never buffers a whole export.
import { parentPort, workerData } from 'node:worker_threads';
import { ExportOptionsSchema, type ExportReport } from '../contract/index.js';
import { ExportOptionError } from './export-options.js';
import { runExport } from './run-export.js';
import { ExportSource } from './source.js';

export interface ExportWorkerData {
  dbPath: string;
  options: unknown;
  /** dry run: keep only the first `preview` lines and send them with the report */
  preview: number | null;
}

export type FromExportWorker =
  | { type: 'lines'; text: string }
  | { type: 'done'; report: ExportReport; preview: string[] }
  | { type: 'error'; message: string; badOption: boolean };

const BATCH_BYTES = 64 * 1024;

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const data = workerData as ExportWorkerData;
  let waiting: (() => void) | null = null;
  port.on('message', (m: unknown) => {
    if (m === 'more' && waiting !== null) {
      const w = waiting;
      waiting = null;
      w();
    }
  });
  const post = (msg: FromExportWorker): void => port.postMessage(msg);
  let buffer: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    size = 0;
    await new Promise<void>((resolve) => {
      waiting = resolve;
      post({ type: 'lines', text });
    });
  };
  const preview: string[] = [];
  let source: ExportSource | null = null;
  try {
    const options = ExportOptionsSchema.parse(data.options);
    source = ExportSource.open(data.dbPath);
    const report = await runExport(source, options, {
      line: async (text) => {
        if (data.preview !== null) {
          if (preview.length < data.preview) preview.push(text);
          return;
        }
        buffer.push(text, '\n');
        size += text.length + 1;
        if (size >= BATCH_BYTES) await flush();
      },
    });
    await flush();
    post({ type: 'done', report, preview });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message, badOption: err instanceof ExportOptionError });
  } finally {
    source?.close();
  }
}

void main();
