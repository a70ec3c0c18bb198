import { z } from 'zod';
import { resolveDataDir } from '../config/index.js';
import { reanalyseExchange } from '../analysis/index.js';
import { PARSER_VERSION } from '../providers/index.js';
import { ExchangeStore } from '../store/index.js';
import { CliError } from './cli-error.js';
import { readRuntimeFile } from './runtime-file.js';

export const ReparseFlagsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  all: z.boolean().default(false),
});
export type ReparseFlags = z.infer<typeof ReparseFlagsSchema>;

export interface ReparseSummary {
  processed: number;
  changed: number;
  failed: number;
  version: number;
}

const BATCH = 500;

/**
 * `llm-inspector reparse`: re-derives LLM facts (provider, model, usage, cost, finish reason, TTFT, …) from the stored
 * bodies of exchanges an older parser wrote (`--all`: every exchange). Opens the store directly, so it refuses while a
 * serve process owns it — serve re-parses on its own, in the background, after it starts.
 */
export function reparseCommand(
  flags: ReparseFlags,
  out: NodeJS.WriteStream = process.stdout,
  analyse = reanalyseExchange,
): ReparseSummary {
  const layout = resolveDataDir(flags.dataDir, flags.db);
  const running = readRuntimeFile(layout.root);
  if (running) {
    throw new CliError(`an inspector is running (pid ${running.pid}) on ${layout.root}; stop it first, or leave it: serve re-parses older exchanges by itself in the background`);
  }
  let store: ExchangeStore;
  try {
    store = ExchangeStore.open(layout.dbPath);
  } catch (err) {
    throw new CliError(`cannot open ${layout.dbPath}: ${(err as Error).message}`);
  }
  const tty = out.isTTY === true;
  try {
    const total = store.reparseCount({ all: flags.all });
    const summary: ReparseSummary = { processed: 0, changed: 0, failed: 0, version: PARSER_VERSION };
    let afterId = 0;
    let lastDraw = 0;
    const draw = (final: boolean): void => {
      if (!tty) return;
      const now = Date.now();
      if (!final && now - lastDraw < 100) return;
      lastDraw = now;
      out.write(`\rre-parsing: ${summary.processed}/${Math.max(total, summary.processed)}${final ? '\n' : ''}`);
    };
    for (;;) {
      const r = store.reparseBatch(BATCH, analyse, { all: flags.all, afterId });
      summary.processed += r.processed;
      summary.changed += r.changed;
      summary.failed += r.failed;
      afterId = r.lastId;
      draw(r.done);
      if (r.done) break;
    }
    const failed = summary.failed > 0 ? `; the parser failed on ${summary.failed} (kept as they were)` : '';
    out.write(
      summary.processed === 0
        ? `nothing to re-parse: every exchange is at parser version ${PARSER_VERSION} (use --all to re-parse them anyway)\n`
        : `re-parsed ${summary.processed} exchange${summary.processed === 1 ? '' : 's'} to parser version ${PARSER_VERSION}: ${summary.changed} changed${failed}\n`,
    );
    return summary;
  } finally {
    store.close();
  }
}
