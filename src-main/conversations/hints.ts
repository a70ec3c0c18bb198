import type { HeaderPairs } from '../contract/exchange.js';
import type { LlmRequest } from '../contract/llm.js';
import { hashString } from './message-fingerprint.js';

/**
 * Grouping hints and tags read from request headers and the parsed request. Header names compare case-insensitively;
 * the first non-empty value wins. Nothing here throws on malformed input (headers that are not string pairs are
 * skipped).
 */

export const SESSION_HEADER = 'x-llm-inspector-session';
export const TAG_HEADER = 'x-llm-inspector-tag';
export const HELICONE_SESSION_HEADER = 'helicone-session-id';
export const HELICONE_USER_HEADER = 'helicone-user-id';
export const HELICONE_PROPERTY_PREFIX = 'helicone-property-';
/** metadata keys that identify rather than label (already used for grouping): never part of a tag */
const IDENTITY_METADATA = new Set(['user_id', 'userid', 'session_id', 'sessionid']);

/** First non-empty (trimmed) value of header `name` (lower case). */
export function headerValue(headers: HeaderPairs | null | undefined, name: string): string | null {
  if (!Array.isArray(headers)) return null;
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
    if (pair[0].toLowerCase() !== name) continue;
    const v = pair[1].trim();
    if (v) return v;
  }
  return null;
}

function hintsOf(request: LlmRequest | null | undefined): Partial<LlmRequest['hints']> | null {
  const h = typeof request === 'object' && request !== null ? (request as { hints?: unknown }).hints : null;
  return typeof h === 'object' && h !== null ? (h as Partial<LlmRequest['hints']>) : null;
}

function nonEmpty(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t : null;
}

/**
 * An explicit conversation id: our `X-LLM-Inspector-Session` header, Helicone's `Helicone-Session-Id`, then the
 * request's own `hints.sessionId` (OpenAI `conversation`, `session_id`, `metadata.session_id`, …).
 */
export function explicitSessionId(headers: HeaderPairs | null | undefined, request: LlmRequest | null | undefined): string | null {
  return (
    headerValue(headers, SESSION_HEADER) ??
    headerValue(headers, HELICONE_SESSION_HEADER) ??
    nonEmpty(hintsOf(request)?.sessionId)
  );
}

/** `s:` + 16 hex digits of a stable hash of the session id (ids can be long, or carry personal data). */
export function sessionConversationId(sessionId: string): string {
  return 's:' + hashString(sessionId, 0x5e55);
}

/**
 * The end user a call is made for: `hints.user` (OpenAI `user` / `safety_identifier`, Anthropic `metadata.user_id`),
 * else `Helicone-User-Id`. A user id names a person (or an account, or a whole app install), not a conversation: one
 * user runs many chats, so it is never used as a conversation id. It only namespaces history matching, so two users'
 * identical histories never merge.
 */
export function userNamespace(headers: HeaderPairs | null | undefined, request: LlmRequest | null | undefined): string | null {
  return nonEmpty(hintsOf(request)?.user) ?? headerValue(headers, HELICONE_USER_HEADER);
}

/** The previous response a Responses-style request continues (`previous_response_id`). */
export function previousResponseId(request: LlmRequest | null | undefined): string | null {
  return nonEmpty(hintsOf(request)?.previousResponseId);
}

function joinPairs(pairs: Array<[string, string]>): string | null {
  if (pairs.length === 0) return null;
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join(',');
}

/**
 * The exchange's tag: `X-LLM-Inspector-Tag`, else every `Helicone-Property-<name>` header as `name=value` (names in
 * lower case, first value of a repeated name, sorted, joined with `,`), else the request's metadata (OpenAI
 * `metadata`, e.g. `agent_id=…`) the same way, leaving out `user_id` / `session_id` (identities, not labels: Anthropic
 * `metadata` carries nothing else, and Claude Code's is a long per-install string); null when there is none.
 */
export function tagOf(headers: HeaderPairs | null | undefined, request: LlmRequest | null | undefined): string | null {
  const own = headerValue(headers, TAG_HEADER);
  if (own !== null) return own;
  if (Array.isArray(headers)) {
    const seen = new Map<string, string>();
    for (const pair of headers as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
      const lower = pair[0].toLowerCase();
      if (!lower.startsWith(HELICONE_PROPERTY_PREFIX)) continue;
      const name = lower.slice(HELICONE_PROPERTY_PREFIX.length).trim();
      if (name && !seen.has(name)) seen.set(name, pair[1].trim());
    }
    const props = joinPairs([...seen]);
    if (props !== null) return props;
  }
  const meta = hintsOf(request)?.metadata;
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) {
    const pairs: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(meta)) {
      if (!k || IDENTITY_METADATA.has(k.toLowerCase())) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') pairs.push([k, String(v)]);
    }
    return joinPairs(pairs);
  }
  return null;
}
