import type { LlmMessage, LlmRequest, LlmResponse } from '../contract/llm.js';
import { ConversationTracker, type ConversationStats } from './conversation-tracker.js';

export interface AssignMeasurement {
  calls: number;
  /** wall time of the assign calls only (building the synthetic inputs is excluded) */
  totalMs: number;
  /** mean microseconds per assign */
  perCallUs: number;
  /** distinct conversation ids handed out */
  conversations: number;
  stats: ConversationStats;
}

/**
 * Assigns `n` synthetic calls and times them, for the bench harness (per-call cost should stay flat from 1k to 100k
 * calls). `concurrent` chats are interleaved round-robin; each runs `turnsPerChat` calls (history grows by a user
 * message and an assistant reply per call, with a 2 kB system prompt and a tool call every third turn) and is then
 * replaced by a new chat, so the history length, and with it the hashing work per call, stays bounded.
 */
export function measureAssign(n: number, options: { concurrent?: number; turnsPerChat?: number; maxLive?: number } = {}): AssignMeasurement {
  const concurrent = Math.max(1, options.concurrent ?? 500);
  const turnsPerChat = Math.max(1, options.turnsPerChat ?? 8);
  const tracker = new ConversationTracker({ maxLive: options.maxLive ?? 10_000, idleTtlMs: 3_600_000, now: () => 0 });
  const system: LlmMessage = { role: 'system', parts: [{ type: 'text', text: 'You are a helpful assistant. '.repeat(70) }] };
  const chats: Array<{ serial: number; history: LlmMessage[]; turn: number }> = [];
  for (let i = 0; i < concurrent; i++) chats.push({ serial: i, history: [], turn: 0 });
  let nextSerial = concurrent;
  const ids = new Set<string>();
  let totalMs = 0;
  for (let call = 0; call < n; call++) {
    const chat = chats[call % concurrent]!;
    if (chat.turn === turnsPerChat) {
      chat.serial = nextSerial++;
      chat.history = [];
      chat.turn = 0;
    }
    chat.turn++;
    chat.history.push({ role: 'user', parts: [{ type: 'text', text: `chat ${chat.serial} question ${chat.turn}: how does step ${chat.turn} work?` }] });
    const request: LlmRequest = {
      model: 'synthetic-model',
      stream: false,
      parameters: {},
      messages: [system, ...chat.history],
      tools: [],
      hints: { user: null, sessionId: null, previousResponseId: null, metadata: null },
    };
    const reply: LlmMessage =
      chat.turn % 3 === 0
        ? { role: 'assistant', parts: [{ type: 'tool_call', id: `call_${chat.serial}_${chat.turn}`, name: 'lookup', arguments: `{"q":"step ${chat.turn}"}`, parsed: { q: `step ${chat.turn}` } }] }
        : { role: 'assistant', parts: [{ type: 'text', text: `Answer ${chat.turn} for chat ${chat.serial}: it works like this, in some detail.` }] };
    const response: LlmResponse = {
      responseModel: 'synthetic-model', responseId: `resp_${call}`, message: reply, finishReason: 'stop', usage: null,
      rawUsage: null, error: null, citations: [], complete: true,
    };
    const started = performance.now();
    const a = tracker.assign({ exchangeId: call + 1, startedAt: call, provider: 'openai', api: 'openai.chat', requestHeaders: [], request, response });
    totalMs += performance.now() - started;
    ids.add(a.conversationId);
    chat.history.push(reply);
    if (chat.turn % 3 === 0) {
      chat.history.push({ role: 'tool', parts: [{ type: 'tool_result', toolCallId: `call_${chat.serial}_${chat.turn}`, name: 'lookup', content: 'result', isError: false }] });
    }
  }
  return { calls: n, totalMs, perCallUs: n > 0 ? (totalMs * 1000) / n : 0, conversations: ids.size, stats: tracker.stats() };
}
