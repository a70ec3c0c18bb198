// Dataset export from a store filled by replaying the recorded fixtures through the real proxy: every target's lines
// pass that target's independent schema (tests/export/target-schemas.ts), agent loops export once per conversation,
// tool loops cross providers (Anthropic → OpenAI, OpenAI → Bedrock/Gemini), thinking is stripped or kept per target,
// and selection, dedupe, DPO pairs, strict mode, PII scrubbing and token limits do what the report says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExportOptionsSchema, type ExportOptionsInput, type ExportReport } from '../../src-main/contract/index.js';
import { ExportOptionError } from '../../src-main/export/export-options.js';
import { runExport } from '../../src-main/export/run-export.js';
import { ExportSource } from '../../src-main/export/source.js';
import { captureCorpus, type CapturedCorpus } from './capture.js';
import { TARGET_PROBLEMS } from './target-schemas.js';

let corpus: CapturedCorpus;
let source: ExportSource;

before(async () => {
  corpus = await captureCorpus();
  // exports read the live database while the inspector keeps it open, as `export` does next to `serve`
  source = ExportSource.open(corpus.dbPath);
});

after(async () => {
  source?.close();
  await corpus?.close();
});

type Line = Record<string, unknown> & { messages?: Record<string, unknown>[] };

async function run(input: ExportOptionsInput): Promise<{ lines: Line[]; report: ExportReport }> {
  const lines: Line[] = [];
  const report = await runExport(source, ExportOptionsSchema.parse({ minExamples: 0, ...input }), { line: (l) => void lines.push(JSON.parse(l) as Line) });
  return { lines, report };
}

const ids = (name: string): number[] => {
  const xs = corpus.byCase.get(name);
  assert.ok(xs, `captured ${name}`);
  return xs.map((x) => x.id);
};

describe('every target', () => {
  for (const format of Object.keys(TARGET_PROBLEMS)) {
    for (const per of ['conversation', 'call'] as const) {
      test(`${format}, one example per ${per}: every line passes the target's own rules`, async () => {
        const { lines, report } = await run({ format: format as ExportOptionsInput['format'], per });
        assert.ok(report.ok);
        assert.ok(lines.length > (format === 'openai-dpo' ? 0 : 20), `${format}: ${lines.length} lines`);
        for (const [i, line] of lines.entries()) assert.deepEqual(TARGET_PROBLEMS[format]!(line), [], `${format} line ${i + 1}: ${JSON.stringify(line).slice(0, 300)}`);
        assert.equal(report.written, lines.length);
      });
    }
  }
});

test('agent loops: one example per conversation holds the whole loop; per call repeats each prefix', async () => {
  const anthropic = ids('anthropic/tool-loop.exchange.json');
  const perConvo = await run({ ids: anthropic });
  assert.equal(perConvo.lines.length, 1);
  assert.deepEqual(perConvo.lines[0]!.messages!.map((m) => m['role']), ['user', 'assistant', 'tool', 'assistant']);
  const perCall = await run({ ids: anthropic, per: 'call' });
  assert.equal(perCall.lines.length, 2);
  const gemini = await run({ ids: ids('gemini/function-calling-chat.exchange.json') });
  assert.equal(gemini.lines.length, 1, 'four calls, one conversation, one example');
  assert.deepEqual(gemini.lines[0]!.messages!.map((m) => m['role']), ['user', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'tool', 'assistant']);
});

test('an Anthropic tool loop exports to OpenAI: JSON-string arguments, the tool turn answers the call id', async () => {
  const { lines } = await run({ ids: ids('anthropic/tool-loop.exchange.json') });
  const [user, call, result, final] = lines[0]!.messages! as Record<string, unknown>[];
  assert.equal(user!['content'], 'Use the test_tool with value "test", then provide a final response');
  const tc = (call!['tool_calls'] as { id: string; function: { name: string; arguments: string } }[])[0]!;
  assert.equal(tc.id, 'toolu_011LF2VkWpAfJnTKJcmh1PNf');
  assert.equal(typeof tc.function.arguments, 'string');
  assert.deepEqual(JSON.parse(tc.function.arguments), { value: 'test' });
  assert.deepEqual(result, { role: 'tool', tool_call_id: tc.id, content: 'Tool result' });
  assert.match(String(final!['content']), /successfully executed the test_tool/);
  assert.equal(lines[0]!['parallel_tool_calls'], false);
  assert.equal((lines[0]!['tools'] as { function: { name: string } }[])[0]!.function.name, 'test_tool');
});

test('a Gemini loop (no call ids) exports to OpenAI with made-up ids its tool turns answer', async () => {
  const { lines } = await run({ ids: ids('gemini/function-calling-chat.exchange.json') });
  const msgs = lines[0]!.messages!;
  const calls = msgs.flatMap((m) => (m['tool_calls'] as { id: string }[] | undefined) ?? []).map((c) => c.id);
  assert.deepEqual(calls, ['call_1', 'call_2']);
  assert.deepEqual(msgs.filter((m) => m['role'] === 'tool').map((m) => m['tool_call_id']), ['call_1', 'call_2']);
});

test('an OpenAI tool loop exports to Bedrock Claude (text only, tool turns dropped and reported) and Gemini (functionCall/functionResponse)', async () => {
  const loop = ids('composed/openai-tool-loop');
  const bedrock = await run({ ids: loop, format: 'bedrock-claude' });
  assert.equal(bedrock.lines.length, 1);
  assert.match(String(bedrock.lines[0]!['system']), /weather assistant/);
  assert.deepEqual((bedrock.lines[0]!.messages as { role: string }[]).map((m) => m.role), ['user', 'assistant']);
  assert.equal(bedrock.report.fixed['tools_dropped'], 1);
  assert.ok(bedrock.report.issues.some((i) => i.code === 'tools_dropped' && i.line === 1 && i.exchangeId === loop[1]));
  const vertex = await run({ ids: loop, format: 'vertex-gemini' });
  const contents = vertex.lines[0]!['contents'] as { role: string; parts: Record<string, unknown>[] }[];
  assert.deepEqual(contents.map((c) => c.role), ['user', 'model', 'user', 'model']);
  assert.deepEqual(contents[1]!.parts, [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } } }]);
  assert.deepEqual(contents[2]!.parts, [{ functionResponse: { name: 'weather', response: { temp_c: 18, sky: 'fog' } } }]);
  assert.deepEqual(vertex.lines[0]!['systemInstruction'], { role: 'system', parts: [{ text: 'You are a weather assistant. Contact ops at ops-team@example.com or +1 415 555 0100.' }] });
});

test('thinking is stripped by default, kept where the target can carry it, refused where it cannot', async () => {
  const loop = ids('composed/openai-tool-loop');
  const strip = await run({ ids: [loop[0]!], format: 'trl-messages' });
  assert.ok(strip.lines[0]!.messages!.every((m) => !('reasoning_content' in m)));
  // the first call's reply carries DeepSeek's reasoning (clients drop it from the history the second call sends)
  const keep = await run({ ids: [loop[0]!], format: 'trl-messages', thinking: 'keep' });
  assert.match(String(keep.lines[0]!.messages!.find((m) => m['role'] === 'assistant')!['reasoning_content']), /weather tool available/);
  const share = await run({ ids: ids('anthropic/messages-thinking.json'), format: 'sharegpt', thinking: 'keep' });
  assert.match(String((share.lines[0]!['conversations'] as { value: string }[])[1]!.value), /^<think>\n[\s\S]+\n<\/think>\n\n/);
  await assert.rejects(run({ ids: loop, format: 'openai-chat', thinking: 'keep' }), ExportOptionError);
});

test('selection: failed calls are left out and counted unless asked for; ids and filters narrow', async () => {
  const failed = ids('composed/failed')[0]!;
  const all = await run({});
  assert.ok(all.report.erroredExcluded >= 1);
  const only = await run({ ids: [failed] });
  assert.equal(only.lines.length, 0);
  assert.equal(only.report.erroredExcluded, 1);
  const kept = await run({ ids: [failed], includeErrors: true });
  assert.equal(kept.report.scanned, 1);
  assert.equal(kept.report.skipped['no_reply'], 1, 'an error body has no reply to train on');
  const anthropic = await run({ provider: 'anthropic', per: 'call' });
  const expected = [...corpus.byCase.values()].flat().filter((x) => x.provider === 'anthropic' && x.state === 'complete' && (x.status ?? 0) < 400).length;
  assert.equal(anthropic.report.scanned, expected);
});

test('identical examples are written once', async () => {
  const dedup = await run({ per: 'call' });
  const all = await run({ per: 'call', dedupe: false });
  assert.ok(dedup.report.duplicates > 0);
  assert.equal(all.lines.length - dedup.lines.length, dedup.report.duplicates);
  assert.equal(new Set(dedup.lines.map((l) => JSON.stringify(l))).size, dedup.lines.length);
});

test('DPO: a resend becomes a preference pair; explicit pairs choose; different prompts are refused', async () => {
  const [first, second] = ids('composed/resend') as [number, number];
  const auto = await run({ format: 'openai-dpo', ids: [first, second] });
  assert.equal(auto.lines.length, 1);
  const line = auto.lines[0]! as { input: { messages: unknown[] }; preferred_output: { content: string }[]; non_preferred_output: { content: string }[] };
  assert.deepEqual(line.input.messages, [{ role: 'user', content: 'Write a haiku about fog.' }]);
  assert.match(line.preferred_output[0]!.content, /Holiday Name/, 'latest reply preferred');
  assert.match(line.non_preferred_output[0]!.content, /San Francisco/);
  const earliest = await run({ format: 'openai-dpo', ids: [first, second], dpoPrefer: 'earliest' });
  assert.deepEqual((earliest.lines[0] as typeof line).preferred_output, line.non_preferred_output);
  const explicit = await run({ format: 'openai-dpo', pairs: `${first}:${second}` });
  assert.deepEqual((explicit.lines[0] as typeof line).preferred_output, line.non_preferred_output);
  const other = ids('composed/openai-tool-loop')[1]!;
  const mismatched = await run({ format: 'openai-dpo', pairs: `${first}:${other}` });
  assert.equal(mismatched.lines.length, 0);
  assert.equal(mismatched.report.dropped['pair_prompts_differ'], 1);
});

test('--strict fails on the first example that needs a fix, and below the minimum example count', async () => {
  const loop = ids('composed/openai-tool-loop');
  const strict = await run({ ids: loop, format: 'bedrock-claude', strict: true });
  assert.equal(strict.report.ok, false);
  assert.match(strict.report.failure ?? '', /--strict: exchange \d+ would be changed: .*tools_dropped/);
  assert.equal(strict.lines.length, 0);
  const clean = await run({ ids: ids('anthropic/tool-loop.exchange.json'), strict: true, minExamples: 0 });
  assert.equal(clean.report.ok, true);
  const few = await run({ ids: ids('anthropic/tool-loop.exchange.json'), strict: true, minExamples: 10 });
  assert.equal(few.report.ok, false);
  assert.match(few.report.failure ?? '', /1 examples written; openai-chat training needs at least 10/);
  const warned = await run({ ids: ids('anthropic/tool-loop.exchange.json'), minExamples: 10 });
  assert.equal(warned.report.ok, true);
  assert.equal(warned.report.warnings['too_few_examples'], 1);
});

test('PII scrubbing replaces emails, phone numbers and keys in message text, with counts', async () => {
  const { lines, report } = await run({ ids: ids('composed/openai-tool-loop'), scrubPii: true });
  const system = String(lines[0]!.messages![0]!['content']);
  assert.equal(system, 'You are a weather assistant. Contact ops at [EMAIL] or [PHONE].');
  assert.deepEqual(report.pii, { email: 1, phone: 1, apiKey: 0 });
  const plain = await run({ ids: ids('composed/openai-tool-loop') });
  assert.match(String(plain.lines[0]!.messages![0]!['content']), /ops-team@example\.com/);
});

test('token counts: a warning per example over the limit, or a drop when asked', async () => {
  const warn = await run({ ids: ids('composed/openai-tool-loop'), maxTokens: 50 });
  assert.equal(warn.lines.length, 1);
  assert.equal(warn.report.tokens.overLimit, 1);
  assert.ok(warn.report.tokens.max > 50);
  assert.ok(warn.report.issues.some((i) => i.code === 'over_token_limit' && i.action === 'warning' && i.line === 1));
  const drop = await run({ ids: ids('composed/openai-tool-loop'), maxTokens: 50, dropOverLimit: true });
  assert.equal(drop.lines.length, 0);
  assert.equal(drop.report.dropped['over_token_limit'], 1);
});

test('starred: only the starred exchanges are exported (the same lines as selecting them by id)', async () => {
  const anthropic = ids('anthropic/tool-loop.exchange.json');
  const gemini = ids('gemini/function-calling-chat.exchange.json');
  const chosen = [anthropic[anthropic.length - 1]!, gemini[gemini.length - 1]!];
  const svc = corpus.t.inspector.service;
  for (const id of chosen) assert.equal((await svc.call('exchanges.star', { id, starred: true })).starred, true);
  try {
    assert.equal(ExportOptionsSchema.parse({ starred: 'true' }).starred, true);
    const starred = await run({ starred: true, per: 'call' });
    assert.equal(starred.report.scanned, 2);
    assert.equal(starred.lines.length, 2);
    const byIds = await run({ ids: chosen, per: 'call' });
    assert.deepEqual(starred.lines, byIds.lines);
    // narrowed further by explicit ids, like any other filter
    assert.equal((await run({ starred: true, ids: [chosen[0]!, anthropic[0]!], per: 'call' })).lines.length, 1);
  } finally {
    for (const id of chosen) await svc.call('exchanges.star', { id, starred: false });
  }
  assert.equal((await run({ starred: true })).lines.length, 0);
});
