// The fix-and-validate pass and the PII scrubber on hand-made examples: what each rule fixes or drops (and says so),
// image limits, tool-call bookkeeping, alternation, and that PII patterns leave dates, ids and versions alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LlmMessage } from '../../src-main/contract/index.js';
import { exampleFromMessages, type Example } from '../../src-main/export/example.js';
import { emptyPiiCounts, scrubExample, scrubText } from '../../src-main/export/pii.js';
import { applyRules, type RuleOptions } from '../../src-main/export/rules.js';
import { bedrockClaudeTarget, openAiChatTarget, vertexGeminiTarget } from '../../src-main/export/targets/index.js';

const sft: RuleOptions = { thinking: 'strip', trainOn: 'all', mode: 'sft' };
const text = (role: LlmMessage['role'], t: string): LlmMessage => ({ role, parts: [{ type: 'text', text: t }] });
const call = (id: string | null, name: string, args: string): LlmMessage => ({
  role: 'assistant', parts: [{ type: 'tool_call', id, name, arguments: args, parsed: (() => { try { return JSON.parse(args) as unknown; } catch { return null; } })() }],
});
const result = (id: string | null, content: string, role: LlmMessage['role'] = 'tool', name: string | null = null): LlmMessage => ({
  role, parts: [{ type: 'tool_result', toolCallId: id, name, content, isError: false }],
});
const ex = (...messages: LlmMessage[]): Example => exampleFromMessages(messages, [], null);
const codes = (r: ReturnType<typeof applyRules>) => r.fixes.map((f) => `${f.action}:${f.code}`);

test('trailing turns after the last assistant turn are dropped; no assistant turn drops the example', () => {
  const r = applyRules(ex(text('user', 'hi'), text('assistant', 'hello'), text('user', 'and?')), openAiChatTarget.rules, sft);
  assert.deepEqual(codes(r), ['fixed:trailing_turns_dropped']);
  assert.equal(r.example!.messages.length, 2);
  const none = applyRules(ex(text('user', 'hi')), openAiChatTarget.rules, sft);
  assert.equal(none.example, null);
  assert.deepEqual(codes(none), ['dropped:no_assistant_turn']);
});

test('tool calls: unanswered ones in the middle are dropped, the final reply may call, orphans and broken JSON are dropped', () => {
  const r = applyRules(
    ex(text('user', 'go'), call('a', 'f', '{"x":1}'), text('user', 'never mind'), call('b', 'g', '{"y":'), result('zzz', 'orphan'), text('assistant', 'ok'), text('user', 'again'), call('c', 'f', '{}')),
    openAiChatTarget.rules, sft,
  );
  assert.deepEqual(codes(r).sort(), ['fixed:empty_turn', 'fixed:invalid_tool_arguments', 'fixed:orphan_tool_result', 'fixed:unanswered_tool_call'].sort());
  const roles = r.example!.messages.map((m) => m.role);
  assert.deepEqual(roles, ['user', 'user', 'assistant', 'user', 'assistant']);
  const last = r.example!.messages[4]!;
  assert.ok(last.role === 'assistant' && last.toolCalls[0]?.id === 'c', 'the final call stays: it is what is trained');
});

test('tool results without ids (Gemini, Ollama) answer the oldest open call of the same name', () => {
  const e = ex(text('user', 'go'), { role: 'assistant', parts: [...call(null, 'f', '{}').parts, ...call(null, 'g', '{}').parts] }, result(null, 'G', 'tool', 'g'), result(null, 'F', 'user', 'f'), text('assistant', 'done'));
  const calls = e.messages[1]!;
  assert.ok(calls.role === 'assistant');
  assert.deepEqual(calls.toolCalls.map((c) => c.id), ['call_1', 'call_2']);
  assert.deepEqual(e.messages.filter((m) => m.role === 'tool').map((m) => (m.role === 'tool' ? [m.toolCallId, m.content] : null)), [['call_2', 'G'], ['call_1', 'F']]);
  assert.deepEqual(applyRules(e, openAiChatTarget.rules, sft).fixes, []);
});

test('strict alternation targets: system hoisted, leading assistant dropped, consecutive turns merged', () => {
  const r = applyRules(ex(text('assistant', 'prefill'), text('user', 'a'), text('system', 'late system'), text('user', 'b'), text('assistant', 'x'), text('assistant', 'y')), bedrockClaudeTarget.rules, sft);
  assert.deepEqual(codes(r), ['fixed:system_merged', 'fixed:leading_turns_dropped', 'fixed:consecutive_turns_merged']);
  const m = r.example!.messages;
  assert.deepEqual(m.map((x) => x.role), ['system', 'user', 'assistant']);
  assert.ok(m[2]!.role === 'assistant' && m[2]!.text === 'x\n\ny');
});

test('images: text-only targets drop them; OpenAI limits types, schemes, size and count', () => {
  const img = (url: string): LlmMessage['parts'][number] => ({ type: 'image', url, mediaType: null });
  const png = `data:image/png;base64,${'A'.repeat(100)}`;
  const user: LlmMessage = { role: 'user', parts: [{ type: 'text', text: 'look' }, img(png), img('data:image/gif;base64,AAAA'), img('ftp://x/y.png'), ...Array.from({ length: 10 }, () => img('https://example.com/a.png'))] };
  const r = applyRules(ex(user, text('assistant', 'a cat')), openAiChatTarget.rules, sft);
  const kept = r.example!.messages[0]!;
  assert.ok(kept.role === 'user');
  assert.equal(kept.parts.filter((p) => p.type === 'image').length, 10);
  assert.match(r.fixes[0]!.message, /dropped 3 images: image\/gif images are not accepted.*; ftp URLs are not accepted.*; more than 10 images/);
  const big = applyRules(ex({ role: 'user', parts: [img(`data:image/png;base64,${'A'.repeat(14_000_000)}`), { type: 'text', text: 'x' }] }, text('assistant', 'y')), openAiChatTarget.rules, sft);
  assert.match(big.fixes[0]!.message, /over the 10485760-byte limit/);
  const textOnly = applyRules(ex(user, text('assistant', 'a cat')), bedrockClaudeTarget.rules, sft);
  assert.match(textOnly.fixes[0]!.message, /dropped 13 images: the target takes text only/);
  const vertex = applyRules(ex({ role: 'user', parts: [img('gs://bucket/a.png'), img('https://example.com/a.png')] }, text('assistant', 'y')), vertexGeminiTarget.rules, sft);
  assert.match(vertex.fixes[0]!.message, /dropped 1 image: https URLs are not accepted \(gs, data only\)/);
});

test('weights: train on the last assistant turn only', () => {
  const r = applyRules(ex(text('user', 'a'), text('assistant', 'b'), text('user', 'c'), text('assistant', 'd')), openAiChatTarget.rules, { ...sft, trainOn: 'last' });
  assert.deepEqual(r.example!.messages.filter((m) => m.role === 'assistant').map((m) => (m.role === 'assistant' ? m.weight : null)), [0, 1]);
});

test('PII: emails, phones and key-like strings are replaced and counted; dates, ids and versions are not', () => {
  const counts = emptyPiiCounts();
  const out = scrubText('Mail jane.doe+x@corp.example.co.uk, call (415) 555-0100 or +44 20 7946 0958; key sk-proj-abcdefghijklmnopqrstuvwx and AKIAABCDEFGHIJKLMNOP; Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345', counts);
  assert.equal(out, 'Mail [EMAIL], call [PHONE] or [PHONE]; key [API_KEY] and [API_KEY]; Authorization: Bearer [API_KEY]');
  assert.deepEqual(counts, { email: 1, phone: 2, apiKey: 3 });
  const safe = 'Released 2024-01-15 as v1.2.3, order 123456789, build 20240115, ticket #4521, 3.14159, [REDACTED sha256:96018835]';
  assert.equal(scrubText(safe, counts), safe);
});

test('PII scrubbing of an example keeps tool-call arguments valid JSON', () => {
  const e = ex(text('user', 'email bob@example.com'), call('a', 'send', '{"to":"bob@example.com","n":2}'), result('a', 'sent to bob@example.com'), text('assistant', 'Sent.'));
  const counts = scrubExample(e);
  assert.equal(counts.email, 3);
  const c = e.messages[1]!;
  assert.ok(c.role === 'assistant');
  assert.deepEqual(JSON.parse(c.toolCalls[0]!.arguments), { to: '[EMAIL]', n: 2 });
});
