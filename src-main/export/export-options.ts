import type { ExportOptions } from '../contract/index.js';
import type { DatasetTarget } from './target-rules.js';
import { openAiDpoTarget, SFT_TARGETS } from './targets/index.js';

// Kept apart from the export pipeline so the API server can check options without loading the provider parsers
// (they load on first use, in the export's worker thread).

/** Options a target cannot honour: the CLI prints it as one line, REST answers 400. */
export class ExportOptionError extends Error {}

export function thinkingMode(target: Pick<DatasetTarget, 'id' | 'rules'>, asked: ExportOptions['thinking']): 'strip' | 'keep' {
  const mode = asked ?? target.rules.thinking.default;
  if (mode === 'keep' && !target.rules.thinking.canKeep) {
    throw new ExportOptionError(`${target.id} cannot carry thinking; use --thinking strip (or sharegpt / trl-messages to keep it)`);
  }
  return mode;
}

/** Throws ExportOptionError for options the format cannot honour (before any output is written). */
export function checkExportOptions(opts: ExportOptions): void {
  if (opts.format === 'har' || opts.format === 'traces') return;
  thinkingMode(opts.format === 'openai-dpo' ? openAiDpoTarget : SFT_TARGETS[opts.format], opts.thinking);
}

/** Content type and file extension of an export's output. */
export function outputKind(format: ExportOptions['format']): { contentType: string; extension: string } {
  if (format === 'har') return { contentType: 'application/json; charset=utf-8', extension: 'har' };
  return { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' };
}
