import { readFileSync } from 'node:fs';
import { ImportResultSchema, type ImportResult } from '../contract/index.js';
import { readConfigFile, resolveDataDir } from '../config/index.js';
import { harToOps, importIntoStore } from '../export/index.js';
import { CliError } from './cli-error.js';
import { readRuntimeFile } from './runtime-file.js';

export interface ImportFlags {
  dataDir?: string;
  db?: string;
}

/** While serve runs it owns the database: hand the file to its API, which stores it through its ingest worker. */
async function importThroughServe(uiUrl: string, body: Buffer): Promise<ImportResult> {
  const open = new URL(uiUrl);
  const url = new URL('/api/import/har', open.origin);
  const token = open.searchParams.get('token');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new CliError(`the running inspector refused the import: ${message}`);
  }
  return ImportResultSchema.parse(json);
}

/**
 * `llm-inspector import <file.har>`: stores a HAR file's entries as captured exchanges, parsed like live traffic
 * (provider, usage, cost, conversations). Through the running serve's API when there is one, else into the database.
 */
export async function importCommand(file: string, flags: ImportFlags, out: NodeJS.WriteStream = process.stdout): Promise<ImportResult> {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const layout = resolveDataDir(flags.dataDir, flags.db);
  const running = flags.db === undefined ? readRuntimeFile(layout.root) : null;
  let result: ImportResult;
  if (running?.uiUrl) {
    result = await importThroughServe(running.uiUrl, body);
  } else {
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      throw new CliError(`${file} is not JSON (a HAR file is one JSON document)`);
    }
    let parsed: ReturnType<typeof harToOps>;
    try {
      parsed = harToOps(doc);
    } catch (err) {
      throw new CliError(`${file}: ${(err as Error).message}`);
    }
    const ids = importIntoStore(layout.dbPath, parsed.ops, readConfigFile(layout.configPath));
    result = { imported: ids.length, ids, skipped: parsed.skipped };
  }
  const range = result.ids.length === 0 ? '' : ` (ids ${result.ids[0]}–${result.ids[result.ids.length - 1]})`;
  const skipped = result.skipped.length === 0 ? '' : `; skipped ${result.skipped.length}: ${result.skipped.slice(0, 3).map((s) => `#${s.index} ${s.reason}`).join('; ')}`;
  out.write(`imported ${result.imported} exchange${result.imported === 1 ? '' : 's'} from ${file}${range}${running?.uiUrl ? ' into the running inspector' : ''}${skipped}\n`);
  return result;
}
