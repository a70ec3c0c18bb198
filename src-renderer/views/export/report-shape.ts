import type { ExportIssue, ExportReport } from '../../../src-main/contract/index.js';

/**
 * The export report as the preview shows it: headline counts, reasons counted by code, and the issues grouped by the
 * exchange they are about (one expandable row per example), plus whether a download makes sense.
 */

export type Tone = 'ok' | 'warn' | 'error' | 'dim';

export interface Tile {
  key: string;
  label: string;
  value: number;
  tone: Tone;
  hint: string;
}

export interface Reason {
  action: ExportIssue['action'];
  code: string;
  label: string;
  count: number;
}

/** Everything the report says about one exchange. */
export interface ExampleIssues {
  exchangeId: number;
  /** the output line it became; null when it was dropped */
  line: number | null;
  /** the worst thing that happened to it */
  outcome: ExportIssue['action'];
  issues: ExportIssue[];
}

export interface ReportView {
  unit: string;
  tiles: Tile[];
  reasons: Reason[];
  examples: ExampleIssues[];
  /** issues about the whole file (too few examples), not one exchange */
  fileIssues: ExportIssue[];
  issuesOmitted: number;
  skipped: { code: string; label: string; count: number }[];
  pii: { email: number; phone: number; apiKey: number; total: number };
}

const LABELS: Record<string, string> = {
  trailing_turns_dropped: 'trailing turns dropped',
  leading_turns_dropped: 'turns before the first user turn dropped',
  consecutive_turns_merged: 'consecutive turns merged',
  system_merged: 'system turns merged',
  empty_turn: 'empty turns dropped',
  unanswered_tool_call: 'unanswered tool calls dropped',
  orphan_tool_result: 'orphan tool results dropped',
  invalid_tool_arguments: 'tool calls with broken arguments dropped',
  tools_dropped: 'tools dropped (format has none)',
  image_dropped: 'images dropped',
  over_token_limit: 'over the token limit',
  too_few_examples: 'too few examples',
  invalid_output: 'rejected by the format check',
  pair_not_chat: 'pair member is not a chat call',
  pair_prompts_differ: 'pair answers different prompts',
  pair_not_selected: 'pair outside the selection',
  reply_not_text: 'reply is not text',
  not_llm: 'not an LLM call',
  no_messages: 'request has no messages',
  no_reply: 'no reply',
};

/** A stable code in words (unknown codes still read: `some_new_code` → `some new code`). */
export function codeLabel(code: string): string {
  return LABELS[code] ?? code.replace(/_/g, ' ');
}

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
const RANK: Record<ExportIssue['action'], number> = { dropped: 0, fixed: 1, warning: 2 };

export function unitOf(format: ExportReport['format']): string {
  return format === 'har' ? 'entries' : format === 'traces' ? 'trace files' : 'examples';
}

export function shapeReport(r: ExportReport): ReportView {
  const unit = unitOf(r.format);
  const dataset = r.format !== 'har' && r.format !== 'traces';
  const dropped = sum(r.dropped);
  const fixed = sum(r.fixed);
  const skipped = sum(r.skipped);
  const pii = { ...r.pii, total: r.pii.email + r.pii.phone + r.pii.apiKey };
  const tiles: Tile[] = [{ key: 'kept', label: dataset ? 'Kept' : 'Written', value: r.written, tone: r.written > 0 ? 'ok' : 'error', hint: `${unit} the file will hold` }];
  if (dataset) {
    tiles.push(
      { key: 'dropped', label: 'Dropped', value: dropped, tone: dropped > 0 ? 'error' : 'dim', hint: 'examples left out because the format cannot take them' },
      { key: 'fixed', label: 'Fixes', value: fixed, tone: fixed > 0 ? 'warn' : 'dim', hint: 'changes made so examples meet the format (several can touch one example)' },
      { key: 'duplicates', label: 'Duplicates', value: r.duplicates, tone: 'dim', hint: 'examples identical to an earlier one, left out' },
      { key: 'errored', label: 'Failed calls', value: r.erroredExcluded, tone: 'dim', hint: 'errored or aborted calls left out (turn on "include errors" to keep them)' },
      { key: 'skipped', label: 'Not chat', value: skipped, tone: 'dim', hint: 'exchanges that are not chat calls with a reply (embeddings, token counts, other APIs)' },
      { key: 'pii', label: 'PII replaced', value: pii.total, tone: pii.total > 0 ? 'warn' : 'dim', hint: `${pii.email} emails, ${pii.phone} phone numbers, ${pii.apiKey} API-key-like strings` },
    );
  }
  tiles.push({ key: 'scanned', label: 'Scanned', value: r.scanned, tone: 'dim', hint: 'exchanges the selection matched' });

  const reasons: Reason[] = [];
  for (const [action, counts] of [['dropped', r.dropped], ['fixed', r.fixed], ['warning', r.warnings]] as const) {
    for (const [code, count] of Object.entries(counts)) reasons.push({ action, code, label: codeLabel(code), count });
  }
  reasons.sort((a, b) => RANK[a.action] - RANK[b.action] || b.count - a.count || a.code.localeCompare(b.code));

  return {
    unit,
    tiles,
    reasons,
    examples: groupByExchange(r.issues),
    fileIssues: r.issues.filter((i) => i.exchangeId === 0),
    issuesOmitted: r.issuesOmitted,
    skipped: Object.entries(r.skipped)
      .map(([code, count]) => ({ code, label: codeLabel(code), count }))
      .sort((a, b) => b.count - a.count),
    pii,
  };
}

/** One row per exchange, in the order the export met them; its outcome is the worst of its issues. */
export function groupByExchange(issues: readonly ExportIssue[]): ExampleIssues[] {
  const rows = new Map<number, ExampleIssues>();
  for (const i of issues) {
    if (i.exchangeId === 0) continue;
    let row = rows.get(i.exchangeId);
    if (!row) {
      row = { exchangeId: i.exchangeId, line: null, outcome: i.action, issues: [] };
      rows.set(i.exchangeId, row);
    }
    row.issues.push(i);
    if (RANK[i.action] < RANK[row.outcome]) row.outcome = i.action;
    if (i.line !== null) row.line = i.line;
  }
  for (const row of rows.values()) if (row.outcome === 'dropped') row.line = null;
  return [...rows.values()];
}

/** Issues about the example written as `line` (1-based), for the preview's examples. */
export function issuesForLine(issues: readonly ExportIssue[], line: number): ExportIssue[] {
  return issues.filter((i) => i.line === line);
}

/** The server's failure as the report shows it: the CLI's `--strict:` prefix is noise beside a Strict checkbox. */
export function failureText(failure: string | null): string {
  return (failure ?? 'an example would need a fix').replace(/^--strict:\s*/, '');
}

export type DownloadState = { enabled: true; note: string | null } | { enabled: false; reason: string };

/**
 * Whether to offer the download. Only a report for the options as they are now can forbid it: a strict run that would
 * fail (the server cuts such a download short) or a file with nothing in it.
 */
export function downloadState(input: { invalid: boolean; error: string | null; report: ExportReport | null; pending: boolean }): DownloadState {
  if (input.invalid) return { enabled: false, reason: 'Fix the options marked in red first.' };
  // the options the download would send are the ones the preview just failed on
  if (input.error !== null) return { enabled: false, reason: 'The preview failed (see below).' };
  const r = input.report;
  if (r === null) return { enabled: true, note: input.pending ? 'The preview is still checking; the download runs the same checks.' : null };
  if (!r.ok) return { enabled: false, reason: 'Strict would fail (see the report): turn off strict to let the export fix or drop examples.' };
  if (r.written === 0) return { enabled: false, reason: `Nothing to export: no ${r.format === 'har' || r.format === 'traces' ? 'exchange' : 'example'} passes the selection and the checks.` };
  return { enabled: true, note: null };
}
