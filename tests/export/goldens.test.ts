// Golden files per provider → target pair: the recorded fixtures (and the composed OpenAI tool loop / resend) captured
// through the proxy, exported with every target, compared byte for byte with tests/fixtures/export/. After an intended
// change, regenerate with UPDATE_EXPORT_GOLDENS=1 npm test and review the diff. Every golden also passes the target's
// independent schema, so a regenerated file cannot bless a broken line.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ExportOptionsSchema, type ExportOptionsInput } from '../../src-main/contract/index.js';
import { runExport } from '../../src-main/export/run-export.js';
import { ExportSource } from '../../src-main/export/source.js';
import { repoRoot } from '../support/fixtures.js';
import { captureCorpus, type CapturedCorpus } from './capture.js';
import { TARGET_PROBLEMS } from './target-schemas.js';

/** golden name → the captured case it exports (see tests/fixtures/export/MANIFEST.md for sources and licences) */
export const GOLDEN_CASES: Record<string, string> = {
  'anthropic-tool-loop': 'anthropic/tool-loop.exchange.json',
  'gemini-function-calling': 'gemini/function-calling-chat.exchange.json',
  'openai-tool-loop': 'composed/openai-tool-loop',
  'anthropic-thinking': 'anthropic/messages-thinking.json',
  'bedrock-converse-reasoning': 'bedrock/converse-reasoning.json',
  'ollama-chat-tools': 'ollama/chat-tools.json',
  'openai-responses-tool-call': 'openai/responses-reasoning-tool-call.sse',
  'mistral-stream-tool-call': 'mistral/chat-tool-call.sse',
};
const SFT = ['openai-chat', 'bedrock-claude', 'vertex-gemini', 'sharegpt', 'trl-messages'] as const;
const dir = join(repoRoot(), 'tests', 'fixtures', 'export');
const update = process.env['UPDATE_EXPORT_GOLDENS'] === '1';

let corpus: CapturedCorpus;
let source: ExportSource;
before(async () => {
  corpus = await captureCorpus();
  source = ExportSource.open(corpus.dbPath);
});
after(async () => {
  source?.close();
  await corpus?.close();
});

async function golden(file: string, caseName: string, opts: ExportOptionsInput): Promise<void> {
  const ids = corpus.byCase.get(caseName)?.map((x) => x.id);
  assert.ok(ids, caseName);
  const lines: string[] = [];
  await runExport(source, ExportOptionsSchema.parse({ ...opts, ids, minExamples: 0 }), { line: (l) => void lines.push(l) });
  const text = lines.map((l) => `${l}\n`).join('');
  for (const l of lines) assert.deepEqual(TARGET_PROBLEMS[String(opts.format)]!(JSON.parse(l)), [], `${file}: ${l.slice(0, 200)}`);
  const path = join(dir, file);
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `${file} missing: run with UPDATE_EXPORT_GOLDENS=1`);
  assert.equal(text, readFileSync(path, 'utf8'), `${file} differs from the golden`);
}

describe('goldens', () => {
  for (const [name, caseName] of Object.entries(GOLDEN_CASES)) {
    for (const format of SFT) test(`${name} → ${format}`, () => golden(`${name}.${format}.jsonl`, caseName, { format }));
  }
  test('anthropic-thinking → trl-messages, thinking kept', () => golden('anthropic-thinking.trl-messages.keep-thinking.jsonl', 'anthropic/messages-thinking.json', { format: 'trl-messages', thinking: 'keep' }));
  test('anthropic-thinking → sharegpt, thinking kept', () => golden('anthropic-thinking.sharegpt.keep-thinking.jsonl', 'anthropic/messages-thinking.json', { format: 'sharegpt', thinking: 'keep' }));
  test('openai-resend → openai-dpo', () => golden('openai-resend.openai-dpo.jsonl', 'composed/resend', { format: 'openai-dpo' }));
  test('openai-tool-loop → openai-chat, only the last turn trained', () => golden('openai-tool-loop.openai-chat.train-last.jsonl', 'composed/openai-tool-loop', { format: 'openai-chat', trainOn: 'last' }));
});
