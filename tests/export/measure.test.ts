// The bench helper: a seeded store of synthetic agent loops exports one example per conversation (not one per call)
// through measureExport, which reports time and peak memory. The 100,000-exchange measurement itself is the bench's.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { measureExport, seedExportStore } from '../../src-main/export/measure.js';
import { TARGET_PROBLEMS } from './target-schemas.js';

const dir = mkdtempSync(join(tmpdir(), 'llmi-measure-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('measureExport: 2,000 synthetic exchanges in 500 loops → 500 examples, with time and peak memory', async () => {
  const db = join(dir, 'seed.db');
  assert.equal(seedExportStore(db, 500, 4), 2000);
  const out = join(dir, 'out.jsonl');
  const m = await measureExport(db, { format: 'openai-chat' }, out);
  assert.equal(m.report.scanned, 500);
  assert.equal(m.report.written, 500);
  assert.ok(m.elapsedMs > 0 && m.peakRssBytes >= m.startRssBytes && m.peakHeapUsedBytes >= m.startHeapUsedBytes);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 500);
  assert.equal(m.bytesWritten, Buffer.byteLength(lines.join('\n')) + 1);
  const first = JSON.parse(lines[0]!) as { messages: { role: string }[] };
  assert.deepEqual(first.messages.map((x) => x.role), ['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant']);
  for (const l of lines.slice(0, 20)) assert.deepEqual(TARGET_PROBLEMS['openai-chat']!(JSON.parse(l)), []);
  const perCall = await measureExport(db, { format: 'openai-chat', per: 'call' });
  assert.equal(perCall.report.written, 2000);
});
