export { ExportView } from './export-view.js';
