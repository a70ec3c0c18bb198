import type { ExportFormat, ExportIssue, ExportReport } from '../contract/index.js';
import { emptyPiiCounts } from './pii.js';

/** Issues kept in the report itself; the rest are only streamed to the per-example report. */
export const REPORT_ISSUE_CAP = 500;

/** Accumulates an export's report with bounded memory: counts per code, the first issues in full. */
export class ReportBuilder {
  readonly report: ExportReport;
  private readonly started = performance.now();

  constructor(format: ExportFormat) {
    this.report = {
      format, scanned: 0, written: 0, erroredExcluded: 0, skipped: {}, duplicates: 0, dropped: {}, fixed: {}, warnings: {},
      pii: emptyPiiCounts(), tokens: { total: 0, max: 0, overLimit: 0 }, issues: [], issuesOmitted: 0, ok: true,
      failure: null, elapsedMs: 0,
    };
  }

  skip(code: string): void {
    this.report.skipped[code] = (this.report.skipped[code] ?? 0) + 1;
  }

  issue(i: ExportIssue): void {
    const bucket = i.action === 'dropped' ? this.report.dropped : i.action === 'fixed' ? this.report.fixed : this.report.warnings;
    bucket[i.code] = (bucket[i.code] ?? 0) + 1;
    if (this.report.issues.length < REPORT_ISSUE_CAP) this.report.issues.push(i);
    else this.report.issuesOmitted++;
  }

  fail(message: string): void {
    this.report.ok = false;
    this.report.failure ??= message;
  }

  finish(): ExportReport {
    this.report.elapsedMs = Math.round(performance.now() - this.started);
    return this.report;
  }
}

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

/** The one-line summary the CLI prints at the end. */
export function summaryLine(r: ExportReport, out: string): string {
  const unit = r.format === 'har' ? 'entries' : r.format === 'traces' ? 'trace files' : 'examples';
  const parts = [`exported ${r.written} ${unit} (${r.format}) to ${out} from ${r.scanned} exchanges in ${(r.elapsedMs / 1000).toFixed(1)} s`];
  const dropped = sum(r.dropped);
  const fixed = sum(r.fixed);
  const warned = sum(r.warnings);
  if (dropped) parts.push(`${dropped} dropped`);
  if (fixed) parts.push(`${fixed} fixes`);
  if (warned) parts.push(`${warned} warnings`);
  if (r.duplicates) parts.push(`${r.duplicates} duplicates`);
  if (r.erroredExcluded) parts.push(`${r.erroredExcluded} failed calls left out`);
  const skipped = sum(r.skipped);
  if (skipped) parts.push(`${skipped} not chat calls`);
  const pii = r.pii.email + r.pii.phone + r.pii.apiKey;
  if (pii) parts.push(`PII replaced: ${r.pii.email} emails, ${r.pii.phone} phones, ${r.pii.apiKey} keys`);
  if (r.tokens.max) parts.push(`max ${r.tokens.max} tokens/example`);
  return parts.join('; ');
}
