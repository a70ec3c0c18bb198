// HAR in and out, and the REST routes: the whole captured corpus exported as HAR 1.2 passes the HAR schema
// (har-validator), re-imports into a fresh store with nothing lost (bodies, headers, timings, chunk times, states and
// the LLM facts derived again), a foreign HAR (browser-style, decoded bodies under a gzip header) is parsed like live
// traffic, and the API streams exports, previews them and imports HAR into the running inspector.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Har } from 'har-format';
import { request } from 'undici';
import { ConfigSchema, ExportOptionsSchema, type ExportOptionsInput, type ExportPreview, type ImportResult } from '../../src-main/contract/index.js';
import { harToOps } from '../../src-main/export/har-import.js';
import { importIntoStore } from '../../src-main/export/import-store.js';
import { runExport } from '../../src-main/export/run-export.js';
import { ExportSource } from '../../src-main/export/source.js';
import { silentLogger } from '../../src-main/log/index.js';
import { startApiServer, type ApiServer } from '../../src-main/server/index.js';
import { fixtureBytes } from '../support/fixtures.js';
import { captureCorpus, type CapturedCorpus } from './capture.js';
import { TARGET_PROBLEMS } from './target-schemas.js';

const harValidator = createRequire(import.meta.url)('har-validator/lib/promise') as { har(doc: unknown): Promise<unknown> };

let corpus: CapturedCorpus;
let api: ApiServer;
const tmp = mkdtempSync(join(tmpdir(), 'llmi-har-'));

before(async () => {
  corpus = await captureCorpus();
  api = await startApiServer({ service: corpus.t.inspector.service, ca: corpus.t.inspector.ca, log: silentLogger }, { host: '127.0.0.1', port: 0 });
});
after(async () => {
  await api?.close();
  await corpus?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function exportText(dbPath: string, opts: ExportOptionsInput): Promise<string> {
  const source = ExportSource.open(dbPath);
  try {
    const parts: string[] = [];
    await runExport(source, ExportOptionsSchema.parse(opts), { line: (l) => void parts.push(l) });
    return parts.join('\n');
  } finally {
    source.close();
  }
}

type Entry = Har['log']['entries'][number] & { _llmInspector: Record<string, unknown> };

/** An entry without what a new store assigns itself (id, conversation id). */
function comparable(e: Entry): unknown {
  const { id: _id, conversationId: _c, ...ext } = e._llmInspector;
  return { ...e, _llmInspector: ext };
}

test('HAR export of the whole corpus is valid HAR 1.2 and re-imports with nothing lost', async () => {
  const doc = JSON.parse(await exportText(corpus.dbPath, { format: 'har' })) as Har;
  await harValidator.har(doc); // rejects with the schema errors when invalid
  const entries = doc.log.entries as Entry[];
  assert.equal(entries.length, [...corpus.byCase.values()].flat().length);
  const stream = entries.find((e) => e.response.content.mimeType.startsWith('text/event-stream'))!;
  assert.ok(stream.response.content.text?.startsWith('data:') || stream.response.content.text?.startsWith('event:'));
  assert.ok(Array.isArray(stream._llmInspector['chunkTimes']), 'chunk arrival times travel in the extension');

  const { ops, skipped } = harToOps(doc);
  assert.deepEqual(skipped, []);
  const db = join(tmp, 'reimport.db');
  importIntoStore(db, ops, ConfigSchema.parse({}));
  const again = JSON.parse(await exportText(db, { format: 'har' })) as Har;
  const back = again.log.entries as Entry[];
  assert.equal(back.length, entries.length);
  for (let i = 0; i < entries.length; i++) {
    assert.deepEqual(comparable(back[i]!), comparable(entries[i]!), `entry ${i} (${entries[i]!.request.url})`);
  }
  // conversations are derived again, grouping the same calls together
  const groups = (es: Entry[]) => es.map((e) => es.findIndex((o) => o._llmInspector['conversationId'] === e._llmInspector['conversationId'] && e._llmInspector['conversationId'] !== null));
  assert.deepEqual(groups(back), groups(entries));
});

test('a browser-style HAR (decoded body under a gzip header, no extension) is parsed like live traffic', async () => {
  const reply = fixtureBytes('openai/chat-text.json').toString('utf8');
  const doc = {
    log: {
      version: '1.2',
      creator: { name: 'Chrome', version: '1' },
      entries: [{
        startedDateTime: '2025-06-01T10:00:00.000Z',
        time: 850,
        request: {
          method: 'POST', url: 'https://api.openai.com/v1/chat/completions', httpVersion: 'HTTP/2', cookies: [], queryString: [], headersSize: -1, bodySize: 80,
          headers: [{ name: 'content-type', value: 'application/json' }],
          postData: { mimeType: 'application/json', text: JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Plan a holiday' }] }) },
        },
        response: {
          status: 200, statusText: 'OK', httpVersion: 'HTTP/2', cookies: [], redirectURL: '', headersSize: -1, bodySize: 900,
          headers: [{ name: 'content-type', value: 'application/json' }, { name: 'content-encoding', value: 'gzip' }],
          content: { size: reply.length, mimeType: 'application/json', text: reply },
        },
        cache: {},
        timings: { blocked: 1, dns: -1, connect: 10, ssl: 5, send: 1, wait: 600, receive: 238 },
      }, { startedDateTime: 'yesterday', request: {}, response: {} }],
    },
  };
  const { ops, skipped } = harToOps(doc);
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0]!.index, 1);
  const db = join(tmp, 'browser.db');
  const [id] = importIntoStore(db, ops, ConfigSchema.parse({}));
  const source = ExportSource.open(db);
  const x = source.detail(id!)!;
  source.close();
  assert.equal(x.provider, 'openai');
  assert.equal(x.model, 'gpt-4.1-nano');
  assert.deepEqual([x.usage?.inputTokens, x.usage?.outputTokens], [16, 363]);
  assert.equal(x.response.body, reply, 'stored decoded, as a live capture of a gzip body is');
  assert.equal(x.response.contentEncoding, 'gzip');
  assert.equal(x.response.decodeError, null);
  assert.deepEqual([x.timings.ttfbMs, x.timings.totalMs, x.mode, x.state], [612, 850, 'mitm', 'complete']);
  const lines = (await exportText(db, { format: 'openai-chat', minExamples: 0 })).split('\n').map((l) => JSON.parse(l) as unknown);
  assert.equal(lines.length, 1);
  assert.deepEqual(TARGET_PROBLEMS['openai-chat']!(lines[0]), []);
});

async function get(path: string) {
  const res = await request(`${api.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

test('REST: GET /api/export streams the file, the preview returns the report and first lines, bad options are 400', async () => {
  const jsonl = await get('/api/export?format=openai-chat&provider=anthropic&per=call');
  assert.equal(jsonl.status, 200);
  assert.match(String(jsonl.headers['content-type']), /application\/x-ndjson/);
  assert.match(String(jsonl.headers['content-disposition']), /attachment; filename="llm-inspector-openai-chat-.*\.jsonl"/);
  const lines = jsonl.text.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
  assert.ok(lines.length >= 5);
  for (const l of lines) assert.deepEqual(TARGET_PROBLEMS['openai-chat']!(l), []);

  const harRes = await get('/api/export?format=har&llmOnly=1');
  assert.equal(harRes.status, 200);
  await harValidator.har(JSON.parse(harRes.text));

  const preview = await get('/api/export/preview?format=vertex-gemini&lines=2');
  assert.equal(preview.status, 200);
  const p = JSON.parse(preview.text) as ExportPreview;
  assert.equal(p.preview.length, 2);
  assert.ok(p.report.written > 2, 'the report covers the whole selection');
  for (const l of p.preview) assert.deepEqual(TARGET_PROBLEMS['vertex-gemini']!(l), []);

  assert.equal((await get('/api/export?format=bedrock-claude&thinking=keep')).status, 400);
  assert.equal((await get('/api/export?format=nope')).status, 400);
  const noAuth = await request(`${api.url}/api/export?format=har`);
  assert.equal(noAuth.statusCode, 401);
  await noAuth.body.dump();
});

test('REST: POST /api/import/har stores the entries through the running inspector, parsed like live traffic', async () => {
  const ids = corpus.byCase.get('anthropic/tool-loop.exchange.json')!.map((x) => x.id);
  const har = await exportText(corpus.dbPath, { format: 'har', ids });
  const res = await request(`${api.url}/api/import/har`, { method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }, body: har });
  assert.equal(res.statusCode, 200);
  const result = (await res.body.json()) as ImportResult;
  assert.equal(result.imported, 2);
  const svc = corpus.t.inspector.service;
  const [a, b] = await Promise.all(result.ids.map((id) => svc.api['exchanges.get']({ id })));
  const [oa, ob] = await Promise.all(ids.map((id) => svc.api['exchanges.get']({ id })));
  for (const [x, o] of [[a!, oa!], [b!, ob!]] as const) {
    assert.deepEqual([x.provider, x.model, x.usage, x.costUsd, x.request.body, x.response.body], [o.provider, o.model, o.usage, o.costUsd, o.request.body, o.response.body]);
  }
  // grouped by the live tracker like any call (here next to the originals they repeat, so which conversation the
  // second call continues is the tracker's call; the fresh-store round trip above checks the grouping itself)
  assert.ok(a!.conversationId !== null && b!.conversationId !== null);
  const bad = await request(`${api.url}/api/import/har`, { method: 'POST', headers: { authorization: `Bearer ${api.token}` }, body: '{"nope":1}' });
  assert.equal(bad.statusCode, 400);
  await bad.body.dump();
});
