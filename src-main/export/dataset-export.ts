import { createHash } from 'node:crypto';
import type { ExportIssue, ExportOptions, ExportReport } from '../contract/index.js';
import { parseExchange } from '../providers/index.js';
import { exampleFromCall, type Example } from './example.js';
import { addPii, scrubExample } from './pii.js';
import { ReportBuilder } from './report.js';
import { applyRules, type Fix } from './rules.js';
import type { ExportSource } from './source.js';
import { ExportOptionError, thinkingMode } from './export-options.js';
import type { RenderedLine } from './target-rules.js';
import { SFT_TARGETS } from './targets/index.js';
import { exampleTokens } from './tokens.js';

/** Where an export's output goes: lines (without the newline), issues and progress. Awaiting `line` is back-pressure. */
export interface ExportSink {
  line(text: string): void | Promise<void>;
  issue?(issue: ExportIssue): void | Promise<void>;
  progress?(done: number, total: number, written: number): void;
}

/** Why an exchange cannot become an example at all (not an issue: it is simply not a chat call with a reply). */
export function chatCall(parsed: ReturnType<typeof parseExchange>): { skip: string } | { call: NonNullable<ReturnType<typeof parseExchange>> } {
  if (parsed === null) return { skip: 'not_llm' };
  if (parsed.request === null || parsed.request.messages.length === 0) return { skip: 'no_messages' };
  if (parsed.response === null || parsed.response.message === null) return { skip: 'no_reply' };
  return { call: parsed };
}

/**
 * Shared tail of every dataset export: fixes (or strict failure), PII, render, own check, tokens, dedupe, write.
 * Returns false when the export must stop (strict).
 */
export class ExampleWriter {
  readonly report: ReportBuilder;
  private readonly seen = new Set<string>();
  private line = 0;

  constructor(
    private readonly opts: ExportOptions,
    private readonly sink: ExportSink,
  ) {
    this.report = new ReportBuilder(opts.format);
  }

  get written(): number {
    return this.line;
  }

  get full(): boolean {
    return this.opts.maxExamples !== undefined && this.line >= this.opts.maxExamples;
  }

  private async note(exchangeId: number, line: number | null, f: Fix | { action: 'warning'; code: string; message: string }): Promise<void> {
    const issue: ExportIssue = { exchangeId, line, ...f };
    this.report.issue(issue);
    await this.sink.issue?.(issue);
  }

  /** Notes fixes; under strict, any fix or drop stops the export. Returns false to stop. */
  async fixes(exchangeId: number, fixes: readonly Fix[], line: number | null = null): Promise<boolean> {
    for (const f of fixes) await this.note(exchangeId, f.action === 'dropped' ? null : line, f);
    if (this.opts.strict && fixes.length > 0) {
      const f = fixes[0]!;
      this.report.fail(`--strict: exchange ${exchangeId} would be ${f.action === 'dropped' ? 'dropped' : 'changed'}: ${f.message} (${f.code})`);
      return false;
    }
    return true;
  }

  /**
   * Scrubs, renders, checks, measures and writes one fixed example; its fixes are noted with the line it became.
   * Returns false to stop.
   */
  async write(exchangeId: number, example: Example, fixes: readonly Fix[], render: (e: Example) => RenderedLine, check: (l: RenderedLine) => string | null): Promise<boolean> {
    if (this.opts.strict && fixes.length > 0) return this.fixes(exchangeId, fixes);
    if (this.opts.scrubPii) addPii(this.report.report.pii, scrubExample(example));
    const rendered = render(example);
    const problem = check(rendered);
    if (problem !== null) {
      // a renderer bug, never the data's fault: report it rather than write a line the target would reject
      return this.fixes(exchangeId, [...fixes, { action: 'dropped', code: 'invalid_output', message: problem }]);
    }
    const text = JSON.stringify(rendered);
    if (this.opts.dedupe) {
      const key = createHash('sha256').update(text).digest('base64').slice(0, 22);
      if (this.seen.has(key)) {
        this.report.report.duplicates++;
        return true;
      }
      this.seen.add(key);
    }
    const tokens = exampleTokens(example);
    const t = this.report.report.tokens;
    const over = tokens > this.opts.maxTokens;
    if (over) t.overLimit++;
    if (over && this.opts.dropOverLimit) {
      return this.fixes(exchangeId, [...fixes, { action: 'dropped', code: 'over_token_limit', message: `${tokens} tokens, over the ${this.opts.maxTokens} limit` }]);
    }
    t.total += tokens;
    t.max = Math.max(t.max, tokens);
    this.line++;
    this.report.report.written++;
    await this.sink.line(text);
    await this.fixes(exchangeId, fixes, this.line);
    if (over) {
      await this.note(exchangeId, this.line, { action: 'warning', code: 'over_token_limit', message: `${tokens} tokens, over the ${this.opts.maxTokens} limit (the trainer truncates it)` });
    }
    return true;
  }

  finish(): ExportReport {
    const r = this.report.report;
    if (r.ok && r.written < this.opts.minExamples) {
      const msg = `${r.written} examples written; ${this.opts.format} training needs at least ${this.opts.minExamples}`;
      if (this.opts.strict) this.report.fail(`--strict: ${msg}`);
      else this.report.issue({ exchangeId: 0, line: null, action: 'warning', code: 'too_few_examples', message: msg });
    }
    return this.report.finish();
  }
}

/** Supervised targets: one example per selected call (its request messages + its reply). */
export async function exportSft(source: ExportSource, opts: ExportOptions, sink: ExportSink): Promise<ExportReport> {
  const target = SFT_TARGETS[opts.format as keyof typeof SFT_TARGETS];
  if (target === undefined) throw new ExportOptionError(`${opts.format} is not a supervised dataset format`);
  const thinking = thinkingMode(target, opts.thinking);
  const writer = new ExampleWriter(opts, sink);
  const { ids, erroredExcluded } = source.select(opts, { dataset: true });
  writer.report.report.erroredExcluded = erroredExcluded;
  for (let i = 0; i < ids.length && !writer.full; i++) {
    const id = ids[i]!;
    writer.report.report.scanned++;
    sink.progress?.(i + 1, ids.length, writer.written);
    const input = source.input(id);
    const c = chatCall(input === null ? null : parseExchange(input));
    if ('skip' in c) {
      writer.report.skip(c.skip);
      continue;
    }
    const { example, fixes } = applyRules(exampleFromCall(c.call.request!, c.call.response!.message!), target.rules, { thinking, trainOn: opts.trainOn, mode: 'sft' });
    const go = example === null
      ? await writer.fixes(id, fixes)
      : await writer.write(id, example, fixes, (e) => target.render(e, { thinking }), (l) => target.check(l));
    if (!go) break;
  }
  return writer.finish();
}
