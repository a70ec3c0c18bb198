import type { ContentPart, LlmMessage, LlmRequest, ToolDef } from '../contract/index.js';

/**
 * The exporter's own message model: one shape every provider's normalised messages are turned into and every target
 * is rendered from. It is flatter than `LlmMessage` on purpose: tool results are their own turns (Anthropic, Bedrock
 * and Gemini put them inside user turns), every tool call has an id (Gemini and Ollama send none) and arguments are
 * both the JSON text (OpenAI wants a string) and the parsed object (Gemini, TRL, ShareGPT want an object).
 */

export interface ExText {
  type: 'text';
  text: string;
}
export interface ExImage {
  type: 'image';
  /** http(s), data: or gs:// URL */
  url: string;
  mediaType: string | null;
}
export type ExUserPart = ExText | ExImage;

export interface ExToolCall {
  id: string;
  name: string;
  /** the arguments as JSON text */
  arguments: string;
  /** the parsed arguments; null when `arguments` is not a JSON object (cut short by max tokens) */
  args: Record<string, unknown> | null;
}

export type ExMessage =
  | { role: 'system'; text: string }
  | { role: 'user'; parts: ExUserPart[] }
  | { role: 'assistant'; text: string; thinking: string[]; toolCalls: ExToolCall[]; weight: 0 | 1 | null }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError: boolean };

export type ExRole = ExMessage['role'];

export interface ExTool {
  name: string;
  description: string | null;
  parameters: unknown;
}

export interface Example {
  messages: ExMessage[];
  tools: ExTool[];
  /** the request's own `parallel_tool_calls`, when it set one */
  parallelToolCalls: boolean | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseArgs(text: string, parsed: unknown): Record<string, unknown> | null {
  if (isRecord(parsed)) return parsed;
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : null;
  } catch {
    return null;
  }
}

const textOf = (parts: readonly ContentPart[], kinds: readonly string[] = ['text']): string =>
  parts
    .filter((p): p is Extract<ContentPart, { text: string }> => kinds.includes(p.type) && 'text' in p)
    .map((p) => p.text)
    .join('\n\n');

/**
 * Builds an example from a call's messages and its reply. Tool-call ids the provider did not send are made up as
 * `call_<n>` (stable within the example) and tool results without an id are matched to the oldest unanswered call
 * of the same name, else the oldest unanswered call.
 */
export function exampleFromMessages(messages: readonly LlmMessage[], tools: readonly ToolDef[], parallel: unknown): Example {
  const out: ExMessage[] = [];
  let synthesized = 0;
  const pending: { id: string; name: string }[] = [];
  const callId = (given: string | null): string => given ?? `call_${++synthesized}`;
  const answer = (given: string | null, name: string | null): { id: string; name: string } => {
    let i = given === null ? pending.findIndex((c) => c.name === name) : pending.findIndex((c) => c.id === given);
    if (i === -1 && given === null && pending.length > 0) i = 0;
    const hit = i === -1 ? null : pending.splice(i, 1)[0];
    return { id: given ?? hit?.id ?? callId(null), name: name ?? hit?.name ?? '' };
  };
  const toolTurns = (parts: readonly ContentPart[]): void => {
    for (const p of parts) {
      if (p.type !== 'tool_result') continue;
      const { id, name } = answer(p.toolCallId, p.name);
      out.push({ role: 'tool', toolCallId: id, name, content: p.content, isError: p.isError });
    }
  };
  for (const m of messages) {
    switch (m.role) {
      case 'system':
      case 'developer': {
        const text = textOf(m.parts);
        if (text !== '') out.push({ role: 'system', text });
        break;
      }
      case 'tool':
        toolTurns(m.parts);
        break;
      case 'user': {
        // tool results ride in user turns for Anthropic, Bedrock and Gemini: they answer the previous assistant turn,
        // so they come first, then whatever the user said beside them
        toolTurns(m.parts);
        const parts: ExUserPart[] = [];
        for (const p of m.parts) {
          if (p.type === 'text' && p.text !== '') parts.push({ type: 'text', text: p.text });
          else if (p.type === 'image' && p.url !== null) parts.push({ type: 'image', url: p.url, mediaType: p.mediaType });
        }
        if (parts.length > 0) out.push({ role: 'user', parts });
        break;
      }
      case 'assistant': {
        const toolCalls: ExToolCall[] = [];
        for (const p of m.parts) {
          if (p.type !== 'tool_call') continue;
          const id = callId(p.id);
          pending.push({ id, name: p.name });
          toolCalls.push({ id, name: p.name, arguments: p.arguments, args: parseArgs(p.arguments, p.parsed) });
        }
        const thinking = m.parts
          .filter((p): p is Extract<ContentPart, { type: 'thinking' }> => p.type === 'thinking' && !p.redacted && p.text !== '')
          .map((p) => p.text);
        out.push({ role: 'assistant', text: textOf(m.parts, ['text', 'refusal']), thinking, toolCalls, weight: null });
        break;
      }
    }
  }
  return {
    messages: out,
    tools: tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })),
    parallelToolCalls: typeof parallel === 'boolean' ? parallel : null,
  };
}

/** The full transcript of one call: its request messages plus the reply. */
export function exampleFromCall(request: LlmRequest, reply: LlmMessage): Example {
  return exampleFromMessages([...request.messages, reply], request.tools, request.parameters['parallel_tool_calls']);
}

/** Text of a user turn (targets that take a plain string). */
export function userText(parts: readonly ExUserPart[]): string {
  return parts
    .filter((p): p is ExText => p.type === 'text')
    .map((p) => p.text)
    .join('\n\n');
}

/** Whether any assistant turn makes more than one call (OpenAI's `parallel_tool_calls` default when none was sent). */
export function hasParallelCalls(messages: readonly ExMessage[]): boolean {
  return messages.some((m) => m.role === 'assistant' && m.toolCalls.length > 1);
}

/** A deep copy (the fix pass edits in place). */
export function cloneExample(e: Example): Example {
  return structuredClone(e);
}
