import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LlmMessage } from '../../src-main/contract/llm.js';
import { ConversationTracker, measureAssign, sessionConversationId, tagOf } from '../../src-main/conversations/index.js';
import {
  anthropicExchange,
  assistant,
  call,
  geminiExchange,
  recorded,
  request,
  response,
  sys,
  text,
  toolCall,
  toolResult,
  user,
} from './helpers.js';

const TTL = 60_000;
function tracker(maxLive = 1000, clock?: { t: number }): ConversationTracker {
  return new ConversationTracker({ maxLive, idleTtlMs: TTL, now: clock ? () => clock.t : () => 0 });
}

test('anthropic tool loop (recorded): one conversation, turns 1..n', () => {
  const tr = tracker();
  const xs = recorded('anthropic/tool-loop.exchange.json');
  assert.equal(xs.length, 2);
  const out = xs.map((x, i) => tr.assign(anthropicExchange(x, 101 + i)));
  assert.deepEqual(out.map((o) => o.conversationId), ['c:101', 'c:101']);
  assert.deepEqual(out.map((o) => o.turn), [1, 2]);
  assert.deepEqual(out.map((o) => o.tag), [null, null]);
});

test('gemini automatic function calling (recorded): one conversation, turns 1..n', () => {
  const tr = tracker();
  const xs = recorded('gemini/function-calling-chat.exchange.json');
  assert.equal(xs.length, 4);
  const out = xs.map((x, i) => tr.assign(geminiExchange(x, 7 + i)));
  assert.deepEqual(out.map((o) => o.conversationId), ['c:7', 'c:7', 'c:7', 'c:7']);
  assert.deepEqual(out.map((o) => o.turn), [1, 2, 3, 4]);
  assert.deepEqual(tr.stats(), { live: 1, evicted: 0, hits: 3, misses: 1 });
});

test('the two recorded chats interleaved stay apart, each whole', () => {
  const tr = tracker();
  const a = recorded('anthropic/tool-loop.exchange.json').map((x, i) => anthropicExchange(x, 100 + i));
  const g = recorded('gemini/function-calling-chat.exchange.json').map((x, i) => geminiExchange(x, 200 + i));
  const order = [g[0]!, a[0]!, g[1]!, g[2]!, a[1]!, g[3]!];
  const ids = order.map((x) => [x.exchangeId, tr.assign(x).conversationId] as const);
  for (const [ex, id] of ids) assert.equal(id, ex < 200 ? 'c:100' : 'c:200');
});

test('two unrelated chats with the same system prompt do not merge', () => {
  const tr = tracker();
  const s = sys('You are a helpful assistant.');
  const a1 = tr.assign(call([s, user('What is the capital of France?')], assistant('Paris.')));
  const b1 = tr.assign(call([s, user('Write a haiku about rain.')], assistant('Soft rain on the roof')));
  assert.notEqual(a1.conversationId, b1.conversationId);
  const a2 = tr.assign(call([s, user('What is the capital of France?'), assistant('Paris.'), user('And of Spain?')], assistant('Madrid.')));
  const b2 = tr.assign(call([s, user('Write a haiku about rain.'), assistant('Soft rain on the roof'), user('Another')], assistant('x')));
  assert.equal(a2.conversationId, a1.conversationId);
  assert.equal(b2.conversationId, b1.conversationId);
  assert.deepEqual([a2.turn, b2.turn], [2, 2]);
});

test('identical single-turn prompts without hints are separate conversations', () => {
  const tr = tracker();
  const ids = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const r = tr.assign(call([sys('s'), user('Summarise this text: lorem ipsum')], assistant('Lorem ipsum, summarised.')));
    assert.equal(r.turn, 1);
    ids.add(r.conversationId);
  }
  assert.equal(ids.size, 5);
});

test('a system prompt edited between turns still continues the conversation', () => {
  const tr = tracker();
  const r1 = tr.assign(call([sys('You are terse. Date: Monday'), user('hi')], assistant('Hello.')));
  const r2 = tr.assign(
    call([{ role: 'developer', parts: [text('You are verbose. Date: Tuesday')] }, user('hi'), assistant('Hello.'), user('how are you')], assistant('Fine.')),
  );
  const r3 = tr.assign(call([user('hi'), assistant('Hello.'), user('how are you'), assistant('Fine.'), user('bye')], assistant('Bye.')));
  assert.equal(r2.conversationId, r1.conversationId);
  assert.equal(r3.conversationId, r1.conversationId);
  assert.deepEqual([r1.turn, r2.turn, r3.turn], [1, 2, 3]);
});

test('rewritten tool results, reformatted replies, dropped thinking and re-split messages still continue', () => {
  const tr = tracker();
  const call1: LlmMessage = {
    role: 'assistant',
    parts: [
      { type: 'thinking', text: 'I should look this up', signature: 'sig', redacted: false },
      text('Let me check.\n\n'),
      { type: 'tool_call', id: 'call_1', name: 'search', arguments: '{"q": "weather", "days": 2}', parsed: { q: 'weather', days: 2 } },
    ],
  };
  const r1 = tr.assign(call([user('weather?')], call1));
  // the client resends: reasoning dropped, text trimmed, args re-serialised with other key order, split into two messages
  const resent: LlmMessage[] = [
    { role: 'assistant', parts: [text('Let me check.')] },
    { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'search', arguments: '{"days":2,"q":"weather"}', parsed: { days: 2, q: 'weather' } }] },
  ];
  const r2 = tr.assign(call([user('weather?'), ...resent, toolResult('call_1', 'sunny, 21°C, a very long tool output ...')], assistant('It is sunny.')));
  // an agent clears the old tool output before the next turn
  const r3 = tr.assign(
    call([user('weather?'), ...resent, toolResult('call_1', '[old tool result cleared]'), assistant('It is  sunny.'), user('thanks')], assistant('You are welcome.')),
  );
  assert.equal(r2.conversationId, r1.conversationId);
  assert.equal(r3.conversationId, r1.conversationId);
  assert.deepEqual([r1.turn, r2.turn, r3.turn], [1, 2, 3]);
});

test('a branch (edited last message) and a retry of a later turn stay in the conversation', () => {
  const tr = tracker();
  const r1 = tr.assign(call([user('q1')], assistant('a1')));
  const r2 = tr.assign(call([user('q1'), assistant('a1'), user('q2')], assistant('a2')));
  const retry = tr.assign(call([user('q1'), assistant('a1'), user('q2')], null)); // failed retry: no reply
  const edited = tr.assign(call([user('q1'), assistant('a1'), user('q2, rephrased')], assistant('a2b')));
  const cont = tr.assign(call([user('q1'), assistant('a1'), user('q2, rephrased'), assistant('a2b'), user('q3')], assistant('a3')));
  for (const r of [r2, retry, edited, cont]) assert.equal(r.conversationId, r1.conversationId);
  assert.deepEqual([r1, r2, retry, edited, cont].map((r) => r.turn), [1, 2, 3, 4, 5]);
});

test('explicit session ids win over history; header order X-LLM-Inspector-Session, Helicone-Session-Id, hints.sessionId', () => {
  const tr = tracker();
  const h1 = tr.assign(call([user('hello')], assistant('hi')));
  assert.match(h1.conversationId, /^c:\d+$/);
  const s1 = tr.assign(call([user('hello'), assistant('hi'), user('more')], assistant('ok'), { headers: [['X-LLM-Inspector-Session', 'run-42']] }));
  assert.equal(s1.conversationId, sessionConversationId('run-42'));
  assert.match(s1.conversationId, /^s:[0-9a-f]{16}$/);
  assert.equal(s1.turn, 1);
  // unrelated content, same session: joins; header name case does not matter
  const s2 = tr.assign(call([user('something else entirely')], assistant('sure'), { headers: [['x-llm-inspector-session', 'run-42']] }));
  assert.deepEqual([s2.conversationId, s2.turn], [s1.conversationId, 2]);
  // ours beats Helicone's, Helicone's beats the body's hint
  const both = tr.assign(call([user('x')], null, { headers: [['Helicone-Session-Id', 'h-1'], ['X-LLM-Inspector-Session', 'run-42']] }));
  assert.deepEqual([both.conversationId, both.turn], [s1.conversationId, 3]);
  const hel = tr.assign(call([user('x')], null, { headers: [['Helicone-Session-Id', 'h-1']], hints: { sessionId: 'conv_9' } }));
  assert.equal(hel.conversationId, sessionConversationId('h-1'));
  const body = tr.assign(call([user('x')], null, { hints: { sessionId: 'conv_9' } }));
  assert.equal(body.conversationId, sessionConversationId('conv_9'));
  assert.notEqual(sessionConversationId('h-1'), sessionConversationId('conv_9'));
  // two sessions with identical histories stay apart
  const t1 = tr.assign(call([user('same')], assistant('same'), { headers: [['Helicone-Session-Id', 'A']] }));
  const t2 = tr.assign(call([user('same')], assistant('same'), { headers: [['Helicone-Session-Id', 'B']] }));
  assert.notEqual(t1.conversationId, t2.conversationId);
});

test('previous_response_id chains join, across idle time too; an unknown id starts a new conversation', () => {
  const clock = { t: 0 };
  const tr = tracker(1000, clock);
  const first = tr.assign(call([user('Tell me a story')], assistant('Once upon a time…'), { responseId: 'resp_1' }));
  const second = tr.assign(call([user('Make it longer')], assistant('Once upon a long time…'), { responseId: 'resp_2', hints: { previousResponseId: 'resp_1' } }));
  clock.t = 10 * TTL; // long idle: the explicit link still holds
  const third = tr.assign(call([user('Now shorter')], assistant('Once.'), { responseId: 'resp_3', hints: { previousResponseId: 'resp_2' } }));
  const fork = tr.assign(call([user('Alternative ending')], assistant('…'), { responseId: 'resp_4', hints: { previousResponseId: 'resp_1' } }));
  for (const r of [second, third, fork]) assert.equal(r.conversationId, first.conversationId);
  assert.deepEqual([first, second, third, fork].map((r) => r.turn), [1, 2, 3, 4]);
  const lost = tr.assign(call([user('Continue')], assistant('?'), { hints: { previousResponseId: 'resp_unknown' } }));
  assert.notEqual(lost.conversationId, first.conversationId);
  assert.equal(lost.turn, 1);
});

test('different users with identical histories stay apart; user ids never become conversation ids', () => {
  const tr = tracker();
  const a1 = tr.assign(call([user('Hi')], assistant('Hello! How can I help?'), { hints: { user: 'alice' } }));
  const b1 = tr.assign(call([user('Hi')], assistant('Hello! How can I help?'), { hints: { user: 'bob' } }));
  const a2 = tr.assign(call([user('Hi'), assistant('Hello! How can I help?'), user('weather')], assistant('…'), { hints: { user: 'alice' } }));
  const b2 = tr.assign(call([user('Hi'), assistant('Hello! How can I help?'), user('news')], assistant('…'), { hints: { user: 'bob' } }));
  // Helicone-User-Id namespaces too
  const c1 = tr.assign(call([user('Hi')], assistant('Hello! How can I help?'), { headers: [['Helicone-User-Id', 'carol']] }));
  const c2 = tr.assign(call([user('Hi'), assistant('Hello! How can I help?'), user('x')], assistant('…'), { headers: [['Helicone-User-Id', 'carol']] }));
  assert.equal(a2.conversationId, a1.conversationId);
  assert.equal(b2.conversationId, b1.conversationId);
  assert.equal(c2.conversationId, c1.conversationId);
  assert.equal(new Set([a1.conversationId, b1.conversationId, c1.conversationId]).size, 3);
  for (const r of [a1, b1, c1]) assert.match(r.conversationId, /^c:\d+$/);
  // the same user's two chats with different openings are still two conversations
  const a3 = tr.assign(call([user('Other chat')], assistant('Sure'), { hints: { user: 'alice' } }));
  assert.notEqual(a3.conversationId, a1.conversationId);
});

test('LRU: beyond maxLive the least recently used conversation is forgotten', () => {
  const tr = new ConversationTracker({ maxLive: 2, idleTtlMs: TTL, now: () => 0 });
  const a = tr.assign(call([user('A')], assistant('a')));
  const b = tr.assign(call([user('B')], assistant('b')));
  tr.assign(call([user('A'), assistant('a'), user('A2')], assistant('a2'))); // touches A: B is now the oldest
  const c = tr.assign(call([user('C')], assistant('c'))); // evicts B
  assert.deepEqual(tr.stats(), { live: 2, evicted: 1, hits: 1, misses: 3 });
  const a3 = tr.assign(call([user('A'), assistant('a'), user('A2'), assistant('a2'), user('A3')], assistant('a3')));
  assert.deepEqual([a3.conversationId, a3.turn], [a.conversationId, 3]);
  const b2 = tr.assign(call([user('B'), assistant('b'), user('B2')], assistant('b2')));
  assert.notEqual(b2.conversationId, b.conversationId);
  assert.equal(b2.turn, 1);
  assert.notEqual(c.conversationId, a.conversationId);
});

test('TTL: an idle conversation no longer matches by history; explicit sessions keep counting', () => {
  const clock = { t: 1_000 };
  const tr = tracker(1000, clock);
  const a1 = tr.assign(call([user('A')], assistant('a')));
  const s1 = tr.assign(call([user('S')], assistant('s'), { headers: [['X-LLM-Inspector-Session', 'sess']] }));
  clock.t += TTL; // exactly the TTL: still live
  const a2 = tr.assign(call([user('A'), assistant('a'), user('A2')], assistant('a2')));
  assert.deepEqual([a2.conversationId, a2.turn], [a1.conversationId, 2]);
  clock.t += TTL + 1;
  const a3 = tr.assign(call([user('A'), assistant('a'), user('A2'), assistant('a2'), user('A3')], assistant('a3')));
  assert.notEqual(a3.conversationId, a1.conversationId);
  assert.equal(a3.turn, 1);
  const s2 = tr.assign(call([user('S'), assistant('s'), user('S2')], assistant('s2'), { headers: [['X-LLM-Inspector-Session', 'sess']] }));
  assert.deepEqual([s2.conversationId, s2.turn], [s1.conversationId, 2]);
  // the conversation a3 started continues normally
  const a4 = tr.assign(call([user('A'), assistant('a'), user('A2'), assistant('a2'), user('A3'), assistant('a3'), user('A4')], assistant('a4')));
  assert.deepEqual([a4.conversationId, a4.turn], [a3.conversationId, 2]);
});

test('TTL: the periodic sweep forgets idle conversations without being asked about them', () => {
  const clock = { t: 0 };
  const tr = tracker(1000, clock); // sweeps every 256 calls
  for (let i = 0; i < 50; i++) tr.assign(call([user('old ' + i)], assistant('r')));
  assert.equal(tr.stats().live, 50);
  clock.t = TTL * 2;
  for (let i = 0; i < 300; i++) tr.assign(call([user('new ' + i)], assistant('r')));
  const s = tr.stats();
  assert.equal(s.evicted, 50);
  assert.equal(s.live, 300);
});

test('without an injected clock each call is timed by its own startedAt', () => {
  const tr = new ConversationTracker({ maxLive: 100, idleTtlMs: TTL });
  const first = call([user('A')], assistant('a'));
  first.startedAt = 1_000;
  const r1 = tr.assign(first);
  const next = call([user('A'), assistant('a'), user('B')], assistant('b'));
  next.startedAt = 1_000 + TTL + 1;
  const r2 = tr.assign(next);
  assert.notEqual(r2.conversationId, r1.conversationId);
});

test('tags: own header, else Helicone properties, else request metadata; null when none', () => {
  const tr = tracker();
  const own = tr.assign(call([user('a')], null, { headers: [['X-LLM-Inspector-Tag', ' nightly-eval '], ['Helicone-Property-Env', 'prod']] }));
  assert.equal(own.tag, 'nightly-eval');
  const props = tr.assign(
    call([user('a')], null, {
      headers: [['Helicone-Property-Env', 'prod'], ['helicone-property-App', 'shop'], ['Helicone-Property-Env', 'dup']],
      hints: { metadata: { agent_id: 'x' } },
    }),
  );
  assert.equal(props.tag, 'app=shop,env=prod');
  const meta = tr.assign(call([user('a')], null, { hints: { metadata: { microdao_id: 'microdao:7', agent_id: 'agent:sofia' } } }));
  assert.equal(meta.tag, 'agent_id=agent:sofia,microdao_id=microdao:7');
  const ids = tr.assign(call([user('a')], null, { hints: { metadata: { user_id: 'user_abc_account_1_session_2', Session_Id: 's', env: 'ci' } } }));
  assert.equal(ids.tag, 'env=ci');
  const onlyIds = tr.assign(call([user('a')], null, { hints: { metadata: { user_id: 'user_abc' } } }));
  assert.equal(onlyIds.tag, null);
  const none = tr.assign(call([user('a')], null, { headers: [['content-type', 'application/json']], hints: { metadata: {} } }));
  assert.equal(none.tag, null);
  assert.equal(tagOf([], null), null);
});

test('null request / response and empty messages never throw', () => {
  const tr = tracker();
  const base = { startedAt: 0, provider: 'p', api: 'a', requestHeaders: [] as [string, string][] };
  const r1 = tr.assign({ ...base, exchangeId: 1, request: null, response: null });
  const r2 = tr.assign({ ...base, exchangeId: 2, request: request([]), response: response(null) });
  const r3 = tr.assign({ ...base, exchangeId: 3, request: null, response: response(assistant('x')) });
  assert.deepEqual([r1, r2, r3].map((r) => [r.conversationId, r.turn]), [['c:1', 1], ['c:2', 1], ['c:3', 1]]);
});

test('tool-call arguments that differ make different histories', () => {
  const tr = tracker();
  const r1 = tr.assign(call([user('go')], { role: 'assistant', parts: [toolCall('c1', 'f', { x: 1 })] }));
  const r2 = tr.assign(call([user('go'), { role: 'assistant', parts: [toolCall('c1', 'f', { x: 2 })] }, toolResult('c1', 'ok')], assistant('done')));
  assert.notEqual(r2.conversationId, r1.conversationId);
});

test('measureAssign runs the synthetic workload', () => {
  const m = measureAssign(2_000, { concurrent: 50, turnsPerChat: 5 });
  assert.equal(m.calls, 2_000);
  assert.equal(m.conversations, 2_000 / 5);
  assert.equal(m.stats.misses, 400);
  assert.equal(m.stats.hits, 1_600);
  assert.ok(m.perCallUs >= 0);
});
