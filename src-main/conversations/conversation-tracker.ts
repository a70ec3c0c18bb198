import type { HeaderPairs } from '../contract/exchange.js';
import type { LlmRequest, LlmResponse } from '../contract/llm.js';
import { explicitSessionId, previousResponseId, sessionConversationId, tagOf, userNamespace } from './hints.js';
import { fingerprint } from './message-fingerprint.js';

export interface ConversationTrackerOptions {
  /** conversations kept in memory for matching (least recently used ones are forgotten first) */
  maxLive: number;
  /** a conversation idle this long no longer absorbs new calls by history matching */
  idleTtlMs: number;
  /** the clock; without it each call's own `startedAt` is its time (so re-deriving stored exchanges groups alike) */
  now?: () => number;
}

export interface AssignInput {
  exchangeId: number;
  startedAt: number;
  provider: string;
  api: string;
  requestHeaders: HeaderPairs;
  request: LlmRequest | null;
  response: LlmResponse | null;
}

export interface Assignment {
  conversationId: string;
  /** position of the call in its conversation, from 1 */
  turn: number;
  tag: string | null;
}

export interface ConversationStats {
  /** conversations held for matching */
  live: number;
  /** conversations forgotten (least recently used beyond maxLive, or idle beyond idleTtlMs) */
  evicted: number;
  /** calls that joined an existing conversation */
  hits: number;
  /** calls that started a conversation */
  misses: number;
}

interface Conversation {
  id: string;
  turns: number;
  lastSeen: number;
  /** history keys registered for it (bounded; oldest dropped first) */
  keys: string[];
  /** an explicit session: the id itself says which calls belong, so idleness never ends it (only LRU does) */
  pinned: boolean;
}

interface ResponseLink {
  conversationId: string;
  turn: number;
}

/** history keys kept per conversation (two per call: its last ~16 calls can be continued, retried or branched from) */
const KEYS_PER_CONVERSATION = 32;
/** responseId links kept, as a multiple of maxLive */
const RESPONSE_LINKS_PER_CONVERSATION = 4;

/**
 * Groups finished exchanges into conversations, one `assign` per exchange in capture order. Pure and synchronous;
 * each call costs time linear in its own message history plus a few Map operations (no scans of past exchanges).
 *
 * Rules, first that applies:
 * 1. Explicit session id (`X-LLM-Inspector-Session`, `Helicone-Session-Id`, then the request's `hints.sessionId`) →
 *    `s:<hash of the id>`; turn = calls seen in it + 1.
 * 2. `previous_response_id` naming a response seen earlier → that response's conversation (links are kept in their
 *    own LRU of `RESPONSE_LINKS_PER_CONVERSATION × maxLive` entries and survive idleness: the link is explicit).
 * 3. History matching (see message-fingerprint.ts for the normalisation): every call registers two keys for its
 *    conversation — its request history (when that contains an assistant turn) and its history + the assistant's
 *    reply (the point the next call continues from). A call whose history, cut after any of its blocks that follow
 *    the first assistant turn, equals a registered key joins that key's conversation (longest cut first): the next
 *    turn of a chat, a tool-loop step, a retry, an edited last message (a branch) all land in the conversation.
 *    A history with no assistant turn never matches: identical first-turn prompts are separate conversations.
 *    Histories are namespaced by the end user (`hints.user`, `Helicone-User-Id`) so two users never merge; a user id
 *    is never used as a conversation id (it names a person, who has many chats).
 * 4. Otherwise a new conversation `c:<exchangeId>`, turn 1.
 * A conversation idle longer than `idleTtlMs` no longer matches by history (lazy check on lookup, plus a sweep every
 * `sweepEvery` calls); at most `maxLive` conversations are kept, least recently used forgotten first.
 */
export class ConversationTracker {
  private readonly maxLive: number;
  private readonly idleTtlMs: number;
  private readonly now: (() => number) | null;
  private readonly sweepEvery: number;
  private readonly maxResponseLinks: number;
  /** live conversations, least recently used first */
  private readonly conversations = new Map<string, Conversation>();
  /** history key → conversation */
  private readonly byKey = new Map<string, Conversation>();
  /** responseId → conversation, least recently registered first */
  private readonly byResponse = new Map<string, ResponseLink>();
  private calls = 0;
  private evicted = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: ConversationTrackerOptions) {
    const maxLive = Math.floor(Number(options?.maxLive));
    const ttl = Number(options?.idleTtlMs);
    this.maxLive = Number.isFinite(maxLive) && maxLive >= 1 ? maxLive : 10_000;
    this.idleTtlMs = Number.isFinite(ttl) && ttl >= 0 ? ttl : 3_600_000;
    this.now = typeof options?.now === 'function' ? options.now : null;
    this.sweepEvery = Math.max(256, this.maxLive >> 3);
    this.maxResponseLinks = this.maxLive * RESPONSE_LINKS_PER_CONVERSATION;
  }

  assign(input: AssignInput): Assignment {
    let tag: string | null = null;
    try {
      tag = tagOf(input?.requestHeaders, input?.request);
    } catch {
      tag = null;
    }
    try {
      return { ...this.place(input), tag };
    } catch {
      // malformed input the checks above did not foresee: a conversation of its own rather than a failed ingest
      this.misses++;
      return { conversationId: this.newId(input), turn: 1, tag };
    }
  }

  stats(): ConversationStats {
    return { live: this.conversations.size, evicted: this.evicted, hits: this.hits, misses: this.misses };
  }

  /** `c:<exchangeId>`; an id that is not a number (malformed input) gets a serial of its own instead. */
  private newId(input: AssignInput): string {
    let id: unknown;
    try {
      id = input?.exchangeId;
    } catch {
      id = undefined;
    }
    return typeof id === 'number' && Number.isFinite(id) ? 'c:' + String(id) : 'c:x' + String(this.calls);
  }

  private clock(input: AssignInput): number {
    if (this.now !== null) return this.now();
    const t = input.startedAt;
    return typeof t === 'number' && Number.isFinite(t) ? t : Date.now();
  }

  private place(input: AssignInput): { conversationId: string; turn: number } {
    const t = this.clock(input);
    if (++this.calls % this.sweepEvery === 0) this.sweep(t);
    const headers = input.requestHeaders;
    const request = input.request ?? null;
    const response = input.response ?? null;

    let convo: Conversation | undefined;
    const sessionId = explicitSessionId(headers, request);
    if (sessionId !== null) {
      const id = sessionConversationId(sessionId);
      convo = this.conversations.get(id);
      if (convo === undefined) convo = this.create(id, t, 0, true);
      else this.hits++;
    }
    if (convo === undefined) {
      const prev = previousResponseId(request);
      const link = prev === null ? undefined : this.byResponse.get(prev);
      if (link !== undefined) {
        convo = this.conversations.get(link.conversationId) ?? this.create(link.conversationId, t, link.turn, false, false);
        this.hits++;
      }
    }
    const fp = fingerprint(request?.messages, response?.message, 'u:' + (userNamespace(headers, request) ?? ''));
    if (convo === undefined) {
      for (const key of fp.candidates) {
        const c = this.byKey.get(key);
        if (c === undefined) continue;
        if (t - c.lastSeen > this.idleTtlMs) {
          if (!c.pinned) this.drop(c);
          continue;
        }
        convo = c;
        this.hits++;
        break;
      }
    }
    if (convo === undefined) convo = this.create(this.newId(input), t, 0, false);

    convo.turns++;
    if (t > convo.lastSeen) convo.lastSeen = t;
    this.conversations.delete(convo.id);
    this.conversations.set(convo.id, convo);
    if (fp.historyKey !== null) this.register(convo, fp.historyKey);
    if (fp.continuationKey !== null) this.register(convo, fp.continuationKey);
    const responseId = response?.responseId;
    if (typeof responseId === 'string' && responseId) this.link(responseId, convo);
    while (this.conversations.size > this.maxLive) {
      const oldest = this.conversations.values().next().value;
      if (oldest === undefined || oldest === convo) break;
      this.drop(oldest);
    }
    return { conversationId: convo.id, turn: convo.turns };
  }

  private create(id: string, t: number, turns: number, pinned: boolean, counts = true): Conversation {
    const existing = this.conversations.get(id);
    if (existing !== undefined) this.drop(existing, false); // the same exchange assigned again: start it afresh
    const c: Conversation = { id, turns, lastSeen: t, keys: [], pinned };
    this.conversations.set(id, c);
    if (counts) this.misses++;
    return c;
  }

  private register(c: Conversation, key: string): void {
    const owner = this.byKey.get(key);
    if (owner === c) return;
    // a key seen in another conversation moves to this, the latest one (identical histories: newest wins)
    this.byKey.set(key, c);
    c.keys.push(key);
    if (c.keys.length > KEYS_PER_CONVERSATION) {
      const old = c.keys.shift()!;
      if (this.byKey.get(old) === c) this.byKey.delete(old);
    }
  }

  private link(responseId: string, c: Conversation): void {
    this.byResponse.delete(responseId);
    this.byResponse.set(responseId, { conversationId: c.id, turn: c.turns });
    while (this.byResponse.size > this.maxResponseLinks) {
      const oldest = this.byResponse.keys().next().value;
      if (oldest === undefined) break;
      this.byResponse.delete(oldest);
    }
  }

  private drop(c: Conversation, count = true): void {
    for (const k of c.keys) if (this.byKey.get(k) === c) this.byKey.delete(k);
    c.keys = [];
    if (this.conversations.get(c.id) === c) this.conversations.delete(c.id);
    if (count) this.evicted++;
  }

  /** Forgets idle conversations from the least recently used end, stopping at the first one still fresh. */
  private sweep(t: number): void {
    for (const c of this.conversations.values()) {
      if (t - c.lastSeen <= this.idleTtlMs) break;
      if (!c.pinned) this.drop(c);
    }
  }
}
