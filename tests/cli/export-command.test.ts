// `llm-inspector export` and `import` as a user runs them (child processes of the built CLI) against a store an
// inspector is still writing: exports read it read-only next to the live process; a bad flag or a --strict failure is
// one line and a non-zero exit with no file left behind; import goes into the database, or through the running
// inspector's API when one owns the data dir.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { silentLogger } from '../../src-main/log/index.js';
import { startApiServer, type ApiServer } from '../../src-main/server/index.js';
import { repoRoot } from '../support/fixtures.js';
import { captureCorpus, type CapturedCorpus } from '../export/capture.js';
import { TARGET_PROBLEMS } from '../export/target-schemas.js';

const harValidator = createRequire(import.meta.url)('har-validator/lib/promise') as { har(doc: unknown): Promise<unknown> };
const tmp = mkdtempSync(join(tmpdir(), 'llmi-export-cli-'));
let corpus: CapturedCorpus;
let api: ApiServer;

before(async () => {
  corpus = await captureCorpus();
  api = await startApiServer({ service: corpus.t.inspector.service, ca: corpus.t.inspector.ca, log: silentLogger }, { host: '127.0.0.1', port: 0 });
});
after(async () => {
  await api?.close();
  await corpus?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })),
  );

const jsonl = (text: string): unknown[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);

test('export --out writes the dataset while the inspector runs, prints one summary line, and a per-example report', async () => {
  const out = join(tmp, 'data.jsonl');
  const report = join(tmp, 'report.jsonl');
  const r = await cli(['export', '--db', corpus.dbPath, '--format', 'openai-chat', '--out', out, '--report', report, '--scrub-pii']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^exported \d+ examples \(openai-chat\) to .*data\.jsonl from \d+ exchanges in [\d.]+ s; .*failed calls left out; .*PII replaced: 1 emails, 1 phones, 0 keys/);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.doesNotMatch(r.stderr, /\r/, 'no progress bar when stderr is not a terminal');
  const lines = jsonl(readFileSync(out, 'utf8'));
  assert.ok(lines.length > 20);
  for (const l of lines) assert.deepEqual(TARGET_PROBLEMS['openai-chat']!(l), []);
  const rep = jsonl(readFileSync(report, 'utf8'));
  const last = rep[rep.length - 1] as { report: { written: number } };
  assert.equal(last.report.written, lines.length);
  assert.ok(rep.slice(0, -1).every((i) => typeof (i as { code?: unknown }).code === 'string'));
  assert.deepEqual(readdirSync(tmp).filter((f) => f.includes('.partial-')), []);
});

test('export to stdout: the data on stdout, the summary on stderr', async () => {
  const ids = corpus.byCase.get('gemini/function-calling-chat.exchange.json')!.map((x) => String(x.id)).join(',');
  const r = await cli(['export', '--db', corpus.dbPath, '--format', 'sharegpt', '--ids', ids]);
  assert.equal(r.code, 0, r.stderr);
  const lines = jsonl(r.stdout);
  assert.equal(lines.length, 1);
  assert.deepEqual(TARGET_PROBLEMS['sharegpt']!(lines[0]), []);
  assert.match(r.stderr, /^exported 1 examples \(sharegpt\) to stdout/m);
  assert.match(r.stderr, /warning: 1 examples written; sharegpt training needs at least 10/);
});

test('mistakes are one line and exit 2; --strict fails with exit 1 and leaves no file', async () => {
  const bad = await cli(['export', '--db', corpus.dbPath, '--per', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^llm-inspector: invalid --per: .*\(see --help\)\n$/);
  const keep = await cli(['export', '--db', corpus.dbPath, '--format', 'bedrock-claude', '--thinking', 'keep']);
  assert.equal(keep.code, 2);
  assert.match(keep.stderr, /^llm-inspector: bedrock-claude cannot carry thinking/);
  const since = await cli(['export', '--db', corpus.dbPath, '--since', 'last tuesday']);
  assert.equal(since.code, 2);
  const out = join(tmp, 'strict.jsonl');
  const strict = await cli(['export', '--db', corpus.dbPath, '--format', 'bedrock-claude', '--strict', '--out', out]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /^llm-inspector: --strict: exchange \d+ would be .*; nothing written\n$/);
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(tmp).filter((f) => f.includes('.partial-')), []);
  const missing = await cli(['export', '--db', join(tmp, 'nope.db')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no capture database at/);
});

test('export --format traces writes one seed-style JSON file per exchange; --format har a valid HAR', async () => {
  const dir = join(tmp, 'traces');
  const r = await cli(['export', '--db', corpus.dbPath, '--format', 'traces', '--out', dir, '--provider', 'anthropic', '--limit', '3']);
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(dir).sort();
  assert.equal(files.length, 3);
  assert.match(files[0]!, /^exchange-\d{8}\.json$/);
  const trace = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as Record<string, unknown>;
  assert.equal(trace['schema'], 'v1');
  assert.match(String(trace['request_headers']), /x-api-key: \[REDACTED sha256:[0-9a-f]+\]\r\n/);
  assert.equal(trace['provider'], 'anthropic');
  assert.ok(typeof trace['response_body'] === 'string' && (trace['timing'] as Record<string, unknown>)['total_ms'] !== undefined);
  const har = join(tmp, 'all.har');
  const h = await cli(['export', '--db', corpus.dbPath, '--format', 'har', '--out', har]);
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /^exported \d+ entries \(har\)/);
  await harValidator.har(JSON.parse(readFileSync(har, 'utf8')));
});

test('import: into the database when no inspector runs, through the API of one that does', async () => {
  const ids = corpus.byCase.get('anthropic/tool-loop.exchange.json')!.map((x) => String(x.id)).join(',');
  const har = join(tmp, 'loop.har');
  assert.equal((await cli(['export', '--db', corpus.dbPath, '--format', 'har', '--ids', ids, '--out', har])).code, 0);

  const fresh = join(tmp, 'fresh');
  const r = await cli(['import', har, '--data-dir', fresh]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^imported 2 exchanges from .*loop\.har \(ids 1–2\)\n$/);
  const back = await cli(['export', '--data-dir', fresh, '--format', 'openai-chat']);
  assert.equal(back.code, 0, back.stderr);
  const lines = jsonl(back.stdout) as { messages: { role: string }[] }[];
  assert.equal(lines.length, 1, 'the imported loop is one conversation again');
  assert.deepEqual(lines[0]!.messages.map((m) => m.role), ['user', 'assistant', 'tool', 'assistant']);

  // a data dir a live inspector owns (this test process stands in for serve): the import goes through its API
  const owned = join(tmp, 'owned');
  await cli(['import', har, '--data-dir', owned]); // creates the dir
  writeFileSync(join(owned, 'runtime.json'), JSON.stringify({ pid: process.pid, proxyUrl: corpus.t.proxyUrl, uiUrl: api.openUrl, caPath: '/x' }));
  const before = (await corpus.t.inspector.service.api['stats.get']({})).exchanges;
  const live = await cli(['import', har, '--data-dir', owned]);
  assert.equal(live.code, 0, live.stderr);
  assert.match(live.stdout, /^imported 2 exchanges from .* into the running inspector\n$/);
  assert.equal((await corpus.t.inspector.service.api['stats.get']({})).exchanges, before + 2);

  const notHar = join(tmp, 'not.har');
  writeFileSync(notHar, '{"hello":1}');
  const bad = await cli(['import', notHar, '--data-dir', fresh]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^llm-inspector: .*not a HAR file/);
});
