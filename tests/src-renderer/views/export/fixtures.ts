import type { ExportReport } from '../../../../src-main/contract/index.js';

/** A dataset report with a bit of everything; tests override what they look at. */
export function report(patch: Partial<ExportReport> = {}): ExportReport {
  return {
    format: 'openai-chat', scanned: 12, written: 9, erroredExcluded: 1, skipped: { not_llm: 2 }, duplicates: 1,
    dropped: { unanswered_tool_call: 1 }, fixed: { trailing_turns_dropped: 3, system_merged: 1 }, warnings: { over_token_limit: 1 },
    pii: { email: 2, phone: 1, apiKey: 0 }, tokens: { total: 900, max: 300, overLimit: 1 }, issues: [], issuesOmitted: 0,
    ok: true, failure: null, elapsedMs: 40, ...patch,
  };
}
