// Last-resort usage extraction for bodies no provider module understood (seed 000's "fallback regex extraction"):
// look for well-known usage keys anywhere in the text — JSON, SSE, NDJSON, or `key=value` log lines — and keep the LAST
// value of each (streams repeat cumulative usage; the final one wins).
//
// Bounded work: only the first HEAD_CHARS and the last TAIL_CHARS characters are scanned (the whole text when it is
// shorter than both together). Usage sits at the end of bodies and streams (OpenAI final chunk, Responses
// `response.completed`, Gemini's last chunk, Ollama `done`, Anthropic `message_delta`); the head catches Anthropic's
// `message_start`, which carries the input side. A key/value pair straddling a cut is lost. The pattern has no nested
// quantifiers (linear time), so 10 MB of junk costs a slice and a scan of ~320 KB.
import type { Usage } from '../contract/exchange.js';

export const HEAD_CHARS = 64 * 1024;
export const TAIL_CHARS = 256 * 1024;

type Field = 'input' | 'output' | 'total' | 'cacheRead' | 'cacheWrite' | 'reasoning' | 'toolUsePrompt';

/** key → what it measures. Keys are matched case-sensitively, as whole identifiers. */
const KEYS: Record<string, Field> = {
  prompt_tokens: 'input',
  input_tokens: 'input',
  promptTokenCount: 'input',
  prompt_eval_count: 'input',
  inputTokens: 'input',
  completion_tokens: 'output',
  output_tokens: 'output',
  candidatesTokenCount: 'output',
  eval_count: 'output',
  outputTokens: 'output',
  total_tokens: 'total',
  totalTokenCount: 'total',
  totalTokens: 'total',
  cached_tokens: 'cacheRead',
  cache_read_input_tokens: 'cacheRead',
  cachedContentTokenCount: 'cacheRead',
  cacheReadInputTokens: 'cacheRead',
  prompt_cache_hit_tokens: 'cacheRead',
  cache_creation_input_tokens: 'cacheWrite',
  cacheWriteInputTokens: 'cacheWrite',
  cache_write_tokens: 'cacheWrite',
  reasoning_tokens: 'reasoning',
  thinking_tokens: 'reasoning',
  thoughtsTokenCount: 'reasoning',
  toolUsePromptTokenCount: 'toolUsePrompt',
};

/** Cache keys whose provider (Anthropic, Bedrock) reports cached tokens OUTSIDE its input count. */
const CACHE_OUTSIDE_INPUT = new Set(['cache_read_input_tokens', 'cache_creation_input_tokens', 'cacheReadInputTokens', 'cacheWriteInputTokens']);

// `key` (optionally quoted) then `:` or `=` then an integer. The look-behind makes `output_tokens` not match inside
// `max_output_tokens` and `eval_count` not inside `prompt_eval_count`; the look-ahead rejects decimals and longer names.
const KEY_ALT = Object.keys(KEYS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PATTERN = new RegExp(`(?<![A-Za-z0-9_])["']?(${KEY_ALT})["']?\\s*[:=]\\s*(\\d{1,15})(?![\\d.])`, 'g');

interface Hit {
  key: string;
  value: number;
}

function scan(text: string, last: Map<Field, Hit>): void {
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const key = m[1]!;
    const field = KEYS[key];
    const value = Number(m[2]);
    if (field && Number.isSafeInteger(value)) last.set(field, { key, value });
  }
}

/**
 * Usage numbers found by pattern in any text, normalised like the provider modules do (input includes cache
 * reads/writes for Anthropic/Bedrock key names and Gemini's tool-use prompt; output includes Gemini thoughts, or
 * reasoning whenever input + output + reasoning is exactly the reported total, as with xAI). `source: 'regex'`;
 * null when no input, output or total key was found. Never throws.
 */
export function extractUsageByRegex(text: string): Usage | null {
  try {
    if (typeof text !== 'string' || text.length === 0) return null;
    const last = new Map<Field, Hit>();
    if (text.length <= HEAD_CHARS + TAIL_CHARS) {
      scan(text, last);
    } else {
      scan(text.slice(0, HEAD_CHARS), last);
      scan(text.slice(text.length - TAIL_CHARS), last);
    }
    const input = last.get('input');
    const output = last.get('output');
    const total = last.get('total');
    if (!input && !output && !total) return null;
    const cacheRead = last.get('cacheRead');
    const cacheWrite = last.get('cacheWrite');
    const reasoning = last.get('reasoning');
    const toolUse = last.get('toolUsePrompt');

    let inputTokens = input ? input.value : null;
    if (inputTokens !== null) {
      if (cacheRead && CACHE_OUTSIDE_INPUT.has(cacheRead.key)) inputTokens += cacheRead.value;
      if (cacheWrite && CACHE_OUTSIDE_INPUT.has(cacheWrite.key)) inputTokens += cacheWrite.value;
      if (toolUse && input?.key === 'promptTokenCount') inputTokens += toolUse.value;
    }
    let outputTokens = output ? output.value : null;
    if (reasoning) {
      if (reasoning.key === 'thoughtsTokenCount') {
        // Gemini: candidatesTokenCount excludes thoughts (and is absent when the reply was thoughts only)
        outputTokens = (outputTokens ?? 0) + reasoning.value;
      } else if (outputTokens !== null && inputTokens !== null && total && inputTokens + outputTokens < total.value) {
        if (inputTokens + outputTokens + reasoning.value === total.value) outputTokens += reasoning.value;
      }
    }
    let totalTokens = total ? total.value : null;
    if (totalTokens === null && inputTokens !== null && outputTokens !== null) totalTokens = inputTokens + outputTokens;
    return {
      inputTokens,
      outputTokens,
      cacheReadTokens: cacheRead ? cacheRead.value : null,
      cacheWriteTokens: cacheWrite ? cacheWrite.value : null,
      reasoningTokens: reasoning ? reasoning.value : null,
      totalTokens,
      source: 'regex',
    };
  } catch {
    return null;
  }
}
