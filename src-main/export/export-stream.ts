import { Worker } from 'node:worker_threads';
import type { ExportReport } from '../contract/index.js';
import type { ExportWorkerData, FromExportWorker } from './export-worker.js';

export interface StreamTarget {
  /** returns false when the consumer's buffer is full (as a Writable does) */
  write(text: string): boolean;
  once(event: 'drain', fn: () => void): unknown;
}

/**
 * Runs an export in its own worker thread against a database file (read-only), writing its output into `out` with
 * back-pressure. Resolves with the report (and, for a dry run, the first lines); rejects with the worker's error.
 * `signal` stops the worker (the HTTP client went away).
 */
export function exportInWorker(
  data: ExportWorkerData,
  out: StreamTarget | null,
  signal?: AbortSignal,
): Promise<{ report: ExportReport; preview: string[] }> {
  const worker = new Worker(new URL('./export-worker.js', import.meta.url), { workerData: data });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      fn();
      void worker.terminate();
    };
    const abort = (): void => settle(() => reject(new Error('export cancelled')));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (m: FromExportWorker) => {
      if (m.type === 'lines') {
        if (out === null || out.write(m.text)) worker.postMessage('more');
        else out.once('drain', () => worker.postMessage('more'));
      } else if (m.type === 'done') settle(() => resolve({ report: m.report, preview: m.preview }));
      else settle(() => reject(Object.assign(new Error(m.message), { badOption: m.badOption })));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`export worker exited (${code})`))));
  });
}
