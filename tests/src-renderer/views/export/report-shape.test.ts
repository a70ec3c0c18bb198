import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExportIssue } from '../../../../src-main/contract/index.js';
import { codeLabel, downloadState, failureText, groupByExchange, issuesForLine, shapeReport } from '../../../../src-renderer/views/export/report-shape.js';
import { report } from './fixtures.js';

const issue = (exchangeId: number, line: number | null, action: ExportIssue['action'], code: string): ExportIssue => ({ exchangeId, line, action, code, message: `${code} message` });

describe('shapeReport', () => {
  it('counts kept, dropped, fixed, duplicates, failed, not chat and PII for a dataset', () => {
    const v = shapeReport(report());
    const tiles = Object.fromEntries(v.tiles.map((t) => [t.key, t.value]));
    assert.deepEqual(tiles, { kept: 9, dropped: 1, fixed: 4, duplicates: 1, errored: 1, skipped: 2, pii: 3, scanned: 12 });
    assert.equal(v.tiles.find((t) => t.key === 'dropped')?.tone, 'error');
    assert.equal(v.pii.total, 3);
    assert.equal(v.unit, 'examples');
  });
  it('orders reasons dropped, fixed, then warnings, most frequent first, in words', () => {
    const v = shapeReport(report());
    assert.deepEqual(
      v.reasons.map((r) => [r.action, r.code, r.count]),
      [['dropped', 'unanswered_tool_call', 1], ['fixed', 'trailing_turns_dropped', 3], ['fixed', 'system_merged', 1], ['warning', 'over_token_limit', 1]],
    );
    assert.equal(v.reasons[1]!.label, 'trailing turns dropped');
  });
  it('shows only written and scanned for HAR', () => {
    const v = shapeReport(report({ format: 'har', written: 4, scanned: 4 }));
    assert.deepEqual(v.tiles.map((t) => t.key), ['kept', 'scanned']);
    assert.equal(v.tiles[0]!.label, 'Written');
    assert.equal(v.unit, 'entries');
  });
  it('keeps file-level issues apart from per-example ones', () => {
    const v = shapeReport(report({ issues: [issue(0, null, 'warning', 'too_few_examples'), issue(4, 2, 'fixed', 'system_merged')] }));
    assert.equal(v.fileIssues.length, 1);
    assert.deepEqual(v.examples.map((e) => e.exchangeId), [4]);
  });
});

describe('groupByExchange', () => {
  it('makes one row per exchange with its worst outcome and its line', () => {
    const rows = groupByExchange([
      issue(3, 1, 'fixed', 'system_merged'),
      issue(5, null, 'dropped', 'unanswered_tool_call'),
      issue(3, 1, 'warning', 'over_token_limit'),
      issue(7, 2, 'warning', 'over_token_limit'),
    ]);
    assert.deepEqual(rows.map((r) => [r.exchangeId, r.outcome, r.line, r.issues.length]), [[3, 'fixed', 1, 2], [5, 'dropped', null, 1], [7, 'warning', 2, 1]]);
  });
  it('a dropped example has no line even when an earlier fix named one', () => {
    const rows = groupByExchange([issue(9, 4, 'fixed', 'system_merged'), issue(9, null, 'dropped', 'over_token_limit')]);
    assert.equal(rows[0]!.outcome, 'dropped');
    assert.equal(rows[0]!.line, null);
  });
  it('finds the issues of a previewed line', () => {
    const all = [issue(3, 1, 'fixed', 'a'), issue(4, 2, 'fixed', 'b'), issue(5, null, 'dropped', 'c')];
    assert.deepEqual(issuesForLine(all, 2).map((i) => i.code), ['b']);
  });
});

describe('codeLabel', () => {
  it('reads unknown codes as words', () => {
    assert.equal(codeLabel('brand_new_code'), 'brand new code');
    assert.equal(codeLabel('no_reply'), 'no reply');
  });
});

describe('downloadState', () => {
  const base = { invalid: false, error: null, report: null, pending: false };
  it('is off while the options are invalid or the preview failed', () => {
    assert.equal(downloadState({ ...base, invalid: true }).enabled, false);
    const e = downloadState({ ...base, error: 'boom' });
    assert.ok(!e.enabled);
    assert.match(e.reason, /preview failed/);
  });
  it('is off when strict would fail or nothing would be written', () => {
    const strict = downloadState({ ...base, report: report({ ok: false, failure: '--strict: exchange 3 would be changed' }) });
    assert.ok(!strict.enabled);
    assert.match(strict.reason, /Strict would fail/);
    const empty = downloadState({ ...base, report: report({ written: 0 }) });
    assert.ok(!empty.enabled);
    assert.match(empty.reason, /no example passes/);
    const har = downloadState({ ...base, report: report({ format: 'har', written: 0 }) });
    assert.ok(!har.enabled);
    assert.match(har.reason, /no exchange passes/);
  });
  it('is on for a good report, and while the first preview is still running', () => {
    assert.deepEqual(downloadState({ ...base, report: report() }), { enabled: true, note: null });
    const pending = downloadState({ ...base, pending: true });
    assert.ok(pending.enabled);
    assert.match(pending.note ?? '', /still checking/);
  });
  it('drops the CLI prefix from a strict failure', () => {
    assert.equal(failureText('--strict: exchange 3 would be dropped'), 'exchange 3 would be dropped');
    assert.equal(failureText(null), 'an example would need a fix');
  });
});
