import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ContentPart, LlmMessage } from '../../src-main/contract/llm.js';
import { ConversationTracker, type AssignInput } from '../../src-main/conversations/index.js';
import { assistant, request, response, sys, text, toolCall, toolResult, user } from './helpers.js';

type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; name: string; args: Record<string, string | number>; result: string };
interface Turn {
  user: string;
  reply: Reply;
}
interface Chat {
  turns: Turn[];
  user: string | null;
}

const replyArb: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 30 }) }),
  fc.record({
    kind: fc.constant('tool' as const),
    name: fc.constantFrom('search', 'read_file', 'write_file'),
    args: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
    result: fc.string({ maxLength: 40 }),
  }),
);
const chatArb: fc.Arbitrary<Chat> = fc.record({
  turns: fc.array(fc.record({ user: fc.string({ maxLength: 20 }), reply: replyArb }), { minLength: 1, maxLength: 6 }),
  user: fc.constantFrom(null, 'alice', 'bob'),
});

test('random interleavings of independent multi-turn chats are each reassembled', () => {
  fc.assert(
    fc.property(
      fc.array(chatArb, { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 60 }),
      fc.array(fc.constantFrom(null, 'You are helpful.', 'You are helpful. Today is Tuesday.'), { minLength: 1, maxLength: 5 }),
      (chats, picks, systems) => {
        const tr = new ConversationTracker({ maxLive: 100, idleTtlMs: 60_000, now: () => 0 });
        const state = chats.map(() => ({ history: [] as LlmMessage[], next: 0, pendingTool: null as { id: string; result: string } | null }));
        const got: Array<Array<{ id: string; turn: number }>> = chats.map(() => []);
        let exchangeId = 0;
        let pick = 0;
        for (;;) {
          const open = chats.map((c, i) => i).filter((i) => state[i]!.next < chats[i]!.turns.length);
          if (open.length === 0) break;
          const i = open[(picks[pick++] ?? 0) % open.length]!;
          const st = state[i]!;
          const chat = chats[i]!;
          const k = st.next++;
          const turn = chat.turns[k]!;
          const fresh: LlmMessage[] = [];
          if (st.pendingTool) fresh.push(toolResult(st.pendingTool.id, st.pendingTool.result));
          fresh.push(user(k === 0 ? `chat #${i}: ${turn.user}` : turn.user));
          const system = systems[exchangeId % systems.length] ?? null; // system prompt varies call to call
          const messages = [...(system === null ? [] : [sys(system)]), ...st.history, ...fresh];
          let reply: LlmMessage;
          if (turn.reply.kind === 'text') {
            reply = assistant(turn.reply.text);
            st.pendingTool = null;
          } else {
            const id = `call_${i}_${k}`;
            reply = { role: 'assistant', parts: [toolCall(id, turn.reply.name, turn.reply.args)] };
            st.pendingTool = { id, result: turn.reply.result };
          }
          const a = tr.assign({
            exchangeId: ++exchangeId,
            startedAt: exchangeId,
            provider: 'p',
            api: 'p.chat',
            requestHeaders: [],
            request: request(messages, { user: chat.user }),
            response: response(reply),
          });
          got[i]!.push({ id: a.conversationId, turn: a.turn });
          st.history.push(...fresh, reply);
        }
        const ids = got.map((g) => {
          const id = g[0]!.id;
          for (const x of g) assert.equal(x.id, id);
          assert.deepEqual(g.map((x) => x.turn), g.map((_, n) => n + 1));
          return id;
        });
        assert.equal(new Set(ids).size, chats.length);
      },
    ),
    { numRuns: 300 },
  );
});

/** anything, including null-prototype objects and bigints (String() of those throws) */
const junk = (): fc.Arbitrary<unknown> => fc.anything({ withNullPrototype: true, withBigInt: true, withBoxedValues: true });

const partArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string() }),
  fc.record({
    type: fc.constant('tool_call'),
    id: fc.option(fc.string()),
    name: fc.string(),
    arguments: fc.string(),
    parsed: fc.oneof(fc.constant(null), fc.jsonValue(), junk()),
  }),
  fc.record({ type: fc.constant('tool_result'), toolCallId: fc.option(fc.string()), name: fc.option(fc.string()), content: fc.string(), isError: fc.boolean() }),
  fc.record({ type: fc.constant('thinking'), text: fc.string(), signature: fc.option(fc.string()), redacted: fc.boolean() }),
  fc.record({ type: fc.constant('image'), mediaType: fc.option(fc.string()), url: fc.option(fc.string()) }),
  fc.record({ type: fc.constant('refusal'), text: fc.string() }),
  junk(),
);
const messageArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool'), parts: fc.array(partArb, { maxLength: 4 }) }),
  junk(),
);
const hintsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    user: fc.option(fc.constantFrom('alice', 'bob', '', '  ')),
    sessionId: fc.option(fc.constantFrom('s1', 's2', '')),
    previousResponseId: fc.option(fc.constantFrom('r1', 'r2', 'r3')),
    metadata: fc.option(fc.dictionary(fc.string(), fc.string())),
  }),
  junk(),
);
const requestArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.record({
    model: fc.option(fc.string()),
    stream: fc.boolean(),
    parameters: fc.constant({}),
    messages: fc.oneof(fc.constant([]), fc.array(messageArb, { maxLength: 6 })),
    tools: fc.constant([]),
    hints: hintsArb,
  }),
  junk(),
);
const responseArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.record({
    responseModel: fc.option(fc.string()),
    responseId: fc.option(fc.constantFrom('r1', 'r2', 'r3', '')),
    message: fc.option(fc.oneof(messageArb, fc.constant({ role: 'assistant', parts: [text('x')] }))),
    finishReason: fc.constant(null),
    usage: fc.constant(null),
    rawUsage: junk(),
    error: fc.constant(null),
    citations: fc.constant([]),
    complete: fc.boolean(),
  }),
  junk(),
);
const headersArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(
    fc.tuple(
      fc.constantFrom('X-LLM-Inspector-Session', 'Helicone-Session-Id', 'X-LLM-Inspector-Tag', 'Helicone-Property-Env', 'helicone-user-id', 'content-type'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 4 },
  ),
  junk(),
);
const inputArb: fc.Arbitrary<unknown> = fc.record({
  exchangeId: fc.oneof(fc.integer(), fc.constant(Number.NaN), junk()),
  startedAt: fc.oneof(fc.integer(), fc.double(), junk()),
  provider: fc.string(),
  api: fc.string(),
  requestHeaders: headersArb,
  request: requestArb,
  response: responseArb,
});

test('assign never throws and always answers sensibly, whatever it is given', () => {
  fc.assert(
    fc.property(fc.array(inputArb, { maxLength: 25 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (inputs, maxLive, times) => {
      let n = 0;
      const tr = new ConversationTracker({ maxLive, idleTtlMs: 1000, now: () => times[n++ % times.length]! });
      for (const input of inputs) {
        const a = tr.assign(input as AssignInput);
        assert.equal(typeof a.conversationId, 'string');
        assert.match(a.conversationId, /^[cs]:/);
        assert.ok(Number.isInteger(a.turn) && a.turn >= 1);
        assert.ok(a.tag === null || typeof a.tag === 'string');
      }
      const s = tr.stats();
      assert.ok(s.live <= maxLive);
      assert.equal(s.hits + s.misses, inputs.length);
    }),
    { numRuns: 300 },
  );
});

test('turn numbers count the calls of each conversation (no explicit links involved)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.boolean()), { maxLength: 40 }), (steps) => {
      // a few chats; each step either continues chat c (history known) or opens one with a repeated opening line
      const tr = new ConversationTracker({ maxLive: 1000, idleTtlMs: 1000, now: () => 0 });
      const histories: LlmMessage[][] = [[], [], [], []];
      const seen = new Map<string, number>();
      let id = 0;
      for (const [c, opening, keep] of steps) {
        const h = histories[c]!;
        const parts: ContentPart[] = [text(h.length === 0 ? `opening ${opening}` : `step ${h.length}`)];
        const msgs = [...h, { role: 'user' as const, parts }];
        const reply = assistant(`reply ${c} ${h.length}`);
        const a = tr.assign({ exchangeId: ++id, startedAt: 0, provider: 'p', api: 'a', requestHeaders: [], request: request(msgs), response: response(reply) });
        const count = (seen.get(a.conversationId) ?? 0) + 1;
        seen.set(a.conversationId, count);
        assert.equal(a.turn, count);
        histories[c] = keep ? [...msgs, reply] : [];
      }
    }),
    { numRuns: 200 },
  );
});
