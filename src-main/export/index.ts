// The export folder's public surface: datasets, HAR and traces out, HAR in, the REST routes and the bench helpers.
export { handleExportRoute } from './http-routes.js';
export { checkExportOptions, ExportOptionError } from './export-options.js';
export { summaryLine } from './report.js';
export { runExport, type FileSink } from './run-export.js';
export { ExportSource } from './source.js';
export { harToOps } from './har-import.js';
export { importIntoStore } from './import-store.js';
export { measureExport, seedExportStore, type ExportMeasurement } from './measure.js';
