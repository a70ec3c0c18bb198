// Runs one measured export in a worker thread of its own: a fresh isolate, as serve's export worker and the CLI's
// process are, so the heap figures are the export's and not the garbage of what the bench process did before (Chromium
// driving, load clients, seeding).
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportOptionsInput } from '../../src-main/contract/index.js';
import { measureExport } from '../../src-main/export/index.js';

const { dbPath, options } = workerData as { dbPath: string; options: ExportOptionsInput };
const m = await measureExport(dbPath, options);
parentPort?.postMessage({ ...m, report: { written: m.report.written } });
