import type { Command } from 'commander';
import type { ExportFlags } from './export-command.js';
import type { ImportFlags } from './import-command.js';

const EXPORT_FORMATS_HELP = 'openai-chat, openai-dpo, bedrock-claude, vertex-gemini, sharegpt, trl-messages, har, traces';

/**
 * Adds `export` and `import` to the CLI. Their modules (provider parsers, the analysis stage) load only when one of
 * them runs, so `serve` starts without them.
 */
export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('write captured calls as a fine-tuning dataset (JSONL), a HAR file or trace files (works while serve runs)')
    .option('--format <format>', EXPORT_FORMATS_HELP, 'openai-chat')
    .option('--out <path>', 'output file (- for stdout); a directory for --format traces', '-')
    .option('--report <file>', 'write the per-example report (one JSON issue per line, then the summary)')
    .option('--data-dir <dir>', 'where the database lives')
    .option('--db <file>', 'SQLite database file (default <data dir>/inspector.db)')
    .option('--provider <name>').option('--model <pattern>', '* wildcards').option('--host <pattern>', '* wildcards')
    .option('--tag <tag>').option('--conversation <id>').option('--method <method>').option('--mode <modes>')
    .option('--state <states>', 'complete, aborted, error (comma-separated)')
    .option('--status-min <n>').option('--status-max <n>')
    .option('--since <date|ms>').option('--until <date|ms>')
    .option('--search <text>', 'full text over bodies').option('--errors-only').option('--llm-only')
    .option('--ids <ids>', 'only these exchange ids (comma-separated)')
    .option('--per <unit>', 'conversation (its final call: no repeated prefixes) or call', 'conversation')
    .option('--include-errors', 'keep errored and aborted calls')
    .option('--no-dedupe', 'keep identical examples')
    .option('--thinking <mode>', 'strip or keep (targets that can carry it: sharegpt, trl-messages)')
    .option('--scrub-pii', 'replace emails, phone numbers and API-key-like strings in message text')
    .option('--strict', 'fail instead of fixing or dropping an example')
    .option('--max-tokens <n>', 'warn about examples over this many tokens', '65536')
    .option('--drop-over-limit', 'drop examples over --max-tokens instead of warning')
    .option('--min-examples <n>', 'warn (or with --strict, fail) below this many examples', '10')
    .option('--train-on <turns>', 'all or last assistant turn (OpenAI weight)', 'all')
    .option('--prefer <which>', 'DPO: latest or earliest of two replies to one prompt is preferred', 'latest')
    .option('--pairs <pairs>', 'DPO: explicit preferred:rejected exchange id pairs (comma-separated)')
    .option('--limit <n>', 'stop after this many examples / entries')
    .action(async (opts: ExportFlags) => {
      const { exportCommand } = await import('./export-command.js');
      await exportCommand(opts);
    });
  program
    .command('import')
    .argument('<file>', 'a HAR file')
    .description('store the entries of a HAR file as captured exchanges, parsed like live traffic')
    .option('--data-dir <dir>', 'where the database lives')
    .option('--db <file>', 'SQLite database file (default <data dir>/inspector.db)')
    .action(async (file: string, opts: ImportFlags) => {
      const { importCommand } = await import('./import-command.js');
      await importCommand(file, opts);
    });
}
