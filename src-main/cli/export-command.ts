import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ExportOptionsSchema, type ExportIssue, type ExportOptions, type ExportReport } from '../contract/index.js';
import { resolveDataDir } from '../config/index.js';
import { checkExportOptions, ExportOptionError, summaryLine, runExport, type FileSink, ExportSource } from '../export/index.js';
import { CliError } from './cli-error.js';

/** Flags of `llm-inspector export` as commander hands them over (strings, booleans), before validation. */
export interface ExportFlags {
  format?: string;
  out?: string;
  report?: string;
  dataDir?: string;
  db?: string;
  [filter: string]: unknown;
}

/** CLI flag → option name where they differ; every other flag keeps its (camel-cased) name. */
const RENAMED: Record<string, string> = { conversation: 'conversationId', limit: 'maxExamples', prefer: 'dpoPrefer' };

/** `--since 2025-01-31` or `--since 1738281600000`: the store filters on epoch ms. */
function epochMs(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (/^\d+$/.test(s)) return Number(s);
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new CliError(`invalid --${flag}: ${s} is neither a date nor epoch milliseconds (see --help)`, 2);
  return t;
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Commander flags → validated export options (one clear line for a bad value). */
export function exportOptionsFromFlags(flags: ExportFlags): ExportOptions {
  const { out: _o, report: _r, dataDir: _d, db: _db, since, until, ...rest } = flags;
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) raw[RENAMED[k] ?? k] = v;
  raw['since'] = epochMs(since, 'since');
  raw['until'] = epochMs(until, 'until');
  const parsed = ExportOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'flags');
    const flag = Object.entries(RENAMED).find(([, v]) => v === key)?.[0] ?? kebab(key);
    throw new CliError(`invalid --${flag}: ${issue?.message ?? 'bad value'} (see --help)`, 2);
  }
  try {
    checkExportOptions(parsed.data);
  } catch (err) {
    if (err instanceof ExportOptionError) throw new CliError(err.message, 2);
    throw err;
  }
  return parsed.data;
}

/** A progress bar on a terminal (redrawn at most 10 times a second); nothing when stderr is not a TTY. */
function progressBar(stream: NodeJS.WriteStream): { draw(done: number, total: number, written: number): void; clear(): void } {
  const tty = stream.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    draw(done, total, written) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 24;
      const frac = total === 0 ? 1 : Math.min(1, done / total);
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      stream.write(`\r${bar} ${String(Math.floor(frac * 100)).padStart(3)}%  ${done}/${total} exchanges · ${written} written`);
      drawn = true;
    },
    clear() {
      if (tty && drawn) stream.write('\r\x1b[2K');
    },
  };
}

async function write(ws: WriteStream, text: string): Promise<void> {
  if (!ws.write(text)) await once(ws, 'drain');
}

async function close(ws: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => ws.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/**
 * `llm-inspector export`: streams the selection into a dataset (JSONL), a HAR document or a directory of trace files.
 * It reads the SQLite file directly and read-only, so it works while `serve` runs. A file output is written next to
 * its destination and renamed into place at the end, so a failed (or `--strict`) export never leaves half a file.
 */
export async function exportCommand(flags: ExportFlags, stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Promise<ExportReport> {
  const opts = exportOptionsFromFlags(flags);
  const out = flags.out ?? '-';
  const layout = resolveDataDir(flags.dataDir, flags.db);
  if (!existsSync(layout.dbPath)) throw new CliError(`no capture database at ${layout.dbPath}; pass --data-dir or --db`);
  let source: ExportSource;
  try {
    source = ExportSource.open(layout.dbPath);
  } catch (err) {
    throw new CliError(`cannot open ${layout.dbPath}: ${(err as Error).message}`);
  }
  const toStdout = out === '-';
  if (toStdout && opts.format === 'traces') throw new CliError('--format traces writes one file per exchange: give a directory with --out', 2);
  const partial = toStdout || opts.format === 'traces' ? null : `${out}.partial-${process.pid}`;
  if (opts.format === 'traces') mkdirSync(out, { recursive: true });
  const ws = toStdout ? null : partial !== null ? createWriteStream(partial) : null;
  const reportStream = flags.report ? createWriteStream(flags.report) : null;
  const bar = progressBar(stderr);
  const sink: FileSink = {
    line: (text) => (ws ? write(ws, `${text}\n`) : stdout.write(`${text}\n`) ? undefined : once(stdout, 'drain').then(() => undefined)),
    issue: reportStream ? (i: ExportIssue) => write(reportStream, `${JSON.stringify(i)}\n`) : undefined,
    progress: (done, total, written) => bar.draw(done, total, written),
    ...(opts.format === 'traces' ? { file: (name: string, text: string) => writeFileSync(join(out, name), text) } : {}),
  };
  let report: ExportReport;
  try {
    report = await runExport(source, opts, sink);
  } catch (err) {
    if (ws) await close(ws).catch(() => undefined);
    if (partial) rmSync(partial, { force: true });
    throw err instanceof ExportOptionError ? new CliError(err.message, 2) : err;
  } finally {
    bar.clear();
    source.close();
  }
  if (reportStream) {
    await write(reportStream, `${JSON.stringify({ report })}\n`);
    await close(reportStream);
  }
  if (ws) await close(ws);
  if (!report.ok) {
    if (partial) rmSync(partial, { force: true });
    throw new CliError(`${report.failure ?? 'export failed'}; nothing written`);
  }
  if (partial) renameSync(partial, out);
  (toStdout ? stderr : stdout).write(`${summaryLine(report, toStdout ? 'stdout' : out)}\n`);
  const warn = report.issues.find((i) => i.code === 'too_few_examples');
  if (warn) stderr.write(`warning: ${warn.message}\n`);
  return report;
}
