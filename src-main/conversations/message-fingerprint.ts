import type { ContentPart, LlmMessage } from '../contract/llm.js';

/**
 * Conversation fingerprints: a request's message history as a chain of 64-bit hashes, one link per *turn block*.
 *
 * Normalisation (what makes two renderings of the same history hash alike):
 * - system / developer messages are left out, so an edited system prompt (or a Responses `instructions` change)
 *   does not split a conversation;
 * - roles reduce to two sides: assistant, and everything the client sends (user, tool); consecutive messages of one
 *   side are one block, so a reply stored as one assistant message matches the same reply resent as several items
 *   (Responses input items, OpenAI tool messages, Anthropic prefill + continuation);
 * - text and refusals: every text of a block, in order, with all whitespace removed (clients trim replies, join
 *   text parts with newlines or re-split them);
 * - tool calls: name + arguments in canonical JSON (sorted keys) when they parse, else the raw string without
 *   whitespace; the call id is left out (some SDKs synthesise ids, Gemini has none);
 * - tool results: only `toolCallId` + `name`, never the content — agents clear, truncate or summarise old tool
 *   outputs between turns, and the result is pinned down by the call it answers anyway;
 * - thinking parts are left out (Chat Completions never resends reasoning; others resend it encrypted or not at all);
 * - images count, their bytes do not.
 * Texts, tool calls, tool results and images are hashed as separate streams per block, so a client that reorders
 * text against tool calls (Chat Completions puts all text first) still matches.
 */

/** A 64-bit hash as two unsigned 32-bit lanes. */
export type Hash64 = readonly [number, number];

const SEP = 0x10001; // a "character" no UTF-16 unit can be: unambiguous separator
const TOOL_CALL = 0x10002;
const TOOL_RESULT = 0x10003;
const IMAGE = 0x10004;
const MAX_JSON_DEPTH = 64;

/** Streaming hasher: lane a is murmur3-style (rotations), lane b multiply-xor (cyrb53-style), different constants. */
class Hasher {
  a: number;
  b: number;
  constructor(seed = 0) {
    this.a = (0x9747b28c ^ seed) | 0;
    this.b = (0x41c6ce57 ^ Math.imul(seed, 0x2c1b3c6d)) | 0;
  }

  unit(c: number): void {
    let k = Math.imul(c, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    this.b = Math.imul(this.b ^ c, 0x9e3779b1);
  }

  str(s: string): void {
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
  }

  /** `s` with every whitespace character skipped. */
  strNoSpace(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!isSpace(c)) this.unit(c);
    }
  }

  digest(): Hash64 {
    let a = this.a;
    let b = this.b;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    b = Math.imul(b ^ (b >>> 16), 2246822507);
    b ^= Math.imul(a ^ (a >>> 13), 3266489909);
    b = Math.imul(b ^ (b >>> 16), 0x27d4eb2f);
    b ^= b >>> 15;
    return [a >>> 0, b >>> 0];
  }

  copy(): Hasher {
    const h = new Hasher();
    h.a = this.a;
    h.b = this.b;
    return h;
  }
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** 16 hex digits. */
export function hashHex(h: Hash64): string {
  return h[0].toString(16).padStart(8, '0') + h[1].toString(16).padStart(8, '0');
}

/** Compact Map key: the 64 bits as four UTF-16 units (not printable; internal use only). */
function hashKey(h: Hash64): string {
  return String.fromCharCode(h[0] >>> 16, h[0] & 0xffff, h[1] >>> 16, h[1] & 0xffff);
}

/** A stable 64-bit hash of a string, as 16 hex digits. */
export function hashString(s: string, seed = 0): string {
  const h = new Hasher(seed);
  h.str(s);
  return hashHex(h.digest());
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` agree. Never throws. */
export function canonicalJson(v: unknown, depth = 0): string {
  if (depth > MAX_JSON_DEPTH) return '"…"';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(v);
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonicalJson(v[i], depth + 1);
        return out + ']';
      }
      const keys = Object.keys(v).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(x, depth + 1);
        first = false;
      }
      return out + '}';
    }
    default:
      return 'null';
  }
}

type Side = 'u' | 'a';

/** One turn block: consecutive messages of one side, hashed as separate streams. */
class Block {
  text = new Hasher(1);
  tools = new Hasher(2);
  images = 0;
  constructor(readonly side: Side) {}

  add(parts: unknown): void {
    if (!Array.isArray(parts)) return;
    for (const p of parts as unknown[]) this.part(p);
  }

  private part(p: unknown): void {
    if (typeof p !== 'object' || p === null) return;
    const part = p as Partial<ContentPart> & Record<string, unknown>;
    switch (part.type) {
      case 'text':
      case 'refusal':
        if (typeof part['text'] === 'string') this.text.strNoSpace(part['text']);
        return;
      case 'tool_call': {
        this.tools.unit(TOOL_CALL);
        this.tools.str(typeof part['name'] === 'string' ? part['name'] : '');
        this.tools.unit(SEP);
        const parsed = part['parsed'];
        const args = part['arguments'];
        this.tools.strNoSpace(parsed !== null && parsed !== undefined ? canonicalJson(parsed) : typeof args === 'string' ? args : '');
        return;
      }
      case 'tool_result':
        this.tools.unit(TOOL_RESULT);
        this.tools.str(typeof part['toolCallId'] === 'string' ? part['toolCallId'] : '');
        this.tools.unit(SEP);
        this.tools.str(typeof part['name'] === 'string' ? part['name'] : '');
        return;
      case 'image':
        this.images++;
        return;
      default:
        return; // thinking and anything unknown
    }
  }

  digest(): Hash64 {
    const h = new Hasher(this.side === 'a' ? 0x61 : 0x75);
    const t = this.text.digest();
    const k = this.tools.digest();
    h.unit(t[0]);
    h.unit(t[1]);
    h.unit(k[0]);
    h.unit(k[1]);
    h.unit(this.images);
    return h.digest();
  }

  clone(): Block {
    const b = new Block(this.side);
    b.text = this.text.copy();
    b.tools = this.tools.copy();
    b.images = this.images;
    return b;
  }
}

function link(chain: Hash64, d: Hash64): Hash64 {
  const h = new Hasher(0x6c);
  h.unit(chain[0]);
  h.unit(chain[1]);
  h.unit(d[0]);
  h.unit(d[1]);
  return h.digest();
}

export interface Fingerprint {
  /** keys of the request history's prefixes that contain an assistant turn, longest first (candidates to continue) */
  candidates: string[];
  /** the whole request history, when it contains an assistant turn (a retry, or a reply the client altered) */
  historyKey: string | null;
  /** request history + the assistant's reply: where the next call of this conversation is expected to continue */
  continuationKey: string | null;
  /** turn blocks in the request history (after normalisation) */
  blocks: number;
}

/**
 * Fingerprints one call. `namespace` (e.g. the end-user id) seeds the chain, so histories under different namespaces
 * never share a key. Cost is linear in the size of the messages; never throws on malformed input.
 */
export function fingerprint(messages: readonly LlmMessage[] | null | undefined, reply: LlmMessage | null | undefined, namespace: string): Fingerprint {
  const seed = new Hasher(0x6e);
  seed.str(namespace);
  let chain: Hash64 = seed.digest();
  let beforeCur = chain;
  let cur: Block | null = null;
  const keys: string[] = [];
  let firstAssistant = -1; // index in keys of the first block that is (or follows) an assistant block
  let baseOfLast = chain; // chain value before the most recently closed block

  const close = (): void => {
    if (cur === null) return;
    baseOfLast = beforeCur;
    chain = link(beforeCur, cur.digest());
    if (cur.side === 'a' && firstAssistant < 0) firstAssistant = keys.length;
    keys.push(hashKey(chain));
    beforeCur = chain;
  };

  if (Array.isArray(messages)) {
    for (const m of messages as unknown[]) {
      if (typeof m !== 'object' || m === null) continue;
      const role = (m as { role?: unknown }).role;
      if (role === 'system' || role === 'developer') continue;
      const side: Side = role === 'assistant' ? 'a' : 'u';
      if (cur === null || cur.side !== side) {
        close();
        cur = new Block(side);
      }
      cur.add((m as { parts?: unknown }).parts);
    }
  }
  // the open last block: its key is the full history; keep the block itself in case the reply extends it
  const last: Block | null = cur;
  close();

  let continuationKey: string | null = null;
  if (typeof reply === 'object' && reply !== null) {
    let block: Block;
    let base: Hash64;
    if (last !== null && last.side === 'a') {
      block = last.clone(); // prefill: the reply continues the assistant turn the request ended with
      base = baseOfLast;
    } else {
      block = new Block('a');
      base = chain;
    }
    block.add((reply as { parts?: unknown }).parts);
    continuationKey = hashKey(link(base, block.digest()));
  }

  const candidates: string[] = [];
  if (firstAssistant >= 0) for (let i = keys.length - 1; i >= firstAssistant; i--) candidates.push(keys[i]!);
  return {
    candidates,
    historyKey: firstAssistant >= 0 ? keys[keys.length - 1]! : null,
    continuationKey,
    blocks: keys.length,
  };
}
