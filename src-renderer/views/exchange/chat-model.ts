import type { ContentPart, LlmMessage } from '../../../src-main/contract/index.js';

export type ToolCallPart = Extract<ContentPart, { type: 'tool_call' }>;
export type ToolResultPart = Extract<ContentPart, { type: 'tool_result' }>;

export interface ToolLinks {
  /** the call each result answers, by call id */
  callOf: Map<string, ToolCallPart>;
  /** ids of calls a later message answered */
  answered: Set<string>;
}

/**
 * Pairs tool results with the calls they answer, by id. A result without an id (some formats carry only the name) is
 * paired with the latest unanswered call of that name.
 */
export function linkToolCalls(messages: LlmMessage[], reply: LlmMessage | null): { links: ToolLinks; resultCall: Map<ToolResultPart, ToolCallPart> } {
  const callOf = new Map<string, ToolCallPart>();
  const answered = new Set<string>();
  const resultCall = new Map<ToolResultPart, ToolCallPart>();
  const open: ToolCallPart[] = [];
  for (const m of reply ? [...messages, reply] : messages) {
    for (const p of m.parts) {
      if (p.type === 'tool_call') {
        if (p.id !== null) callOf.set(p.id, p);
        open.push(p);
      } else if (p.type === 'tool_result') {
        let call = p.toolCallId !== null ? callOf.get(p.toolCallId) : undefined;
        if (!call && p.name !== null) call = [...open].reverse().find((c) => c.name === p.name && !(c.id !== null && answered.has(c.id)));
        if (call) {
          resultCall.set(p, call);
          if (call.id !== null) answered.add(call.id);
          open.splice(open.indexOf(call), 1);
        }
      }
    }
  }
  return { links: { callOf, answered }, resultCall };
}

/** Long instructions are folded so the turns stay in view; everything else is shown whole. */
export const FOLD_SYSTEM_CHARS = 800;

export function textLength(m: LlmMessage): number {
  return m.parts.reduce((n, p) => n + (p.type === 'text' || p.type === 'thinking' || p.type === 'refusal' ? p.text.length : p.type === 'tool_result' ? p.content.length : 0), 0);
}
