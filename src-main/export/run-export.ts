import type { ExportOptions, ExportReport } from '../contract/index.js';
import { exportSft, type ExportSink } from './dataset-export.js';
import { exportDpo } from './dpo.js';
import { exportHar } from './har-export.js';
import type { ExportSource } from './source.js';
import { exportTraces } from './traces.js';

export type FileSink = ExportSink & { file?(name: string, text: string): void | Promise<void> };

/** Runs the export `opts.format` names against a source, writing into the sink; resolves with the report. */
export function runExport(source: ExportSource, opts: ExportOptions, sink: FileSink): Promise<ExportReport> {
  switch (opts.format) {
    case 'har':
      return exportHar(source, opts, sink);
    case 'traces':
      return exportTraces(source, opts, sink);
    case 'openai-dpo':
      return exportDpo(source, opts, sink);
    default:
      return exportSft(source, opts, sink);
  }
}

